"""Job postings: CRUD, validation and limits, filters, pagination and ordering, ownership."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from jobwise.models import Job
from tests.conftest import assert_error

JOBS = "/api/v1/jobs"


async def create_job(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = {"title": "Backend Engineer", "company": "Acme", **fields}
    response = await client.post(JOBS, json=body)
    assert response.status_code == 201, response.text
    job: dict[str, Any] = response.json()
    return job


# --- create and read -------------------------------------------------------------------------


async def test_create_job_needs_only_title_and_company(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a)
    assert job["title"] == "Backend Engineer"
    assert job["company"] == "Acme"
    assert job["source"] == "manual"
    assert job["status"] == "active"
    assert job["application_status"] == "not_applied"
    assert job["requirements"] == job["benefits"] == job["parsed_keywords"] == []
    assert job["remote"] is None
    assert job["location"] is job["description"] is job["raw_text"] is job["salary_range"] is None
    assert job["created_at"] and job["updated_at"]
    assert "user_id" not in job


async def test_create_job_keeps_every_field(user_a: httpx.AsyncClient) -> None:
    fields = {
        "source": "pasted",
        "location": "Berlin",
        "description": "Build APIs.",
        "raw_text": "Backend Engineer at Acme\nBuild APIs.",
        "requirements": ["5 years of Python", "SQL"],
        "benefits": ["Remote budget"],
        "keywords": ["python", "fastapi"],
        "salary_range": "€70k–€90k",
        "remote": "Hybrid",
    }
    job = await create_job(user_a, **fields)
    read = (await user_a.get(f"{JOBS}/{job['id']}")).json()
    assert read == job
    for name, value in fields.items():
        assert read["parsed_keywords" if name == "keywords" else name] == value


async def test_title_and_company_are_trimmed(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a, title="  Data Engineer ", company=" Initech  ")
    assert (job["title"], job["company"]) == ("Data Engineer", "Initech")


async def test_parsed_keywords_is_accepted_as_an_input_name(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a, parsed_keywords=["go", "kubernetes"])
    assert job["parsed_keywords"] == ["go", "kubernetes"]


async def test_sending_both_keyword_names_is_422(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(
        JOBS, json={"title": "t", "company": "c", "keywords": ["a"], "parsed_keywords": ["b"]}
    )
    assert_error(response, 422, "validation_error")


@pytest.mark.parametrize(
    ("sent", "stored"),
    [(True, "Full"), (False, "None"), ("Full", "Full"), ("Hybrid", "Hybrid"), ("None", "None"), (None, None)],
)
async def test_remote_follows_json_resume_and_accepts_booleans(
    user_a: httpx.AsyncClient, sent: object, stored: str | None
) -> None:
    assert (await create_job(user_a, remote=sent))["remote"] == stored


@pytest.mark.parametrize("remote", ["full", "yes", "remote", 1, 0])
async def test_other_remote_values_are_422(user_a: httpx.AsyncClient, remote: object) -> None:
    response = await user_a.post(JOBS, json={"title": "t", "company": "c", "remote": remote})
    error = assert_error(response, 422, "validation_error")
    assert {d["field"].split(".")[0] for d in error["details"]} == {"remote"}


@pytest.mark.parametrize("missing", ["title", "company"])
async def test_title_and_company_are_required(user_a: httpx.AsyncClient, missing: str) -> None:
    body = {"title": "t", "company": "c"}
    del body[missing]
    error = assert_error(await user_a.post(JOBS, json=body), 422, "validation_error")
    assert error["details"][0]["field"] == missing
    blank = assert_error(await user_a.post(JOBS, json={**body, missing: "   "}), 422)
    assert blank["details"][0]["field"] == missing


@pytest.mark.parametrize("source", ["Manual", "two words", "", "9lives", "x" * 31, "pasted!"])
async def test_source_is_a_short_lowercase_word(user_a: httpx.AsyncClient, source: str) -> None:
    response = await user_a.post(JOBS, json={"title": "t", "company": "c", "source": source})
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["field"] == "source"


async def test_unknown_fields_are_422(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(JOBS, json={"title": "t", "company": "c", "user_id": 2})
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["field"] == "user_id"


@pytest.mark.parametrize("status", [{"status": "deleted"}, {"application_status": "hired"}])
async def test_unknown_statuses_are_422(user_a: httpx.AsyncClient, status: dict[str, str]) -> None:
    response = await user_a.post(JOBS, json={"title": "t", "company": "c", **status})
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["field"] == next(iter(status))


# --- limits ----------------------------------------------------------------------------------

OVER_THE_LIMIT: dict[str, tuple[str, object]] = {
    "title": ("title", "x" * 301),
    "company": ("company", "x" * 301),
    "location": ("location", "x" * 301),
    "salary_range": ("salary_range", "x" * 201),
    "description": ("description", "x" * 20_001),
    "raw_text": ("raw_text", "x" * 20_001),
    "too_many_requirements": ("requirements", ["r"] * 101),
    "long_requirement": ("requirements[3]", ["r"] * 3 + ["x" * 1_001]),
    "too_many_benefits": ("benefits", ["b"] * 101),
    "long_benefit": ("benefits[0]", ["x" * 1_001]),
    "too_many_keywords": ("keywords", ["k"] * 201),
    "long_keyword": ("keywords[1]", ["k", "x" * 101]),
    "too_many_parsed_keywords": ("parsed_keywords", ["k"] * 201),
    "blank_requirement": ("requirements[0]", [" "]),
}


@pytest.mark.parametrize("case", sorted(OVER_THE_LIMIT))
async def test_an_excess_is_422_naming_the_field(user_a: httpx.AsyncClient, case: str) -> None:
    field, value = OVER_THE_LIMIT[case]
    name = field.split("[")[0]
    body: dict[str, object] = {"title": "t", "company": "c", name: value}
    error = assert_error(await user_a.post(JOBS, json=body), 422, "validation_error")
    assert [d["field"] for d in error["details"]] == [field]
    assert field in error["message"]
    # The same bounds hold when changing a job.
    job = await create_job(user_a)
    changed = assert_error(await user_a.patch(f"{JOBS}/{job['id']}", json={name: value}), 422)
    assert [d["field"] for d in changed["details"]] == [field]


async def test_values_at_the_limits_are_accepted_whole(user_a: httpx.AsyncClient) -> None:
    fields = {
        "title": "t" * 300,
        "raw_text": "r" * 20_000,
        "description": "d" * 20_000,
        "requirements": [f"{i:04d}" + "x" * 996 for i in range(100)],
        "benefits": ["b" * 1_000] * 100,
        "keywords": [f"{i:03d}" + "k" * 97 for i in range(200)],
    }
    job = await create_job(user_a, **fields)
    assert job["raw_text"] == fields["raw_text"]
    assert job["requirements"] == fields["requirements"]
    assert job["parsed_keywords"] == fields["keywords"]
    assert job["title"] == fields["title"]


# --- update and delete -----------------------------------------------------------------------


async def test_patch_changes_only_the_fields_sent(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a, location="Paris", requirements=["SQL"], remote=True)
    response = await user_a.patch(
        f"{JOBS}/{job['id']}",
        json={"application_status": "interviewing", "parsed_keywords": ["sql"], "remote": "Hybrid"},
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["application_status"] == "interviewing"
    assert changed["parsed_keywords"] == ["sql"]
    assert changed["remote"] == "Hybrid"
    unchanged = {"title", "company", "location", "requirements", "status", "created_at", "source"}
    assert {k: changed[k] for k in unchanged} == {k: job[k] for k in unchanged}
    assert changed["updated_at"] >= job["updated_at"]
    assert (await user_a.get(f"{JOBS}/{job['id']}")).json() == changed


async def test_patch_clears_optional_fields_with_null(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a, location="Paris", salary_range="60k", remote="Full")
    response = await user_a.patch(
        f"{JOBS}/{job['id']}", json={"location": None, "salary_range": None, "remote": None}
    )
    assert response.status_code == 200, response.text
    assert response.json()["location"] is response.json()["salary_range"] is response.json()["remote"] is None


@pytest.mark.parametrize("field", ["title", "source", "status", "application_status", "requirements"])
async def test_patch_refuses_null_for_required_fields(user_a: httpx.AsyncClient, field: str) -> None:
    job = await create_job(user_a)
    error = assert_error(await user_a.patch(f"{JOBS}/{job['id']}", json={field: None}), 422)
    assert error["details"][0]["field"] == field
    assert (await user_a.get(f"{JOBS}/{job['id']}")).json() == job


@pytest.mark.parametrize("cleared", [None, "", "   "])
async def test_patch_clears_the_company_and_reads_name_it_a_placeholder(
    user_a: httpx.AsyncClient, cleared: str | None
) -> None:
    job = await create_job(user_a)
    assert job["placeholders"] == []
    response = await user_a.patch(f"{JOBS}/{job['id']}", json={"company": cleared})
    assert response.status_code == 200, response.text
    assert (response.json()["company"], response.json()["placeholders"]) == (None, ["company"])
    stored = (await user_a.get(f"{JOBS}/{job['id']}")).json()
    assert (stored["company"], stored["placeholders"]) == (None, ["company"])
    listed = (await user_a.get(JOBS)).json()["items"][0]
    assert listed["placeholders"] == ["company"]


async def test_patch_corrects_every_parsed_field(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a)
    correction = {
        "title": "Staff Nurse",
        "company": "Rotherham Doncaster and South Humber NHS Foundation Trust",
        "location": "Rotherham",
        "description": "Older adults' mental health ward.",
        "requirements": ["NMC registration"],
        "benefits": ["NHS pension"],
        "parsed_keywords": ["Mental health nursing"],
        "salary_range": "£24,907 to £30,615 pa",
        "salary": {"min": 24907, "max": 30615, "currency": "GBP", "period": "year"},
        "remote": "None",
        "experience_level": "Mid-level",
    }
    response = await user_a.patch(f"{JOBS}/{job['id']}", json=correction)
    assert response.status_code == 200, response.text
    assert {key: response.json()[key] for key in correction} == correction
    assert (await user_a.get(f"{JOBS}/{job['id']}")).json() == response.json()
    cleared = await user_a.patch(f"{JOBS}/{job['id']}", json={"salary": None, "experience_level": None})
    assert (cleared.json()["salary"], cleared.json()["experience_level"]) == (None, None)


@pytest.mark.parametrize(
    "salary",
    [
        {"min": 1, "currency": "dollars"},
        {"min": -1},
        {"min": 1, "bonus": 2},
    ],
)
async def test_patch_refuses_a_salary_that_is_not_one(
    user_a: httpx.AsyncClient, salary: dict[str, object]
) -> None:
    job = await create_job(user_a)
    error = assert_error(await user_a.patch(f"{JOBS}/{job['id']}", json={"salary": salary}), 422)
    assert error["details"][0]["field"].startswith("salary")


async def test_patch_can_archive_a_job(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a)
    response = await user_a.patch(f"{JOBS}/{job['id']}", json={"status": "archived"})
    assert response.json()["status"] == "archived"
    assert_error(await user_a.patch(f"{JOBS}/{job['id']}", json={"status": "gone"}), 422)
    assert_error(await user_a.patch(f"{JOBS}/{job['id']}", json={"owner": "x"}), 422)


async def test_delete_is_204_and_the_job_is_gone(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a)
    response = await user_a.delete(f"{JOBS}/{job['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert_error(await user_a.get(f"{JOBS}/{job['id']}"), 404, "job_not_found")
    assert_error(await user_a.delete(f"{JOBS}/{job['id']}"), 404, "job_not_found")
    assert (await user_a.get(JOBS)).json()["total"] == 0


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_an_unknown_job_is_404(user_a: httpx.AsyncClient, method: str) -> None:
    kwargs: dict[str, Any] = {"json": {"title": "x"}} if method == "PATCH" else {}
    response = await user_a.request(method, f"{JOBS}/no-such-job", **kwargs)
    assert_error(response, 404, "job_not_found")


# --- ownership -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_other_users_job_is_404(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient, method: str
) -> None:
    job = await create_job(user_a)
    kwargs: dict[str, Any] = {"json": {"title": "taken over"}} if method == "PATCH" else {}
    response = await user_b.request(method, f"{JOBS}/{job['id']}", **kwargs)
    assert_error(response, 404, "job_not_found")
    assert (await user_a.get(f"{JOBS}/{job['id']}")).json() == job


async def test_lists_show_only_the_users_own_jobs(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient
) -> None:
    mine = await create_job(user_a)
    theirs = await create_job(user_b, title="B's job")
    page_a = (await user_a.get(JOBS)).json()
    page_b = (await user_b.get(JOBS)).json()
    assert [j["id"] for j in page_a["items"]] == [mine["id"]]
    assert [j["id"] for j in page_b["items"]] == [theirs["id"]]
    assert page_a["total"] == page_b["total"] == 1


# --- listing ---------------------------------------------------------------------------------


async def test_an_empty_list(user_a: httpx.AsyncClient) -> None:
    assert (await user_a.get(JOBS)).json() == {"items": [], "total": 0, "limit": 20, "offset": 0}


async def test_list_is_newest_first_and_pages_with_a_total(user_a: httpx.AsyncClient) -> None:
    created = [await create_job(user_a, title=f"Job {i}") for i in range(25)]
    newest_first = [job["id"] for job in reversed(created)]

    first = (await user_a.get(JOBS)).json()
    assert (first["total"], first["limit"], first["offset"]) == (25, 20, 0)
    assert [j["id"] for j in first["items"]] == newest_first[:20]

    second = (await user_a.get(JOBS, params={"limit": 20, "offset": 20})).json()
    assert [j["id"] for j in second["items"]] == newest_first[20:]
    assert second["total"] == 25

    middle = (await user_a.get(JOBS, params={"limit": 3, "offset": 5})).json()
    assert [j["id"] for j in middle["items"]] == newest_first[5:8]

    past_the_end = (await user_a.get(JOBS, params={"offset": 100})).json()
    assert past_the_end["items"] == []
    assert past_the_end["total"] == 25


async def test_jobs_created_in_the_same_instant_are_ordered_by_id(
    app: FastAPI, user_a: httpx.AsyncClient
) -> None:
    ids = [(await create_job(user_a, title=f"Job {i}"))["id"] for i in range(6)]
    same_instant = datetime(2025, 1, 1, tzinfo=UTC)
    async with app.state.database.write_session() as session, session.begin():
        await session.execute(update(Job).values(created_at=same_instant))
    pages = [(await user_a.get(JOBS, params={"limit": 2, "offset": o})).json()["items"] for o in (0, 2, 4)]
    listed = [job["id"] for page in pages for job in page]
    assert listed == sorted(ids, reverse=True)


async def test_list_filters_by_status_and_application_status(user_a: httpx.AsyncClient) -> None:
    plain = await create_job(user_a)
    applied = await create_job(user_a, application_status="applied")
    archived_offer = await create_job(user_a, status="archived", application_status="offer")
    archived = await create_job(user_a, status="archived")

    async def listed(**params: str) -> set[str]:
        page = (await user_a.get(JOBS, params=params)).json()
        assert page["total"] == len(page["items"])
        return {job["id"] for job in page["items"]}

    assert await listed(status="active") == {plain["id"], applied["id"]}
    assert await listed(status="archived") == {archived_offer["id"], archived["id"]}
    assert await listed(application_status="not_applied") == {plain["id"], archived["id"]}
    assert await listed(application_status="applied") == {applied["id"]}
    assert await listed(status="archived", application_status="offer") == {archived_offer["id"]}
    assert await listed(status="active", application_status="offer") == set()
    assert len(await listed()) == 4


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": str(2**63)}, "offset"),
        ({"status": "deleted"}, "status"),
        ({"application_status": "hired"}, "application_status"),
    ],
)
async def test_bad_list_parameters_are_422(
    user_a: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    error = assert_error(await user_a.get(JOBS, params=params), 422, "validation_error")
    assert error["details"][0]["field"] == field


async def test_limit_100_is_allowed(user_a: httpx.AsyncClient) -> None:
    await asyncio.gather(*(create_job(user_a, title=f"Job {i}") for i in range(3)))
    page = (await user_a.get(JOBS, params={"limit": 100})).json()
    assert (page["limit"], page["total"], len(page["items"])) == (100, 3, 3)


# --- conditional requests --------------------------------------------------------------------


async def test_an_unchanged_job_is_304_and_a_stale_patch_is_412(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a)
    first = await user_a.get(f"{JOBS}/{job['id']}")
    tag = first.headers["etag"]
    assert first.json() == job
    unchanged = await user_a.get(f"{JOBS}/{job['id']}", headers={"If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == tag

    # Tab 1 saves with the version it read: accepted, and told the new version.
    saved = await user_a.patch(f"{JOBS}/{job['id']}", json={"title": "Tab one"}, headers={"If-Match": tag})
    assert saved.status_code == 200 and saved.json()["title"] == "Tab one"
    assert saved.headers["etag"] not in {tag, None}
    # Tab 2 still holds the first version: refused, nothing overwritten.
    stale = await user_a.patch(f"{JOBS}/{job['id']}", json={"title": "Tab two"}, headers={"If-Match": tag})
    assert_error(stale, 412, "precondition_failed")
    current = await user_a.get(f"{JOBS}/{job['id']}", headers={"If-None-Match": tag})
    assert current.status_code == 200 and current.json()["title"] == "Tab one"
    assert current.headers["etag"] == saved.headers["etag"]
    # Without If-Match, a write is not checked.
    assert (await user_a.patch(f"{JOBS}/{job['id']}", json={"title": "Tab three"})).status_code == 200


async def test_a_job_changed_outside_the_api_gets_a_new_etag(user_a: httpx.AsyncClient, app: FastAPI) -> None:
    # The tag is the representation's hash: no code path can change a job and forget a version.
    job = await create_job(user_a)
    tag = (await user_a.get(f"{JOBS}/{job['id']}")).headers["etag"]
    async with app.state.database.write_session() as session, session.begin():
        await session.execute(update(Job).where(Job.id == job["id"]).values(company="Elsewhere"))
    assert (await user_a.get(f"{JOBS}/{job['id']}", headers={"If-None-Match": tag})).status_code == 200


async def test_the_json_resume_export_of_a_job_has_an_etag(user_a: httpx.AsyncClient) -> None:
    job = await create_job(user_a)
    url = f"{JOBS}/{job['id']}/json-resume"
    first = await user_a.get(url)
    assert first.status_code == 200 and first.json()["company"] == "Acme"
    assert (await user_a.get(url, headers={"If-None-Match": first.headers["etag"]})).status_code == 304


async def test_another_users_job_tag_tells_nothing(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient
) -> None:
    job = await create_job(user_a)
    tag = (await user_a.get(f"{JOBS}/{job['id']}")).headers["etag"]
    assert_error(await user_b.get(f"{JOBS}/{job['id']}", headers={"If-None-Match": tag}), 404)
