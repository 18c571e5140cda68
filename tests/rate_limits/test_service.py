"""The counter: windows every process agrees on, limits from the settings, pruning that stays narrow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from jobwise.models import RateLimitCounter, User
from jobwise.rate_limits.service import ACTIONS, RateLimited, RateLimiter, window_bounds
from tests.conftest import make_settings
from tests.rate_limits.conftest import START, Clock


def test_windows_are_aligned_to_the_epoch_so_every_process_agrees() -> None:
    assert window_bounds(START, 60) == (START - timedelta(seconds=15), START + timedelta(seconds=45))
    assert window_bounds(datetime(2031, 3, 4, 9, 59, 59, 999_999, tzinfo=UTC), 3600) == (
        datetime(2031, 3, 4, 9, tzinfo=UTC),
        datetime(2031, 3, 4, 10, tzinfo=UTC),
    )


def test_each_action_takes_its_limit_from_its_own_setting(tmp_path: Path) -> None:
    limits = {spec.setting: n for n, spec in enumerate(ACTIONS.values(), start=3)}
    limiter = RateLimiter.from_settings(make_settings(tmp_path, RATE_LIMIT_WINDOW_SECONDS=90, **limits))
    assert limiter.window_seconds == 90
    assert {ACTIONS[action].setting: limit for action, limit in limiter.limits.items()} == limits


async def _user(app: FastAPI, email: str) -> int:
    async with app.state.database.write_session() as session, session.begin():
        user = User(email=email, password_hash="!", full_name=None)
        session.add(user)
        await session.flush()
        return user.id


async def test_a_new_window_prunes_only_the_same_users_same_action(app: FastAPI) -> None:
    limiter = RateLimiter(limits=dict.fromkeys(ACTIONS, 2), window_seconds=60, clock=Clock())
    mine, theirs = await _user(app, "mine@example.com"), await _user(app, "theirs@example.com")

    async def hit(user_id: int, action: str = "export") -> None:
        async with app.state.database.write_session() as session, session.begin():
            await limiter.hit(session, user_id=user_id, action=action)  # type: ignore[arg-type]

    for user_id, action in [(mine, "export"), (mine, "upload"), (theirs, "export")]:
        await hit(user_id, action)
    await hit(mine)
    with pytest.raises(RateLimited):
        await hit(mine)
    assert isinstance(limiter.clock, Clock)
    limiter.clock.advance(60)
    await hit(mine)

    async with app.state.database.read_session() as session:
        rows = (
            await session.execute(
                select(
                    RateLimitCounter.user_id,
                    RateLimitCounter.action,
                    RateLimitCounter.window_start,
                    RateLimitCounter.hits,
                )
            )
        ).all()
    assert sorted((user_id == mine, action, start.minute, hits) for user_id, action, start, hits in rows) == [
        (False, "export", 0, 1),
        (True, "export", 1, 1),
        (True, "upload", 0, 1),
    ]
