"""The master profile: create, read, replace, patch, delete, limits and the summary's versions."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from jobwise.models import Profile
from tests.conftest import assert_error
from tests.profiles.conftest import EDUCATION, EXPERIENCE, ME, PROFILE, PROFILES, PROJECT, nested, set_columns


async def test_create_returns_the_whole_profile(user_a: httpx.AsyncClient) -> None:
    body = {**PROFILE, "experiences": [EXPERIENCE], "projects": [PROJECT], "education": [EDUCATION]}
    response = await user_a.post(PROFILES, json=body)
    assert response.status_code == 201, response.text
    profile = response.json()
    assert profile["personal_info"] == PROFILE["personal_info"]
    assert profile["professional_summary"] == PROFILE["professional_summary"]
    # A plain string skill is stored as {name}.
    assert profile["skills"] == [
        {"name": "Python", "level": "Expert", "keywords": ["asyncio"]},
        {"name": "SQL"},
    ]
    assert profile["custom_fields"] == {"pronouns": "she/her"}
    experience = profile["experiences"][0]
    assert experience["bullets"] == EXPERIENCE["bullets"]
    assert experience["technologies"] == ["Python", "PostgreSQL"]
    assert (experience["enhanced_bullets"], experience["previous_enhanced_bullets"]) == (None, None)
    assert experience["use_enhanced"] is False and experience["enhanced_stale"] is False
    assert profile["projects"][0]["bullets"] == PROJECT["bullets"]
    assert profile["education"][0]["gpa"] == 1.3
    assert profile["enhancement_version"] == 0
    assert profile["enhancement_status"] == "none"  # nothing was triggered, nothing is waiting
    assert profile["last_enhanced_at"] is None
    assert profile["updated_at"] == profile["created_at"]  # one instant, never updated before created
    assert (await user_a.get(ME)).json() == profile


async def test_a_second_profile_is_409(user_a: httpx.AsyncClient, profile_a: dict[str, Any]) -> None:
    assert_error(await user_a.post(PROFILES, json=PROFILE), 409, "profile_exists")


async def test_no_profile_is_404_with_a_clear_code(user_a: httpx.AsyncClient) -> None:
    for method, path in [
        ("GET", ME),
        ("PUT", ME),
        ("PATCH", ME),
        ("DELETE", ME),
        ("POST", f"{ME}/summary/revert"),
        ("GET", f"{ME}/json-resume"),
        ("GET", f"{ME}/experiences"),
        ("POST", f"{ME}/projects"),
        ("PUT", f"{ME}/education/order"),
    ]:
        body = {"personal_info": {"name": "A"}} if method == "PUT" and path == ME else None
        if path.endswith(("/projects", "/order")):
            body = {"ids": []} if path.endswith("/order") else PROJECT
        error = assert_error(await user_a.request(method, path, json=body), 404, "profile_not_found")
        assert "POST /api/v1/profiles" in error["message"]


async def test_put_replaces_the_profile_fields_and_keeps_items(
    user_a: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    response = await user_a.put(ME, json={"personal_info": {"name": "Ada King"}, "skills": ["Go"]})
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["personal_info"] == {"name": "Ada King"}
    assert profile["professional_summary"] is None
    assert profile["skills"] == [{"name": "Go"}]
    assert profile["custom_fields"] == {}
    assert len(profile["experiences"]) == len(profile["projects"]) == len(profile["education"]) == 1
    assert_error(await user_a.put(ME, json={"skills": []}), 422, "validation_error")


async def test_patch_changes_only_what_is_sent(user_a: httpx.AsyncClient, profile_a: dict[str, Any]) -> None:
    response = await user_a.patch(
        ME,
        json={
            "personal_info": {
                "phone": "+1 555 0100",
                "url": None,
                "location": {"city": "Paris", "countryCode": "FR"},
            },
            "professional_summary": "Changed.",
        },
    )
    assert response.status_code == 200, response.text
    profile = response.json()
    info = profile["personal_info"]
    assert info["phone"] == "+1 555 0100"
    assert "url" not in info  # null removes a key
    assert info["location"] == {"city": "Paris", "countryCode": "FR"}
    assert info["name"] == "Ada Lovelace" and info["email"] == "ada@example.com"
    assert profile["professional_summary"] == "Changed."
    assert profile["skills"] == profile_a["skills"]
    # The name cannot be removed, and fields that cannot be empty refuse null.
    error = assert_error(await user_a.patch(ME, json={"personal_info": {"name": None}}), 422)
    assert error["details"][0]["field"] == "personal_info.name"
    assert_error(await user_a.patch(ME, json={"skills": None}), 422)
    cleared = await user_a.patch(ME, json={"professional_summary": None})
    assert cleared.json()["professional_summary"] is None


async def test_delete_removes_the_profile_and_its_items(
    user_a: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    experience_id = profile_a["experiences"][0]["id"]
    assert (await user_a.delete(ME)).status_code == 204
    assert_error(await user_a.get(ME), 404, "profile_not_found")
    assert_error(await user_a.get(f"{ME}/experiences/{experience_id}"), 404, "experience_not_found")
    # A new profile can be created afterwards.
    assert (await user_a.post(PROFILES, json=PROFILE)).status_code == 201


async def test_unknown_fields_are_422(user_a: httpx.AsyncClient, profile_a: dict[str, Any]) -> None:
    for body in (
        {**PROFILE, "admin": True},
        {**PROFILE, "personal_info": {"name": "A", "nickname": "a"}},
        {**PROFILE, "skills": [{"name": "Go", "years": 3}]},
        {**PROFILE, "experiences": [{**EXPERIENCE, "salary": 1}]},
    ):
        assert_error(await user_a.put(ME, json=body), 422, "validation_error")
    assert_error(await user_a.patch(ME, json={"enhanced_summary": "sneaky"}), 422, "validation_error")
    assert_error(await user_a.patch(ME, json={"enhancement_version": 9}), 422, "validation_error")


async def test_personal_info_accepts_a_location_string_or_object(user_a: httpx.AsyncClient) -> None:
    location = {
        "address": "1 Main St",
        "postalCode": "10115",
        "city": "Berlin",
        "region": "BE",
        "countryCode": "DE",
    }
    created = await user_a.post(PROFILES, json={"personal_info": {"name": "A", "location": location}})
    assert created.json()["personal_info"]["location"] == location
    error = assert_error(
        await user_a.patch(ME, json={"personal_info": {"location": {"city": "Berlin", "planet": "Earth"}}}),
        422,
    )
    assert error["details"][0]["field"].startswith("personal_info.location")
    as_text = await user_a.patch(ME, json={"personal_info": {"location": "Berlin"}})
    assert as_text.json()["personal_info"]["location"] == "Berlin"


async def test_custom_fields_are_bounded_and_json_resume_is_reserved(user_a: httpx.AsyncClient) -> None:
    await user_a.post(PROFILES, json=PROFILE)
    nested = {"links": [{"label": "talk", "year": 2024}], "open_to_work": True, "rate": None}
    assert (await user_a.patch(ME, json={"custom_fields": nested})).json()["custom_fields"] == nested
    too_much: list[dict[str, Any]] = [
        {f"k{i}": i for i in range(51)},
        {"big": "x" * 10_001},
        {"k" * 101: 1},
        {"json_resume": {}},
    ]
    for custom in too_much:
        error = assert_error(await user_a.patch(ME, json={"custom_fields": custom}), 422, "validation_error")
        assert error["details"][0]["field"].startswith("custom_fields"), error


LONG = "x" * 5_001


LIMIT_CASES: list[tuple[dict[str, Any], str]] = [
    ({"professional_summary": LONG}, "professional_summary"),
    ({"personal_info": {"name": "x" * 201}}, "personal_info.name"),
    ({"personal_info": {"name": "A", "phone": "1" * 51}}, "personal_info.phone"),
    ({"personal_info": {"name": "A", "url": "https://" + "x" * 2_000}}, "personal_info.url"),
    ({"personal_info": {"name": "A", "links": ["https://a.example"] * 21}}, "personal_info.links"),
    ({"personal_info": {"name": "A", "email": "not-an-email"}}, "personal_info.email"),
    ({"skills": ["Go"] * 101}, "skills"),
    ({"skills": ["x" * 101]}, "skills[0].name"),
    ({"skills": [{"name": "Go", "keywords": ["k"] * 31}]}, "skills[0].keywords"),
    ({"experiences": [EXPERIENCE] * 51}, "experiences"),
    ({"experiences": [{**EXPERIENCE, "bullets": ["b"] * 31}]}, "experiences[0].bullets"),
    ({"experiences": [{**EXPERIENCE, "bullets": ["b" * 501]}]}, "experiences[0].bullets[0]"),
    ({"experiences": [{**EXPERIENCE, "title": "t" * 201}]}, "experiences[0].title"),
    ({"experiences": [{**EXPERIENCE, "technologies": ["t"] * 51}]}, "experiences[0].technologies"),
    ({"projects": [PROJECT] * 51}, "projects"),
    ({"projects": [{**PROJECT, "url": "ftp://x"}]}, "projects[0].url"),
    ({"education": [EDUCATION] * 51}, "education"),
    ({"education": [{**EDUCATION, "relevant_coursework": ["c"] * 51}]}, "education[0].relevant_coursework"),
    ({"education": [{**EDUCATION, "gpa": 101}]}, "education[0].gpa"),
    ({"education": [{**EDUCATION, "honors": "h" * 1_001}]}, "education[0].honors"),
    # PostgreSQL refuses NUL characters: refused here for every database.
    ({"professional_summary": "nul\x00"}, "professional_summary"),
    ({"experiences": [{**EXPERIENCE, "bullets": ["ok", "nul\x00"]}]}, "experiences[0].bullets[1]"),
    ({"custom_fields": {"a": {"b": "nul\x00"}}}, "custom_fields.a.b"),
    ({"custom_fields": {"deep": nested(40)}}, "custom_fields.deep" + "[0]" * 32),
]


async def test_each_limit_is_a_422_naming_the_field(user_a: httpx.AsyncClient) -> None:
    # One user for every case: each registration costs an Argon2 hash.
    for body, field in LIMIT_CASES:
        payload = {"personal_info": {"name": "A"}, **body}
        error = assert_error(await user_a.post(PROFILES, json=payload), 422)
        # Text no database can keep (NUL, nesting too deep) has its own code: unsafe_text.
        assert error["code"] in ("validation_error", "unsafe_text"), error
        assert field in [detail["field"] for detail in error["details"]], (field, error)
        assert field in error["message"], (field, error)
    assert_error(await user_a.get(ME), 404)  # nothing stored, nothing truncated


async def test_the_summary_versions_and_staleness(
    app: FastAPI, user_a: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    summary = PROFILE["professional_summary"]
    error = assert_error(await user_a.patch(ME, json={"use_enhanced_summary": True}), 422, "no_enhanced_text")
    assert error["details"][0]["field"] == "use_enhanced_summary"
    await set_columns(
        app,
        Profile,
        profile_a["id"],
        enhanced_summary="Enhanced v2.",
        previous_enhanced_summary="Enhanced v1.",
        enhanced_summary_source=summary,
    )
    profile = (await user_a.patch(ME, json={"use_enhanced_summary": True})).json()
    assert profile["use_enhanced_summary"] is True
    assert profile["enhanced_summary"] == "Enhanced v2."
    assert profile["previous_enhanced_summary"] == "Enhanced v1."
    assert profile["enhanced_summary_stale"] is False
    # Editing the original keeps the enhanced text but marks it stale.
    edited = (await user_a.patch(ME, json={"professional_summary": "A new summary."})).json()
    assert edited["enhanced_summary"] == "Enhanced v2."
    assert edited["enhanced_summary_stale"] is True
    restored = (await user_a.patch(ME, json={"professional_summary": summary})).json()
    assert restored["enhanced_summary_stale"] is False


async def test_summary_revert_swaps_versions_and_a_second_revert_undoes_it(
    app: FastAPI, user_a: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    assert_error(await user_a.post(f"{ME}/summary/revert"), 409, "no_previous_version")
    # v1 as a row from before its source was recorded: not known to match the original, so stale.
    await set_columns(
        app,
        Profile,
        profile_a["id"],
        enhanced_summary="v2",
        enhanced_summary_source=PROFILE["professional_summary"],
        previous_enhanced_summary="v1",
    )
    first = (await user_a.post(f"{ME}/summary/revert")).json()
    assert (first["enhanced_summary"], first["previous_enhanced_summary"]) == ("v1", "v2")
    assert first["enhanced_summary_stale"] is True
    second = (await user_a.post(f"{ME}/summary/revert")).json()
    assert (second["enhanced_summary"], second["previous_enhanced_summary"]) == ("v2", "v1")
    assert second["enhanced_summary_stale"] is False


async def test_put_keeps_enhanced_summary_and_checks_the_choice(
    app: FastAPI, user_a: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    body = {"personal_info": {"name": "A"}, "professional_summary": "x", "use_enhanced_summary": True}
    assert_error(await user_a.put(ME, json=body), 422, "no_enhanced_text")
    await set_columns(app, Profile, profile_a["id"], enhanced_summary="better x", enhanced_summary_source="x")
    profile = (await user_a.put(ME, json=body)).json()
    assert profile["use_enhanced_summary"] is True
    assert profile["enhanced_summary"] == "better x"
    assert profile["enhanced_summary_stale"] is False
