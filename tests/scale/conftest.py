"""Several JobWise processes against one PostgreSQL database (skipped on the SQLite run)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import BACKEND
from tests.enhancement.conftest import polishing_model
from tests.enhancement.test_processes import Process
from tests.fakes.llm_server import LLMServer

NEEDS_POSTGRESQL = pytest.mark.skipif(
    BACKEND != "postgresql",
    reason="several processes on one database: the PostgreSQL pass of `make test` "
    "(set JOBWISE_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test)",
)


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    started: list[Process] = []
    yield started
    for process in started:
        if process.popen.poll() is None:
            process.popen.kill()
            process.popen.wait()


@pytest.fixture
def slow_llm(llm_server: LLMServer) -> LLMServer:
    llm_server.handler = polishing_model
    llm_server.latency = 0.4
    return llm_server
