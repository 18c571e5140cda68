"""How a request hands a committed task to the task backend (tasks/backend.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request


async def get_task_submitter(request: Request) -> Callable[[str], None]:
    """Call with the task's id after the commit that enqueued it (see db.after_commit)."""
    submitted: Callable[[str], None] = request.app.state.task_backend.submitted
    return submitted


TaskSubmitterDep = Annotated[Callable[[str], None], Depends(get_task_submitter)]
