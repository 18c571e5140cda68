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
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.db import Database

logger = logging.getLogger("jobwise.ai")

Write = Callable[[AsyncSession], Awaitable[None]]


# Enough to empty a burst of concurrent calls in one transaction, small enough to stay short.
MAX_BATCH = 200


@dataclass(frozen=True)
class _Item:
    write: Write
    what: str
    finally_: Callable[[], None] | None


class BackgroundWrites:
    """One writer task per instance: what is submitted while a batch commits goes in the next one.

    Under many concurrent AI calls this is one short write transaction per batch instead of one
    per row, so the rows do not queue for the connection pool or SQLite's write lock. Each row
    is written under a savepoint, so one that fails is logged and dropped, not the batch.
    """

    def __init__(self, database: Database) -> None:
        self.database = database
        self._queue: list[_Item] = []
        self._in_flight = 0
        self._writer: asyncio.Task[None] | None = None

    def submit(self, write: Write, *, what: str, finally_: Callable[[], None] | None = None) -> None:
        """Write soon, off the caller's path; `finally_` runs once the write has committed or failed."""
        self._queue.append(_Item(write, what, finally_))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_queued())

    async def _write_queued(self) -> None:
        while self._queue:
            batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            self._in_flight = len(batch)
            try:
                await self._write(batch)
            finally:
                self._in_flight = 0
                for item in batch:
                    if item.finally_ is not None:
                        item.finally_()

    async def _write(self, batch: list[_Item]) -> None:
        try:
            async with self.database.write_session() as session:
                for item in batch:
                    try:
                        async with session.begin_nested():
                            await item.write(session)
                    except Exception:
                        # Losing a usage row or a cache entry must never fail the AI step that caused it.
                        logger.exception("could not write %s", item.what)
                await session.commit()
        except Exception:
            logger.exception("could not write %d row(s): %s", len(batch), ", ".join({i.what for i in batch}))

    @property
    def pending(self) -> int:
        return len(self._queue) + self._in_flight

    async def drain(self) -> None:
        while self._writer is not None and not self._writer.done():
            await asyncio.gather(self._writer, return_exceptions=True)
