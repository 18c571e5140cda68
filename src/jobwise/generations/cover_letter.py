"""A cover letter from the job, the strongest evidence and the person's cover-letter style.

The engine writes it (offline: templates filled with the top evidence; LLM: the generation
prompt); the truth check (jobwise.text.truth) then lists every claim the letter makes that the
profile does not support, and every passage it copies from the posting. The job posting is a
nameable source: the letter may name the company, the role and the terms the job asks for, but
may not claim any of it as the person's own, nor quote the posting's text (which is data, and may
hold instructions planted for a model: jobwise.text.quotes).

A letter that fails the check is written once more with the failures as feedback. If the second
draft still fails, the generation is refused and nothing is stored: 422
`cover_letter_copies_posting` (the passages in `details.copied`) when it quotes the posting,
else 422 `cover_letter_unsupported_claims` (the claims in `details.unsupported`). A flagged
letter kept among a person's documents is one click away from being sent, and an unfounded claim
in an application is worse than no letter. The offline engine never quotes the posting, so only
an LLM's letter meets the first refusal.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from jobwise.ai.engine import CallContext, CoverLetterRequest, Engine, Evidence, Usage
from jobwise.errors import InvalidInput
from jobwise.jobs.schemas import PLACEHOLDER_TITLE
from jobwise.models import Job, Profile
from jobwise.models.ranking_data import RankingData
from jobwise.profiles.facts import chosen_summary, stated
from jobwise.rankings import scoring
from jobwise.rendering.model import Contact, CoverLetterDocument
from jobwise.text import truth

ATTEMPTS = 2
# How much of a copied passage the refusal's message shows (details carry all of it).
QUOTE_SHOWN = 160
_WORD = re.compile(r"[\w'’-]+")


class CoverLetterRefused(InvalidInput):
    code = "cover_letter_unsupported_claims"


class CoverLetterQuotesPosting(CoverLetterRefused):
    code = "cover_letter_copies_posting"


@dataclass(frozen=True)
class LetterPlan:
    request: CoverLetterRequest
    facts: truth.Sources
    evidence: list[dict[str, Any]]
    summary_version: str
    style_source: str


@dataclass
class Attempt:
    text: str
    words: int
    report: truth.TruthReport
    usage: Usage | None
    duration_ms: float

    @property
    def passed(self) -> bool:
        return self.report.passed

    @property
    def unsupported(self) -> list[dict[str, Any]]:
        return [addition.as_dict() for addition in self.report.unsupported]

    @property
    def copied(self) -> list[str]:
        return list(self.report.copied)


@dataclass
class LetterResult:
    text: str
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def final(self) -> Attempt:
        return self.attempts[-1]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def plan_letter(
    job: Job,
    profile: Profile,
    ranking: RankingData,
    *,
    style: dict[str, Any] | None,
    evidence_count: int,
    min_words: int,
    max_words: int,
    candidate_name: str | None,
) -> LetterPlan:
    top = scoring.top_bullets(ranking, evidence_count)
    summary, summary_version = chosen_summary(profile)
    facts = truth_sources(job, profile, candidate_name)
    request = CoverLetterRequest(
        job_title=stated_title(job),
        # No company named (an agency's posting, or cleared by the person): the letter addresses
        # "your team", never a placeholder.
        company=job.company or "",
        requirements=tuple(job.requirements or ())[:12],
        keywords=tuple(row["keyword"] for row in ranking["keywords"] if row["status"] != "missing")[:12],
        candidate_name=candidate_name,
        summary=summary,
        evidence=tuple(
            Evidence(text=row.bullet["text"], source=row.source, score=row.bullet["score"]) for row in top
        ),
        style=style or {},
        min_words=min_words,
        max_words=max_words,
        posting=tuple(facts.posting),
    )
    return LetterPlan(
        request=request,
        facts=facts,
        evidence=[
            {
                "item_id": row.item_id,
                "index": row.bullet["index"],
                "version": row.bullet["version"],
                "score": row.bullet["score"],
            }
            for row in top
        ],
        summary_version=summary_version if summary else "none",
        style_source="sample" if style else "neutral",
    )


def truth_sources(job: Job, profile: Profile, candidate_name: str | None) -> truth.Sources:
    """Everything the person has stated about themselves, and the posting: nameable, never to be
    quoted, its title and company usable as they stand."""
    own = [*([candidate_name] if candidate_name else []), *stated(profile)]
    nameable = [stated_title(job), job.company, job.location, job.description, *(job.requirements or ())]
    # All of the posting's text, as pasted and as parsed: responsibilities and the company's
    # description live in `description` and `raw_text`.
    posting = [
        job.description,
        job.raw_text,
        *(job.requirements or ()),
        *(job.benefits or ()),
        *(job.parsed_keywords or ()),
    ]
    return truth.Sources(
        own=own,
        nameable=[text for text in nameable if text],
        posting=[text for text in posting if text],
        names=[text for text in (stated_title(job), job.company) if text],
    )


def feedback(attempt: Attempt, request: CoverLetterRequest) -> str:
    problems = []
    if not attempt.passed:
        problems.append(attempt.report.summary)
    if not request.min_words <= attempt.words <= request.max_words:
        problems.append(
            f"The previous draft had {attempt.words} words; write between {request.min_words} "
            f"and {request.max_words}."
        )
    return " ".join(problems)


def _needs_retry(attempt: Attempt, request: CoverLetterRequest, engine: Engine) -> bool:
    # The offline engine writes a short letter on purpose when the evidence is thin (never
    # padding); asking it again would give the same letter. An LLM is asked to fix the length.
    off_length = not request.min_words <= attempt.words <= request.max_words
    return not attempt.passed or (off_length and engine.info.is_llm)


def _refuse(result: LetterResult) -> CoverLetterRefused:
    final = result.final
    if final.copied:
        first = final.copied[0]
        shown = first if len(first) <= QUOTE_SHOWN else first[:QUOTE_SHOWN].rstrip() + "…"
        more = f" and {len(final.copied) - 1} more" if len(final.copied) > 1 else ""
        return CoverLetterQuotesPosting(
            f'The cover letter copied the job posting word for word ("{shown}"{more}), also after a '
            "second attempt; nothing was stored. A letter may name the posting's skills and "
            "technologies, but the posting's text is data, never part of the letter. Try again.",
            details={
                "copied": final.copied,
                "unsupported": final.unsupported,
                "attempts": len(result.attempts),
            },
        )
    return CoverLetterRefused(
        "The cover letter made claims your profile does not support, also after a second attempt; "
        "nothing was stored. Add the facts to your profile if they are true, or try again.",
        details={"unsupported": result.final.unsupported, "attempts": len(result.attempts)},
    )


async def write_letter(engine: Engine, plan: LetterPlan, ctx: CallContext) -> LetterResult:
    """Write, check, retry once with feedback; raises CoverLetterRefused (or its
    CoverLetterQuotesPosting) if it still fails."""
    result = LetterResult(text="")
    request = plan.request
    for attempt_number in range(ATTEMPTS):
        started = time.perf_counter()
        draft = await engine.write_cover_letter(request, ctx=ctx)
        attempt = Attempt(
            text=draft.text.strip(),
            words=word_count(draft.text),
            report=await asyncio.to_thread(truth.check, draft.text, plan.facts),
            usage=draft.usage,
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
        )
        result.attempts.append(attempt)
        if not _needs_retry(attempt, request, engine) or attempt_number == ATTEMPTS - 1:
            break
        request = replace(request, feedback=feedback(attempt, request))
    if not result.final.passed:
        raise _refuse(result)
    result.text = result.final.text
    return result


StreamEvent = tuple[Literal["chunk", "retry"], dict[str, Any]]


async def stream_letter(
    engine: Engine, plan: LetterPlan, ctx: CallContext, result: LetterResult
) -> AsyncIterator[StreamEvent]:
    """As write_letter, but yields the text as the engine writes it.

    A "retry" event means: discard what was streamed, a second draft follows. The finished
    letter is left in `result`; CoverLetterRefused is raised if it fails the check twice.
    """
    request = plan.request
    for attempt_number in range(ATTEMPTS):
        started = time.perf_counter()
        chunks: list[str] = []
        async for chunk in engine.stream_cover_letter(request, ctx=ctx):
            chunks.append(chunk)
            yield "chunk", {"text": chunk, "attempt": attempt_number + 1}
        text = "".join(chunks)
        attempt = Attempt(
            text=text.strip(),
            words=word_count(text),
            report=await asyncio.to_thread(truth.check, text, plan.facts),
            usage=None,
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
        )
        result.attempts.append(attempt)
        if not _needs_retry(attempt, request, engine) or attempt_number == ATTEMPTS - 1:
            break
        request = replace(request, feedback=feedback(attempt, request))
        yield (
            "retry",
            {
                "reason": request.feedback,
                "unsupported": attempt.unsupported,
                "copied": attempt.copied,
            },
        )
    if not result.final.passed:
        raise _refuse(result)
    result.text = result.final.text


def stated_title(job: Job) -> str:
    """The job's title, or "" when the posting stated none (the saved placeholder is not a title)."""
    return "" if job.title == PLACEHOLDER_TITLE else job.title


def letter_document(
    contact: Contact, job: Job, body: str, *, today: date, recipient: str | None = None
) -> CoverLetterDocument:
    return CoverLetterDocument(
        contact=contact,
        body=body,
        date=f"{today.day} {today:%B %Y}",
        recipient=recipient or job.company,
        job_title=stated_title(job) or None,
    )


def attempts_metadata(result: LetterResult) -> list[dict[str, Any]]:
    return [
        {
            "words": attempt.words,
            "unsupported": attempt.unsupported,
            "copied": attempt.copied,
            "duration_ms": attempt.duration_ms,
            "tokens": _tokens(attempt.usage),
        }
        for attempt in result.attempts
    ]


def _tokens(usage: Usage | None) -> dict[str, Any] | None:
    if usage is None:
        return None
    return {
        "prompt": usage.prompt_tokens,
        "completion": usage.completion_tokens,
        "calls": usage.calls,
        "cached": usage.cached,
        "model": usage.model,
    }


def total_tokens(result: LetterResult) -> dict[str, int] | None:
    usages: Sequence[Usage] = [a.usage for a in result.attempts if a.usage is not None]
    if not usages:
        return None
    return {
        "prompt": sum(u.prompt_tokens for u in usages),
        "completion": sum(u.completion_tokens for u in usages),
        "calls": sum(u.calls for u in usages),
    }
