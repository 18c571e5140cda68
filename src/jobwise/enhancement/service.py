"""Enhancement runs: start one (record + durable task in one commit), read them, stream them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from jobwise.db import Database, after_commit, fetch_page
from jobwise.enhancement.pipeline import ENHANCE_KIND, has_content, record
from jobwise.enhancement.schemas import RunEvent, run_read
from jobwise.errors import Conflict, InvalidInput, NotFound
from jobwise.models import EnhancementRun, Profile, User
from jobwise.models.base import new_id
from jobwise.models.enhancement_run import ACTIVE_RUN_STATUSES
from jobwise.owned_rows import get_owned
from jobwise.profiles.service import ProfileNotFound
from jobwise.tasks import queue

TERMINAL_STATUSES = frozenset({"completed", "failed"})


class EnhancementRunNotFound(NotFound):
    code = "enhancement_job_not_found"


class EnhancementInProgress(Conflict):
    code = "enhancement_in_progress"


class NothingToEnhance(InvalidInput):
    code = "nothing_to_enhance"


def _in_progress(run_id: str | None) -> EnhancementInProgress:
    return EnhancementInProgress(
        "An enhancement is already queued or running; wait for it to finish "
        "(GET /api/v1/enhancement/status).",
        details={"job_id": run_id} if run_id else None,
    )


async def _active_run_id(session: AsyncSession, owner: User) -> str | None:
    return await session.scalar(
        select(EnhancementRun.id).where(
            EnhancementRun.user_id == owner.id, EnhancementRun.status.in_(ACTIVE_RUN_STATUSES)
        )
    )


async def trigger(
    session: AsyncSession, *, owner: User, max_attempts: int, submit: Callable[[str], None]
) -> EnhancementRun:
    profile = await session.scalar(
        select(Profile)
        .where(Profile.user_id == owner.id)
        .options(selectinload(Profile.experiences), selectinload(Profile.projects))
    )
    if profile is None:
        raise ProfileNotFound("Create your profile first (POST /api/v1/profiles).")
    if not has_content(profile, profile.experiences, profile.projects):
        raise NothingToEnhance(
            "Nothing to enhance: add a professional summary or bullets to an experience or project."
        )
    active = await _active_run_id(session, owner)
    if active is not None:
        raise _in_progress(active)

    run_id = new_id()
    task = queue.enqueue(session, ENHANCE_KIND, {"job_id": run_id}, max_attempts=max_attempts)
    run = EnhancementRun(
        id=run_id,
        user_id=owner.id,
        profile_id=profile.id,
        status="queued",
        progress=0,
        task_id=task.id,
        events=[],
    )
    record(run)
    try:
        # The task row first (the run refers to it); the partial unique index on active runs
        # turns a concurrent second trigger, in any process, into this IntegrityError.
        await session.flush()
        session.add(run)
        await session.flush()
    except IntegrityError as exc:
        raise _in_progress(None) from exc
    task_id = task.id
    after_commit(session, lambda: submit(task_id))
    return run


async def latest_run(session: AsyncSession, *, owner: User) -> EnhancementRun:
    run = await session.scalar(
        select(EnhancementRun)
        .where(EnhancementRun.user_id == owner.id)
        .order_by(EnhancementRun.started_at.desc(), EnhancementRun.id.desc())
        .limit(1)
    )
    if run is None:
        raise EnhancementRunNotFound("No enhancement has been started yet.")
    return run


async def list_runs(
    session: AsyncSession, *, owner: User, limit: int, offset: int
) -> tuple[list[EnhancementRun], int]:
    mine = [EnhancementRun.user_id == owner.id]
    order = (EnhancementRun.started_at.desc(), EnhancementRun.id.desc())
    return await fetch_page(session, EnhancementRun, where=mine, order_by=order, limit=limit, offset=offset)


async def get_run(session: AsyncSession, *, owner: User, run_id: str) -> EnhancementRun:
    missing = EnhancementRunNotFound(f"No enhancement job {run_id}")
    return await get_owned(session, EnhancementRun, owner=owner, row_id=run_id, missing=missing)


async def stream_events(
    database: Database,
    *,
    run_id: str,
    after: int,
    poll_seconds: float,
    disconnected: Callable[[], Awaitable[bool]],
) -> AsyncIterator[dict[str, Any]]:
    """Each recorded step after `after`, then the final state; reads the row, so it works
    whichever process runs the task.

    Yields sse-starlette event dicts: "progress" for each step, then "completed" or "failed"
    with the whole run.
    """
    sent = after
    while True:
        async with database.read_session() as session:
            run = await session.get(EnhancementRun, run_id, populate_existing=True)
        if run is None:
            return
        for entry in run.events or []:
            seq = int(entry.get("seq", 0))
            if seq <= sent:
                continue
            sent = seq
            event = RunEvent.model_validate(entry)
            if event.status in TERMINAL_STATUSES:
                break
            yield {"id": str(seq), "event": "progress", "data": event.model_dump_json(exclude_none=True)}
        if run.status in TERMINAL_STATUSES:
            data = run_read(run).model_dump(mode="json")
            yield {"id": str(sent), "event": run.status, "data": json.dumps(data)}
            return
        if await disconnected():
            return
        await asyncio.sleep(poll_seconds)
