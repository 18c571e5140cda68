"""Rankings: how relevant each part of the profile is to one job, stored per user and job.

A ranking is recomputed only when what it was computed from has changed. Its fingerprint is a
hash of the inputs themselves (every item's chosen text, dates and technologies, the skills, the
summary, the job's title, requirements and keywords, the engine, the scoring version), not of
`updated_at` stamps: an edit that changes nothing scored keeps the ranking, and any edit that
does change something (including one within the same second) is always seen.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.ai.deadline import time_limit
from jobwise.ai.engine import CallContext, Engine
from jobwise.db import end_read_transaction, fetch_page
from jobwise.errors import JobWiseError, NotFound
from jobwise.jobs import service as jobs
from jobwise.models import Job, JobContentRanking, Profile, ProfileEntry, User
from jobwise.models.ranking_data import ItemKind, RankingData
from jobwise.owned_rows import get_owned
from jobwise.profiles import service as profiles
from jobwise.profiles.facts import call_context, chosen_description, chosen_summary, skill_names
from jobwise.rankings import scoring
from jobwise.text.keywords import extract_keywords, merge_keywords

logger = logging.getLogger("jobwise.rankings")

# The job's keywords that a ranking checks (the posting's own first).
MAX_KEYWORDS = 60
# How many of the strongest bullets an LLM engine may judge (one call per ranking).
LLM_RERANK_TOP = 10


@dataclass(frozen=True)
class Judgement:
    """How much the optional model judgement may cost a caller that does not need it.

    The ranking route asks for it (a failed one is tried again on the next request); a document
    compiled from the ranking gives it a short time limit and keeps a failed one, so a slow or
    failing server costs each job and profile one short wait, not one on every document.
    """

    seconds: float | None = None
    setting: str = ""
    retry_failed: bool = True


ASKED = Judgement()


class RankingNotFound(NotFound):
    code = "ranking_not_found"


def profile_input(profile: Profile) -> scoring.ProfileInput:
    items: list[scoring.ItemInput] = []
    for experience in profile.experiences:
        bullets, version = chosen_description(experience)
        items.append(
            scoring.ItemInput(
                id=experience.id,
                kind="experience",
                title=experience.title,
                organization=experience.company,
                start_date=experience.start_date,
                end_date=experience.end_date,
                is_current=experience.is_current,
                bullets=tuple(bullets),
                technologies=tuple(experience.technologies or ()),
                version=version,
                summary=_text(((experience.extra or {}).get("keys") or {}).get("summary")),
            )
        )
    for project in profile.projects:
        bullets, version = chosen_description(project)
        items.append(
            scoring.ItemInput(
                id=project.id,
                kind="project",
                title=project.name,
                organization=None,
                start_date=project.start_date,
                end_date=project.end_date,
                is_current=False,
                bullets=tuple(bullets),
                technologies=tuple(project.technologies or ()),
                version=version,
            )
        )
    items += [item for entry in profile.entries if (item := entry_input(entry)) is not None]
    summary, _ = chosen_summary(profile)
    return scoring.ProfileInput(items=tuple(items), skills=tuple(skill_names(profile)), summary=summary)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _texts(value: object) -> tuple[str, ...]:
    return tuple(text for item in value if (text := _text(item))) if isinstance(value, list) else ()


# section -> (kind, title key, organization key, start key, end key); the entry's summary (else
# its title) is scored as the text that evidences a requirement.
_ENTRY_KEYS: dict[str, tuple[ItemKind, str, str, str, str]] = {
    "volunteer": ("volunteer", "position", "organization", "startDate", "endDate"),
    "certificates": ("certificate", "name", "issuer", "date", "date"),
    "awards": ("award", "title", "awarder", "date", "date"),
    "publications": ("publication", "name", "publisher", "releaseDate", "releaseDate"),
}


def entry_input(entry: ProfileEntry) -> scoring.ItemInput | None:
    """A volunteering role, certificate, award or publication as evidence; languages and
    interests are not (they name no achievement)."""
    keys = _ENTRY_KEYS.get(entry.section)
    if keys is None:
        return None
    kind, title_key, organization_key, start_key, end_key = keys
    data = entry.data or {}
    organization = _text(data.get(organization_key))
    title = _text(data.get(title_key)) or organization or ""
    start, end = _text(data.get(start_key)), _text(data.get(end_key))
    return scoring.ItemInput(
        id=entry.id,
        kind=kind,
        title=title,
        organization=organization if organization != title else None,
        start_date=start,
        end_date=end,
        # JSON Resume's convention: a dated role without an end is ongoing.
        is_current=kind == "volunteer" and start is not None and end is None,
        bullets=_texts(data.get("highlights")),
        summary=_text(data.get("summary")) or (title if kind != "volunteer" else None),
    )


def job_input(job: Job) -> scoring.JobInput:
    """The job's keywords as given, then the skills its requirements name (and, when it has no
    keywords at all, its description), so no requirement's technology goes unchecked."""
    requirements = [text for text in job.requirements or () if text.strip()]
    description = job.description or job.raw_text
    found = extract_keywords(
        "\n".join(requirements if job.parsed_keywords else [*requirements, description or ""]),
        emphasis=requirements,
        include_soft=False,
    )
    return scoring.JobInput(
        title=job.title,
        requirements=tuple(requirements),
        keywords=tuple(merge_keywords(job.parsed_keywords or [], found, limit=MAX_KEYWORDS)),
        description=description,
    )


# --- rankings ------------------------------------------------------------------------------


def fingerprint(job: scoring.JobInput, profile: scoring.ProfileInput, engine: Engine) -> str:
    info = engine.info
    payload = {
        "scoring": scoring.SCORING_VERSION,
        "engine": [info.name, info.model_fast, info.model_quality] if info.is_llm else "offline",
        "job": asdict(job),
        "profile": asdict(profile),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


async def _rerank(data: RankingData, job: scoring.JobInput, engine: Engine, ctx: CallContext) -> RankingData:
    top = scoring.top_bullets(data, LLM_RERANK_TOP)
    if not top:
        return data
    requirement = job.title + ("\n" + "\n".join(job.requirements[:12]) if job.requirements else "")
    scores = await engine.rerank_evidence(requirement, [row.bullet["text"] for row in top], ctx=ctx)
    if scores is None or len(scores) != len(top):
        return data
    judged = {
        (row.item_id, row.bullet["index"]): float(score) for row, score in zip(top, scores, strict=True)
    }
    return scoring.apply_llm_scores(data, judged)


async def _judged(
    data: RankingData, job: scoring.JobInput, engine: Engine, ctx: CallContext, judgement: Judgement
) -> RankingData:
    if judgement.seconds is None:
        return await _rerank(data, job, engine, ctx)
    with time_limit(judgement.seconds, judgement.setting):
        return await _rerank(data, job, engine, ctx)


async def compute(
    job: Job,
    profile: Profile,
    *,
    engine: Engine,
    ctx: CallContext,
    today: date | None = None,
    judgement: Judgement = ASKED,
) -> RankingData:
    """Score the profile against the job: deterministic parts in a thread, then LLM judgement."""
    started = time.perf_counter()
    job_in, profile_in = job_input(job), profile_input(profile)
    digest = fingerprint(job_in, profile_in, engine)
    data = await asyncio.to_thread(scoring.rank, job_in, profile_in, today=today or datetime.now(UTC).date())
    data["fingerprint"] = digest
    if engine.info.is_llm:
        try:
            data = await _judged(data, job_in, engine, ctx, judgement)
        except JobWiseError as exc:
            # The judgement is optional; without it the ranking is still complete. Kept with
            # its error: whether it is tried again is the next caller's choice (Judgement).
            logger.warning("LLM rerank skipped: %s", exc.message)
            data["llm_error"] = exc.message
    data["job_id"] = job.id
    data["profile_id"] = profile.id
    data["engine"] = engine.info.name
    data["computed_at"] = datetime.now(UTC).isoformat()
    data["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return data


async def _stored(session: AsyncSession, *, owner: User, job: Job) -> JobContentRanking | None:
    return await session.scalar(
        select(JobContentRanking).where(
            JobContentRanking.user_id == owner.id, JobContentRanking.job_id == job.id
        )
    )


Outcome = Literal["created", "recomputed", "unchanged"]


async def rank_job(
    session: AsyncSession, *, owner: User, job_id: str, engine: Engine
) -> tuple[JobContentRanking, Outcome]:
    job = await jobs.get_job(session, owner=owner, job_id=job_id)
    profile = await profiles.get_full_profile(session, owner=owner)
    return await ensure_ranking(session, owner=owner, job=job, profile=profile, engine=engine)


def _still_good(stored: RankingData, current: str, judgement: Judgement) -> bool:
    if stored.get("fingerprint") != current:
        return False
    return not (stored.get("llm_error") and judgement.retry_failed)


async def ensure_ranking(
    session: AsyncSession,
    *,
    owner: User,
    job: Job,
    profile: Profile,
    engine: Engine,
    judgement: Judgement = ASKED,
) -> tuple[JobContentRanking, Outcome]:
    """The stored ranking if its inputs are unchanged, else a freshly computed one."""
    existing = await _stored(session, owner=owner, job=job)
    current = fingerprint(job_input(job), profile_input(profile), engine)
    if existing is not None and _still_good(existing.ranking_data, current, judgement):
        return existing, "unchanged"
    if engine.info.is_llm:
        await end_read_transaction(session)
    data = await compute(job, profile, engine=engine, ctx=call_context(owner, profile), judgement=judgement)
    if existing is None:
        ranking = JobContentRanking(user_id=owner.id, job_id=job.id, profile_id=profile.id, ranking_data=data)
        try:
            # A savepoint: if a concurrent request stored this job's ranking first (the seed's
            # UNIQUE(user_id, job_id)), update that row instead of failing.
            async with session.begin_nested():
                session.add(ranking)
        except IntegrityError:
            existing = await _stored(session, owner=owner, job=job)
            if existing is None:
                raise
        else:
            return ranking, "created"
    existing.ranking_data = data
    existing.profile_id = profile.id
    existing.updated_at = datetime.now(UTC)
    await session.flush()
    return existing, "recomputed"


async def get_ranking(session: AsyncSession, *, owner: User, ranking_id: str) -> JobContentRanking:
    missing = RankingNotFound(f"No ranking {ranking_id}")
    return await get_owned(session, JobContentRanking, owner=owner, row_id=ranking_id, missing=missing)


async def list_rankings(
    session: AsyncSession, *, owner: User, job_id: str | None, limit: int, offset: int
) -> tuple[list[JobContentRanking], int]:
    conditions = [JobContentRanking.user_id == owner.id]
    if job_id is not None:
        conditions.append(JobContentRanking.job_id == job_id)
    order = (JobContentRanking.updated_at.desc(), JobContentRanking.id.desc())
    return await fetch_page(
        session, JobContentRanking, where=conditions, order_by=order, limit=limit, offset=offset
    )
