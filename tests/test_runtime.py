"""The runtime: assembled in one place for the API and `jobwise worker`, with every task kind."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy.pool import QueuePool

from jobwise.config import Settings
from jobwise.enhancement.pipeline import ENHANCE_PROFILE
from jobwise.runtime import build_runtime, task_registry


def test_the_api_and_the_worker_run_every_kind_of_task() -> None:
    assert task_registry().kinds == {ENHANCE_PROFILE.kind}


async def test_its_parts_are_where_requests_and_tasks_look_for_them(settings: Settings) -> None:
    state = SimpleNamespace()
    runtime = build_runtime(settings, state=state, run_tasks=False)
    try:
        assert state.settings is settings
        assert state.database is runtime.database
        assert state.prompts is runtime.prompts
        assert state.engine is runtime.engine
        assert state.task_backend is runtime.task_backend
    finally:
        await runtime.close()


async def test_running_it_prepares_the_data_directory_and_stops_cleanly(settings: Settings) -> None:
    runtime = build_runtime(settings, state=SimpleNamespace(), run_tasks=True)
    async with runtime.running():
        assert settings.upload_dir.is_dir()


async def test_a_sqlite_process_opens_its_connections_at_start_and_keeps_them(settings: Settings) -> None:
    # Each SQLite connection starts a thread the event loop waits for: at start, not under load.
    if not settings.is_sqlite:
        return
    settings = settings.model_copy(update={"SQLITE_WARM_CONNECTIONS": 8})
    runtime = build_runtime(settings, state=SimpleNamespace(), run_tasks=False)
    async with runtime.running():
        pool = runtime.database.engine.pool
        assert isinstance(pool, QueuePool)
        assert pool.checkedin() == 8
        # More sessions at once than SQLAlchemy's default pool of 5 keeps: all of them stay.
        sessions = [runtime.database.read_session() for _ in range(12)]
        for session in sessions:
            await session.connection()
        for session in sessions:
            await session.close()
        assert pool.checkedin() == 12
