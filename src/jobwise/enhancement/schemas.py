"""Enhancement API shapes (the seed's: job_id, status, progress, current_step, error).

The API calls a run a job, as the seed does (EnhancementJobRead, job_id); the code calls it a run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from jobwise.models import EnhancementRun

RunStatus = Literal["queued", "processing", "completed", "failed"]
ItemType = Literal["summary", "experience", "project"]


class TriggerResponse(BaseModel):
    job_id: str
    status: Literal["queued"] = "queued"
    message: str


class EnhancementStatus(BaseModel):
    """GET /status: the latest run, as the seed returns it."""

    job_id: str
    status: RunStatus
    progress: int
    current_step: str | None
    items_done: int | None = Field(description="Texts rewritten so far (the summary and each bullet).")
    items_total: int | None = Field(description="Texts this run rewrites; null until counted.")
    error: str | None


class AddedFact(BaseModel):
    kind: str = Field(description="number, date, organization, title, technology...")
    text: str


class FlaggedItem(BaseModel):
    """A text whose rewrites kept adding facts: the original was kept."""

    item_type: ItemType
    item_id: str
    index: int = Field(description="The bullet's position in the item (0 for the summary).")
    original: str
    rejected: str | None = Field(description="The last rewrite, which was not used.")
    added: list[AddedFact] = Field(description="What the rewrite stated that the profile does not.")


class SkippedItem(BaseModel):
    item_type: ItemType
    item_id: str
    reason: Literal["edited", "deleted"]


class ResultCounts(BaseModel):
    texts: int
    enhanced: int
    unchanged: int
    flagged: int
    retried: int
    items_written: int
    items_skipped: int


class ResultUsage(BaseModel):
    engine: str
    model: str | list[str] | None
    calls: int
    prompt_tokens: int
    completion_tokens: int


class EnhancementResult(BaseModel):
    style: Literal["samples", "neutral"]
    samples: dict[str, int] = Field(description="The samples whose style was used, with their versions.")
    enhancement_version: int
    attempt: int
    counts: ResultCounts
    flagged: list[FlaggedItem]
    skipped: list[SkippedItem]
    usage: ResultUsage


class EnhancementJobRead(EnhancementStatus):
    sample_version_used: int | None
    started_at: datetime
    completed_at: datetime | None
    updated_at: datetime
    result: EnhancementResult | None


class EnhancementJobPage(BaseModel):
    items: list[EnhancementJobRead]
    total: int
    limit: int
    offset: int


class RunEvent(BaseModel):
    """One entry of a run's event log, as the event stream sends it."""

    seq: int
    status: RunStatus
    step: str | None
    progress: int
    at: datetime
    items_done: int | None = None
    items_total: int | None = None
    attempt: int | None = None
    message: str | None = None
    error: str | None = None


def status_read(run: EnhancementRun) -> EnhancementStatus:
    return EnhancementStatus.model_validate(
        {
            "job_id": run.id,
            "status": run.status,
            "progress": run.progress,
            "current_step": run.current_step,
            "items_done": run.items_done,
            "items_total": run.items_total,
            "error": run.error_message,
        }
    )


def run_read(run: EnhancementRun) -> EnhancementJobRead:
    return EnhancementJobRead.model_validate(
        {
            **status_read(run).model_dump(),
            "sample_version_used": run.sample_version_used,
            "started_at": run.started_at,
            "completed_at": run.completed_at,
            "updated_at": run.updated_at,
            "result": run.result,
        }
    )
