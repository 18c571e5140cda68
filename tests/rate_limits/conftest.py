"""A clock the rate limiter counts by, pinned so no test straddles a window by chance; and the
fixture that stops the `jobwise` processes a test starts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI

from tests.enhancement.test_processes import processes  # noqa: F401 (the same fixture here)

# 15 seconds into a 60-second window: a refusal says "try again in 45 seconds".
START = datetime(2031, 3, 4, 9, 0, 15, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(app: FastAPI) -> Clock:
    pinned = Clock()
    app.state.rate_limiter.clock = pinned
    return pinned
