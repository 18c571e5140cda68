"""Importing what JobWise exports gives the profile back: every name, employer, title, date and
bullet of the résumé PDF and DOCX that rendering/ draws, for several profiles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobwise.importing.parser import parse
from jobwise.importing.reading import read_local
from jobwise.profiles import jsonresume
from jobwise.profiles.facts import profile_links, profile_location
from jobwise.profiles.versions import split_bullets
from jobwise.rendering import render
from jobwise.rendering.model import Contact, EducationEntry, ResumeDocument, ResumeEntry

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]

CRAFTED: dict[str, Any] = {
    "basics": {
        "name": "María José Nuñez-Berg",
        "email": "mj.nunez@example.org",
        "phone": "+46 70 123 45 67",
        "location": "Göteborg, Sweden",
        "profiles": [{"network": "GitHub", "url": "https://github.com/mjnb"}],
    },
    "work": [
        {
            "name": "Volvo Cars",
            "position": "Staff Software Engineer",
            "startDate": "2022-09",
            "highlights": [
                "Led the rewrite of the over-the-air update service in Rust, cutting failed updates by 60%",
                "Mentored six engineers; two were promoted within a year",
            ],
        },
        {
            "name": "Spotify AB",
            "position": "Software Developer II",
            "location": "Stockholm, Sweden",
            "startDate": "2018-01",
            "endDate": "2022-08",
            "highlights": [
                "Built the playlist recommendation pipeline on Apache Beam and BigQuery",
                "Reduced the cost of nightly batch jobs by 35% by moving them to spot instances",
                "Wrote the team's on-call handbook",
            ],
        },
        {
            "name": "Ericsson",
            "position": "Graduate Engineer",
            "startDate": "2016",
            "endDate": "2017",
            "highlights": ["Tested 5G radio firmware with Python and Robot Framework"],
        },
    ],
    "education": [
        {
            "institution": "Chalmers University of Technology",
            "studyType": "MSc",
            "area": "Computer Science",
            "startDate": "2014-09",
            "endDate": "2016-06",
        }
    ],
    "skills": [{"name": "Languages", "keywords": ["Rust", "Python", "SQL", "Go"]}],
}


def _profiles() -> dict[str, dict[str, Any]]:
    sample = json.loads((DATA / "jsonresume" / "sample.resume.json").read_text(encoding="utf-8"))
    demo = json.loads(
        (ROOT / "src" / "jobwise" / "demo" / "data" / "profile.json").read_text(encoding="utf-8")
    )
    return {"json-resume-sample": sample, "demo": demo, "crafted": CRAFTED}


def resume_document(document: dict[str, Any]) -> ResumeDocument:
    """The résumé JobWise draws for a profile holding this JSON Resume document (every item)."""
    imported = jsonresume.parse(document)
    info = imported.personal_info
    experiences = tuple(
        ResumeEntry(
            item_id=str(index),
            kind="experience",
            title=columns["title"],
            organization=columns["company"],
            location=columns["location"],
            start_date=columns["start_date"] or None,
            end_date=columns["end_date"],
            is_current=columns["is_current"],
            bullets=tuple(split_bullets(columns["description"])),
        )
        for index, columns in enumerate(imported.experiences)
    )
    education = tuple(
        EducationEntry(
            item_id=str(index),
            institution=columns["institution"],
            degree=columns["degree"],
            field_of_study=columns["field_of_study"],
            start_date=columns["start_date"],
            end_date=columns["end_date"],
            gpa=columns["gpa"],
        )
        for index, columns in enumerate(imported.education)
    )
    skills = tuple(keyword for group in imported.skills for keyword in group.get("keywords") or [])
    return ResumeDocument(
        contact=Contact(
            name=str(info.get("name") or ""),
            email=info.get("email"),
            phone=info.get("phone"),
            location=profile_location(info),
            links=tuple(profile_links(info)),
        ),
        summary=imported.professional_summary,
        experiences=experiences,
        skills=skills,
        education=education,
    )


def _month(value: str | None) -> str | None:
    """What a document shows of a date: its month ('2013-12-01' is drawn 'Dec 2013')."""
    return value[:7] if value else None


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("name", sorted(_profiles()))
def test_importing_a_jobwise_resume_gives_the_profile_back(name: str, fmt: str, tmp_path: Path) -> None:
    source = resume_document(_profiles()[name])
    path = tmp_path / f"resume.{fmt}"
    path.write_bytes(render(source, fmt))  # type: ignore[arg-type]
    draft = parse(read_local(path)).document

    assert draft["basics"]["name"] == source.contact.name
    if source.contact.email:
        assert draft["basics"]["email"] == source.contact.email
    work = draft.get("work") or []
    assert len(work) == len(source.experiences)
    for entry, item in zip(source.experiences, work, strict=True):
        assert item.get("name") == entry.organization
        assert item.get("position") == entry.title
        assert item.get("startDate") == _month(entry.start_date)
        assert item.get("endDate") == (None if entry.is_current else _month(entry.end_date))
        assert item.get("highlights", []) == list(entry.bullets)
    schools = [item.get("institution") for item in draft.get("education") or []]
    assert schools == [entry.institution for entry in source.education]
