"""Experiences, projects and education: CRUD, ordering, date rules, limits and versions."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from jobwise.models import Experience, Project
from jobwise.profiles.schemas import EXACT_DATE_PATTERN, check_partial_date
from tests.conftest import assert_error
from tests.profiles.conftest import EDUCATION, EXPERIENCE, ME, PROFILE, PROFILES, PROJECT, set_columns

KINDS: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    # kind: (a valid body, a change, the not-found code)
    "experiences": (EXPERIENCE, {"title": "Staff Engineer", "location": None}, "experience_not_found"),
    "projects": (PROJECT, {"name": "jobwise 2", "url": None}, "project_not_found"),
    "education": (EDUCATION, {"degree": "PhD", "gpa": None}, "education_not_found"),
}


@pytest.fixture
async def empty_profile(user_a: httpx.AsyncClient) -> dict[str, Any]:
    response = await user_a.post(PROFILES, json=PROFILE)
    assert response.status_code == 201
    profile: dict[str, Any] = response.json()
    return profile


async def test_crud_for_every_kind_of_item(user_a: httpx.AsyncClient, empty_profile: dict[str, Any]) -> None:
    for kind, (body, change, not_found) in KINDS.items():
        base = f"{ME}/{kind}"
        created = await user_a.post(base, json=body)
        assert created.status_code == 201, created.text
        item = created.json()
        for key, value in body.items():
            assert item[key] == value, (kind, key)
        assert item["display_order"] == 0
        assert (await user_a.get(f"{base}/{item['id']}")).json() == item
        assert (await user_a.get(base)).json() == [item]

        patched = await user_a.patch(f"{base}/{item['id']}", json=change)
        assert patched.status_code == 200, patched.text
        for key, value in change.items():
            assert patched.json()[key] == value, (kind, key)
        unchanged = {key: value for key, value in body.items() if key not in change}
        for key, value in unchanged.items():
            assert patched.json()[key] == value, (kind, key)
        profile = (await user_a.get(ME)).json()
        assert profile[kind] == [patched.json()]

        assert (await user_a.delete(f"{base}/{item['id']}")).status_code == 204
        assert_error(await user_a.get(f"{base}/{item['id']}"), 404, not_found)
        assert_error(await user_a.delete(f"{base}/{item['id']}"), 404, not_found)
        assert (await user_a.get(base)).json() == []


async def test_items_without_optional_fields(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    experience = await user_a.post(
        f"{ME}/experiences",
        json={"title": "Dev", "company": "Acme", "start_date": "2024", "is_current": True},
    )
    assert experience.status_code == 201, experience.text
    assert experience.json()["bullets"] == [] and experience.json()["technologies"] == []
    project = await user_a.post(f"{ME}/projects", json={"name": "Side project"})
    assert project.status_code == 201 and project.json()["start_date"] is None
    education = await user_a.post(f"{ME}/education", json={"institution": "MIT", "degree": "BSc"})
    assert education.status_code == 201 and education.json()["relevant_coursework"] == []


async def test_new_items_go_last_and_order_can_be_set(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    for kind, (body, _, _) in KINDS.items():
        base = f"{ME}/{kind}"
        ids = [(await user_a.post(base, json=body)).json()["id"] for _ in range(3)]
        assert [item["id"] for item in (await user_a.get(base)).json()] == ids
        reordered = await user_a.put(f"{base}/order", json={"ids": [ids[2], ids[0], ids[1]]})
        assert reordered.status_code == 200, reordered.text
        assert [item["id"] for item in reordered.json()] == [ids[2], ids[0], ids[1]]
        assert [item["display_order"] for item in reordered.json()] == [0, 1, 2]
        assert [item["id"] for item in (await user_a.get(base)).json()] == [ids[2], ids[0], ids[1]]
        assert [item["id"] for item in (await user_a.get(ME)).json()[kind]] == [ids[2], ids[0], ids[1]]
        # A new item goes after the reordered ones.
        last = (await user_a.post(base, json=body)).json()
        assert last["display_order"] == 3
        assert (await user_a.get(base)).json()[-1]["id"] == last["id"]


async def test_order_must_name_each_item_exactly_once(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    ids = [(await user_a.post(f"{ME}/experiences", json=EXPERIENCE)).json()["id"] for _ in range(2)]
    await user_b.post(PROFILES, json=PROFILE)
    foreign = (await user_b.post(f"{ME}/experiences", json=EXPERIENCE)).json()["id"]
    project = (await user_a.post(f"{ME}/projects", json=PROJECT)).json()["id"]
    for bad, problem in [
        ([ids[0]], "missing"),
        ([ids[0], ids[1], ids[1]], "duplicates"),
        ([ids[0], ids[1], foreign], "unknown"),
        ([ids[0], project], "unknown"),
    ]:
        error = assert_error(
            await user_a.put(f"{ME}/experiences/order", json={"ids": bad}), 422, "invalid_order"
        )
        assert error["details"][0]["field"] == "ids"
        assert error["details"][0][problem], (bad, error)
    assert [item["id"] for item in (await user_a.get(f"{ME}/experiences")).json()] == ids
    assert_error(
        await user_a.put(f"{ME}/experiences/order", json={"ids": ids, "x": 1}), 422, "validation_error"
    )


async def test_dates_accept_year_month_and_day(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    for start, end in [
        ("2019", "2020"),
        ("2019-02", "2019-02"),
        ("2020-02-29", "2021-01-31"),
        ("2020-05", "2020"),
    ]:
        body = {**EXPERIENCE, "start_date": start, "end_date": end}
        response = await user_a.post(f"{ME}/experiences", json=body)
        assert response.status_code == 201, (start, end, response.text)
        # Stored as given, never padded to a full date.
        assert (response.json()["start_date"], response.json()["end_date"]) == (start, end)


async def test_invalid_dates_are_422_naming_the_field(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    for value in [
        "2021-13",
        "2021-02-30",
        "2019-02-29",
        "21",
        "2021/01",
        "2021-1",
        "0999",
        "2021-01-01T00:00",
        "",
    ]:
        error = assert_error(
            await user_a.post(f"{ME}/experiences", json={**EXPERIENCE, "start_date": value}),
            422,
            "validation_error",
        )
        assert error["details"][0]["field"] == "start_date", (value, error)
        assert_error(await user_a.post(f"{ME}/projects", json={**PROJECT, "end_date": value}), 422)
        assert_error(await user_a.post(f"{ME}/education", json={**EDUCATION, "start_date": value}), 422)


async def test_an_end_before_the_start_is_422(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    for kind, (body, _, _) in KINDS.items():
        bad = {**body, "start_date": "2021-06", "end_date": "2021-05-31"}
        error = assert_error(await user_a.post(f"{ME}/{kind}", json=bad), 422, "invalid_dates")
        assert error["details"][0]["field"] == "end_date"
        item = (
            await user_a.post(f"{ME}/{kind}", json={**body, "start_date": "2021", "end_date": "2022"})
        ).json()
        # PATCH checks the dates it ends up with, sent or stored.
        error = assert_error(
            await user_a.patch(f"{ME}/{kind}/{item['id']}", json={"start_date": "2023"}), 422
        )
        assert error["details"][0]["field"] == "end_date"
    nested = {
        **PROFILE,
        "experiences": [EXPERIENCE, {**EXPERIENCE, "start_date": "2024", "end_date": "2023"}],
    }
    await user_a.delete(ME)
    error = assert_error(await user_a.post(PROFILES, json=nested), 422, "invalid_dates")
    assert error["details"][0]["field"] == "experiences[1].end_date"


async def test_a_current_role_has_no_end_date(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    error = assert_error(
        await user_a.post(f"{ME}/experiences", json={**EXPERIENCE, "is_current": True}), 422, "invalid_dates"
    )
    assert error["details"][0]["field"] == "end_date"
    experience = (await user_a.post(f"{ME}/experiences", json=EXPERIENCE)).json()
    path = f"{ME}/experiences/{experience['id']}"
    assert_error(await user_a.patch(path, json={"is_current": True}), 422, "invalid_dates")
    current = await user_a.patch(path, json={"is_current": True, "end_date": None})
    assert current.status_code == 200, current.text
    assert current.json()["is_current"] is True and current.json()["end_date"] is None


async def test_bullets_are_single_lines_and_fields_that_cannot_be_empty_refuse_null(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    for bullet in ["two\nlines", "carriage\rreturn", "", "   "]:
        error = assert_error(
            await user_a.post(f"{ME}/experiences", json={**EXPERIENCE, "bullets": [bullet]}),
            422,
            "validation_error",
        )
        assert error["details"][0]["field"] == "bullets[0]"
    experience = (await user_a.post(f"{ME}/experiences", json=EXPERIENCE)).json()
    for field in ["title", "company", "start_date", "bullets", "technologies", "is_current", "use_enhanced"]:
        error = assert_error(
            await user_a.patch(f"{ME}/experiences/{experience['id']}", json={field: None}), 422
        )
        assert error["details"][0]["field"] == field
    assert_error(await user_a.patch(f"{ME}/experiences/{experience['id']}", json={"description": "x"}), 422)


async def test_item_limits_are_422_naming_the_field(
    user_a: httpx.AsyncClient, empty_profile: dict[str, Any]
) -> None:
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("experiences", {**EXPERIENCE, "bullets": ["b"] * 31}, "bullets"),
        ("experiences", {**EXPERIENCE, "bullets": ["b" * 501]}, "bullets[0]"),
        ("experiences", {**EXPERIENCE, "company": "c" * 201}, "company"),
        ("experiences", {**EXPERIENCE, "location": "l" * 201}, "location"),
        ("projects", {**PROJECT, "technologies": ["t" * 101]}, "technologies[0]"),
        ("projects", {**PROJECT, "github_url": "https://" + "g" * 2_000}, "github_url"),
        ("education", {**EDUCATION, "field_of_study": "f" * 201}, "field_of_study"),
        ("education", {**EDUCATION, "relevant_coursework": ["c" * 201]}, "relevant_coursework[0]"),
    ]
    for kind, body, field in cases:
        error = assert_error(await user_a.post(f"{ME}/{kind}", json=body), 422, "validation_error")
        assert error["details"][0]["field"] == field, (kind, field, error)
    assert_error(
        await user_a.put(f"{ME}/experiences/order", json={"ids": ["x"] * 51}), 422, "validation_error"
    )


async def test_a_section_holds_at_most_50_items(user_a: httpx.AsyncClient) -> None:
    body = {**PROFILE, "projects": [{"name": f"p{i}"} for i in range(50)]}
    assert (await user_a.post(PROFILES, json=body)).status_code == 201
    error = assert_error(await user_a.post(f"{ME}/projects", json=PROJECT), 422, "too_many_items")
    assert error["details"][0]["field"] == "projects"
    assert len((await user_a.get(f"{ME}/projects")).json()) == 50


@pytest.mark.parametrize(("kind", "model"), [("experiences", Experience), ("projects", Project)])
async def test_item_versions_use_enhanced_stale_and_revert(
    app: FastAPI,
    user_a: httpx.AsyncClient,
    profile_a: dict[str, Any],
    kind: str,
    model: type[Experience] | type[Project],
) -> None:
    item = profile_a[kind][0]
    path = f"{ME}/{kind}/{item['id']}"
    error = assert_error(await user_a.patch(path, json={"use_enhanced": True}), 422, "no_enhanced_text")
    assert error["details"][0]["field"] == "use_enhanced"
    assert_error(await user_a.post(f"{path}/revert"), 409, "no_previous_version")

    original = "\n".join(item["bullets"])
    await set_columns(app, model, item["id"], enhanced_description="New A\nNew B", enhanced_source=original)
    enhanced = (await user_a.patch(path, json={"use_enhanced": True})).json()
    assert enhanced["use_enhanced"] is True
    assert enhanced["enhanced_bullets"] == ["New A", "New B"]
    assert enhanced["previous_enhanced_bullets"] is None
    assert enhanced["enhanced_stale"] is False
    # Only one enhanced version: nothing to go back to.
    assert_error(await user_a.post(f"{path}/revert"), 409, "no_previous_version")

    # Old A as a row from before its source was recorded: not known to match the original, so stale.
    await set_columns(app, model, item["id"], previous_enhanced_description="Old A")
    first = (await user_a.post(f"{path}/revert")).json()
    assert (first["enhanced_bullets"], first["previous_enhanced_bullets"]) == (["Old A"], ["New A", "New B"])
    assert first["enhanced_stale"] is True
    second = (await user_a.post(f"{path}/revert")).json()
    assert (second["enhanced_bullets"], second["previous_enhanced_bullets"]) == (
        ["New A", "New B"],
        ["Old A"],
    )
    assert second["enhanced_stale"] is False

    # Editing the original keeps the enhanced text, marked stale, everywhere it is read.
    edited = (await user_a.patch(path, json={"bullets": ["Rewritten by hand"]})).json()
    assert edited["bullets"] == ["Rewritten by hand"]
    assert edited["enhanced_bullets"] == ["New A", "New B"]
    assert edited["enhanced_stale"] is True
    assert (await user_a.get(path)).json()["enhanced_stale"] is True
    assert (await user_a.get(ME)).json()[kind][0]["enhanced_stale"] is True
    # Other edits don't make it stale.
    restored = (await user_a.patch(path, json={"bullets": item["bullets"]})).json()
    assert restored["enhanced_stale"] is False
    assert (await user_a.patch(path, json={"use_enhanced": False})).json()["use_enhanced"] is False


def test_the_documented_date_pattern_is_exactly_what_is_accepted() -> None:
    documented = re.compile(EXACT_DATE_PATTERN)
    candidates = [f"{year}" for year in (999, 1000, 2999, 3000)]
    for year in (1000, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 2999):
        candidates += [f"{year}-{month:02}" for month in range(14)]
        candidates += [f"{year}-{month:02}-{day:02}" for month in range(14) for day in range(33)]
    for value in candidates:
        try:
            check_partial_date(value)
            accepted = True
        except ValueError:
            accepted = False
        assert bool(documented.fullmatch(value)) == accepted, value
