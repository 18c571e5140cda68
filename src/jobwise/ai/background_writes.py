"""Short write transactions started from inside an AI call and finished off the call's path.

Usage rows and cache entries are written in their own session so they survive a failed request.
They must not be awaited inline: on SQLite a POST request already holds the write lock (its
session began IMMEDIATE when the current user was loaded), so a second writer in the same request
would wait for the request to end, which waits for it. Running the write as a task lets the
request finish; the task then takes the lock. drain() waits for what is pending (at shutdown and
in tests).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.db import Database

logger = logging.getLogger("jobwise.ai")

Write = Callable[[AsyncSession], Awaitable[None]]


class BackgroundWrites:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._pending: set[asyncio.Task[None]] = set()

    def submit(self, write: Write, *, what: str, finally_: Callable[[], None] | None = None) -> None:
        """Write in a task; `finally_` runs once the write has committed or failed."""
        task = asyncio.create_task(self._run(write, what, finally_))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _run(self, write: Write, what: str, finally_: Callable[[], None] | None) -> None:
        try:
            async with self.database.write_session() as session:
                await write(session)
                await session.commit()
        except Exception:
            # Losing a usage row or a cache entry must never fail the AI step that caused it.
            logger.exception("could not write %s", what)
        finally:
            if finally_ is not None:
                finally_()

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def drain(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)
