"""Resume compilation: relevance decides what is shown; facts, dates and role order never change;
content is left out (never shrunk) to fit the page."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from pypdf import PdfReader

from jobwise.generations.resume import REFILL_TRIES, ResumeOptions, compile_resume, paper_for
from jobwise.models import Education, Experience, Job, Profile, ProfileEntry, Project
from jobwise.models.ranking_data import RankingData
from jobwise.rankings import scoring
from jobwise.rankings.service import job_input, profile_input
from jobwise.rendering import count_pages, render
from jobwise.rendering.model import ResumeDocument, format_date_range
from tests.rankings.crafted import EDUCATION, EXPERIENCES, JOB, OBVIOUS, PROFILE, PROJECTS, large_experiences

TODAY = date(2025, 6, 1)


def orm_profile(
    experiences: list[dict[str, Any]] = EXPERIENCES, projects: list[dict[str, Any]] = PROJECTS
) -> Profile:
    """The profile as ORM rows, without a database (ids given, as a flush would)."""
    profile = Profile(
        id="profile",
        personal_info=PROFILE["personal_info"],
        professional_summary=PROFILE["professional_summary"],
        skills=[{"name": name} for name in PROFILE["skills"]],
        use_enhanced_summary=False,
    )
    profile.experiences = [
        Experience(
            id=f"e{position}",
            title=item["title"],
            company=item["company"],
            location=item.get("location"),
            start_date=item["start_date"],
            end_date=item.get("end_date"),
            is_current=item.get("is_current", False),
            description="\n".join(item["bullets"]),
            technologies=item.get("technologies"),
            use_enhanced=False,
        )
        for position, item in enumerate(experiences)
    ]
    profile.projects = [
        Project(
            id=f"p{position}",
            name=item["name"],
            description="\n".join(item["bullets"]),
            technologies=item.get("technologies"),
            start_date=item.get("start_date"),
            use_enhanced=False,
        )
        for position, item in enumerate(projects)
    ]
    profile.education = [Education(id=f"ed{position}", **item) for position, item in enumerate(EDUCATION)]
    return profile


def ranked(profile: Profile) -> RankingData:
    job = Job(
        title=JOB["title"],
        company=JOB["company"],
        requirements=JOB["requirements"],
        parsed_keywords=JOB["keywords"],
    )
    return scoring.rank(job_input(job), profile_input(profile), today=TODAY)


def pdf_text(document: ResumeDocument) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(render(document, "pdf")))
    return len(reader.pages), "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_bullets_follow_relevance_and_roles_stay_newest_first() -> None:
    profile = orm_profile()
    compiled = compile_resume(profile, ranked(profile), ResumeOptions())
    document = compiled.document
    assert [entry.organization for entry in document.experiences] == ["Acme Payments", "ShopCo"]
    assert document.experiences[0].bullets[0] == OBVIOUS
    assert document.experiences[0].period == "Jul 2019 – Present"
    assert document.contact.location == "Warsaw, PL"  # never the street address
    assert compiled.fits and compiled.pages == 1 and compiled.renders == 1
    assert compiled.left_out == {"items": [], "bullets": 0, "projects_excluded_by_option": False}


def test_no_text_is_changed_only_chosen() -> None:
    profile = orm_profile()
    document = compile_resume(profile, ranked(profile), ResumeOptions()).document
    given = {bullet for item in [*EXPERIENCES, *PROJECTS] for bullet in item["bullets"]}
    shown = {bullet for entry in (*document.experiences, *document.projects) for bullet in entry.bullets}
    assert shown == given
    assert document.summary == PROFILE["professional_summary"]


def test_a_large_profile_fits_one_page_by_leaving_out_the_least_relevant() -> None:
    experiences = large_experiences()
    profile = orm_profile(experiences=experiences)
    full_pages = pdf_text(compile_resume(profile, ranked(profile), ResumeOptions(max_pages=5)).document)[0]
    assert full_pages >= 3

    compiled = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=1))
    pages, text = pdf_text(compiled.document)
    assert pages == compiled.pages == 1
    assert compiled.fits and compiled.left_out["bullets"] > 0
    # A binary search, then a few tries to take back what fits: not one render per bullet.
    assert compiled.renders <= 12 + REFILL_TRIES
    # The relevant bullet of every role shown survives; chronological order is kept.
    shown = compiled.document.experiences
    assert [e.start_date for e in shown] == sorted((e.start_date or "" for e in shown), reverse=True)
    for entry in shown:
        assert entry.bullets, entry.heading
        if any(
            "FastAPI" in bullet
            for bullet in next(x for x in experiences if x["company"] == entry.organization)["bullets"]
        ):
            assert "FastAPI" in entry.bullets[0]
        for phrase in (entry.title, entry.organization or "", entry.period):
            assert "".join(phrase.split()) in text, phrase
    assert "".join(PROFILE["personal_info"]["name"].split()) in text


def test_fitting_uses_the_same_fonts_and_sizes() -> None:
    profile = orm_profile(experiences=large_experiences())
    small = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=1)).document
    roomy = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=3)).document
    assert len(roomy.experiences) >= len(small.experiences)
    assert sum(len(e.bullets) for e in roomy.experiences) > sum(len(e.bullets) for e in small.experiences)


def test_options_leave_out_projects_and_summary_and_cap_skills() -> None:
    profile = orm_profile()
    options = ResumeOptions(include_projects=False, include_summary=False, max_skills=2)
    compiled = compile_resume(profile, ranked(profile), options)
    assert compiled.document.projects == ()
    assert compiled.document.summary is None and compiled.summary_version == "none"
    assert len(compiled.document.skills) == 2
    assert set(compiled.document.skills) <= set(PROFILE["skills"])


def test_period_text_matches_the_shared_formatter() -> None:
    assert format_date_range("2016-02", "2019-06") == "Feb 2016 – Jun 2019"


def with_entries(profile: Profile) -> Profile:
    profile.entries = [
        ProfileEntry(
            id="cert",
            section="certificates",
            data={"name": "Certified Kubernetes Administrator", "issuer": "CNCF", "date": "2024-03"},
        ),
        ProfileEntry(
            id="vol",
            section="volunteer",
            data={
                "organization": "Code for Poland",
                "position": "Volunteer engineer",
                "startDate": "2023-01",
                "highlights": ["Ran PostgreSQL for a civic data portal"],
            },
        ),
        ProfileEntry(id="award", section="awards", data={"title": "Chess club champion", "date": "2019"}),
        ProfileEntry(id="lang", section="languages", data={"language": "Polish", "fluency": "Native"}),
    ]
    return profile


def test_relevant_certificates_and_volunteering_are_compiled_in_and_irrelevant_awards_are_not() -> None:
    profile = with_entries(orm_profile())
    compiled = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=2))
    sections = {section.title: section for section in compiled.document.sections}
    assert [entry.title for entry in sections["Certifications"].entries] == [
        "Certified Kubernetes Administrator"
    ]
    volunteering = sections["Volunteering"].entries[0]
    assert volunteering.bullets == ("Ran PostgreSQL for a civic data portal",)
    assert volunteering.period == "Jan 2023 – Present"
    assert "Awards" not in sections  # it evidences nothing the job asks for
    assert compiled.document.languages == ("Polish (Native)",)
    _, text = pdf_text(compiled.document)
    assert "CertifiedKubernetesAdministrator" in text and "CodeforPoland" in text


def test_skill_groups_read_group_colon_skills_and_a_group_is_never_a_skill() -> None:
    profile = orm_profile()
    profile.skills = [
        {"name": "Backend", "keywords": ["Python", "FastAPI"]},
        {"name": "Data", "keywords": ["PostgreSQL"]},
        {"name": "Rust"},
    ]
    compiled = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=2))
    groups = dict(compiled.document.skill_groups)
    assert groups["Backend"] == ("Python", "FastAPI") and groups["Data"] == ("PostgreSQL",)
    assert groups["Other"] == ("Rust",)
    assert "Backend" not in compiled.skills_used and compiled.document.skills == ()
    assert "**Backend:** Python, FastAPI" in render(compiled.document, "md").decode()


def test_headline_short_urls_scores_and_open_ended_items_are_shown() -> None:
    profile = orm_profile()
    profile.personal_info = {
        **profile.personal_info,
        "label": "Backend engineer",
        "url": "https://www.mira.dev/",
        "profiles": [{"network": "GitHub", "url": "https://github.com/mira"}],
    }
    profile.projects[0].start_date, profile.projects[0].end_date = "2022-05", None
    school = profile.education[0]
    school.gpa, school.extra = None, {"raw": {"score": {"as": None, "value": "First-class honours"}}}
    compiled = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=3))
    text = render(compiled.document, "txt").decode()
    assert "Backend engineer" in text
    assert "mira.dev" in text and "github.com/mira" in text and "https://" not in text
    assert "First-class honours" in text
    project = next(p for p in compiled.document.projects if p.item_id == "p0")
    assert project.period == "May 2022 – Present"


def test_paper_is_letter_for_us_and_canadian_addresses_a4_elsewhere_and_can_be_chosen() -> None:
    profile = orm_profile()
    assert paper_for(profile) == "a4"  # Warsaw, PL
    for location in (
        {"city": "Austin", "countryCode": "US"},
        "Toronto, ON",
        "Palo Alto, CA",
        "Vancouver, Canada",
    ):
        profile.personal_info = {"name": "M", "location": location}
        assert paper_for(profile) == "us-letter", location
    profile.personal_info = {"name": "M", "location": "London, UK"}
    assert paper_for(profile) == "a4"
    profile.personal_info = {"name": "M", "location": {"city": "Austin", "countryCode": "US"}}
    assert compile_resume(profile, ranked(profile), ResumeOptions(max_pages=3)).paper == "us-letter"
    chosen = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=3, paper="a4"))
    assert chosen.paper == "a4"


def test_a_pdf_says_its_title_author_and_creation_date() -> None:
    profile = orm_profile()
    document = compile_resume(profile, ranked(profile), ResumeOptions(max_pages=3)).document
    created = datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    meta = PdfReader(io.BytesIO(render(document, "pdf", created=created))).metadata
    assert meta is not None
    assert meta.title == "Resume: Mira Kowalski" and meta.author == "Mira Kowalski"
    assert meta.creation_date is not None
    assert meta.creation_date.replace(tzinfo=UTC) == created.replace(microsecond=0)


def test_space_a_cut_left_is_filled_with_the_next_most_relevant_content() -> None:
    # A page of 35 lines, a role's heading taking three: leaving out a prefix of the removal order
    # overshoots (a whole role goes), and what was left out comes back while it fits.
    def lines(document: ResumeDocument) -> int:
        return sum(len(entry.bullets) + 3 for entry in document.experiences)

    profile = orm_profile(experiences=large_experiences())
    compiled = compile_resume(
        profile,
        ranked(profile),
        ResumeOptions(max_pages=1),
        page_counter=lambda document, paper: 1 if lines(document) <= 35 else 2,
    )
    assert compiled.fits and lines(compiled.document) == 35  # 32 without taking anything back


# One career told two ways: every role did backend work and analytics work, in alternating bullets
# of about the same length, so which ones a résumé keeps shows what it chose for the posting.
BACKEND_WORK = [
    "Built REST APIs in Python and FastAPI for card payments",
    "Tuned PostgreSQL queries behind the payments API",
    "Ran the FastAPI services on Kubernetes with CI/CD",
]
ANALYTICS_WORK = [
    "Modelled sales data in dbt and SQL for the finance team",
    "Designed Power BI dashboards for monthly revenue reporting",
    "Built Power BI reports on the dbt models for analysts",
]
BACKEND_JOB = Job(
    title="Backend Engineer",
    company="Finly",
    requirements=["REST APIs in Python and FastAPI", "PostgreSQL query tuning", "Kubernetes and CI/CD"],
    parsed_keywords=["Python", "FastAPI", "PostgreSQL", "Kubernetes", "CI/CD", "REST APIs"],
)
ANALYTICS_JOB = Job(
    title="Analytics Engineer",
    company="Tally",
    requirements=["Data modelling in dbt and SQL", "Dashboards in Power BI", "Reporting for finance teams"],
    parsed_keywords=["dbt", "SQL", "Power BI", "data modeling", "dashboards", "reporting"],
)


def two_sided_profile(roles: int = 4) -> Profile:
    experiences = [
        {
            "title": f"Engineer {role}",
            "company": f"Company {role}",
            "start_date": f"{2022 - 2 * role}-01",
            "end_date": f"{2024 - 2 * role}-01",
            "bullets": [
                f"{text} ({role}-{n})."
                for n, text in enumerate(
                    line for pair in zip(BACKEND_WORK, ANALYTICS_WORK, strict=True) for line in pair
                )
            ],
        }
        for role in range(roles)
    ]
    return orm_profile(experiences=experiences, projects=[])


def lines(document: ResumeDocument) -> int:
    """A role's heading takes three lines, a bullet one."""
    return sum(len(entry.bullets) + 3 for entry in document.experiences)


def fitted(profile: Profile, job: Job, page_lines: int) -> tuple[ResumeDocument, RankingData]:
    ranking = scoring.rank(job_input(job), profile_input(profile), today=TODAY)
    compiled = compile_resume(
        profile,
        ranking,
        ResumeOptions(max_pages=1, include_summary=False),
        page_counter=lambda document, paper: 1 if lines(document) <= page_lines else 2,
    )
    assert compiled.fits
    return compiled.document, ranking


def side(bullet: str) -> str:
    return "backend" if any(bullet.startswith(text) for text in BACKEND_WORK) else "analytics"


def test_bullets_are_chosen_per_job_posting_not_only_reordered() -> None:
    # A page that holds four roles with three bullets each: each posting gets the three bullets
    # of every role that speak to it, and the other three are left out, not merely moved down.
    profile = two_sided_profile()
    for job, wanted in ((BACKEND_JOB, "backend"), (ANALYTICS_JOB, "analytics")):
        document, _ = fitted(profile, job, page_lines=24)
        assert len(document.experiences) == 4, job.title
        for entry in document.experiences:
            assert [side(bullet) for bullet in entry.bullets] == [wanted] * 3, (job.title, entry.bullets)


def test_the_page_budget_is_filled_with_the_next_most_relevant_content_before_space_is_left_blank() -> None:
    # Six more lines than the relevant bullets need: they hold the next most relevant bullets
    # (the newest role's first), never blank space.
    profile = two_sided_profile()
    document, _ = fitted(profile, BACKEND_JOB, page_lines=30)
    assert lines(document) == 30, [(e.heading, len(e.bullets)) for e in document.experiences]
    for entry in document.experiences:
        sides = [side(bullet) for bullet in entry.bullets]
        assert sides[:3] == ["backend"] * 3 and set(sides[3:]) <= {"analytics"}, entry.bullets
    extra = [len(entry.bullets) - 3 for entry in document.experiences]
    assert extra == sorted(extra, reverse=True) and sum(extra) == 6, extra


def test_each_role_shows_its_own_most_relevant_bullets_most_relevant_first() -> None:
    profile = two_sided_profile()
    document, ranking = fitted(profile, ANALYTICS_JOB, page_lines=27)
    scores = {
        (row["id"], bullet["text"]): bullet["score"]
        for row in ranking["experiences"]
        for bullet in row["bullets"]
    }
    for entry in document.experiences:
        own = {text: score for (item, text), score in scores.items() if item == entry.item_id}
        left_out = [score for text, score in own.items() if text not in entry.bullets]
        assert all(own[bullet] >= max(left_out, default=0) for bullet in entry.bullets), entry.heading
        assert list(entry.bullets) == sorted(entry.bullets, key=lambda text: -own[text])


def test_a_real_page_keeps_different_bullets_for_different_postings() -> None:
    # Rendered with Typst: ten roles of six bullets do not fit one page, and what each posting's
    # résumé keeps of a role leads with, and mostly holds, the bullets that posting asks about.
    profile = two_sided_profile(roles=10)
    chosen = {}
    for job, wanted in ((BACKEND_JOB, "backend"), (ANALYTICS_JOB, "analytics")):
        ranking = scoring.rank(job_input(job), profile_input(profile), today=TODAY)
        compiled = compile_resume(profile, ranking, ResumeOptions(max_pages=1))
        assert compiled.fits and compiled.left_out["bullets"] > 0
        shown = [bullet for entry in compiled.document.experiences for bullet in entry.bullets]
        for entry in compiled.document.experiences:
            assert side(entry.bullets[0]) == wanted, (job.title, entry.bullets)
        assert sum(side(bullet) == wanted for bullet in shown) > len(shown) / 2, (job.title, shown)
        chosen[wanted] = set(shown)
        # The page is full: the next most relevant bullet of any role shown would not fit.
        rows = {row["id"]: row for row in ranking["experiences"]}
        for n, entry in enumerate(compiled.document.experiences):
            rest = [b["text"] for b in rows[entry.item_id]["bullets"] if b["text"] not in entry.bullets]
            if not rest:
                continue
            more = replace(entry, bullets=(*entry.bullets, rest[0]))
            experiences = (*compiled.document.experiences[:n], more, *compiled.document.experiences[n + 1 :])
            assert count_pages(render(replace(compiled.document, experiences=experiences), "pdf")) > 1
    assert chosen["backend"] != chosen["analytics"]
