"""Several JobWise processes against one PostgreSQL database (skipped on the SQLite run)."""

from __future__ import annotations

import pytest

from tests.conftest import BACKEND
from tests.enhancement.test_processes import processes, slow_llm  # noqa: F401 (the same fixtures here)

NEEDS_POSTGRESQL = pytest.mark.skipif(
    BACKEND != "postgresql",
    reason="several processes on one database: the PostgreSQL pass of `make test` "
    "(set JOBWISE_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test)",
)
