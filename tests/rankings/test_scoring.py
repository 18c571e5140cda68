"""Scoring: explainable parts in 0-1, aliases, recency and the requirement-coverage matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

from jobwise.models import ProfileEntry
from jobwise.models.ranking_data import RankingData
from jobwise.rankings import scoring
from jobwise.rankings.scoring import ItemInput, JobInput, KeywordMatcher, ProfileInput
from jobwise.rankings.service import entry_input
from tests.rankings.crafted import ABSENT, EXPERIENCES, JOB, K8S, OBVIOUS, POSTGRES, PROJECTS

TODAY = date(2025, 6, 1)


def crafted_inputs() -> tuple[JobInput, ProfileInput]:
    items = [
        ItemInput(
            id=f"e{position}",
            kind="experience",
            title=experience["title"],
            organization=experience["company"],
            start_date=experience["start_date"],
            end_date=experience.get("end_date"),
            is_current=experience.get("is_current", False),
            bullets=tuple(experience["bullets"]),
            technologies=tuple(experience["technologies"]),
        )
        for position, experience in enumerate(EXPERIENCES)
    ]
    items += [
        ItemInput(
            id=f"p{position}",
            kind="project",
            title=project["name"],
            organization=None,
            start_date=project.get("start_date"),
            end_date=None,
            is_current=False,
            bullets=tuple(project["bullets"]),
            technologies=tuple(project.get("technologies", ())),
        )
        for position, project in enumerate(PROJECTS)
    ]
    job = JobInput(
        title=JOB["title"], requirements=tuple(JOB["requirements"]), keywords=tuple(JOB["keywords"])
    )
    return job, ProfileInput(items=tuple(items), skills=("Docker", "Python", "Rustic pottery"))


def all_scores(ranking: RankingData) -> list[tuple[float, dict[str, float]]]:
    out: list[tuple[float, dict[str, float]]] = []
    for items in (ranking["experiences"], ranking["projects"]):
        for item in items:
            out.append((item["score"], item["parts"]))
            out += [(bullet["score"], bullet["parts"]) for bullet in item["bullets"]]
    out += [(skill["score"], skill["parts"]) for skill in ranking["skills"]]
    return out


def test_the_obviously_relevant_bullet_ranks_first_and_the_absent_requirement_is_missing() -> None:
    ranking = scoring.rank(*crafted_inputs(), today=TODAY)

    assert ranking["experiences"][0]["organization"] == "Acme Payments"
    assert ranking["experiences"][0]["bullets"][0]["text"] == OBVIOUS
    assert scoring.top_bullets(ranking, 1)[0].bullet["text"] == OBVIOUS

    by_requirement = {row["requirement"]: row for row in ranking["requirements"]}
    assert by_requirement[JOB["requirements"][0]]["status"] == "evidenced"
    assert by_requirement[JOB["requirements"][0]]["evidence"][0]["text"] == OBVIOUS
    assert by_requirement[JOB["requirements"][1]]["evidence"][0]["text"] == POSTGRES
    assert by_requirement[ABSENT]["status"] == "missing"
    assert by_requirement[ABSENT]["evidence"] == []

    keywords = {row["keyword"]: row["status"] for row in ranking["keywords"]}
    assert keywords["Rust"] == "missing"
    assert ranking["keyword_coverage"]["missing"] == ["Rust"]
    assert ranking["keyword_coverage"]["share"] == round(5 / 6, 4)


def test_evidence_names_item_bullet_text_and_score() -> None:
    ranking = scoring.rank(*crafted_inputs(), today=TODAY)
    evidence = ranking["requirements"][0]["evidence"][0]
    assert evidence == {
        "item_id": "e1",
        "kind": "experience",
        "source": "Backend Engineer at Acme Payments",
        "bullet_index": 1,
        "text": OBVIOUS,
        "score": evidence["score"],
    }
    assert 0 < evidence["score"] <= 1


def test_an_alias_is_evidence_for_its_keyword() -> None:
    ranking = scoring.rank(*crafted_inputs(), today=TODAY)
    kubernetes = next(row for row in ranking["keywords"] if row["keyword"] == "Kubernetes")
    assert kubernetes["status"] == "evidenced"
    assert kubernetes["evidence"][0]["text"] == K8S
    k8s_requirement = ranking["requirements"][2]
    assert k8s_requirement["status"] == "evidenced"
    assert k8s_requirement["keywords"] == ["Kubernetes", "CI/CD"]


def test_every_score_is_in_0_to_1_with_parts_that_explain_it() -> None:
    ranking = scoring.rank(*crafted_inputs(), today=TODAY)
    for score, parts in all_scores(ranking):
        assert 0 <= score <= 1
        assert parts and all(0 <= value <= 1 for value in parts.values())
    bullet = ranking["experiences"][0]["bullets"][0]
    weights = ranking["weights"]
    expected = sum(bullet["parts"][name] * weights[name] for name in ("lexical", "skills", "recency"))
    assert abs(bullet["score"] - expected) < 1e-3
    assert bullet["matched_keywords"] == ["Python", "FastAPI", "PostgreSQL"]


def test_a_skill_only_listed_is_partial_and_listed_skills_the_job_wants_come_first() -> None:
    job = JobInput(title="Engineer", requirements=("Docker in production",), keywords=("Docker",))
    profile = ProfileInput(
        items=(ItemInput("e", "experience", "Engineer", "Co", "2020", None, True, ("Wrote Go services.",)),),
        skills=("Go", "Docker"),
    )
    ranking = scoring.rank(job, profile, today=TODAY)
    assert ranking["keywords"][0]["status"] == "partial"
    assert ranking["requirements"][0]["status"] == "partial"
    assert [skill["name"] for skill in ranking["skills"]] == ["Docker", "Go"]
    assert ranking["keyword_coverage"]["share"] == 0
    assert ranking["keyword_coverage"]["share_with_partial"] == 1


def test_recency_prefers_the_current_role_and_halves_every_five_years() -> None:
    def item(**dates: Any) -> ItemInput:
        return ItemInput(
            "x", "experience", "T", "O", dates.get("start"), dates.get("end"), dates.get("current", False), ()
        )

    assert scoring.recency(item(start="2010", current=True), TODAY) == 1.0
    assert abs(scoring.recency(item(start="2015-01", end="2020-06"), TODAY) - 0.5) < 0.01
    assert scoring.recency(item(), TODAY) == scoring.UNDATED_RECENCY


def test_an_empty_profile_or_job_ranks_without_errors() -> None:
    empty = scoring.rank(JobInput("Engineer", (), ()), ProfileInput(items=()), today=TODAY)
    assert empty["experiences"] == [] and empty["keyword_coverage"]["share"] is None
    job, profile = crafted_inputs()
    no_requirements = scoring.rank(JobInput(job.title, (), job.keywords, "Python APIs"), profile, today=TODAY)
    assert no_requirements["requirements"] == []
    assert no_requirements["experiences"][0]["bullets"][0]["text"] == OBVIOUS


def test_llm_judgement_is_one_more_part_and_can_reorder() -> None:
    ranking = scoring.rank(*crafted_inputs(), today=TODAY)
    acme = ranking["experiences"][0]
    weakest = acme["bullets"][-1]
    judged = scoring.apply_llm_scores(ranking, {("e1", weakest["index"]): 1.0, ("e1", 1): 0.0})
    assert judged["llm_reranked"] is True
    rows = {bullet["index"]: bullet for bullet in judged["experiences"][0]["bullets"]}
    assert rows[weakest["index"]]["parts"]["llm"] == 1.0
    assert rows[1]["parts"]["llm"] == 0.0
    assert rows[1]["score"] == round(0.7 * rows[1]["deterministic_score"], 4)


def test_keyword_matching_respects_symbols_and_word_boundaries() -> None:
    matcher = KeywordMatcher(["C++", "C#", ".NET", "Go", "SQL", "Terraform Cloud"])
    assert matcher.find("Wrote C++ and C# services on .NET") == {"C++", "C#", ".NET"}
    assert matcher.find("We go to the SQLite meetup") == set()
    assert matcher.find("Moved state to terraform  cloud") == {"Terraform Cloud"}


def test_text_coverage_counts_the_keywords_a_document_names() -> None:
    coverage = scoring.text_coverage(["Python", "Kubernetes", "Rust"], "Python services on k8s")
    assert coverage["present"] == ["Python", "Kubernetes"]
    assert coverage["absent"] == ["Rust"]
    assert coverage["share"] == round(2 / 3, 4)


def test_a_certificate_volunteering_and_a_roles_summary_can_evidence_a_requirement() -> None:
    job = JobInput(
        title="Data Analyst",
        requirements=("Experience building Tableau dashboards", "A data analytics certification"),
        keywords=("Tableau", "SQL"),
    )
    role = ItemInput(
        id="role",
        kind="experience",
        title="Teacher",
        organization="School",
        start_date="2019",
        end_date=None,
        is_current=True,
        bullets=("Taught maths to 120 students",),
        summary="Ran the school's SQL gradebook reports",
    )
    certificate = entry_input(
        ProfileEntry(id="cert", section="certificates", data={"name": "Google Data Analytics Certification"})
    )
    volunteering = entry_input(
        ProfileEntry(
            id="vol",
            section="volunteer",
            data={
                "organization": "DataKind",
                "startDate": "2022",
                "highlights": ["Built Tableau dashboards"],
            },
        )
    )
    languages = entry_input(ProfileEntry(id="lang", section="languages", data={"language": "Spanish"}))
    assert certificate is not None and volunteering is not None and languages is None
    ranking = scoring.rank(job, ProfileInput(items=(role, certificate, volunteering)), today=date(2026, 1, 1))
    dashboards, certification = ranking["requirements"]
    assert dashboards["status"] == "evidenced" and dashboards["evidence"][0]["item_id"] == "vol"
    assert certification["evidence"][0]["item_id"] == "cert"
    assert {row["id"] for row in ranking.get("entries", [])} == {"cert", "vol"}
    # The summary is evidence for SQL, but no bullet row a document would show.
    sql = next(row for row in ranking["keywords"] if row["keyword"] == "SQL")
    assert (
        sql["evidence"][0]["item_id"] == "role"
        and sql["evidence"][0]["bullet_index"] == scoring.SUMMARY_INDEX
    )
    assert [bullet["index"] for bullet in ranking["experiences"][0]["bullets"]] == [0]
