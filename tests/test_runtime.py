"""The runtime: assembled in one place for the API and `jobwise worker`, with every task kind."""

from __future__ import annotations

from types import SimpleNamespace

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
