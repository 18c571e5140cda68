"""Login throttling: growing delays per account, per client address and per both, never a lockout.

OWASP's authentication guidance: a lockout lets anyone lock the owner out, so failures buy a
delay instead, and they are counted three ways:
- one account from one client address: the guessing attacker; delays start early and grow long;
- one account from any address: many addresses against one account; the delay stays short, so
  the owner, from their own address, waits seconds at most;
- one client address across accounts: spraying one password over many accounts.

Atomic on both databases: an attempt is counted as a failure *before* its password is checked,
in one short write transaction (BEGIN IMMEDIATE on SQLite, row locks on PostgreSQL), and a
success takes it back. So parallel guesses cannot all pass the check before any is counted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.config import Settings
from jobwise.errors import TooManyRequests
from jobwise.models import LoginThrottle


class TooManyLoginAttempts(TooManyRequests):
    code = "too_many_login_attempts"


@dataclass(frozen=True)
class Rule:
    scope: str
    free_failures: int  # failures before the first delay
    first_delay: float  # seconds; doubles with each further failure
    max_delay: float

    def delay(self, failures: int) -> timedelta:
        if failures < self.free_failures:
            return timedelta(0)
        seconds = self.first_delay * 2 ** min(failures - self.free_failures, 32)
        return timedelta(seconds=min(seconds, self.max_delay))


@dataclass(frozen=True)
class Key:
    rule: Rule
    value: str  # sha256 of the scope and what it counts: the table keeps no email or address

    @property
    def resets_on_success(self) -> bool:
        # A success proves the owner for this account, not that the address is harmless.
        return self.rule.scope != "client"


def keys_for(settings: Settings, *, email: str, client: str) -> list[Key]:
    delay, longest = settings.LOGIN_DELAY_SECONDS, settings.LOGIN_MAX_DELAY_SECONDS
    rules = (
        (Rule("pair", settings.LOGIN_MAX_FAILURES, delay, longest), f"{client}\n{email}"),
        (
            Rule(
                "account",
                settings.LOGIN_ACCOUNT_MAX_FAILURES,
                delay,
                settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS,
            ),
            email,
        ),
        (Rule("client", settings.LOGIN_CLIENT_MAX_FAILURES, delay, longest), client),
    )
    return [Key(rule, hashlib.sha256(f"{rule.scope}\n{value}".encode()).hexdigest()) for rule, value in rules]


async def count_attempt(session: AsyncSession, settings: Settings, keys: list[Key], now: datetime) -> None:
    """Count this attempt as a failure for every key, or raise TooManyLoginAttempts.

    Call inside a write transaction that commits right after; nothing is written on a refusal.
    """
    window = timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)
    # Forgotten failures go, so the table holds only what can still delay someone.
    await session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.last_failure_at < now - window,
            or_(LoginThrottle.blocked_until.is_(None), LoginThrottle.blocked_until < now),
        )
    )
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = [{"key": key.value, "failures": 0, "last_failure_at": now} for key in keys]
    await session.execute(insert(LoginThrottle).values(values).on_conflict_do_nothing())
    # Locked in key order on PostgreSQL, so two attempts never wait on each other in a cycle;
    # SQLite's IMMEDIATE transaction already makes this the only writer.
    rows = {
        row.key: row
        for row in await session.scalars(
            select(LoginThrottle)
            .where(LoginThrottle.key.in_([key.value for key in keys]))
            .order_by(LoginThrottle.key)
            .with_for_update()
        )
    }
    waits = [
        row.blocked_until - now for row in rows.values() if row.blocked_until and row.blocked_until > now
    ]
    if waits:
        retry_after = max(1, int(max(waits).total_seconds() + 0.999))
        raise TooManyLoginAttempts(
            f"Too many failed logins; wait {retry_after} seconds before trying again",
            headers={"Retry-After": str(retry_after)},
            details={"retry_after_seconds": retry_after},
        )
    for key in keys:
        row = rows[key.value]
        failures = 1 if row.last_failure_at < now - window else row.failures + 1
        row.failures = failures
        row.last_failure_at = now
        delay = key.rule.delay(failures)
        row.blocked_until = now + delay if delay else None
    await session.flush()


async def take_back(session: AsyncSession, keys: list[Key]) -> None:
    """The attempt succeeded: clear the account's counts and return the address's one failure."""
    rows = await session.scalars(
        select(LoginThrottle)
        .where(LoginThrottle.key.in_([key.value for key in keys]))
        .order_by(LoginThrottle.key)
        .with_for_update()
    )
    by_key = {key.value: key for key in keys}
    for row in rows:
        key = by_key[row.key]
        row.failures = 0 if key.resets_on_success else max(0, row.failures - 1)
        if not key.rule.delay(row.failures):
            row.blocked_until = None
    await session.flush()
