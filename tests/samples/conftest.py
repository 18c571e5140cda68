"""Sample tests: a 1 MB upload limit, so the oversize cases stay small."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobwise.config import Settings
from tests.conftest import make_settings

MAX_UPLOAD_SIZE_MB = 1


@pytest.fixture
def settings(data_dir: Path, database_url: str) -> Settings:
    return make_settings(data_dir, DATABASE_URL=database_url, MAX_UPLOAD_SIZE_MB=MAX_UPLOAD_SIZE_MB)
