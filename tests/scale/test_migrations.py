"""Processes that start together on one empty PostgreSQL database each migrate it safely."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL, pg_url
from tests.enhancement.test_processes import _env
from tests.fakes.llm_server import LLMServer
from tests.processes import jobwise_command, pg_admin
from tests.scale.conftest import NEEDS_POSTGRESQL

pytestmark = [pytest.mark.slow, NEEDS_POSTGRESQL]


@pytest.fixture
async def empty_database() -> AsyncIterator[str]:
    name = f"jobwise_empty_{uuid.uuid4().hex[:12]}"
    await pg_admin(POSTGRES_URL, f'CREATE DATABASE "{name}"')
    yield pg_url(name)
    await pg_admin(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_three_processes_migrating_at_once_all_succeed(
    tmp_path: Path, empty_database: str, llm_server: LLMServer
) -> None:
    env = _env(tmp_path / "data", empty_database, llm_server)
    migrating = [
        subprocess.Popen(
            [*jobwise_command(), "migrate"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=120)[0].decode(errors="replace") for process in migrating]
    assert [process.returncode for process in migrating] == [0, 0, 0], outputs
    assert all("latest revision" in output for output in outputs), outputs
