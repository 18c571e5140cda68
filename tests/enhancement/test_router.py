"""The enhancement API: trigger, status, history, one job, its event stream; and who may see what."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobwise.models import EnhancementRun, Task
from tests.conftest import assert_error
from tests.enhancement.conftest import (
    FakeEngine,
    create_profile,
    parse_sse,
    trigger,
    wait_for_run,
)

STEPS = [
    "loading_data",
    "extracting_style",
    "enhancing_summary",
    "enhancing_experiences",
    "enhancing_projects",
    "saving",
]


async def test_trigger_is_202_with_the_seeds_shape(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    await create_profile(user_a)
    response = await user_a.post("/api/v1/enhancement/trigger")
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"job_id", "status", "message"}
    assert body["status"] == "queued"
    job = await wait_for_run(user_a, body["job_id"])
    assert job["status"] == "completed"


async def test_without_a_profile_trigger_is_404(user_a: httpx.AsyncClient) -> None:
    assert_error(await user_a.post("/api/v1/enhancement/trigger"), 404, "profile_not_found")


async def test_with_nothing_to_enhance_trigger_is_422(user_a: httpx.AsyncClient) -> None:
    await create_profile(
        user_a,
        professional_summary=None,
        experiences=[{"title": "Engineer", "company": "Acme", "start_date": "2020"}],
        projects=[],
    )
    assert_error(await user_a.post("/api/v1/enhancement/trigger"), 422, "nothing_to_enhance")


async def test_a_second_trigger_while_one_is_active_is_409(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    fake_engine.hold()
    await create_profile(user_a)
    job_id = await trigger(user_a)
    error = assert_error(await user_a.post("/api/v1/enhancement/trigger"), 409, "enhancement_in_progress")
    assert error["details"] == {"job_id": job_id}
    fake_engine.release()
    await wait_for_run(user_a, job_id)
    assert (await user_a.post("/api/v1/enhancement/trigger")).status_code == 202


async def test_two_triggers_at_once_give_one_job_and_one_409(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    fake_engine.hold()
    await create_profile(user_a)
    first, second = await asyncio.gather(
        user_a.post("/api/v1/enhancement/trigger"), user_a.post("/api/v1/enhancement/trigger")
    )
    assert sorted([first.status_code, second.status_code]) == [202, 409]
    history = (await user_a.get("/api/v1/enhancement/jobs")).json()
    assert history["total"] == 1
    fake_engine.release()
    await wait_for_run(user_a, history["items"][0]["job_id"])


async def test_the_database_refuses_a_second_active_job(
    user_a: httpx.AsyncClient, app: FastAPI, fake_engine: FakeEngine
) -> None:
    """The rule holds without the service's check (another process, a race): a unique index."""
    fake_engine.hold()
    await create_profile(user_a)
    job_id = await trigger(user_a)
    async with app.state.database.write_session() as session:
        run = await session.get(EnhancementRun, job_id)
        assert run is not None
        session.add(EnhancementRun(user_id=run.user_id, profile_id=run.profile_id, status="processing"))
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
        else:
            raise AssertionError("a second active run was accepted")


async def test_trigger_creates_the_task_in_the_same_commit(
    user_a: httpx.AsyncClient, app: FastAPI, fake_engine: FakeEngine
) -> None:
    await create_profile(user_a)
    job_id = await trigger(user_a)
    async with app.state.database.read_session() as session:
        run = await session.get(EnhancementRun, job_id)
        assert run is not None and run.task_id is not None
        task = await session.scalar(select(Task).where(Task.id == run.task_id))
        assert task is not None
        assert (task.kind, task.payload) == ("enhance_profile", {"job_id": job_id})


async def test_status_is_the_latest_run(user_a: httpx.AsyncClient, fake_engine: FakeEngine) -> None:
    assert_error(await user_a.get("/api/v1/enhancement/status"), 404, "enhancement_job_not_found")
    await create_profile(user_a)
    first = await trigger(user_a)
    await wait_for_run(user_a, first)
    second = await trigger(user_a)
    await wait_for_run(user_a, second)
    status = (await user_a.get("/api/v1/enhancement/status")).json()
    assert status == {
        "job_id": second,
        "status": "completed",
        "progress": 100,
        "current_step": "saving",
        "items_done": 5,
        "items_total": 5,
        "error": None,
    }
    history = (await user_a.get("/api/v1/enhancement/jobs", params={"limit": 1})).json()
    assert history["total"] == 2
    assert [job["job_id"] for job in history["items"]] == [second]
    assert history["items"][0]["result"]["enhancement_version"] == 2


async def test_another_users_job_is_404(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    await create_profile(user_a)
    job_id = await trigger(user_a)
    await wait_for_run(user_a, job_id)
    assert_error(await user_b.get(f"/api/v1/enhancement/jobs/{job_id}"), 404, "enhancement_job_not_found")
    assert_error(
        await user_b.get(f"/api/v1/enhancement/jobs/{job_id}/events"), 404, "enhancement_job_not_found"
    )
    assert (await user_b.get("/api/v1/enhancement/jobs")).json()["total"] == 0
    assert_error(await user_b.get("/api/v1/enhancement/status"), 404)


async def test_the_event_stream_yields_each_step_in_order_and_ends_with_the_final_state(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    await create_profile(user_a)
    job_id = await trigger(user_a)
    # The stream is read while the run goes on: it ends by itself when the run is over.
    response = await asyncio.wait_for(user_a.get(f"/api/v1/enhancement/jobs/{job_id}/events"), 20)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    progress = [event for event in events if event["event"] == "progress"]
    steps = [event["data"]["step"] for event in progress if event["data"]["status"] == "processing"]
    # Each step once and in order; within the rewriting steps, further events count the texts.
    assert [step for n, step in enumerate(steps) if n == 0 or steps[n - 1] != step] == STEPS
    counted = [event["data"] for event in progress if "items_total" in event["data"]]
    assert {data["items_total"] for data in counted} == {5}
    done = [data["items_done"] for data in counted]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 5
    assert [int(event["id"]) for event in events] == sorted(int(event["id"]) for event in events)
    values = [event["data"]["progress"] for event in progress]
    assert values == sorted(values)
    final = events[-1]
    assert final["event"] == "completed"
    assert final["data"]["job_id"] == job_id
    assert final["data"]["progress"] == 100


async def test_the_event_stream_resumes_after_last_event_id(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    await create_profile(user_a)
    job_id = await trigger(user_a)
    await wait_for_run(user_a, job_id)
    everything = parse_sse((await user_a.get(f"/api/v1/enhancement/jobs/{job_id}/events")).text)
    resumed = parse_sse(
        (await user_a.get(f"/api/v1/enhancement/jobs/{job_id}/events", headers={"Last-Event-ID": "3"})).text
    )
    assert resumed == [event for event in everything if int(event["id"]) > 3]
    assert resumed[-1]["event"] == "completed"


async def test_a_failed_run_streams_failed_with_its_error(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    def explode(_: object) -> str:
        raise RuntimeError("model went away")

    fake_engine.rewrite = explode
    await create_profile(user_a)
    job_id = await trigger(user_a)
    events = parse_sse((await user_a.get(f"/api/v1/enhancement/jobs/{job_id}/events")).text)
    assert events[-1]["event"] == "failed"
    assert "model went away" in events[-1]["data"]["error"]
