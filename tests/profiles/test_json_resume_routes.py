"""PUT and GET /profiles/me/json-resume through the app: lossless round trips, replacement, errors."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
from fastapi import FastAPI

from jobwise.models import Profile
from tests.conftest import assert_error
from tests.profiles.conftest import HAND_WRITTEN, ME, PROFILE, PROFILES, SAMPLE, set_columns

RESUME = f"{ME}/json-resume"


async def test_the_json_resume_sample_round_trips_through_the_api(user_a: httpx.AsyncClient) -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    created = await user_a.put(RESUME, json=sample)
    assert created.status_code == 201, created.text
    profile = created.json()
    assert profile["personal_info"]["name"] == "Richard Hendriks"
    assert profile["professional_summary"] == sample["basics"]["summary"]
    work = profile["experiences"][0]
    assert (work["title"], work["company"], work["location"]) == (
        "CEO/President",
        "Pied Piper",
        "Palo Alto, CA",
    )
    assert work["bullets"] == sample["work"][0]["highlights"]
    assert work["json_resume_extra"]["summary"].startswith("Pied Piper is")
    education = profile["education"][0]
    assert (education["degree"], education["field_of_study"], education["gpa"]) == (
        "Bachelor",
        "Information Technology",
        4.0,
    )
    assert education["relevant_coursework"] == sample["education"][0]["courses"]
    assert profile["projects"][0]["technologies"] == sample["projects"][0]["keywords"]
    assert profile["skills"] == sample["skills"]
    assert set(profile["json_resume_extra"]) == {"$schema", "references", "meta"}
    # Every other section is part of the profile, each entry the document's object with an id.
    for section in ("volunteer", "awards", "publications", "languages", "interests"):
        assert [entry["entry"] for entry in profile[section]] == sample[section], section
    assert (await user_a.get(RESUME)).json() == sample
    # Importing it again replaces the profile (200) and still gives the same document back.
    replaced = await user_a.put(RESUME, json=sample)
    assert replaced.status_code == 200
    assert replaced.json()["id"] == profile["id"]
    assert (await user_a.get(RESUME)).json() == sample


async def test_a_hand_written_document_round_trips_through_the_api(user_a: httpx.AsyncClient) -> None:
    created = await user_a.put(RESUME, json=HAND_WRITTEN)
    assert created.status_code == 201, created.text
    profile = created.json()
    assert [e["location"] for e in profile["experiences"]] == [
        "Arlington, VA",
        "Philadelphia, PA",
        None,
        None,
    ]
    # A missing start date reads as null, not as an empty string.
    assert profile["experiences"][2]["start_date"] is None
    assert profile["experiences"][0]["bullets"] == ["Led the COBOL effort", ""]
    assert (await user_a.get(RESUME)).json() == HAND_WRITTEN
    # The regular profile routes read the imported items.
    assert len((await user_a.get(f"{ME}/experiences")).json()) == 4


async def test_edits_through_the_api_show_in_the_export(user_a: httpx.AsyncClient) -> None:
    profile = (await user_a.put(RESUME, json=HAND_WRITTEN)).json()
    rand = profile["experiences"][1]
    patched = await user_a.patch(
        f"{ME}/experiences/{rand['id']}", json={"location": "Remote", "title": "Programmer"}
    )
    assert patched.status_code == 200, patched.text
    await user_a.patch(ME, json={"personal_info": {"phone": "555-0100"}})
    exported = (await user_a.get(RESUME)).json()
    assert exported["work"][1]["location"] == "Remote"
    assert exported["work"][1]["position"] == "Programmer"
    # The import's unknown basics keys survive a PATCH of personal info.
    assert exported["basics"]["x-basics"] == "kept"
    assert exported["basics"]["phone"] == "555-0100"
    expected = copy.deepcopy(HAND_WRITTEN)
    expected["work"][1] |= {"location": "Remote", "position": "Programmer"}
    expected["basics"]["phone"] = "555-0100"
    assert exported == expected


async def test_a_profile_made_through_the_api_exports_and_imports_back(
    user_a: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    exported = (await user_a.get(RESUME)).json()
    assert exported["basics"]["name"] == "Ada Lovelace"
    assert exported["work"][0]["highlights"] == profile_a["experiences"][0]["bullets"]
    assert exported["skills"] == [
        {"name": "Python", "level": "Expert", "keywords": ["asyncio"]},
        {"name": "SQL"},
    ]
    reimported = await user_a.put(RESUME, json=exported)
    assert reimported.status_code == 200, reimported.text
    assert (await user_a.get(RESUME)).json() == exported
    # The user's own custom fields are not part of JSON Resume and stay.
    assert reimported.json()["custom_fields"] == {"pronouns": "she/her"}


async def test_an_import_replaces_every_item_and_the_enhanced_versions(
    app: FastAPI, user_a: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    await set_columns(app, Profile, profile_a["id"], enhanced_summary="better", enhanced_summary_source="x")
    old_ids = {item["id"] for kind in ("experiences", "projects", "education") for item in profile_a[kind]}
    document = {
        "basics": {"name": "New Me"},
        "work": [{"name": "Initech", "position": "Dev", "startDate": "2001"}],
    }
    profile = (await user_a.put(RESUME, json=document)).json()
    assert profile["id"] == profile_a["id"]
    assert profile["personal_info"] == {"name": "New Me"}
    assert profile["professional_summary"] is None and profile["enhanced_summary"] is None
    assert [e["company"] for e in profile["experiences"]] == ["Initech"]
    assert profile["projects"] == [] and profile["education"] == []
    for old_id in old_ids:
        assert_error(await user_a.get(f"{ME}/experiences/{old_id}"), 404)
    assert (await user_a.get(RESUME)).json() == document


async def test_invalid_documents_are_422_naming_the_path(user_a: httpx.AsyncClient) -> None:
    for document, path in [
        ({"work": [{"name": "Acme", "startDate": "2013-13"}]}, "work[0].startDate"),
        ({"basics": {"profiles": "none"}}, "basics.profiles"),
        ({"education": [{"startDate": "2020", "endDate": "2019"}]}, "education[0].endDate"),
        ({"work": [{"highlights": ["x" * 501]}]}, "work[0].highlights[0]"),
    ]:
        error = assert_error(await user_a.put(RESUME, json=document), 422, "invalid_json_resume")
        assert error["details"][0]["field"] == path, error
        assert path in error["message"]
    # Not an object at all.
    assert_error(await user_a.put(RESUME, json=["not", "a", "resume"]), 422, "validation_error")
    assert_error(await user_a.get(ME), 404, "profile_not_found")  # nothing was stored


async def test_an_oversized_document_is_413(user_a: httpx.AsyncClient) -> None:
    document = {"meta": {"notes": "x" * (2 * 1024 * 1024 + 1)}}
    # Refused with the app-wide body limit (MAX_JSON_BODY_MB) before it is even read.
    assert_error(await user_a.put(RESUME, json=document), 413, "payload_too_large")


async def test_export_without_a_profile_is_404(user_a: httpx.AsyncClient) -> None:
    assert_error(await user_a.get(RESUME), 404, "profile_not_found")
    await user_a.post(PROFILES, json=PROFILE)
    assert (await user_a.get(RESUME)).status_code == 200


async def test_a_document_of_another_format_is_422_naming_what_is_missing(user_a: httpx.AsyncClient) -> None:
    document = {"personalInfo": {"fullName": "Ada Lovelace"}, "workExperience": [{"company": "Acme"}]}
    error = assert_error(await user_a.put(RESUME, json=document), 422, "invalid_json_resume")
    assert error["details"][0]["field"] == "basics"
    assert "personalInfo" in error["message"]
    assert_error(await user_a.get(ME), 404, "profile_not_found")  # nothing was stored


async def test_one_rule_for_urls_on_import_and_on_patch(user_a: httpx.AsyncClient) -> None:
    # Accepted and stored as given by both.
    created = await user_a.put(RESUME, json={"basics": {"name": "Ada", "url": "ada.dev"}})
    assert created.status_code == 201, created.text
    patched = await user_a.patch(ME, json={"personal_info": {"url": "github.com/ada"}})
    assert patched.status_code == 200, patched.text
    assert patched.json()["personal_info"]["url"] == "github.com/ada"
    # Refused by both.
    error = assert_error(await user_a.patch(ME, json={"personal_info": {"url": "ftp://x"}}), 422)
    assert error["details"][0]["field"] == "personal_info.url"
    error = assert_error(await user_a.put(RESUME, json={"basics": {"url": "ftp://x"}}), 422)
    assert error["details"][0]["field"] == "basics.url"
