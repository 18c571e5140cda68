"""/api/v1/generations: a tailored resume or cover letter for a job, and how it was made."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status
from sse_starlette import EventSourceResponse

from jobwise.ai.dependencies import EngineDep
from jobwise.ai.errors import LLM_ERRORS
from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import DatabaseDep, PageLimit, PageOffset, SettingsDep
from jobwise.errors import raises
from jobwise.generations import service
from jobwise.generations.cover_letter import CoverLetterRefused
from jobwise.generations.dependencies import OwnedGeneration
from jobwise.generations.schemas import GenerationCreate, GenerationPage, GenerationRead
from jobwise.jobs.service import JobNotFound
from jobwise.models import DocumentType, Generation
from jobwise.profiles.service import ProfileNotFound
from jobwise.rankings.service import Judgement
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit
from jobwise.schemas import ID_MAX

router = APIRouter(prefix="/generations", tags=["Generations"])

_STREAM_DESCRIPTION = (
    "With `stream=true`: Server-Sent Events. `chunk` {text, attempt} as the letter is written; "
    "`retry` {reason, unsupported} when a draft failed the truth check and a second one follows "
    "(discard the text so far); then `generation` (the stored generation, as without streaming) "
    "or `error` (the usual error body)."
)


@router.post(
    "",
    response_model=GenerationRead,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(rate_limit("generation"))],
    responses={
        200: {"content": {"text/event-stream": {}}, "description": _STREAM_DESCRIPTION},
        422: {"description": "Invalid request, or a cover letter that failed the truth check twice"},
        **RATE_LIMITED,
    },
)
# With stream=true, errors after the ranking arrive as `error` events of the 200 stream.
@raises(service.InvalidWordRange, JobNotFound, ProfileNotFound, CoverLetterRefused, *LLM_ERRORS)
async def create_generation(
    data: GenerationCreate,
    user: CurrentUser,
    session: SessionDep,
    database: DatabaseDep,
    engine: EngineDep,
    settings: SettingsDep,
    stream: Annotated[bool, Query(description=_STREAM_DESCRIPTION)] = False,
) -> Any:
    """A resume compiled from the ranking, or a cover letter written by the engine and checked
    against the profile."""
    # The model's judgement of the ranking is optional for a document: a short wait at most.
    judgement = Judgement(
        seconds=settings.LLM_JUDGEMENT_DEADLINE, setting="LLM_JUDGEMENT_DEADLINE", retry_failed=False
    )
    if stream:
        events = await service.start_stream(
            session, database, owner=user, data=data, engine=engine, judgement=judgement
        )
        return EventSourceResponse(events)
    return await service.create_generation(session, owner=user, data=data, engine=engine, judgement=judgement)


@router.get("", response_model=GenerationPage)
async def list_generations(
    user: CurrentUser,
    session: SessionDep,
    job_id: Annotated[str | None, Query(max_length=ID_MAX)] = None,
    document_type: DocumentType | None = None,
    limit: PageLimit = 20,
    offset: PageOffset = 0,
) -> GenerationPage:
    rows, total = await service.list_generations(
        session, owner=user, job_id=job_id, document_type=document_type, limit=limit, offset=offset
    )
    return GenerationPage(
        items=[GenerationRead.model_validate(row) for row in rows], total=total, limit=limit, offset=offset
    )


@router.get("/{generation_id}", response_model=GenerationRead)
async def read_generation(generation: OwnedGeneration) -> Generation:
    return generation
