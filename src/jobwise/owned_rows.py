"""Rows that belong to one user, looked up and listed the same way by every feature.

Another user's row and a row that is not there look the same: both raise the caller's NotFound.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from jobwise.db import fetch_page
from jobwise.errors import NotFound
from jobwise.models import Document, EnhancementRun, Generation, Job, JobContentRanking, SampleDocument, User

# Every table with an `id` and the `user_id` of its owner.
Owned = TypeVar("Owned", Document, EnhancementRun, Generation, Job, JobContentRanking, SampleDocument)
# Made for one job, as a resume or a cover letter: generations and the documents kept from them.
Tailored = TypeVar("Tailored", Generation, Document)


async def get_owned(
    session: AsyncSession, model: type[Owned], *, owner: User, row_id: str, missing: NotFound
) -> Owned:
    row = await session.scalar(select(model).where(model.id == row_id, model.user_id == owner.id))
    if row is None:  # not yours and not there look the same
        raise missing
    return row


async def list_owned(
    session: AsyncSession,
    model: type[Tailored],
    *,
    owner: User,
    job_id: str | None,
    document_type: str | None,
    newest: InstrumentedAttribute[datetime],
    limit: int,
    offset: int,
) -> tuple[list[Tailored], int]:
    """One page of the owner's rows (of one job, of one type, if given), `newest` first."""
    conditions = [model.user_id == owner.id]
    if job_id is not None:
        conditions.append(model.job_id == job_id)
    if document_type is not None:
        conditions.append(model.document_type == document_type)
    order = (newest.desc(), model.id.desc())
    return await fetch_page(session, model, where=conditions, order_by=order, limit=limit, offset=offset)
