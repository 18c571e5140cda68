"""PUT /profiles/me/json-resume?mode=merge: what is new is added, nothing the person wrote changes."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from jobwise.models import Experience
from tests.conftest import assert_error
from tests.profiles.conftest import ME, set_columns

RESUME = f"{ME}/json-resume"

MINE: dict[str, Any] = {
    "basics": {"name": "Ada Lovelace", "email": "ada@example.com", "summary": "My own words."},
    "work": [
        {
            "name": "Acme",
            "position": "Backend Engineer",
            "startDate": "2020-03",
            "endDate": "2023",
            "highlights": ["Built the billing API"],
        }
    ],
    "skills": [{"name": "Languages", "keywords": ["Python"]}],
}
IMPORTED: dict[str, Any] = {
    "basics": {
        "name": "ADA LOVELACE",
        "email": "other@example.com",
        "phone": "+44 20 7946 0000",
        "summary": "An imported summary.",
        "profiles": [{"network": "GitHub", "url": "https://github.com/ada"}],
    },
    "work": [
        {
            "name": "ACME",
            "position": "backend engineer",
            "location": "Berlin",
            "startDate": "2019",
            "highlights": ["built the billing API", "Cut p95 latency by 40%"],
        },
        {"name": "Initech", "position": "Intern", "startDate": "2018-06", "endDate": "2018-09"},
    ],
    "education": [{"institution": "TU Berlin", "studyType": "MSc", "endDate": "2017"}],
    "skills": [
        {"name": "languages", "keywords": ["python", "Go"]},
        {"name": "Tools", "keywords": ["Docker"]},
    ],
    "volunteer": [{"organization": "Code Club", "position": "Mentor"}],
}


async def merge(client: httpx.AsyncClient, document: dict[str, Any]) -> httpx.Response:
    return await client.put(RESUME, json=document, params={"mode": "merge"})


async def test_merging_without_a_profile_creates_it(user_a: httpx.AsyncClient) -> None:
    response = await merge(user_a, IMPORTED)
    assert response.status_code == 201, response.text
    assert response.json()["personal_info"]["name"] == "ADA LOVELACE"


async def test_merging_fills_what_is_missing_and_overwrites_nothing(user_a: httpx.AsyncClient) -> None:
    assert (await user_a.put(RESUME, json=MINE)).status_code == 201
    response = await merge(user_a, IMPORTED)
    assert response.status_code == 200, response.text
    profile = response.json()
    info = profile["personal_info"]
    assert (info["name"], info["email"]) == ("Ada Lovelace", "ada@example.com")
    assert info["phone"] == "+44 20 7946 0000" and info["profiles"][0]["url"] == "https://github.com/ada"
    assert profile["professional_summary"] == "My own words."
    acme, initech = profile["experiences"]
    assert (acme["company"], acme["title"], acme["start_date"], acme["end_date"]) == (
        "Acme",
        "Backend Engineer",
        "2020-03",
        "2023",
    )
    assert acme["location"] == "Berlin"  # it had none
    assert acme["bullets"] == ["Built the billing API", "Cut p95 latency by 40%"]
    assert (initech["company"], initech["start_date"]) == ("Initech", "2018-06")
    assert profile["education"][0]["institution"] == "TU Berlin"
    skills = {group["name"]: group["keywords"] for group in profile["skills"]}
    assert skills == {"Languages": ["Python", "Go"], "Tools": ["Docker"]}
    exported = (await user_a.get(RESUME)).json()
    assert exported["volunteer"] == [{"organization": "Code Club", "position": "Mentor"}]


async def test_merging_twice_adds_nothing_the_second_time(user_a: httpx.AsyncClient) -> None:
    assert (await user_a.put(RESUME, json=MINE)).status_code == 201
    first = (await merge(user_a, IMPORTED)).json()
    second = (await merge(user_a, IMPORTED)).json()
    assert [e["id"] for e in second["experiences"]] == [e["id"] for e in first["experiences"]]
    assert second["experiences"][0]["bullets"] == first["experiences"][0]["bullets"]
    assert second["skills"] == first["skills"]


async def test_a_merge_keeps_enhanced_bullets_which_show_as_stale(
    app: FastAPI, user_a: httpx.AsyncClient
) -> None:
    profile = (await user_a.put(RESUME, json=MINE)).json()
    experience_id = profile["experiences"][0]["id"]
    await set_columns(
        app,
        Experience,
        experience_id,
        enhanced_description="Shipped the billing API",
        enhanced_source="Built the billing API",
    )
    merged = (await merge(user_a, IMPORTED)).json()["experiences"][0]
    assert merged["enhanced_bullets"] == ["Shipped the billing API"]
    assert merged["enhanced_stale"] is True


async def test_a_current_role_is_not_given_an_end(user_a: httpx.AsyncClient) -> None:
    current = {
        "basics": {"name": "Ada"},
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2021"}],
    }
    assert (await user_a.put(RESUME, json=current)).status_code == 201
    later = {"work": [{"name": "Acme", "position": "Engineer", "startDate": "2021", "endDate": "2024"}]}
    experience = (await merge(user_a, later)).json()["experiences"][0]
    assert experience["is_current"] is True and experience["end_date"] is None


async def test_an_invalid_document_is_refused_in_merge_mode_too(user_a: httpx.AsyncClient) -> None:
    assert_error(await merge(user_a, {"work": [{"startDate": "soon"}]}), 422, "invalid_json_resume")
