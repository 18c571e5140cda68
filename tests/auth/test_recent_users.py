"""A token is checked without a query when its account was validated in the last few seconds,
and still refused at once in this process after the account is deleted or its tokens revoked,
and within RecentUsers' TTL when another process did it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import create_async_engine

from jobwise.auth.recent_users import RECENT_USERS, RecentUsers
from jobwise.config import Settings
from jobwise.models import User
from tests.conftest import UserClientFactory, assert_error

ME = "/auth/me"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(RECENT_USERS, "clock", fake)
    return fake


@pytest.fixture
def user_queries(app: FastAPI) -> Iterator[list[str]]:
    """The statements that read the users table, as they run."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM users" in statement:
            seen.append(statement)

    sync_engine = app.state.database.engine.sync_engine
    event.listen(sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(sync_engine, "before_cursor_execute", record)


async def test_a_recently_checked_token_needs_no_query(
    user_a: httpx.AsyncClient, user_queries: list[str], clock: Clock
) -> None:
    assert (await user_a.get(ME)).status_code == 200
    checked = len(user_queries)
    assert checked == 1
    for _ in range(3):
        assert (await user_a.get(ME)).json()["email"] == "alice@example.com"
    assert len(user_queries) == checked
    clock.now += RECENT_USERS.ttl
    assert (await user_a.get(ME)).status_code == 200
    assert len(user_queries) == checked + 1


async def test_a_write_through_a_remembered_user_changes_only_what_the_request_changed(
    user_a: httpx.AsyncClient, clock: Clock
) -> None:
    await user_a.get(ME)
    response = await user_a.post("/api/v1/jobs", json={"title": "Engineer", "company": "Acme"})
    assert response.status_code == 201
    assert (await user_a.get(ME)).json()["email"] == "alice@example.com"


async def test_a_deleted_accounts_token_is_refused_at_once(user_a: httpx.AsyncClient, clock: Clock) -> None:
    assert (await user_a.get(ME)).status_code == 200
    assert (await user_a.delete(ME)).status_code == 204
    assert_error(await user_a.get(ME), 401)
    assert_error(await user_a.get("/api/v1/jobs"), 401)


async def test_signing_out_everywhere_refuses_the_old_token_at_once(
    user_a: httpx.AsyncClient, clock: Clock
) -> None:
    assert (await user_a.get(ME)).status_code == 200
    assert (await user_a.post("/auth/logout")).status_code == 204
    assert_error(await user_a.get(ME), 401)


async def test_a_revocation_by_another_process_holds_within_the_ttl(
    make_user_client: UserClientFactory, settings: Settings, clock: Clock
) -> None:
    revoked, deleted = await make_user_client(), await make_user_client()
    for client in (revoked, deleted):
        assert (await client.get(ME)).status_code == 200
    ids = [(await client.get(ME)).json()["id"] for client in (revoked, deleted)]
    # Another process: its own engine and plain statements, none of this process's sessions.
    other = create_async_engine(settings.database_url)
    try:
        async with other.begin() as connection:
            await connection.execute(
                text("UPDATE users SET token_key = :key WHERE id = :id"), {"key": "x" * 32, "id": ids[0]}
            )
            await connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": ids[1]})
    finally:
        await other.dispose()
    # The trade-off docs/security.md states: this process learns of it when its entries expire.
    clock.now += RECENT_USERS.ttl - 0.1
    assert (await revoked.get(ME)).status_code == 200
    clock.now += 0.1
    assert_error(await revoked.get(ME), 401)
    assert_error(await deleted.get(ME), 401)


def test_a_row_read_before_a_revocation_is_not_remembered() -> None:
    # Request B reads the user while request A revokes; B finishes last: its row must not stay.
    recent = RecentUsers(ttl=5, clock=lambda: 0.0)
    user = User(id=7, email="b@example.com", password_hash="h", token_key="k" * 32)
    epoch = recent.epoch
    recent.forget({7})
    recent.remember(user, read_at_epoch=epoch)
    assert recent.get(7, "k" * 32) is None
    recent.remember(user, read_at_epoch=recent.epoch)
    assert recent.get(7, "k" * 32) is not None
    assert recent.get(7, "other key") is None


def test_the_oldest_entries_go_first_past_the_limit() -> None:
    recent = RecentUsers(ttl=5, max_entries=2, clock=lambda: 0.0)
    for user_id in (1, 2, 3):
        recent.remember(User(id=user_id, email=f"{user_id}@x.org", token_key="k"), read_at_epoch=recent.epoch)
    assert recent.get(1, "k") is None and recent.get(2, "k") and recent.get(3, "k")
