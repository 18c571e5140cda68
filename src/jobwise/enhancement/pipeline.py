"""The enhancement task: rewrite the summary and every bullet in the person's style, adding no facts.

Steps (the seed's): loading_data, extracting_style, enhancing_summary, enhancing_experiences,
enhancing_projects, saving. Each step is written to the run as it starts. The texts are packed
into as many AI calls as may be in flight at once (pack), which run concurrently under
ENHANCEMENT_CONCURRENCY, outside any transaction; every rewrite passes the truth check (one retry
of that text alone, naming what it added, then the original stays and the item is flagged);
the profile is written in one transaction at the end, together with the run's result and the
task's completion. A failure anywhere leaves the profile as it was.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from jobwise.ai.deadline import time_limit
from jobwise.ai.engine import CallContext, Engine, EnhanceItem, EnhanceResult, PersonalFacts, Usage
from jobwise.ai.errors import NoEngine
from jobwise.db import commit
from jobwise.enhancement.schemas import (
    AddedFact,
    EnhancementResult,
    FlaggedItem,
    ItemType,
    ResultCounts,
    ResultUsage,
    SkippedItem,
)
from jobwise.models import (
    COVER_LETTER_SAMPLE,
    RESUME_SAMPLE,
    EnhancementRun,
    Experience,
    Profile,
    Project,
    SampleDocument,
    Task,
    User,
    utcnow,
)
from jobwise.models.enhancement_run import ACTIVE_RUN_STATUSES
from jobwise.profiles import facts
from jobwise.profiles.facts import bullet_text
from jobwise.profiles.versions import split_bullets
from jobwise.samples.service import style_of
from jobwise.tasks.registry import TaskContext, TaskDefinition
from jobwise.text.truth import Addition, TruthReport, check_truth

logger = logging.getLogger("jobwise.enhancement")

ENHANCE_KIND = "enhance_profile"
Step = Literal[
    "loading_data",
    "extracting_style",
    "enhancing_summary",
    "enhancing_experiences",
    "enhancing_projects",
    "saving",
]
STEP_PROGRESS: dict[str, int] = {
    "loading_data": 10,
    "extracting_style": 20,
    "enhancing_summary": 20,
    "enhancing_experiences": 20,
    "enhancing_projects": 20,
    "saving": 90,
}
_PHASE: dict[ItemType, Step] = {
    "summary": "enhancing_summary",
    "experience": "enhancing_experiences",
    "project": "enhancing_projects",
}
# While texts are rewritten, progress moves from the style step's to the saving step's share.
_REWRITING_SHARE = STEP_PROGRESS["saving"] - STEP_PROGRESS["extracting_style"]
# Item progress is written at most this often (one short write transaction each).
PROGRESS_INTERVAL_SECONDS = 0.5
# Texts rewritten in one call at most: a longer answer takes longer to write and, on a slow local
# server, runs into LLM_TIMEOUT; six bullets are a few hundred tokens.
TEXTS_PER_CALL = 6


class _RunGone(Exception):
    """The run was deleted (with its profile or user) or is already over: nothing to do."""


def bare_bullets(description: str | None) -> list[str]:
    """One entry per line, as the profile API lists bullets, without typed markers (the enhanced
    bullets are stored bare); blank lines stay blank (not sent), keeping every line aligned with
    the originals by position."""
    return [bullet_text(line) for line in split_bullets(description)]


def has_content(profile: Profile, experiences: Iterable[Experience], projects: Iterable[Project]) -> bool:
    if profile.professional_summary and profile.professional_summary.strip():
        return True
    items: list[Experience | Project] = [*experiences, *projects]
    return any(any(bare_bullets(item.description)) for item in items)


# ---- what the task reads once, at the start -------------------------------------------------


@dataclass(frozen=True)
class ItemSnapshot:
    type: Literal["experience", "project"]
    id: str
    # Exactly as loaded: the result is written only if the text is still the same at the end.
    description: str
    bullets: tuple[str, ...]
    context: str
    is_current: bool


@dataclass(frozen=True)
class ProfileSnapshot:
    profile_id: str
    user_id: int
    summary: str | None
    experiences: tuple[ItemSnapshot, ...]
    projects: tuple[ItemSnapshot, ...]
    personal: PersonalFacts
    # Everything the profile says: a rewrite may only use facts found here.
    source_text: str


@dataclass(frozen=True)
class StyleChoice:
    style: Mapping[str, Any]
    source: Literal["samples", "neutral"]
    # The résumé sample's version (it governs bullets), else the cover letter's.
    sample_version: int | None
    # Every sample used, by type, with its version.
    samples: Mapping[str, int]


async def load_snapshot(session: AsyncSession, profile_id: str) -> ProfileSnapshot | None:
    profile = await session.scalar(
        select(Profile)
        .where(Profile.id == profile_id)
        .options(
            selectinload(Profile.experiences),
            selectinload(Profile.projects),
            selectinload(Profile.education),
            selectinload(Profile.entries),
        )
    )
    if profile is None:
        return None
    user = await session.get(User, profile.user_id)
    experiences = tuple(
        ItemSnapshot(
            type="experience",
            id=item.id,
            description=item.description or "",
            bullets=tuple(bare_bullets(item.description)),
            context=f"{item.title} at {item.company}",
            is_current=item.is_current or item.end_date is None,
        )
        for item in profile.experiences
    )
    projects = tuple(
        ItemSnapshot(
            type="project",
            id=item.id,
            description=item.description or "",
            bullets=tuple(bare_bullets(item.description)),
            context=item.name,
            is_current=item.end_date is None,
        )
        for item in profile.projects
    )
    return ProfileSnapshot(
        profile_id=profile.id,
        user_id=profile.user_id,
        summary=profile.professional_summary.strip() if profile.professional_summary else None,
        experiences=experiences,
        projects=projects,
        personal=facts.personal_facts(profile.personal_info or {}, user),
        source_text="\n".join(facts.stated(profile, user=user)),
    )


async def choose_style(session: AsyncSession, user_id: int) -> StyleChoice:
    """One style profile from the samples: the résumé's (bullets, summary) with the cover
    letter's section beside it; neutral (empty) without samples."""
    samples = {
        sample.document_type: sample
        for sample in await session.scalars(select(SampleDocument).where(SampleDocument.user_id == user_id))
        if sample.document_type in (RESUME_SAMPLE, COVER_LETTER_SAMPLE) and sample.full_text.strip()
    }
    if not samples:
        return StyleChoice(style={}, source="neutral", sample_version=None, samples={})
    style: dict[str, Any] = {}
    cover = samples.get(COVER_LETTER_SAMPLE)
    resume = samples.get(RESUME_SAMPLE)
    if cover is not None:
        style.update(style_of(cover))
    if resume is not None:
        cover_section = style.get("cover_letter")
        style.update(style_of(resume))
        if cover_section is not None:
            style["cover_letter"] = cover_section
    governing = resume or cover
    assert governing is not None
    return StyleChoice(
        style=style,
        source="samples",
        sample_version=governing.version,
        samples={kind: sample.version for kind, sample in sorted(samples.items())},
    )


# ---- one text through the engine and the truth check ----------------------------------------


@dataclass(frozen=True)
class ItemKey:
    type: ItemType
    id: str
    index: int  # the bullet's position; 0 for the summary


@dataclass
class Outcome:
    key: ItemKey
    original: str
    text: str
    status: Literal["enhanced", "unchanged", "flagged"] = "unchanged"
    added: list[dict[str, str]] = field(default_factory=list)
    rejected: str | None = None
    retried: bool = False
    usages: list[Usage] = field(default_factory=list)


def retry_feedback(report: TruthReport) -> str:
    """What the previous rewrite added, named, so the retry can leave it out."""
    return f"Your previous rewrite was rejected. {report.summary} Rewrite the original again."


Work = tuple[ItemKey, EnhanceItem]


@dataclass(frozen=True)
class Refusal:
    """Why a rewrite is not kept, as the retry is told, and the facts it added (for the person)."""

    feedback: str
    added: tuple[Addition, ...] = ()


def answers_another(text: str, item: EnhanceItem, others: Sequence[EnhanceItem]) -> bool:
    """Whether a rewrite reads as another text of its call rather than its own (the model
    swapped two answers, or gave one answer for all): closer in words to a neighbour's original."""
    own = fuzz.token_set_ratio(text, item.text)
    return any(fuzz.token_set_ratio(text, other.text) > own for other in others)


def moved_facts(text: str, item: EnhanceItem, others: Sequence[EnhanceItem]) -> tuple[Addition, ...]:
    """The facts a rewrite took from the other texts of its call: added to its own original and
    entry, and explained by a neighbour's text or entry. The profile holds them, so the
    whole-profile check would pass them, told of the wrong role or project. check_truth compares
    both ways, so "$2 million" is the neighbour's "$2M"."""
    if not others:
        return ()
    own = [item.text, item.context]
    added = check_truth(text, own).added
    if not added:
        return ()
    explained = set(added) - set(
        check_truth(text, [*own, *(o.text for o in others), *(o.context for o in others)]).added
    )
    return tuple(fact for fact in added if fact in explained)


def review(
    text: str, item: EnhanceItem, others: Sequence[EnhanceItem], source_text: str, *, alone: bool
) -> Refusal | None:
    """None when a rewrite may be kept. `others`: the texts sent with it (a retry goes alone but is
    still checked against them, or it could keep a fact its feedback named)."""
    moved = moved_facts(text, item, others)
    if moved:
        listed = "; ".join(f'"{fact.text}"' for fact in moved)
        return Refusal(
            f"Your previous rewrite was rejected: it took from another part of the resume what this "
            f"text does not say ({listed}). Rewrite the original again without it.",
            moved,
        )
    if not alone and answers_another(text, item, others):
        return Refusal(
            "Your previous answer rewrote another text of the list, not this one. Rewrite this original."
        )
    report = check_truth(text, source_text)
    return None if report.passed else Refusal(retry_feedback(report), report.added)


class Enhancer:
    """Sends a group of texts to the engine in one call under a bound, checks each result, and
    retries a refused text once on its own."""

    def __init__(
        self,
        engine: Engine,
        style: Mapping[str, Any],
        call: CallContext,
        source_text: str,
        concurrency: int,
        step_seconds: float,
    ) -> None:
        self.engine = engine
        self.style = style
        self.call = call
        self.source_text = source_text
        self._bound = asyncio.Semaphore(concurrency)
        self._step_seconds = step_seconds

    async def _ask(self, items: list[EnhanceItem]) -> dict[str, EnhanceResult]:
        # The limit starts once the call may run: waiting for the bound is not the model's time.
        async with self._bound:
            with time_limit(self._step_seconds, "LLM_TASK_STEP_DEADLINE"):
                results = await self.engine.enhance_texts(items, self.style, ctx=self.call)
        return {result.id: result for result in results}

    async def enhance(self, group: list[Work]) -> list[Outcome]:
        items = [item for _, item in group]
        answers = await self._ask(items)
        outcomes = [Outcome(key=key, original=item.text, text=item.text) for key, item in group]
        # A failed retry cancels the others: nothing of a failed run goes on calling the model.
        async with asyncio.TaskGroup() as retries:
            for outcome, item in zip(outcomes, items, strict=True):
                others = [other for other in items if other is not item]
                refusal = await self._check(
                    outcome, item, answers.get(item.id), others, alone=len(items) == 1
                )
                if refusal is not None:
                    retries.create_task(self._retry(outcome, item, refusal, others))
        return outcomes

    async def _check(
        self,
        outcome: Outcome,
        item: EnhanceItem,
        result: EnhanceResult | None,
        others: list[EnhanceItem],
        *,
        alone: bool,
    ) -> Refusal | None:
        """Keeps a faithful rewrite; why not, when it is refused."""
        if result is None:
            return None
        outcome.usages.append(result.usage)
        text = result.text.strip()
        if not text or text == item.text:
            return None
        # CPU work (tens of ms): in a thread, so heartbeats and requests are not held up.
        refusal = await asyncio.to_thread(review, text, item, others, self.source_text, alone=alone)
        if refusal is None:
            outcome.text = text
            outcome.status = "enhanced"
            outcome.added = []
            outcome.rejected = None
            return None
        outcome.added = [{"kind": fact.kind, "text": fact.text} for fact in refusal.added]
        outcome.rejected = text
        outcome.status = "flagged"
        return refusal

    async def _retry(
        self, outcome: Outcome, item: EnhanceItem, refusal: Refusal, others: list[EnhanceItem]
    ) -> None:
        outcome.retried = True
        answers = await self._ask([replace(item, feedback=refusal.feedback)])
        if await self._check(outcome, item, answers.get(item.id), others, alone=True) is not None:
            # Still refused after the retry: the original stays, and the person is told.
            outcome.text = item.text
            outcome.status = "flagged"
        elif outcome.status == "flagged":
            # The retry gave nothing usable (empty or the original): the original stays, unflagged.
            outcome.status = "unchanged"
            outcome.text = item.text


# ---- progress and the run record -----------------------------------------------------------


def run_event(run: EnhancementRun, **values: Any) -> dict[str, Any]:
    event = {
        "seq": len(run.events or []) + 1,
        "status": run.status,
        "step": run.current_step,
        "progress": run.progress,
        "at": utcnow().isoformat(),
    }
    event.update({key: value for key, value in values.items() if value is not None})
    return event


def record(run: EnhancementRun, **extra: Any) -> None:
    """Append the run's current state to its event log (a new list, so the JSON is saved)."""
    run.events = [*(run.events or []), run_event(run, **extra)]


async def _load_run(session: AsyncSession, run_id: str) -> EnhancementRun:
    run = await session.get(EnhancementRun, run_id, populate_existing=True)
    if run is None or run.status not in ACTIVE_RUN_STATUSES:
        raise _RunGone(run_id)
    return run


async def _write_step(
    ctx: TaskContext, run_id: str, step: Step, *, done: int | None = None, total: int | None = None
) -> None:
    async with ctx.database.write_session() as session:
        await ctx.fence(session)
        run = await _load_run(session, run_id)
        run.status = "processing"
        run.current_step = step
        run.progress = STEP_PROGRESS[step]
        if done is not None and total:
            run.progress += _REWRITING_SHARE * done // total
        if total is not None:
            run.items_done, run.items_total = done, total
        run.error_message = None
        record(run, attempt=ctx.attempt, items_done=run.items_done, items_total=run.items_total)
        await session.commit()


class _Progress:
    """Writes how many texts are rewritten as they finish, at most every PROGRESS_INTERVAL, and
    each part of the profile (summary, experiences, projects) as the run comes to wait for it."""

    def __init__(self, ctx: TaskContext, run_id: str, work: list[Work]) -> None:
        self._ctx = ctx
        self._run_id = run_id
        self._phases: list[ItemType] = [key.type for key, _ in work]
        self._finished = [False] * len(work)
        self._written_at = 0.0
        # The seed's steps in order; every one is reported, even for a part with nothing to do.
        self._steps: list[ItemType] = ["summary", "experience", "project"]
        self._step = 0
        # Texts finish concurrently: one writer at a time, so the log never goes backwards.
        self._lock = asyncio.Lock()

    def _awaited(self) -> int:
        """The first part of the profile with texts not yet back (all done: the last part)."""
        for phase, finished in zip(self._phases, self._finished, strict=True):
            if not finished:
                return self._steps.index(phase)
        return len(self._steps) - 1

    async def _write(self) -> None:
        self._written_at = time.monotonic()
        await _write_step(
            self._ctx,
            self._run_id,
            _PHASE[self._steps[self._step]],
            done=sum(self._finished),
            total=len(self._finished),
        )

    async def start(self) -> None:
        await self._write()
        await self._advance()

    async def _advance(self) -> bool:
        moved = False
        while self._step < self._awaited():
            self._step += 1
            await self._write()
            moved = True
        return moved

    async def finished(self, index: int) -> None:
        async with self._lock:
            self._finished[index] = True
            if await self._advance():
                return
            if all(self._finished) or time.monotonic() - self._written_at >= PROGRESS_INTERVAL_SECONDS:
                await self._write()


# ---- the task ------------------------------------------------------------------------------


def _engine(state: Any) -> Engine:
    engine = getattr(state, "engine", None)
    if engine is None:
        raise NoEngine("No AI engine is configured in this process; nothing was changed.")
    return engine  # type: ignore[no-any-return]


def _usage_summary(outcomes: Iterable[Outcome], engine: Engine) -> ResultUsage:
    usages = [usage for outcome in outcomes for usage in outcome.usages]
    models = sorted({usage.model for usage in usages if usage.model})
    return ResultUsage(
        engine=engine.info.name,
        model=models[0] if len(models) == 1 else (models or None),
        calls=sum(usage.calls for usage in usages),
        prompt_tokens=sum(usage.prompt_tokens for usage in usages),
        completion_tokens=sum(usage.completion_tokens for usage in usages),
    )


def _entries(snapshot: ProfileSnapshot) -> list[list[Work]]:
    """The texts to rewrite, by entry: the summary, then each experience's and project's bullets."""
    entries: list[list[Work]] = []
    if snapshot.summary:
        key = ItemKey("summary", snapshot.profile_id, 0)
        entries.append([(key, EnhanceItem(id="summary", kind="summary", text=snapshot.summary))])
    for item in (*snapshot.experiences, *snapshot.projects):
        bullets: list[Work] = []
        for index, bullet in enumerate(item.bullets):
            if not bullet:
                continue
            key = ItemKey(item.type, item.id, index)
            enhance_item = EnhanceItem(
                id=f"{item.type}:{item.id}:{index}",
                kind="bullet",
                text=bullet,
                context=item.context,
                is_current=item.is_current,
            )
            bullets.append((key, enhance_item))
        if bullets:
            entries.append(bullets)
    return entries


def pack(entries: list[list[Work]], calls: int, most: int = TEXTS_PER_CALL) -> list[list[Work]]:
    """The texts into as few calls as can be in flight at once (`calls`), `most` texts a call at
    most: a call per text would queue in waves behind the concurrency limits, and against a
    hosted API's rate limit. An entry's bullets stay in one call where they fit, so the model
    sees them together (one voice, varied openings). Each call keeps the profile's order."""
    position = {key: n for n, (key, _) in enumerate(work for entry in entries for work in entry)}
    pieces = [entry[start : start + most] for entry in entries for start in range(0, len(entry), most)]
    total = sum(len(piece) for piece in pieces)
    groups: list[list[Work]] = [[] for _ in range(max(min(calls, len(pieces)), -(-total // most)))]
    # Largest first, each into the emptiest call it fits in (a new call when none has room).
    for piece in sorted(pieces, key=len, reverse=True):
        room = [group for group in groups if len(group) + len(piece) <= most]
        if not room:
            groups.append([])
            room = groups[-1:]
        min(room, key=len).extend(piece)
    return [sorted(group, key=lambda work: position[work[0]]) for group in groups if group]


def _first_error(group: BaseExceptionGroup[BaseException]) -> BaseException:
    error: BaseException = group
    while isinstance(error, BaseExceptionGroup):
        error = error.exceptions[0]
    return error


async def run_enhancement(ctx: TaskContext) -> None:
    # The payload keeps the seed's name for the run's id: queued tasks outlive an upgrade.
    run_id = str(ctx.payload["job_id"])
    try:
        await _run(ctx, run_id)
    except _RunGone:
        logger.info("enhancement run %s is gone or over; nothing to do", run_id)


async def _run(ctx: TaskContext, run_id: str) -> None:
    engine = _engine(ctx.state)
    await _write_step(ctx, run_id, "loading_data")
    async with ctx.database.read_session() as session:
        run = await _load_run(session, run_id)
        snapshot = await load_snapshot(session, run.profile_id)
    if snapshot is None:
        raise _RunGone(run_id)

    await _write_step(ctx, run_id, "extracting_style")
    async with ctx.database.read_session() as session:
        style = await choose_style(session, snapshot.user_id)

    enhancer = Enhancer(
        engine,
        style.style,
        CallContext(user_id=snapshot.user_id, personal=snapshot.personal),
        snapshot.source_text,
        ctx.settings.ENHANCEMENT_CONCURRENCY,
        ctx.settings.LLM_TASK_STEP_DEADLINE,
    )
    entries = _entries(snapshot)
    work = [text for entry in entries for text in entry]
    order = {key: n for n, (key, _) in enumerate(work)}
    progress = _Progress(ctx, run_id, work)
    await progress.start()

    async def enhance(group: list[Work]) -> list[Outcome]:
        outcomes = await enhancer.enhance(group)
        for outcome in outcomes:
            await progress.finished(order[outcome.key])
        return outcomes

    calls = min(ctx.settings.ENHANCEMENT_CONCURRENCY, ctx.settings.LLM_CONCURRENCY)
    try:
        # Every call starts at once (under the bound); progress counts the texts as they finish.
        async with asyncio.TaskGroup() as group:
            running = [group.create_task(enhance(texts)) for texts in pack(entries, calls)]
    except BaseExceptionGroup as group:
        raise _first_error(group) from None
    outcomes = sorted((outcome for task in running for outcome in task.result()), key=lambda o: order[o.key])

    await _write_step(ctx, run_id, "saving")
    await _save(ctx, run_id, snapshot, style, outcomes, engine)


def _joined(item: ItemSnapshot, by_key: Mapping[ItemKey, Outcome]) -> str:
    lines = []
    for index, bullet in enumerate(item.bullets):
        outcome = by_key.get(ItemKey(item.type, item.id, index))
        lines.append(outcome.text if outcome is not None else bullet)
    return "\n".join(lines)


def _rotate_description(row: Experience | Project, new_text: str) -> None:
    if row.enhanced_description is not None:
        row.previous_enhanced_description = row.enhanced_description
        row.previous_enhanced_source = row.enhanced_source
    row.enhanced_description = new_text
    row.enhanced_source = row.description


def _write_profile(
    profile: Profile, snapshot: ProfileSnapshot, by_key: Mapping[ItemKey, Outcome]
) -> tuple[int, list[SkippedItem]]:
    """The rewrites into the profile, each kept version rotated; an item edited or deleted while
    the task ran is dropped, not forced in. How many items were written, and which were not."""
    skipped: list[SkippedItem] = []
    written = 0
    if snapshot.summary:
        current = (profile.professional_summary or "").strip()
        if current == snapshot.summary:
            if profile.enhanced_summary is not None:
                profile.previous_enhanced_summary = profile.enhanced_summary
                profile.previous_enhanced_summary_source = profile.enhanced_summary_source
            profile.enhanced_summary = by_key[ItemKey("summary", snapshot.profile_id, 0)].text
            profile.enhanced_summary_source = profile.professional_summary
            written += 1
        else:
            skipped.append(SkippedItem(item_type="summary", item_id=snapshot.profile_id, reason="edited"))
    rows: dict[tuple[str, str], Experience | Project] = {
        **{("experience", row.id): row for row in profile.experiences},
        **{("project", row.id): row for row in profile.projects},
    }
    for item in (*snapshot.experiences, *snapshot.projects):
        if not any(item.bullets):
            continue
        row = rows.get((item.type, item.id))
        if row is None:
            skipped.append(SkippedItem(item_type=item.type, item_id=item.id, reason="deleted"))
        elif (row.description or "") != item.description:
            skipped.append(SkippedItem(item_type=item.type, item_id=item.id, reason="edited"))
        else:
            _rotate_description(row, _joined(item, by_key))
            written += 1
    return written, skipped


def _result(
    *,
    style: StyleChoice,
    outcomes: list[Outcome],
    written: int,
    skipped: list[SkippedItem],
    version: int,
    attempt: int,
    engine: Engine,
) -> EnhancementResult:
    flagged = [
        FlaggedItem(
            item_type=outcome.key.type,
            item_id=outcome.key.id,
            index=outcome.key.index,
            original=outcome.original,
            rejected=outcome.rejected,
            added=[AddedFact.model_validate(fact) for fact in outcome.added],
        )
        for outcome in outcomes
        if outcome.status == "flagged"
    ]
    return EnhancementResult(
        style=style.source,
        samples=dict(style.samples),
        enhancement_version=version,
        attempt=attempt,
        counts=ResultCounts(
            texts=len(outcomes),
            enhanced=sum(outcome.status == "enhanced" for outcome in outcomes),
            unchanged=sum(outcome.status == "unchanged" for outcome in outcomes),
            flagged=len(flagged),
            retried=sum(outcome.retried for outcome in outcomes),
            items_written=written,
            items_skipped=len(skipped),
        ),
        flagged=flagged,
        skipped=skipped,
        usage=_usage_summary(outcomes, engine),
    )


async def _save(
    ctx: TaskContext,
    run_id: str,
    snapshot: ProfileSnapshot,
    style: StyleChoice,
    outcomes: list[Outcome],
    engine: Engine,
) -> None:
    async with ctx.database.write_session() as session:
        await ctx.fence(session)
        run = await _load_run(session, run_id)
        profile = await session.scalar(
            select(Profile)
            .where(Profile.id == snapshot.profile_id)
            .options(selectinload(Profile.experiences), selectinload(Profile.projects))
            .execution_options(populate_existing=True)
        )
        if profile is None:
            raise _RunGone(run_id)
        written, skipped = _write_profile(profile, snapshot, {outcome.key: outcome for outcome in outcomes})
        now = utcnow()
        profile.enhancement_version += 1
        profile.last_enhanced_at = now
        profile.enhancement_status = "completed"
        result = _result(
            style=style,
            outcomes=outcomes,
            written=written,
            skipped=skipped,
            version=profile.enhancement_version,
            attempt=ctx.attempt,
            engine=engine,
        )
        run.result = result.model_dump(mode="json")
        run.sample_version_used = style.sample_version
        run.status = "completed"
        run.progress = 100
        run.completed_at = now
        record(run, attempt=ctx.attempt)
        await ctx.succeed(session)
        # db.commit: the profile's stored view is rewritten with the result (profiles/read_model.py).
        await commit(session)


# ---- how the run follows its task (called inside the task's state transaction) ------------


async def _run_for(session: AsyncSession, task: Task) -> EnhancementRun | None:
    run_id = task.payload.get("job_id") if isinstance(task.payload, dict) else None
    if not run_id:
        return None
    run = await session.get(EnhancementRun, str(run_id), populate_existing=True)
    if run is None or run.status not in ACTIVE_RUN_STATUSES:
        return None
    return run


async def on_requeued(session: AsyncSession, task: Task, reason: str) -> None:
    run = await _run_for(session, task)
    if run is None:
        return
    run.status = "queued"
    run.progress = 0
    run.current_step = None
    record(run, message=f"Interrupted: {reason}.")


async def on_failed(session: AsyncSession, task: Task, message: str) -> None:
    run = await _run_for(session, task)
    if run is None:
        return
    run.status = "failed"
    run.error_message = f"{message.rstrip('.')}. Nothing in the profile was changed."
    run.completed_at = utcnow()
    record(run, error=run.error_message)


ENHANCE_PROFILE = TaskDefinition(
    kind=ENHANCE_KIND, run=run_enhancement, on_requeued=on_requeued, on_failed=on_failed
)
