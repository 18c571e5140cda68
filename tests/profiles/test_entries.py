"""Volunteering, awards, certificates, publications, languages and interests through the API:
each entry a JSON Resume object with an id, edited in place, exported as given, another user's a 404."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import assert_error
from tests.profiles.conftest import ME, PROFILE, PROFILES

ENTRIES: dict[str, dict[str, Any]] = {
    "volunteer": {
        "organization": "DataKind",
        "position": "Volunteer analyst",
        "startDate": "2022-01",
        "summary": "Analysed donor data for food banks.",
        "highlights": ["Built a churn dashboard in Tableau"],
    },
    "awards": {"title": "Analyst of the year", "date": "2023", "awarder": "Acme"},
    "certificates": {
        "name": "Google Data Analytics",
        "issuer": "Google",
        "date": "2023-05",
        "url": "coursera.org/x",
    },
    "publications": {"name": "Queues at scale", "publisher": "ACM Queue", "releaseDate": "2021-03-01"},
    "languages": {"language": "Spanish", "fluency": "Professional working proficiency"},
    "interests": {"name": "Open data", "keywords": ["civic tech"]},
}


async def test_each_section_is_created_read_edited_ordered_deleted_and_exported(
    user_a: httpx.AsyncClient,
) -> None:
    assert (await user_a.post(PROFILES, json=PROFILE)).status_code == 201
    for section, entry in ENTRIES.items():
        created = await user_a.post(f"{ME}/{section}", json=entry)
        assert created.status_code == 201, (section, created.text)
        body = created.json()
        assert body["section"] == section and body["entry"] == entry
        second = (await user_a.post(f"{ME}/{section}", json=entry)).json()
        assert (await user_a.get(f"{ME}/{section}/{body['id']}")).json() == body
        order = await user_a.put(f"{ME}/{section}/order", json={"ids": [second["id"], body["id"]]})
        assert [row["id"] for row in order.json()] == [second["id"], body["id"]]
        assert (await user_a.delete(f"{ME}/{section}/{second['id']}")).status_code == 204
        assert [row["id"] for row in (await user_a.get(f"{ME}/{section}")).json()] == [body["id"]]
    profile = (await user_a.get(ME)).json()
    exported = (await user_a.get(f"{ME}/json-resume")).json()
    for section, entry in ENTRIES.items():
        assert [row["entry"] for row in profile[section]] == [entry]
        assert exported[section] == [entry]
    # The export imports back to the same profile sections.
    assert (await user_a.put(f"{ME}/json-resume", json=exported)).status_code == 200
    assert (await user_a.get(f"{ME}/json-resume")).json() == exported


async def test_a_patch_replaces_the_keys_sent_null_removes_and_imported_keys_stay(
    user_a: httpx.AsyncClient,
) -> None:
    document = {"basics": {"name": "Ada"}, "certificates": [{"name": "CKA", "issuer": "CNCF", "x-id": "42"}]}
    profile = (await user_a.put(f"{ME}/json-resume", json=document)).json()
    entry_id = profile["certificates"][0]["id"]
    changed = await user_a.patch(f"{ME}/certificates/{entry_id}", json={"date": "2024-01", "issuer": None})
    assert changed.status_code == 200, changed.text
    assert changed.json()["entry"] == {"name": "CKA", "x-id": "42", "date": "2024-01"}
    assert_error(await user_a.patch(f"{ME}/certificates/{entry_id}", json={"name": None}), 422)


@pytest.mark.parametrize(
    ("section", "body", "field"),
    [
        ("certificates", {"issuer": "Google"}, "name"),
        ("certificates", {"name": "x", "url": "ftp://x"}, "url"),
        ("awards", {"title": "x", "date": "2023-13"}, "date"),
        ("languages", {"language": "x", "unknown": 1}, "unknown"),
        ("volunteer", {"organization": "x", "startDate": "2022", "endDate": "2021"}, "end_date"),
    ],
)
async def test_invalid_entries_are_422_naming_the_field(
    user_a: httpx.AsyncClient, section: str, body: dict[str, Any], field: str
) -> None:
    assert (await user_a.post(PROFILES, json=PROFILE)).status_code == 201
    error = assert_error(await user_a.post(f"{ME}/{section}", json=body), 422)
    assert any(field in detail["field"] for detail in error["details"]), error


async def test_another_users_entry_is_404_like_a_missing_one(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient
) -> None:
    document = {"basics": {"name": "Ada"}, "awards": [{"title": "Best paper"}]}
    entry_id = (await user_a.put(f"{ME}/json-resume", json=document)).json()["awards"][0]["id"]
    assert (await user_b.post(PROFILES, json=PROFILE)).status_code == 201
    for method, body in (("GET", None), ("PATCH", {"title": "Hijacked"}), ("DELETE", None)):
        assert_error(
            await user_b.request(method, f"{ME}/awards/{entry_id}", json=body), 404, "entry_not_found"
        )
    # Nor is it found under another section of its owner.
    assert_error(await user_a.get(f"{ME}/certificates/{entry_id}"), 404, "entry_not_found")
    assert (await user_b.get(f"{ME}/awards")).json() == []
    assert (await user_a.get(f"{ME}/awards/{entry_id}")).json()["entry"] == {"title": "Best paper"}
