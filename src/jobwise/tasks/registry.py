"""Task kinds: what runs each one, and how its own record follows the task's state.

The kinds are registered where the app is assembled (jobwise/runtime.py): tasks/ knows no feature.

A task function takes a TaskContext (ids in `payload`), opens its own sessions from
`ctx.database`, does slow work outside any transaction, and writes its result in one short
transaction that also calls `ctx.succeed(session)`, so result and completion commit together.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.config import Settings
from jobwise.db import Database
from jobwise.models import Task
from jobwise.tasks import queue

# Called inside the transaction that changes the task's state, so the kind's own record (an
# enhancement run, say) can never disagree with its task.
StateHook = Callable[[AsyncSession, Task, str], Awaitable[None]]


@dataclass(frozen=True)
class TaskContext:
    task_id: str
    kind: str
    payload: dict[str, Any]
    attempt: int
    max_attempts: int
    owner: str
    lease_seconds: float
    database: Database
    settings: Settings
    # Where the runtime set its parts (jobwise/runtime.py): the app's state, or the standalone
    # worker's; shared services such as `engine`.
    state: Any

    async def fence(self, session: AsyncSession) -> None:
        """Call in each write transaction: it commits only while this worker holds the task."""
        await queue.renew(session, task_id=self.task_id, owner=self.owner, lease_seconds=self.lease_seconds)

    async def succeed(self, session: AsyncSession) -> None:
        """Mark the task done in the caller's (final) transaction; fences like `fence`."""
        await queue.mark_succeeded(session, task_id=self.task_id, owner=self.owner)


@dataclass(frozen=True)
class TaskDefinition:
    kind: str
    run: Callable[[TaskContext], Awaitable[None]]
    # Back to queued: after a crash (lease expired) or a graceful release at shutdown.
    on_requeued: StateHook | None = None
    # Given up: the function raised, or the last attempt's lease expired. Gets a readable reason.
    on_failed: StateHook | None = None


class TaskRegistry:
    def __init__(self, definitions: Iterable[TaskDefinition] = ()) -> None:
        self._by_kind: dict[str, TaskDefinition] = {}
        for definition in definitions:
            self.register(definition)

    def register(self, definition: TaskDefinition) -> None:
        if definition.kind in self._by_kind:
            raise ValueError(f"task kind {definition.kind!r} is registered twice")
        self._by_kind[definition.kind] = definition

    def get(self, kind: str) -> TaskDefinition | None:
        return self._by_kind.get(kind)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._by_kind)

    def __iter__(self) -> Iterator[TaskDefinition]:
        return iter(self._by_kind.values())
