"""TASK_BACKEND=procrastinate: procrastinate delivers task ids; the task table stays the record.

Runs on the PostgreSQL pass of `make test` (procrastinate's queue lives in PostgreSQL).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import pytest
from psycopg.conninfo import conninfo_to_dict
from sqlalchemy import text

from jobwise.config import ConfigurationError, Settings
from jobwise.db import Database, create_database
from jobwise.tasks.backend import create_task_backend
from jobwise.tasks.distributed import ProcrastinateBackend, libpq_conninfo
from jobwise.tasks.registry import TaskDefinition, TaskRegistry
from tests.conftest import BACKEND, make_settings
from tests.tasks.conftest import eventually, load_task
from tests.tasks.test_worker import Recorder, _crashed_task, enqueue, status_is

NEEDS_POSTGRESQL = pytest.mark.skipif(
    BACKEND != "postgresql",
    reason="procrastinate's queue lives in PostgreSQL: the PostgreSQL pass of `make test` "
    "(set JOBWISE_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test)",
)

BackendFactory = Callable[..., Awaitable[ProcrastinateBackend]]


@pytest.fixture
async def make_backend(database: Database, settings: Settings) -> AsyncIterator[BackendFactory]:
    started: list[ProcrastinateBackend] = []

    async def factory(
        *definitions: TaskDefinition, run_tasks: bool = True, **overrides: Any
    ) -> ProcrastinateBackend:
        backend = create_task_backend(
            settings.model_copy(update={"TASK_BACKEND": "procrastinate", **overrides}),
            database=database,
            registry=TaskRegistry(definitions),
            state=SimpleNamespace(),
            run_tasks=run_tasks,
        )
        assert isinstance(backend, ProcrastinateBackend)
        await backend.start()
        started.append(backend)
        return backend

    yield factory
    for backend in reversed(started):
        await backend.stop()


async def _jobs(database: Database, task_id: str) -> list[str]:
    async with database.read_session() as session:
        rows = await session.scalars(
            text("SELECT status::text FROM procrastinate_jobs WHERE queueing_lock = :id ORDER BY id"),
            {"id": task_id},
        )
        return list(rows)


@NEEDS_POSTGRESQL
class TestProcrastinateBackend:
    async def test_a_submitted_task_is_delivered_and_runs_once(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        backend = await make_backend(recorder.kind("echo", recorder.echo))
        task_id = await enqueue(database, note="hi")
        backend.submitted(task_id)
        task = await eventually(status_is(database, task_id, "succeeded"))
        assert recorder.ran == [(task_id, 1)]
        assert (task.attempts, task.lease_owner) == (1, None)

    async def test_an_api_process_only_enqueues_and_a_worker_process_runs_it(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        api = await make_backend(recorder.kind("echo", recorder.echo), run_tasks=False)
        task_id = await enqueue(database)
        api.submitted(task_id)
        await eventually(lambda: _jobs(database, task_id))
        await asyncio.sleep(0.3)
        assert recorder.ran == [] and await _jobs(database, task_id) == ["todo"]
        await make_backend(recorder.kind("echo", recorder.echo))
        await eventually(status_is(database, task_id, "succeeded"))
        assert recorder.ran == [(task_id, 1)]

    async def test_a_delivery_that_arrives_again_is_a_no_op(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        backend = await make_backend(recorder.kind("echo", recorder.echo))
        task_id = await enqueue(database)
        await backend.deliver(task_id)
        await eventually(status_is(database, task_id, "succeeded"))
        await backend.deliver(task_id)
        await eventually(lambda: _no_job_waiting(database, task_id))
        assert recorder.ran == [(task_id, 1)]
        assert (await load_task(database, task_id)).attempts == 1

    async def test_a_task_committed_without_a_delivery_is_delivered_by_the_sweep(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        # As if the API process stopped between its commit and the defer.
        recorder = Recorder()
        task_id = await enqueue(database)
        await make_backend(recorder.kind("echo", recorder.echo))
        await eventually(status_is(database, task_id, "succeeded"))
        assert recorder.ran == [(task_id, 1)]

    async def test_a_task_whose_worker_died_is_taken_up_as_its_next_attempt(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        task_id = await _crashed_task(database, attempts=1)
        await make_backend(recorder.kind("echo", recorder.echo))
        task = await eventually(status_is(database, task_id, "succeeded"))
        assert recorder.ran == [(task_id, 2)]
        assert [entry[0] for entry in recorder.requeued] == [task_id]
        assert task.attempts == 2

    async def test_after_the_last_attempt_a_dead_workers_task_fails_and_is_not_delivered(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        task_id = await _crashed_task(database, attempts=3, max_attempts=3)
        await make_backend(recorder.kind("echo", recorder.echo))
        task = await eventually(status_is(database, task_id, "failed"))
        assert "3 attempts" in (task.error or "")
        assert recorder.ran == [] and await _jobs(database, task_id) == []

    async def test_a_failing_task_fails_with_its_message_once(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        backend = await make_backend(recorder.kind("broken", recorder.broken))
        task_id = await enqueue(database, "broken")
        backend.submitted(task_id)
        task = await eventually(status_is(database, task_id, "failed"))
        assert task.error == "RuntimeError: the disk is full"
        assert recorder.failed == [(task_id, "RuntimeError: the disk is full")]

    async def test_a_stopping_worker_releases_its_task_and_another_worker_runs_it(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        kind = recorder.kind("block", recorder.blocking)
        first = await make_backend(kind, TASK_SHUTDOWN_GRACE_SECONDS=0)
        task_id = await enqueue(database, "block")
        first.submitted(task_id)
        await asyncio.wait_for(recorder.started.wait(), 10)
        await first.stop()
        task = await load_task(database, task_id)
        assert (task.status, task.attempts) == ("queued", 0)
        assert await _jobs(database, task_id) == ["aborted", "todo"]
        recorder.release.set()
        await make_backend(kind)
        await eventually(status_is(database, task_id, "succeeded"))
        assert [attempt for _, attempt in recorder.ran] == [1, 1]

    async def test_a_worker_whose_connections_were_cut_runs_tasks_again(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        # As after a database restart: every connection of this database is closed under it.
        recorder = Recorder()
        backend = await make_backend(recorder.kind("echo", recorder.echo))
        first = await enqueue(database)
        backend.submitted(first)
        await eventually(status_is(database, first, "succeeded"))
        async with database.write_session() as session:
            await session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            await session.commit()
        second = await enqueue(database)
        backend.submitted(second)
        await eventually(status_is(database, second, "succeeded"), within=30)
        assert [task_id for task_id, _ in recorder.ran] == [first, second]

    async def test_a_worker_that_procrastinate_stopped_is_started_again(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        # Another worker prunes this one's registration when its heartbeat looks stale (a long
        # pause, a database failover); procrastinate's worker then fails on its next fetch.
        recorder = Recorder()
        backend = await make_backend(recorder.kind("echo", recorder.echo))
        async with database.write_session() as session:
            await session.execute(text("DELETE FROM procrastinate_workers"))
            await session.commit()
        task_id = await enqueue(database)
        backend.submitted(task_id)
        await eventually(status_is(database, task_id, "succeeded"), within=30)
        assert recorder.ran == [(task_id, 1)]

    async def test_several_workers_run_each_task_exactly_once(
        self, database: Database, make_backend: BackendFactory
    ) -> None:
        recorder = Recorder()
        backends = [await make_backend(recorder.kind("echo", recorder.echo)) for _ in range(3)]
        task_ids = [await enqueue(database) for _ in range(30)]
        for n, task_id in enumerate(task_ids):
            # Every task delivered twice, by different processes: still one run each.
            backends[n % 3].submitted(task_id)
            await backends[(n + 1) % 3].deliver(task_id)
        for task_id in task_ids:
            await eventually(status_is(database, task_id, "succeeded"))
        assert sorted(task_id for task_id, _ in recorder.ran) == sorted(task_ids)


async def _no_job_waiting(database: Database, task_id: str) -> bool:
    return "todo" not in await _jobs(database, task_id) and "doing" not in await _jobs(database, task_id)


def test_procrastinate_needs_postgresql(tmp_path: Any) -> None:
    settings = make_settings(tmp_path, TASK_BACKEND="procrastinate")
    database = create_database(settings)
    with pytest.raises(ConfigurationError, match="TASK_BACKEND=procrastinate keeps its queue in PostgreSQL"):
        create_task_backend(settings, database=database, registry=TaskRegistry(), state=None, run_tasks=True)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql+asyncpg://jobwise:s3cret@db.internal:5433/jobwise",
            {
                "host": "db.internal",
                "port": "5433",
                "user": "jobwise",
                "password": "s3cret",
                "dbname": "jobwise",
            },
        ),
        # Spaces and quotes in a password survive; %-escapes are decoded.
        (
            "postgresql+asyncpg://jobwise:it%27s%20a%40secret@db/jobwise",
            {"host": "db", "user": "jobwise", "password": "it's a@secret", "dbname": "jobwise"},
        ),
        # asyncpg's ssl is libpq's sslmode; asyncpg-only tuning is not libpq's business.
        (
            "postgresql+asyncpg://u@db/j?ssl=require&prepared_statement_cache_size=0",
            {"host": "db", "user": "u", "dbname": "j", "sslmode": "require"},
        ),
        (
            "postgresql+asyncpg://u@db/j?ssl=true",
            {"host": "db", "user": "u", "dbname": "j", "sslmode": "require"},
        ),
        # A unix socket directory.
        (
            "postgresql+asyncpg://u@/j?host=/var/run/postgresql",
            {"host": "/var/run/postgresql", "user": "u", "dbname": "j"},
        ),
    ],
)
def test_procrastinate_connects_to_the_apps_database(url: str, expected: dict[str, str]) -> None:
    assert conninfo_to_dict(libpq_conninfo(url)) == expected


def test_a_url_parameter_libpq_does_not_know_is_refused_by_name() -> None:
    with pytest.raises(ConfigurationError, match="'server_settings'"):
        libpq_conninfo("postgresql+asyncpg://u@db/j?server_settings=x")


def test_the_default_backend_is_embedded() -> None:
    assert Settings.model_fields["TASK_BACKEND"].default == "embedded"
