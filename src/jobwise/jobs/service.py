"""Job postings: create, list, read, change and delete a user's postings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.ai.engine import CallContext, Engine
from jobwise.db import end_read_transaction, fetch_page
from jobwise.errors import InvalidInput, NotFound
from jobwise.jobs.jsonresume import join_description
from jobwise.jobs.schemas import (
    BENEFITS_MAX_ITEMS,
    COMPANY_MAX,
    KEYWORD_MAX,
    KEYWORDS_MAX_ITEMS,
    LIST_ITEM_MAX,
    LOCATION_MAX,
    PLACEHOLDER_TITLE,
    REQUIREMENTS_MAX_ITEMS,
    SALARY_RANGE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    ApplicationStatus,
    JobCreate,
    JobParse,
    JobStatus,
    JobUpdate,
)
from jobwise.models import Job, User
from jobwise.owned_rows import get_owned


class JobNotFound(NotFound):
    code = "job_not_found"


async def create_job(session: AsyncSession, owner: User, data: JobCreate) -> Job:
    """Shared by every way a posting arrives (typed in, pasted and parsed)."""
    job = Job(user_id=owner.id, **data.model_dump())
    session.add(job)
    await session.flush()
    return job


async def get_job(session: AsyncSession, *, owner: User, job_id: str) -> Job:
    return await get_owned(session, Job, owner=owner, row_id=job_id, missing=JobNotFound(f"No job {job_id}"))


async def list_jobs(
    session: AsyncSession,
    *,
    owner: User,
    status: JobStatus | None = None,
    application_status: ApplicationStatus | None = None,
    limit: int,
    offset: int,
) -> tuple[list[Job], int]:
    """One page of the owner's jobs, newest first, and how many match in all."""
    conditions = [Job.user_id == owner.id]
    if status is not None:
        conditions.append(Job.status == status)
    if application_status is not None:
        conditions.append(Job.application_status == application_status)
    order = (Job.created_at.desc(), Job.id.desc())
    return await fetch_page(session, Job, where=conditions, order_by=order, limit=limit, offset=offset)


async def update_job(session: AsyncSession, *, job: Job, data: JobUpdate) -> Job:
    """Every parsed field can be corrected; a company sent as null or "" is cleared (not known)."""
    for field, value in data.model_dump(exclude_unset=True).items():
        setattr(job, field, value)
    await session.flush()
    return job


async def delete_job(session: AsyncSession, *, job: Job) -> None:
    await session.delete(job)
    await session.flush()


# ---- parsing a pasted posting ---------------------------------------------------------------------
# A posting that does not state its title or company is still saved: the title as an honest
# placeholder, the company as unknown (null); the person can correct both (PATCH), and every job read
# names them in `placeholders`. Refusing the whole posting for a missing header line would lose
# everything else that was read from it.
# Fewer words than this, and nothing that looks like a posting: not worth saving.
MIN_WORDS_WITHOUT_STRUCTURE = 20


class JobTextUnusable(InvalidInput):
    code = "job_text_unusable"


@dataclass(frozen=True)
class ParseOutcome:
    job: Job
    engine: str


def _clip(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    return value[:limit].rstrip() or None


def _clip_list(values: list[str], *, items: int, chars: int) -> list[str]:
    return [text for text in (_clip(v, chars) for v in values[:items]) if text]


async def parse_job(session: AsyncSession, owner: User, data: JobParse, *, engine: Engine) -> ParseOutcome:
    """Parse a pasted posting with the app's engine and save it as one of the owner's jobs."""
    words = re.findall(r"[^\W\d_]{2,}", data.raw_text)
    if len(words) < 3:
        raise JobTextUnusable(
            "The text has too few words to read as a job posting: paste the posting itself.",
            details={"field": "raw_text"},
        )
    if engine.info.is_llm:
        await end_read_transaction(session)
    parsed, _ = await engine.parse_job(data.raw_text, ctx=CallContext(user_id=owner.id))
    found_structure = any(
        [
            parsed.title,
            parsed.company,
            parsed.requirements,
            parsed.responsibilities,
            parsed.keywords,
            parsed.salary,
        ]
    )
    if not found_structure and len(words) < MIN_WORDS_WITHOUT_STRUCTURE:
        raise JobTextUnusable(
            "Nothing in the text looks like a job posting (no title, company, requirements or skills).",
            details={"field": "raw_text"},
        )
    title = _clip(parsed.title, TITLE_MAX) or PLACEHOLDER_TITLE
    company = _clip(parsed.company, COMPANY_MAX)
    responsibilities = _clip_list(parsed.responsibilities, items=REQUIREMENTS_MAX_ITEMS, chars=LIST_ITEM_MAX)
    description = join_description(_clip(parsed.description, TEXT_MAX // 2), responsibilities)
    job = Job(
        user_id=owner.id,
        source=data.source,
        title=title,
        company=company,
        location=_clip(parsed.location, LOCATION_MAX),
        description=description[:TEXT_MAX] if description else None,
        raw_text=data.raw_text,
        requirements=_clip_list(parsed.requirements, items=REQUIREMENTS_MAX_ITEMS, chars=LIST_ITEM_MAX),
        benefits=_clip_list(parsed.benefits, items=BENEFITS_MAX_ITEMS, chars=LIST_ITEM_MAX),
        parsed_keywords=_clip_list(parsed.keywords, items=KEYWORDS_MAX_ITEMS, chars=KEYWORD_MAX),
        salary_range=_clip(parsed.salary_range, SALARY_RANGE_MAX),
        salary=parsed.salary.model_dump() if parsed.salary else None,
        remote=parsed.remote,
        experience_level=_clip(parsed.experience_level, 50),
    )
    session.add(job)
    await session.flush()
    return ParseOutcome(job=job, engine=engine.info.name)
