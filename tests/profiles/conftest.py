"""Profile fixtures: a profile with one item of each kind, and direct database edits for the
columns only the enhancement pipeline writes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from jobwise.db import Database
from jobwise.models.base import Base
from tests.conftest import TEST_DATA

PROFILES = "/api/v1/profiles"
ME = f"{PROFILES}/me"

EXPERIENCE: dict[str, Any] = {
    "title": "Backend Engineer",
    "company": "Acme",
    "location": "Berlin",
    "start_date": "2020-03",
    "end_date": "2023",
    "bullets": ["Built the billing API", "Cut p95 latency by 40%"],
    "technologies": ["Python", "PostgreSQL"],
}
PROJECT: dict[str, Any] = {
    "name": "jobwise",
    "bullets": ["Wrote the JSON Resume import"],
    "technologies": ["FastAPI"],
    "url": "https://example.com/jobwise",
    "start_date": "2024-01-15",
}
EDUCATION: dict[str, Any] = {
    "institution": "TU Berlin",
    "degree": "MSc",
    "field_of_study": "Computer Science",
    "start_date": "2015",
    "end_date": "2017",
    "gpa": 1.3,
    "relevant_coursework": ["Distributed Systems"],
}
PROFILE: dict[str, Any] = {
    "personal_info": {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0000",
        "location": "London, UK",
        "url": "https://ada.example.com",
        "profiles": [{"network": "GitHub", "username": "ada", "url": "https://github.com/ada"}],
    },
    "professional_summary": "Engineer who writes careful software.",
    "skills": [{"name": "Python", "level": "Expert", "keywords": ["asyncio"]}, "SQL"],
    "custom_fields": {"pronouns": "she/her"},
}


SAMPLE = TEST_DATA / "jsonresume" / "sample.resume.json"

# Hand-written: both forms of work.location, partial dates, unknown keys at every level, entries
# missing columns the tables require, empty lists, and a score that is not a plain number.
HAND_WRITTEN: dict[str, Any] = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "x-top": {"anything": [1, 2.5, None, True]},
    "basics": {
        "name": "Grace Hopper",
        "summary": "",
        "location": {"city": "Arlington", "countryCode": "US", "x-planet": "Earth"},
        "profiles": [{"network": "Mastodon", "username": "grace", "x-verified": True}],
        "x-basics": "kept",
    },
    "work": [
        {
            "name": "US Navy",
            "position": "Rear Admiral",
            "location": "Arlington, VA",
            "startDate": "1943",
            "endDate": "1986-08",
            "highlights": ["Led the COBOL effort", ""],
            "summary": "Computing pioneer",
            "x-work": {"nested": ["value"]},
        },
        {
            "name": "Remington Rand",
            "location": {"city": "Philadelphia", "region": "PA", "x-desk": 4},
            "startDate": "1949-06-01",
            "highlights": [],
        },
        {"position": "Consultant"},
        {},
    ],
    "projects": [
        {"name": "A-0", "keywords": [], "roles": ["Author"], "x-project": 1},
        {"description": "An unnamed project", "highlights": ["Compiled"], "startDate": "1952"},
    ],
    "education": [
        {
            "institution": "Yale",
            "studyType": "PhD",
            "area": "Mathematics",
            "score": "3.67/4.0",
            "endDate": "1934",
        },
        {"institution": "Vassar", "score": "4.0", "courses": []},
        {"area": "Physics", "score": "12", "x-edu": None},
    ],
    "skills": [{"name": "COBOL", "x-skill": "yes"}, {"keywords": ["compilers"]}],
    "languages": [{"language": "English", "fluency": "Native"}],
    "volunteer": [],
    "meta": {"version": "v1.0.0", "x-meta": {"deep": {"deeper": 1}}},
}


@pytest.fixture
async def profile_a(user_a: httpx.AsyncClient) -> dict[str, Any]:
    """user_a's profile with one experience, project and education entry."""
    body = {**PROFILE, "experiences": [EXPERIENCE], "projects": [PROJECT], "education": [EDUCATION]}
    response = await user_a.post(PROFILES, json=body)
    assert response.status_code == 201, response.text
    profile: dict[str, Any] = response.json()
    return profile


def nested(depth: int) -> Any:
    """A JSON value nested `depth` lists deep."""
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


async def set_columns(app: FastAPI, model: type[Base], row_id: str, **values: Any) -> None:
    """Write columns the API never sets (enhanced text, or text stored before a rule existed)."""
    database: Database = app.state.database
    async with database.write_session() as session, session.begin():
        row = await session.get(model, row_id)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
