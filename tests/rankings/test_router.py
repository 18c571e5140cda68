"""/api/v1/rankings: stored per user and job, recomputed only when the profile or job changed."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import assert_error
from tests.rankings.crafted import ABSENT, ME, OBVIOUS, create_job, create_profile

RANKINGS = "/api/v1/rankings"


async def rank(client: httpx.AsyncClient, job_id: str, status: int = 200) -> dict[str, Any]:
    response = await client.post(RANKINGS, json={"job_id": job_id})
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_ranking_a_job_stores_the_coverage_matrix(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    job_id = await create_job(user_a)
    ranking = await rank(user_a, job_id, 201)
    data = ranking["ranking_data"]
    assert ranking["job_id"] == job_id
    assert data["experiences"][0]["bullets"][0]["text"] == OBVIOUS
    statuses = {row["requirement"]: row["status"] for row in data["requirements"]}
    assert statuses[ABSENT] == "missing"
    assert "Rust" in data["keyword_coverage"]["missing"]
    assert data["fingerprint"] and data["engine"] == "offline" and data["llm_reranked"] is False


async def test_ranking_again_reuses_it_until_the_profile_or_job_changes(user_a: httpx.AsyncClient) -> None:
    profile = await create_profile(user_a)
    job_id = await create_job(user_a)
    first = await rank(user_a, job_id, 201)
    again = await rank(user_a, job_id)
    assert again["id"] == first["id"]
    assert again["ranking_data"]["computed_at"] == first["ranking_data"]["computed_at"]

    experience = profile["experiences"][0]
    patched = await user_a.patch(
        f"{ME}/experiences/{experience['id']}", json={"bullets": ["Wrote Rust services for payments."]}
    )
    assert patched.status_code == 200, patched.text
    after_profile = await rank(user_a, job_id)
    assert after_profile["id"] == first["id"]
    assert after_profile["ranking_data"]["fingerprint"] != first["ranking_data"]["fingerprint"]
    rust = next(row for row in after_profile["ranking_data"]["keywords"] if row["keyword"] == "Rust")
    assert rust["status"] == "evidenced"

    changed_job = await user_a.patch(f"/api/v1/jobs/{job_id}", json={"requirements": ["Go and Kafka"]})
    assert changed_job.status_code == 200
    after_job = await rank(user_a, job_id)
    assert [row["requirement"] for row in after_job["ranking_data"]["requirements"]] == ["Go and Kafka"]
    assert after_job["ranking_data"]["fingerprint"] != after_profile["ranking_data"]["fingerprint"]


async def test_rankings_are_listed_filtered_and_read(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    first_job, second_job = await create_job(user_a), await create_job(user_a, title="Data Engineer")
    first = await rank(user_a, first_job, 201)
    await rank(user_a, second_job, 201)
    listed = (await user_a.get(RANKINGS)).json()
    assert listed["total"] == 2
    filtered = (await user_a.get(RANKINGS, params={"job_id": first_job})).json()
    assert [row["id"] for row in filtered["items"]] == [first["id"]]
    assert (await user_a.get(f"{RANKINGS}/{first['id']}")).json() == first


async def test_ranking_without_a_profile_says_so(user_a: httpx.AsyncClient) -> None:
    job_id = await create_job(user_a)
    assert_error(await user_a.post(RANKINGS, json={"job_id": job_id}), 404, "profile_not_found")


async def test_bad_input_is_422(user_a: httpx.AsyncClient) -> None:
    assert_error(await user_a.post(RANKINGS, json={"job_id": "x", "extra": 1}), 422, "validation_error")
    assert_error(await user_a.post(RANKINGS, json={"job_id": "x" * 37}), 422, "validation_error")


async def test_other_users_rankings_and_jobs_are_404(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient
) -> None:
    await create_profile(user_a)
    await create_profile(user_b)
    job_id = await create_job(user_a)
    ranking = await rank(user_a, job_id, 201)
    assert_error(await user_b.get(f"{RANKINGS}/{ranking['id']}"), 404, "ranking_not_found")
    assert_error(await user_b.post(RANKINGS, json={"job_id": job_id}), 404, "job_not_found")
    assert (await user_b.get(RANKINGS, params={"job_id": job_id})).json()["total"] == 0
    assert (await user_b.get(RANKINGS)).json()["items"] == []
