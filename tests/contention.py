"""While one user's AI request meets a fault: what other users see, and whether the database is held.

Two views, used by the fault tests of every feature that asks a model:
- `Bystander`: another user going about their business (a new job, a failed login, a profile
  edit); each request must answer as usual (never 500) and in time, whatever user A's model is
  doing.
- `TransactionProbe`: asked from the fake model server while a call is outstanding, it looks at
  the database from outside the app: is SQLite's write lock held, or is a PostgreSQL transaction
  left open? No transaction may stay open across a model call.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
from sqlalchemy.engine import make_url

from tests.fakes.llm_server import Answer, Handler, Recorded

# Well under SQLite's 30 s busy timeout and the pool's 30 s wait: an answer later than this
# means the request queued behind someone's open transaction.
IN_TIME = 5.0
# How long a transaction may be seen open during a model call before it counts as held across
# it: other requests' short transactions end well within this.
GRACE = 1.0
# Settings for the app under test: the bystander's failed logins are counted as usual but never
# delayed, so each one reaches the database.
UNTHROTTLED = {
    "LOGIN_MAX_FAILURES": 10_000,
    "LOGIN_ACCOUNT_MAX_FAILURES": 10_000,
    "LOGIN_CLIENT_MAX_FAILURES": 10_000,
}


@dataclass(frozen=True)
class Seen:
    what: str
    expected: int
    status: int
    seconds: float
    error: str | None = None

    @property
    def fine(self) -> bool:
        return self.status == self.expected and self.seconds < IN_TIME

    def __str__(self) -> str:
        error = f" ({self.error})" if self.error else ""
        return f"{self.what}: {self.status}{error} after {self.seconds:.1f} s"


async def _timed(what: str, expected: int, call: Awaitable[httpx.Response]) -> Seen:
    started = time.monotonic()
    try:
        response = await call
    except Exception as exc:
        # httpx's ASGI transport raises what the app did not handle; a server answers 500.
        error = f"{type(exc).__name__}: {exc}"[:120]
        return Seen(what, expected, 500, time.monotonic() - started, error)
    return Seen(what, expected, response.status_code, time.monotonic() - started)


class Bystander:
    """User B: a token client with a profile, and the email a wrong password is tried for."""

    def __init__(self, client: httpx.AsyncClient, email: str) -> None:
        self.client = client
        self.email = email
        self.rounds = 0

    async def setup(self) -> Bystander:
        response = await self.client.post(
            "/api/v1/profiles",
            json={"personal_info": {"name": "Bea Stander"}, "professional_summary": "Bystander."},
        )
        assert response.status_code == 201, response.text
        return self

    async def round(self) -> list[Seen]:
        """One of each write at once; every answer, however long it took."""
        self.rounds += 1
        n = self.rounds
        return list(
            await asyncio.gather(
                _timed(
                    "POST /api/v1/jobs",
                    201,
                    self.client.post("/api/v1/jobs", json={"title": f"Job {n}", "company": "Elsewhere"}),
                ),
                _timed(
                    "failed login",
                    401,
                    self.client.post("/auth/login", json={"email": self.email, "password": f"wrong {n}"}),
                ),
                _timed(
                    "PATCH /api/v1/profiles/me",
                    200,
                    self.client.patch("/api/v1/profiles/me", json={"professional_summary": f"Edit {n}."}),
                ),
            )
        )


def assert_fine(seen: list[Seen], when: str) -> None:
    bad = [str(answer) for answer in seen if not answer.fine]
    assert not bad, f"{when}, another user saw: {'; '.join(bad)} (all: {', '.join(map(str, seen))})"


@dataclass
class TransactionProbe:
    """Looks at the database from outside the app; `database_url` is the app's."""

    database_url: str
    findings: list[str] = field(default_factory=list)
    probes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def held(self) -> str | None:
        """What is held open now (and stays so for GRACE), or None."""
        url = make_url(self.database_url)
        if url.get_backend_name() == "sqlite":
            return self._sqlite_write_lock(str(url.database))
        return self._postgres_open_transactions(url.set(drivername="postgresql").render_as_string(False))

    @staticmethod
    def _sqlite_write_lock(path: str) -> str | None:
        # BEGIN IMMEDIATE waits up to GRACE for the write lock, as any writer would (longer).
        with contextlib.closing(sqlite3.connect(path, timeout=GRACE, isolation_level=None)) as conn:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                return f"SQLite's write lock is held ({exc})"
            conn.execute("ROLLBACK")
        return None

    @staticmethod
    def _postgres_open_transactions(url: str) -> str | None:
        query = (
            "SELECT left(query, 120) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
        )
        deadline = time.monotonic() + GRACE
        with psycopg.connect(url, autocommit=True) as conn:
            while True:
                rows = conn.execute(query).fetchall()
                if not rows:
                    return None
                if time.monotonic() > deadline:
                    return f"PostgreSQL transactions left open: {[row[0] for row in rows]}"
                time.sleep(0.05)

    def wrap(self, handler: Handler) -> Handler:
        """The handler, probing the database first: each call answers only after the look."""

        def probed(request: Recorded) -> Answer | str | dict[str, Any]:
            finding = self.held()
            with self._lock:
                self.probes += 1
                if finding:
                    self.findings.append(f"while asked {request.system[:60]!r}: {finding}")
            return handler(request)

        return probed
