"""Resume compilation: relevance decides what is shown; facts, dates and role order never change;
content is left out (never shrunk) to fit the page."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from pypdf import PdfReader

from jobwise.generations.resume import ResumeOptions, compile_resume
from jobwise.models import Education, Experience, Job, Profile, Project
from jobwise.models.ranking_data import RankingData
from jobwise.rankings import scoring
from jobwise.rankings.service import job_input, profile_input
from jobwise.rendering import render
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
    assert compiled.renders <= 12  # a binary search, not one render per bullet
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
