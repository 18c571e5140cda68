"""Generations: a tailored resume or cover letter for one job, with the evidence of how it was made.

Each generation's metadata says what went into it: the ranking (id and fingerprint), the exact
items, bullets and text versions (original or enhanced) used, the engine and model, tokens,
timings, the keyword coverage of the master profile and of the document, and the truth check.

No database transaction is open while a model works. The request's unit of work loads the job
and profile and brings the ranking up to date (its own model call runs between transactions,
rankings.ensure_ranking); a ranking computed here is committed before the letter is asked for,
since it stands on its own (a failed letter leaves it, and no generation). The generation is
then stored in a short transaction: the request's next one, or, when streaming
(`?stream=true`), one of its own before the last event is sent, the request's unit of work
having ended before the response streams.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.ai.engine import CallContext, Engine
from jobwise.db import Database, commit, rollback
from jobwise.errors import InvalidInput, JobWiseError, NotFound, error_body
from jobwise.generations import cover_letter, resume
from jobwise.generations.schemas import GenerationCreate, GenerationOptions, GenerationRead
from jobwise.jobs import service as jobs
from jobwise.models import (
    COVER_LETTER_SAMPLE,
    DocumentType,
    Generation,
    Job,
    JobContentRanking,
    Profile,
    SampleDocument,
    User,
)
from jobwise.models.generation_metadata import GenerationMetadata, KeywordCoverageUsed
from jobwise.owned_rows import get_owned, list_owned
from jobwise.profiles import facts
from jobwise.profiles import service as profiles
from jobwise.rankings import scoring
from jobwise.rankings import service as rankings
from jobwise.rendering import render_markdown, render_text
from jobwise.text import truth

logger = logging.getLogger("jobwise.generations")


class InvalidWordRange(InvalidInput):
    """min_words is more than max_words (a rule across two fields, which a schema cannot state)."""

    code = "invalid_word_range"


class GenerationNotFound(NotFound):
    code = "generation_not_found"


@dataclass
class Prepared:
    """Everything a generation needs, loaded in the request's unit of work."""

    owner_id: int
    owner_name: str | None
    job: Job
    profile: Profile
    ranking: JobContentRanking
    ranking_outcome: rankings.Outcome
    ranking_ms: float
    style: dict[str, Any] | None
    ctx: CallContext
    data: GenerationCreate
    started: float


async def _letter_style(session: AsyncSession, owner: User) -> dict[str, Any] | None:
    sample = await session.scalar(
        select(SampleDocument).where(
            SampleDocument.user_id == owner.id, SampleDocument.document_type == COVER_LETTER_SAMPLE
        )
    )
    return dict(sample.extracted_style) if sample is not None and sample.extracted_style else None


async def prepare(
    session: AsyncSession,
    *,
    owner: User,
    data: GenerationCreate,
    engine: Engine,
    judgement: rankings.Judgement = rankings.ASKED,
) -> Prepared:
    started = time.perf_counter()
    if data.options.min_words > data.options.max_words:
        raise InvalidWordRange(
            "options.min_words must not exceed options.max_words",
            details=[{"field": "options.min_words", "message": "must not exceed max_words"}],
        )
    job = await jobs.get_job(session, owner=owner, job_id=data.job_id)
    profile = await profiles.get_full_profile(session, owner=owner)
    ranked_at = time.perf_counter()
    ranking, outcome = await rankings.ensure_ranking(
        session, owner=owner, job=job, profile=profile, engine=engine, judgement=judgement
    )
    ranking_ms = _ms(ranked_at)
    style = await _letter_style(session, owner) if data.document_type == "cover_letter" else None
    return Prepared(
        owner_id=owner.id,
        owner_name=owner.full_name,
        job=job,
        profile=profile,
        ranking=ranking,
        ranking_outcome=outcome,
        ranking_ms=ranking_ms,
        style=style,
        ctx=facts.call_context(owner, profile),
        data=data,
        started=started,
    )


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def _base_metadata(prepared: Prepared, engine: Engine) -> GenerationMetadata:
    info = engine.info
    ranking_data = prepared.ranking.ranking_data
    return {
        "ranking": {
            "id": prepared.ranking.id,
            "fingerprint": ranking_data.get("fingerprint"),
            "computed_at": ranking_data.get("computed_at"),
            "outcome": prepared.ranking_outcome,
            "llm_reranked": ranking_data["llm_reranked"],
        },
        "engine": {
            "name": info.name,
            "is_llm": info.is_llm,
            "model": info.model_quality if info.is_llm else None,
        },
    }


def _keyword_coverage(prepared: Prepared, text: str) -> KeywordCoverageUsed:
    ranking_data = prepared.ranking.ranking_data
    keywords = [row["keyword"] for row in ranking_data["keywords"]]
    return {
        "profile": ranking_data["keyword_coverage"],
        "document": scoring.text_coverage(keywords, text),
    }


def _generation(
    prepared: Prepared, *, content_text: str, content_format: str, meta: GenerationMetadata
) -> Generation:
    return Generation(
        user_id=prepared.owner_id,
        job_id=prepared.job.id,
        profile_id=prepared.profile.id,
        ranking_id=prepared.ranking.id,
        document_type=prepared.data.document_type,
        content_text=content_text,
        content_format=content_format,
        meta=meta,
        generation_params=prepared.data.options.model_dump(),
    )


# --- resume --------------------------------------------------------------------------------


async def _resume(prepared: Prepared, engine: Engine) -> Generation:
    options: GenerationOptions = prepared.data.options
    compiled_at = time.perf_counter()
    compiled = await asyncio.to_thread(
        resume.compile_resume,
        prepared.profile,
        prepared.ranking.ranking_data,
        resume.ResumeOptions(
            max_pages=options.max_pages,
            paper=options.paper,
            include_summary=options.include_summary,
            include_projects=options.include_projects,
            max_skills=options.max_skills,
        ),
        fallback_name=prepared.owner_name,
    )
    compile_ms = _ms(compiled_at)
    text = render_markdown(compiled.document)
    # Checked as plain text: Markdown's escapes and emphasis marks are no part of any claim.
    plain = render_text(compiled.document)
    checked_at = time.perf_counter()
    facts = cover_letter.truth_sources(prepared.job, prepared.profile, compiled.document.contact.name)
    report = await asyncio.to_thread(truth.check, plain, facts)
    truth_ms = _ms(checked_at)
    meta: GenerationMetadata = {
        **_base_metadata(prepared, engine),
        # The resume is compiled, not written: no model is involved whatever the engine.
        "engine": {"name": "compiler", "is_llm": False, "model": None, "active_engine": engine.info.name},
        "tokens": None,
        "items_used": compiled.items_used,
        "summary_version": compiled.summary_version,
        "skills_used": compiled.skills_used,
        "left_out": compiled.left_out,
        "pages": compiled.pages,
        "max_pages": options.max_pages,
        "fits": compiled.fits,
        "renders": compiled.renders,
        "keyword_coverage": _keyword_coverage(prepared, plain),
        "truth_check": {
            "passed": report.passed,
            "unsupported": [a.as_dict() for a in report.unsupported],
            # Compiled from the profile alone, a resume quotes the posting only where the person's
            # own text does, which is theirs: checked all the same, so a change that lets posting
            # text in shows here.
            "copied": list(report.copied),
        },
        "timings_ms": {
            "ranking": prepared.ranking_ms,
            "compile_and_fit": compile_ms,
            "truth_check": truth_ms,
            "total": _ms(prepared.started),
        },
        "structured": compiled.document.to_dict(),
        "render": {"paper": compiled.paper},
    }
    return _generation(prepared, content_text=text, content_format="markdown", meta=meta)


# --- cover letter --------------------------------------------------------------------------


def _plan(prepared: Prepared) -> cover_letter.LetterPlan:
    options = prepared.data.options
    return cover_letter.plan_letter(
        prepared.job,
        prepared.profile,
        prepared.ranking.ranking_data,
        style=prepared.style,
        evidence_count=options.evidence,
        min_words=options.min_words,
        max_words=options.max_words,
        candidate_name=resume.contact(prepared.profile, prepared.owner_name).name or None,
    )


def _letter_generation(
    prepared: Prepared,
    engine: Engine,
    plan: cover_letter.LetterPlan,
    result: cover_letter.LetterResult,
    *,
    writing_ms: float,
    streamed: bool,
) -> Generation:
    contact = resume.contact(prepared.profile, prepared.owner_name)
    document = cover_letter.letter_document(
        contact, prepared.job, result.text, today=datetime.now(UTC).date()
    )
    final = result.final
    meta: GenerationMetadata = {
        **_base_metadata(prepared, engine),
        "tokens": cover_letter.total_tokens(result),
        "streamed": streamed,
        "evidence_used": plan.evidence,
        "summary_version": plan.summary_version,
        "style_source": plan.style_source,
        "words": final.words,
        "word_range": [plan.request.min_words, plan.request.max_words],
        "within_word_range": plan.request.min_words <= final.words <= plan.request.max_words,
        "attempts": cover_letter.attempts_metadata(result),
        "keyword_coverage": _keyword_coverage(prepared, result.text),
        "truth_check": {
            "passed": final.passed,
            "unsupported": final.unsupported,
            "attempts": len(result.attempts),
        },
        "timings_ms": {"ranking": prepared.ranking_ms, "writing": writing_ms, "total": _ms(prepared.started)},
        "structured": document.to_dict(),
    }
    return _generation(prepared, content_text=result.text, content_format="plain", meta=meta)


# --- entry points --------------------------------------------------------------------------


async def create_generation(
    session: AsyncSession,
    *,
    owner: User,
    data: GenerationCreate,
    engine: Engine,
    judgement: rankings.Judgement = rankings.ASKED,
) -> Generation:
    prepared = await prepare(session, owner=owner, data=data, engine=engine, judgement=judgement)
    if data.document_type == "resume":
        generation = await _resume(prepared, engine)
    else:
        plan = _plan(prepared)
        if engine.info.is_llm:
            # Not across the model call: the ranking is committed now, on its own.
            await commit(session)
        writing = time.perf_counter()
        result = await cover_letter.write_letter(engine, plan, prepared.ctx)
        generation = _letter_generation(
            prepared, engine, plan, result, writing_ms=_ms(writing), streamed=False
        )
    session.add(generation)
    await session.flush()
    return generation


Event = dict[str, str]


async def start_stream(
    session: AsyncSession,
    database: Database,
    *,
    owner: User,
    data: GenerationCreate,
    engine: Engine,
    judgement: rankings.Judgement = rankings.ASKED,
) -> AsyncIterator[Event]:
    """Load and rank now (errors here are ordinary HTTP errors); stream the writing afterwards."""
    prepared = await prepare(session, owner=owner, data=data, engine=engine, judgement=judgement)
    return _stream(database, prepared, engine)


async def _stream(database: Database, prepared: Prepared, engine: Engine) -> AsyncIterator[Event]:
    try:
        if prepared.data.document_type == "resume":
            generation = await _resume(prepared, engine)
        else:
            plan = _plan(prepared)
            result = cover_letter.LetterResult(text="")
            writing = time.perf_counter()
            async for kind, payload in cover_letter.stream_letter(engine, plan, prepared.ctx, result):
                yield {"event": kind, "data": json.dumps(payload)}
            generation = _letter_generation(
                prepared, engine, plan, result, writing_ms=_ms(writing), streamed=True
            )
        stored = await _store(database, generation)
    except JobWiseError as exc:
        yield _error_event(exc.code, exc.message, exc.details)
        return
    except Exception:
        # The response has started: the error can only travel as an event.
        logger.exception("streamed generation failed")
        yield _error_event("internal_error", "Something went wrong on our side; nothing was stored.", None)
        return
    yield {"event": "generation", "data": GenerationRead.model_validate(stored).model_dump_json()}


def _error_event(code: str, message: str, details: Any) -> Event:
    return {"event": "error", "data": json.dumps(error_body(code, message, details))}


async def _store(database: Database, generation: Generation) -> Generation:
    async with database.write_session() as session:
        try:
            session.add(generation)
            await session.flush()
        except BaseException:
            await rollback(session)
            raise
        await commit(session)
    return generation


async def get_generation(session: AsyncSession, *, owner: User, generation_id: str) -> Generation:
    missing = GenerationNotFound(f"No generation {generation_id}")
    return await get_owned(session, Generation, owner=owner, row_id=generation_id, missing=missing)


async def list_generations(
    session: AsyncSession,
    *,
    owner: User,
    job_id: str | None,
    document_type: DocumentType | None,
    limit: int,
    offset: int,
) -> tuple[list[Generation], int]:
    return await list_owned(
        session,
        Generation,
        owner=owner,
        job_id=job_id,
        document_type=document_type,
        newest=Generation.created_at,
        limit=limit,
        offset=offset,
    )
