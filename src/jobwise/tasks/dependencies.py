"""How a request wakes the worker after it commits a task (a no-op when no worker runs here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request


def _nothing() -> None:
    """No worker in this process: a separate `jobwise worker` finds the task when it polls."""


def get_task_waker(request: Request) -> Callable[[], None]:
    worker = getattr(request.app.state, "task_worker", None)
    return worker.wake if worker is not None else _nothing


TaskWakerDep = Annotated[Callable[[], None], Depends(get_task_waker)]
