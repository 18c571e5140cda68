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

from jobwise.ai.engine import CallContext, CoverLetterRequest, Engine, Evidence, LetterPerson, Usage
from jobwise.errors import InvalidInput
from jobwise.jobs.schemas import PLACEHOLDER_TITLE
from jobwise.models import Job, Profile
from jobwise.models.ranking_data import RankingData
from jobwise.profiles.facts import chosen_summary, skill_names, stated
from jobwise.rankings import scoring
from jobwise.rendering.model import Contact, CoverLetterDocument
from jobwise.text import truth
from jobwise.text.vocabulary import get_vocabulary

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
    items: dict[str, tuple[str, str | None, bool]] = {
        **{e.id: (e.title, e.company, e.is_current) for e in profile.experiences},
        **{p.id: (p.name, None, False) for p in profile.projects},
    }
    company = letter_company(job.company)
    request = CoverLetterRequest(
        job_title=letter_title(job.title, company),
        company=company,
        requirements=tuple(job.requirements or ())[:12],
        keywords=tuple(row["keyword"] for row in ranking["keywords"] if row["status"] != "missing")[:12],
        candidate_name=candidate_name,
        summary=summary,
        evidence=tuple(
            Evidence(
                text=row.bullet["text"],
                source=row.source,
                score=row.bullet["score"],
                title=items.get(row.item_id, (row.source, None, False))[0],
                organization=items.get(row.item_id, (row.source, None, False))[1],
                is_current=items.get(row.item_id, (row.source, None, False))[2],
            )
            for row in top
        ),
        person=letter_person(profile, ranking),
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


# What the jobs service stores when the parser found no title or company (jobs/service.py): not a
# name to write in a letter.
_PLACEHOLDERS = {"untitled position", "unknown company"}


# What a parser may take for the employer: a form's field label or a work arrangement.
_NOT_A_COMPANY = re.compile(
    r"^(?:location|company|employer|organisation|organization|remote|hybrid|on-?site|salary|department)$"
    r"|/\s*(?:hybrid|remote|on-?site)$",
    re.IGNORECASE,
)


def letter_company(company: str | None) -> str:
    company = (company or "").strip()
    if company.casefold() in _PLACEHOLDERS or _NOT_A_COMPANY.search(company):
        return ""
    return company


def letter_title(title: str | None, company: str) -> str:
    """The role as a letter names it: no placeholder, no employer's name before it ("Marylhurst
    University, Assistant Professor" is the Assistant Professor role at Marylhurst University)."""
    title = (title or "").strip()
    if title.casefold() in _PLACEHOLDERS:
        return ""
    if company and title.casefold().startswith(company.casefold()):
        rest = title[len(company) :].lstrip(" ,:-–—|")
        title = rest or title
    return title


def letter_person(profile: Profile, ranking: RankingData) -> LetterPerson:
    """Who the person is, from the profile's fields: headline, the current or latest role, the
    skills the job asks for that the person has (then the rest), and their studies."""
    roles = sorted(
        profile.experiences,
        key=lambda e: (e.is_current, e.end_date or "", e.start_date or ""),
        reverse=True,
    )
    latest = roles[0] if roles else None
    vocabulary = get_vocabulary()
    own: list[str] = []
    for name in skill_names(profile):
        skill = vocabulary.canonical(name)
        if skill is not None and not skill.is_soft and skill.name not in own:
            own.append(skill.name)
    wanted = [row["keyword"] for row in ranking["keywords"] if row["status"] != "missing"]
    skills = [*(s for s in wanted if s in own), *(s for s in own if s not in wanted)]
    studies = []
    for education in profile.education:
        degree = (education.degree or "").strip()
        subject = (education.field_of_study or "").strip()
        if not education.institution:
            continue
        what = f"{degree} in {subject}" if degree and subject else degree or subject
        study = f"{what} at {education.institution}" if what else education.institution
        year = _year(education.end_date)
        studies.append(f"{study}, finishing in {year}" if year else study)
    headline = str((profile.personal_info or {}).get("label") or "").strip() or None
    return LetterPerson(
        headline=headline,
        role_title=latest.title if latest else None,
        organization=latest.company if latest else None,
        role_is_current=bool(latest and latest.is_current),
        role_years=(_year(latest.start_date), _year(latest.end_date)) if latest else (None, None),
        skills=tuple(skills[:8]),
        studies=tuple(studies[:2]),
    )


def _year(date_text: str | None) -> str | None:
    match = re.match(r"^\s*((?:19|20)\d\d)", date_text or "")
    return match.group(1) if match else None


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


def _shown(text: str) -> str:
    return text if len(text) <= QUOTE_SHOWN else text[:QUOTE_SHOWN].rstrip() + "…"


def _refuse(result: LetterResult, engine: Engine) -> CoverLetterRefused:
    """The refusal names what failed and what the person can do. "Generate it again" is offered
    only by an LLM, whose next draft may differ; the offline engine's would be the same."""
    final = result.final
    again = " or generate the letter again" if engine.info.is_llm else ""
    if final.copied:
        more = f" and {len(final.copied) - 1} more" if len(final.copied) > 1 else ""
        return CoverLetterQuotesPosting(
            f'The cover letter copied the job posting word for word ("{_shown(final.copied[0])}"{more}), '
            "also after a second attempt; nothing was stored. A letter may name the posting's skills "
            "and technologies, but the posting's text is data, never part of the letter: shorten the "
            f"posting's requirements to their terms{again}.",
            details={
                "copied": final.copied,
                "unsupported": final.unsupported,
                "attempts": len(result.attempts),
            },
        )
    claims = [addition.text for addition in final.report.unsupported]
    named = ", ".join(f'"{_shown(claim)}"' for claim in claims[:3])
    more = f" and {len(claims) - 3} more" if len(claims) > 3 else ""
    return CoverLetterRefused(
        f"The cover letter claimed {named}{more} as yours, which your profile does not contain, also "
        "after a second attempt; nothing was stored. If it is true, add it to your profile"
        f"{again}.",
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
        raise _refuse(result, engine)
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
        raise _refuse(result, engine)
    result.text = result.final.text


def stated_title(job: Job) -> str:
    """The job's title, or "" when the posting stated none (the saved placeholder is not a title)."""
    return "" if job.title == PLACEHOLDER_TITLE else job.title


def letter_document(
    contact: Contact, job: Job, body: str, *, today: date, recipient: str | None = None
) -> CoverLetterDocument:
    """The header names only what is real: never the jobs service's placeholders for a posting
    without a title or company."""
    company = letter_company(job.company)
    return CoverLetterDocument(
        contact=contact,
        body=body,
        date=f"{today.day} {today:%B %Y}",
        recipient=(recipient or "").strip() or company or None,
        job_title=letter_title(job.title, company) or None,
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
