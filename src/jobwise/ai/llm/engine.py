"""LLMEngine: the Engine protocol on top of an LLMClient.

Every step goes the same way (_Call): render the prompt (untrusted text delimited as data),
replace the person's details with placeholders, answer from the cache when the request is
deterministic and was seen before, check the daily token budget, call the model under the
concurrency bound (structured output with one repair attempt), put the details back, and record
the usage in its own transaction whatever happened.

The LLM adds judgement, not facts: a parsed job keeps only what the posting supports (anything
else falls back to the deterministic parse), and callers run text/truth.py on written text.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass, replace
from functools import cache
from typing import Annotated, Any, Literal, Protocol, TypeVar

from pydantic import BaseModel, BeforeValidator, Field, create_model

from jobwise.ai.engine import (
    CallContext,
    CoverLetterDraft,
    CoverLetterRequest,
    EngineInfo,
    EnhanceItem,
    EnhanceResult,
    LetterPerson,
    ParsedJob,
    Salary,
    Usage,
)
from jobwise.ai.errors import LLMInvalidOutput
from jobwise.ai.llm.cache import ResponseCache, cache_key, is_cacheable
from jobwise.ai.llm.client import ChatMessage, ChatRequest, LLMClient, StreamStats
from jobwise.ai.llm.structured import (
    MAX_REPAIR_TOKENS,
    Tally,
    complete_structured,
    parse_structured,
    strict_json_schema,
    strip_wrapping,
)
from jobwise.ai.pii import PLACEHOLDER_NOTE, Redactor
from jobwise.ai.prompts import Prompt, PromptLibrary, Tier
from jobwise.ai.usage import UsageEntry, UsageRecorder
from jobwise.errors import JobWiseError
from jobwise.text.keywords import extract_keywords, merge_keywords

logger = logging.getLogger("jobwise.ai.llm")

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")

# Untrusted text is bounded before it reaches a prompt (the API bounds it too).
MAX_POSTING_CHARS = 20_000
MAX_STYLE_CHARS = 4_000
RERANK_BATCH = 25
_REASONING_MODEL = re.compile(r"gpt-oss|(^|/)(o[1-9]|gpt-5)", re.IGNORECASE)


@dataclass(frozen=True)
class ModelChoice:
    fast: str
    quality: str
    # The settings that name them, for error messages.
    fast_setting: str
    quality_setting: str


# -- what the model is asked to return ------------------------------------------------------------


def _period(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = value.strip().lower().removeprefix("per ").removeprefix("a ")
    aliases = {
        "annual": "year",
        "annually": "year",
        "yearly": "year",
        "yr": "year",
        "monthly": "month",
        "weekly": "week",
        "daily": "day",
        "hourly": "hour",
        "hr": "hour",
    }
    return aliases.get(text, text) or None


def _remote(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text in {"full", "remote", "fully remote", "yes", "true"}:
        return "Full"
    if text in {"hybrid", "partial", "partly remote"}:
        return "Hybrid"
    if text in {"none", "no", "false", "on-site", "onsite", "on site", "office", "in office"}:
        return "None"
    return None if not text else value


class JobExtraction(BaseModel):
    title: str | None = None
    company: str | None = None
    location: str | None = None
    description: str | None = None
    requirements: list[str] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    benefits: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    salary_text: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: Annotated[
        Literal["year", "month", "week", "day", "hour"] | None, BeforeValidator(_period)
    ] = None
    remote: Annotated[Literal["Full", "Hybrid", "None"] | None, BeforeValidator(_remote)] = None
    experience_level: str | None = None


class RewrittenText(BaseModel):
    text: str


@cache
def rewritten_texts(count: int) -> type[BaseModel]:
    """{"texts": {"text_1": "...", ..., "text_<count>": "..."}}: one required property per text,
    for the reason evidence_scores gives."""
    per_text: dict[str, Any] = {f"text_{n}": (str, ...) for n in range(1, count + 1)}
    return create_model("RewrittenTexts", texts=(create_model("TextsByNumber", **per_text), ...))


@cache
def evidence_scores(count: int) -> type[BaseModel]:
    """{"scores": {"candidate_1": 0.8, ..., "candidate_<count>": 0.1}}: one required property per
    candidate, so the schema itself says how many scores there are.

    A list of numbers leaves the count to the model (strict modes keep no minItems or maxItems):
    a small model behind llama.cpp's grammar answered 2 scores for 3 candidates, repair included,
    and every ranking went without its judgement. Every constrained decoder (strict json_schema,
    llama.cpp's grammar) enforces required properties, and validation checks them where nothing
    constrains the answer.
    """
    per_candidate: dict[str, Any] = {f"candidate_{n}": (float, ...) for n in range(1, count + 1)}
    return create_model("EvidenceScores", scores=(create_model("CandidateScores", **per_candidate), ...))


@cache
def _schema(output: type[BaseModel]) -> str:
    return json.dumps(strict_json_schema(output), sort_keys=True)


# -- the engine -----------------------------------------------------------------------------------


class JobParser(Protocol):
    """All the engine asks of its fallback: any Engine will do, and so will a bare parser."""

    async def parse_job(self, raw_text: str, *, ctx: CallContext) -> tuple[ParsedJob, Usage]: ...


class LLMEngine:
    def __init__(
        self,
        client: LLMClient,
        *,
        prompts: PromptLibrary,
        models: ModelChoice,
        recorder: UsageRecorder | None = None,
        cache: ResponseCache | None = None,
        concurrency: int = 4,
        reasoning_effort_fast: str | None = "low",
        fallback: JobParser | None = None,
        server: str = "",
        max_output_tokens: int = 0,
    ) -> None:
        self._client = client
        self._prompts = prompts
        self._models = models
        self._recorder = recorder
        self._cache = cache
        self._limit = asyncio.Semaphore(concurrency)
        self._effort_fast = reasoning_effort_fast or None
        # 0: each purpose's own max_tokens (the prompt files size them); else a cap on all.
        self._max_output = max_output_tokens or MAX_REPAIR_TOKENS
        # The deterministic engine: a parsed job keeps its values where the model's are unsupported.
        self._fallback = fallback
        # Identifies the server in cache keys: the same model name elsewhere may answer differently.
        self._server = server or client.provider
        self._info = EngineInfo(
            name=client.provider, is_llm=True, model_fast=models.fast, model_quality=models.quality
        )

    @property
    def info(self) -> EngineInfo:
        return self._info

    @property
    def client(self) -> LLMClient:
        return self._client

    async def drain(self) -> None:
        """Wait until the usage rows and cache entries of finished calls are written."""
        if self._recorder is not None:
            await self._recorder.drain()
        if self._cache is not None:
            await self._cache.drain()

    async def aclose(self) -> None:
        await self.drain()
        await self._client.aclose()

    # -- steps --------------------------------------------------------------------------------

    async def parse_job(self, raw_text: str, *, ctx: CallContext) -> tuple[ParsedJob, Usage]:
        posting = raw_text[:MAX_POSTING_CHARS]
        deterministic = None
        if self._fallback is not None:
            deterministic, _ = await self._fallback.parse_job(posting, ctx=ctx)
        extraction, usage = await self._structured(
            "parse_job", "parse_job", {"job_posting": posting}, ctx, JobExtraction
        )
        return merge_parsed_job(extraction, deterministic, posting), usage

    async def enhance_texts(
        self, items: Sequence[EnhanceItem], style: Mapping[str, Any], *, ctx: CallContext
    ) -> list[EnhanceResult]:
        """The items rewritten in one call. One item goes with its own prompt (the summary's or a
        bullet's); several with the batch prompt, whose answer names each rewrite by its number,
        and the call's usage is given with the first result. Callers wanting texts in parallel
        call this once per group (enhancement/pipeline.py packs a profile's texts)."""
        if not items:
            return []
        style_guide = _style_guide(style)
        if len(items) == 1:
            (item,) = items
            values = {"original_text": item.text, "style_guide": style_guide, "feedback": item.feedback or ""}
            if item.kind == "summary":
                prompt = "enhance_summary"
            else:
                prompt = "enhance_bullet"
                values["context"] = item.context or "(not given)"
                values["tense"] = _tense(item)
            rewritten, usage = await self._structured(
                f"enhance_{item.kind}", prompt, values, ctx, RewrittenText, check=_non_empty_text
            )
            return [EnhanceResult(id=item.id, text=rewritten.text.strip(), usage=usage)]
        # Each text's details replaced before it is JSON-encoded: in the encoded list a line break
        # is the two characters \n, and a name after it would no longer start a word.
        redact = Redactor(ctx.personal).redact
        entries = [_batch_entry(n, item, redact) for n, item in enumerate(items, start=1)]
        texts = json.dumps(entries, ensure_ascii=False, indent=1)
        answer, usage = await self._structured(
            "enhance_texts",
            "enhance_texts",
            {"texts": texts, "style_guide": style_guide},
            ctx,
            rewritten_texts(len(items)),
            check=_no_empty_texts,
        )
        rewrites = answer.model_dump()["texts"]
        return [
            EnhanceResult(
                id=item.id,
                text=str(rewrites[f"text_{n}"]).strip(),
                usage=usage if n == 1 else Usage(engine=usage.engine, model=usage.model),
            )
            for n, item in enumerate(items, start=1)
        ]

    async def write_cover_letter(self, request: CoverLetterRequest, *, ctx: CallContext) -> CoverLetterDraft:
        text, usage = await self._text("cover_letter", "cover_letter", _letter_values(request), ctx)
        return CoverLetterDraft(text=text, usage=usage)

    async def stream_cover_letter(
        self, request: CoverLetterRequest, *, ctx: CallContext
    ) -> AsyncIterator[str]:
        call = self._prepare("cover_letter", "cover_letter", _letter_values(request), ctx)
        stats = StreamStats()
        restorer = call.redactor.stream_restorer()
        async with call.recording(self, stats_source=stats):
            await self._check_budget(ctx)
            async with self._limit, aclosing(self._client.stream(call.request, stats)) as chunks:
                async for chunk in chunks:
                    text = restorer.feed(chunk)
                    if text:
                        yield text
                rest = restorer.flush()
                if rest:
                    yield rest
            if stats.finish_reason == "length":
                # The reader has the beginning; say plainly that the end is missing.
                raise LLMInvalidOutput(
                    f"The model {call.request.model!r} stopped at max_tokens "
                    f"({call.request.max_tokens}): the letter is cut off",
                    code="llm_output_cut_off",
                    details={"model": call.request.model, "finish_reason": "length"},
                )

    async def rerank_evidence(
        self, requirement: str, candidates: Sequence[str], *, ctx: CallContext
    ) -> list[float] | None:
        if not candidates:
            return []
        batches = [list(candidates[i : i + RERANK_BATCH]) for i in range(0, len(candidates), RERANK_BATCH)]

        async def score(batch: list[str]) -> list[float]:
            numbered = "\n".join(f"{n}. {_one_line(text)}" for n, text in enumerate(batch, start=1))

            answer, _ = await self._structured(
                "rerank_evidence",
                "rerank_evidence",
                {"requirement": requirement[:2_000], "candidates": numbered},
                ctx,
                evidence_scores(len(batch)),
            )
            scores = answer.model_dump()["scores"]
            return [min(1.0, max(0.0, float(scores[f"candidate_{n}"]))) for n in range(1, len(batch) + 1)]

        results = await _all_or_nothing([score(batch) for batch in batches])
        return [s for batch in results for s in batch]

    async def extract(
        self,
        purpose: str,
        system: str,
        user: str,
        output: type[M],
        *,
        ctx: CallContext,
        max_tokens: int = 8_000,
        check: Callable[[M], str | None] | None = None,
    ) -> tuple[M, Usage]:
        """A structured call whose prompt and checks belong to a feature (the résumé importer,
        which verifies every value against the file): the quality model, with the engine's budget,
        concurrency limit, usage record and one repair; no cache, no placeholders (the feature
        decides what the text may hold)."""
        model, setting = self._model("quality")
        request = ChatRequest(
            messages=(ChatMessage("system", system), ChatMessage("user", user)),
            model=model,
            max_tokens=min(max_tokens, self._max_output),
            max_tokens_ceiling=self._max_output,
            temperature=0.0,
            model_setting=setting,
        )
        call = _Call(purpose=purpose, prompt=None, request=request, redactor=Redactor(ctx.personal), ctx=ctx)
        async with call.recording(self) as record:
            await self._check_budget(ctx)
            async with self._limit:
                answer = await complete_structured(
                    self._client, request, output, tally=record.tally, check=check, label=purpose
                )
            return answer.value, record.usage()

    # -- the call path ------------------------------------------------------------------------

    def _model(self, tier: Tier) -> tuple[str, str]:
        if tier == "quality":
            return self._models.quality, self._models.quality_setting
        return self._models.fast, self._models.fast_setting

    def _prepare(self, purpose: str, prompt_name: str, values: dict[str, str], ctx: CallContext) -> _Call:
        prompt = self._prompts.get(prompt_name)
        model, setting = self._model(prompt.tier)
        redactor = Redactor(ctx.personal)
        # The values, not the rendered prompt: the prompt's own words are never rewritten.
        system, user = prompt.render({name: redactor.redact(value) for name, value in values.items()})
        if redactor.active and ("[[" in system or "[[" in user):
            system += "\n\n" + PLACEHOLDER_NOTE
        effort = self._effort_fast if prompt.tier == "fast" and _REASONING_MODEL.search(model) else None
        request = ChatRequest(
            messages=(ChatMessage("system", system), ChatMessage("user", user)),
            model=model,
            max_tokens=min(prompt.max_tokens, self._max_output),
            max_tokens_ceiling=self._max_output,
            temperature=prompt.temperature,
            reasoning_effort=effort,
            model_setting=setting,
        )
        return _Call(purpose=purpose, prompt=prompt, request=request, redactor=redactor, ctx=ctx)

    async def _check_budget(self, ctx: CallContext) -> None:
        if self._recorder is not None:
            await self._recorder.check_budget(ctx.user_id)

    async def _structured(
        self,
        purpose: str,
        prompt_name: str,
        values: dict[str, str],
        ctx: CallContext,
        output: type[M],
        *,
        check: Callable[[M], str | None] | None = None,
    ) -> tuple[M, Usage]:
        call = self._prepare(purpose, prompt_name, values, ctx)
        key = None
        if self._cache is not None and is_cacheable(call.request):
            key = cache_key(server=self._server, request=call.request, schema=json.loads(_schema(output)))
        async with call.recording(self) as record:
            if key is not None and self._cache is not None:
                cached = await self._cache.get(key)
                value = _from_cache(cached.content, output, check) if cached is not None else None
                if value is not None and cached is not None:
                    record.cached(cached.model)
                    return _restored(value, call.redactor, output), record.usage()
            await self._check_budget(ctx)
            async with self._limit:
                answer = await complete_structured(
                    self._client, call.request, output, tally=record.tally, check=check, label=purpose
                )
            if key is not None and self._cache is not None:
                self._cache.put(
                    key,
                    purpose=purpose,
                    model=record.tally.model or call.request.model,
                    content=answer.content,
                    prompt_tokens=record.tally.prompt_tokens,
                    completion_tokens=record.tally.completion_tokens,
                )
            return _restored(answer.value, call.redactor, output), record.usage()

    async def _text(
        self, purpose: str, prompt_name: str, values: dict[str, str], ctx: CallContext
    ) -> tuple[str, Usage]:
        call = self._prepare(purpose, prompt_name, values, ctx)
        async with call.recording(self) as record:
            await self._check_budget(ctx)
            request = call.request
            async with self._limit:
                result = await self._client.complete(request)
                record.tally.add(result)
                if result.cut_off:
                    # Cut off mid-letter (reasoning may have used the room): once more with twice it.
                    request = _more_room(request)
                    result = await self._client.complete(request)
                    record.tally.add(result)
            text = strip_wrapping(result.content)
            if result.cut_off or not text:
                raise LLMInvalidOutput(
                    f"The model {request.model!r} returned "
                    + ("an answer cut off at max_tokens" if result.cut_off else "no text")
                    + f" for {purpose}",
                    details={"model": request.model, "finish_reason": result.finish_reason},
                )
            return call.redactor.restore(text), record.usage()


@dataclass
class _Call:
    purpose: str
    prompt: Prompt | None  # None: a feature's own prompt (extract)
    request: ChatRequest
    redactor: Redactor
    ctx: CallContext

    def recording(self, engine: LLMEngine, *, stats_source: StreamStats | None = None) -> _Recording:
        return _Recording(engine, self, stats_source)


class _Recording:
    """Times one logical call and records its usage on the way out, whether it worked or not."""

    def __init__(self, engine: LLMEngine, call: _Call, stream: StreamStats | None) -> None:
        self._engine = engine
        self._call = call
        self._stream = stream
        self.tally = Tally(model=call.request.model)
        self._outcome = "ok"
        self._started = 0.0

    def cached(self, model: str) -> None:
        self._outcome = "cached"
        self.tally.model = model

    def usage(self) -> Usage:
        self._sync_stream()
        return Usage(
            engine=self._engine.info.name,
            model=self.tally.model,
            prompt_tokens=self.tally.prompt_tokens,
            completion_tokens=self.tally.completion_tokens,
            calls=self.tally.calls,
            cached=self._outcome == "cached",
            estimated=self.tally.estimated,
        )

    def _sync_stream(self) -> None:
        if self._stream is not None and self._stream.chunks:
            self.tally.model = self._stream.model or self.tally.model
            self.tally.prompt_tokens = self._stream.prompt_tokens
            self.tally.completion_tokens = self._stream.completion_tokens
            self.tally.estimated = self._stream.usage_estimated
            self.tally.calls = max(self.tally.calls, 1)

    async def __aenter__(self) -> _Recording:
        self._started = time.perf_counter()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> None:
        self._sync_stream()
        outcome, error_code = self._outcome, None
        if exc is not None:
            outcome = "error"
            if isinstance(exc, JobWiseError):
                error_code = exc.code
            elif isinstance(exc, asyncio.CancelledError | GeneratorExit):
                error_code = "cancelled"
            else:
                error_code = type(exc).__name__
        recorder = self._engine._recorder
        if recorder is None:
            return
        recorder.record(
            UsageEntry(
                user_id=self._call.ctx.user_id,
                purpose=self._call.purpose,
                engine=self._engine.info.name,
                model=self.tally.model or self._call.request.model,
                prompt_tokens=self.tally.prompt_tokens,
                completion_tokens=self.tally.completion_tokens,
                calls=self.tally.calls,
                latency_ms=round((time.perf_counter() - self._started) * 1000),
                outcome=outcome,
                error_code=error_code[:60] if error_code else None,
                tokens_estimated=self.tally.estimated,
            )
        )


# -- helpers of the steps -------------------------------------------------------------------------


async def _all_or_nothing(work: Sequence[Awaitable[R]]) -> list[R]:
    """Run concurrently; on the first failure cancel the rest and raise that failure."""
    tasks = [asyncio.ensure_future(item) for item in work]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def _from_cache(content: str, output: type[M], check: Callable[[M], str | None] | None) -> M | None:
    try:
        value = parse_structured(content, output)
    except ValueError:
        return None
    if check is not None and check(value):
        return None
    return value


def _restored(value: M, redactor: Redactor, output: type[M]) -> M:
    if not redactor.active:
        return value
    return output.model_validate(redactor.restore_value(value.model_dump()))


def _more_room(request: ChatRequest) -> ChatRequest:
    return replace(request, max_tokens=min(request.max_tokens_ceiling, request.max_tokens * 2))


def _non_empty_text(value: RewrittenText) -> str | None:
    return None if value.text.strip() else "text is empty"


def _no_empty_texts(value: BaseModel) -> str | None:
    empty = [name for name, text in value.model_dump()["texts"].items() if not str(text).strip()]
    return f"{', '.join(empty)} empty" if empty else None


def _tense(item: EnhanceItem) -> str:
    return "present" if item.is_current else "past"


def _batch_entry(number: int, item: EnhanceItem, redact: Callable[[str], str]) -> dict[str, str]:
    """One text of a batch as the prompt shows it: JSON, so a text cannot break the list."""
    entry = {"id": f"text_{number}", "kind": item.kind}
    if item.kind == "bullet":
        entry["belongs_to"] = redact(item.context or "(not given)")
        entry["tense"] = _tense(item)
    entry["text"] = redact(item.text)
    if item.feedback:
        entry["problems_to_fix"] = redact(item.feedback)
    return entry


def _style_guide(style: Mapping[str, Any]) -> str:
    if not style:
        return "(no style guide: write in a clear, professional style)"
    text = json.dumps(style, ensure_ascii=False, sort_keys=True, default=str)
    return text[:MAX_STYLE_CHARS]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:600]


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _about(person: LetterPerson) -> str:
    """The facts the offline letter's opening uses (headline, latest role, skills, studies), so a
    model writing for a thin profile has them too rather than padding."""
    lines = []
    if person.headline:
        lines.append(f"- Headline: {_one_line(person.headline)}")
    if person.role_title:
        start, end = person.role_years
        years = f", since {start}" if person.role_is_current and start else ""
        if not person.role_is_current and (start or end):
            years = f", {start or '?'} to {end or '?'}"
        where = f" at {_one_line(person.organization)}" if person.organization else ""
        kind = "Current role" if person.role_is_current else "Latest role"
        lines.append(f"- {kind}: {_one_line(person.role_title)}{where}{years}")
    if person.skills:
        lines.append("- Skills: " + ", ".join(_one_line(skill) for skill in person.skills))
    lines += [f"- Studies: {_one_line(study)}" for study in person.studies]
    return "\n".join(lines) or "(none given)"


def _letter_values(request: CoverLetterRequest) -> dict[str, str]:
    evidence = "\n".join(
        f"- {_one_line(item.text)}" + (f" ({_one_line(item.source)})" if item.source else "")
        for item in request.evidence[:30]
    )
    # A posting that never names the employer: the letter says "your team", it invents no name.
    company = (
        request.company.strip() or "not named (address the letter to 'your team'; never invent a company)"
    )
    posting = [f"Title: {request.job_title or 'not stated'}", f"Company: {company}"]
    if request.requirements:
        posting.append("Requirements:")
        posting.extend(f"- {_one_line(r)}" for r in request.requirements[:25])
    if request.keywords:
        posting.append("Keywords: " + ", ".join(_one_line(k) for k in request.keywords[:40]))
    return {
        "candidate_name": request.candidate_name or "the candidate",
        "summary": request.summary or "(none given)",
        "about_candidate": _about(request.person),
        "evidence": evidence or "(none given)",
        "job_posting": "\n".join(posting),
        "style_guide": _style_guide(request.style),
        "min_words": str(request.min_words),
        "max_words": str(request.max_words),
        "feedback": request.feedback or "",
    }


# -- grounding a parsed job in its posting --------------------------------------------------------

_TOKEN = re.compile(r"[\w+#]+(?:\.[\w+#]+)*")
# fmt: off
_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
    "of", "on", "or", "our", "the", "to", "we", "with", "you", "your", "will", "who", "what", "this",
    "that", "their", "they", "us", "can", "all", "any", "per",
})
# fmt: on
_REMOTE_WORDS = re.compile(
    r"\b(remote|hybrid|on-?site|on site|in[- ]office|office|in[- ]person|work from home|wfh|telecommut\w*|"
    r"distributed)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(\d[\d,.\u202f\u00a0' ]*\d|\d)\s*([kK])?")
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}


class Posting:
    """The posting's words and numbers, to check that extracted values come from it."""

    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.joined = " " + " ".join(self.tokens) + " "
        self.vocabulary = set(self.tokens)
        self.numbers = _numbers(text)
        self.mentions_remote = bool(_REMOTE_WORDS.search(text))

    def has_phrase(self, phrase: str | None) -> bool:
        words = _tokens(phrase or "")
        return bool(words) and (" " + " ".join(words) + " ") in self.joined

    def supports(self, text: str | None, share: float = 0.6) -> bool:
        """Most of the text's content words appear in the posting (allows light rewording)."""
        words = [w for w in _tokens(text or "") if w not in _STOPWORDS and len(w) > 1]
        if not words:
            return False
        found = sum(1 for w in words if w in self.vocabulary)
        return found / len(words) >= share

    def has_number(self, value: float | None) -> bool:
        if value is None:
            return False
        return any(abs(n - value) <= max(0.5, abs(value) * 0.005) for n in self.numbers)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _numbers(text: str) -> set[float]:
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        raw, thousands = match.group(1), match.group(2)
        digits = re.sub(r"[\s\u202f\u00a0']", "", raw)
        # "120,000", "85.000" (European) and "1,234.50" all read as written.
        if re.fullmatch(r"\d{1,3}([,.]\d{3})+", digits):
            digits = re.sub(r"[,.]", "", digits)
        else:
            digits = digits.replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        found.add(value)
        if thousands:
            found.add(value * 1000)
    return found


def _currency(value: str | None, posting_text: str) -> str | None:
    if value:
        code = value.strip().upper()
        code = _CURRENCY_SYMBOLS.get(code, code)
        if re.fullmatch(r"[A-Z]{3}", code):
            return code
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if symbol in posting_text:
            return code
    return None


def _grounded_list(items: Sequence[str], posting: Posting, limit: int = 50) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    for item in items:
        text = _clip(item, 500)
        if text and posting.supports(text) and text.casefold() not in seen:
            kept.append(text)
            seen.add(text.casefold())
    return kept[:limit]


def merge_parsed_job(extraction: JobExtraction, deterministic: ParsedJob | None, raw_text: str) -> ParsedJob:
    """The model's fields where the posting supports them, the deterministic parse's otherwise.

    A value the posting does not contain (an invented company, a requirement nobody wrote, a
    salary figure that appears nowhere) is dropped: a model that was misled by text inside the
    posting, or that simply made something up, cannot put it into the saved job.
    """
    posting = Posting(raw_text)
    base = deterministic or ParsedJob()

    def scalar(value: str | None, fallback: str | None, limit: int, *, exact: bool = True) -> str | None:
        if value and value.strip() and (posting.has_phrase(value) if exact else posting.supports(value, 0.8)):
            return _clip(value, limit)
        return fallback

    salary = base.salary
    if extraction.salary_min is not None or extraction.salary_max is not None:
        low, high = extraction.salary_min, extraction.salary_max
        if all(v is None or posting.has_number(v) for v in (low, high)):
            # A currency the model leaves out is the deterministic parse's, which knows that a
            # Canadian posting's "$" is CAD; the first symbol in the text is the last resort.
            currency = _currency(extraction.salary_currency, "") or (
                base.salary.currency if base.salary is not None and base.salary.currency else None
            )
            salary = Salary(
                min=low,
                max=high,
                currency=currency or _currency(None, raw_text),
                period=extraction.salary_period or (base.salary.period if base.salary is not None else None),
            )
    salary_range = base.salary_range
    if extraction.salary_text and any(posting.has_number(n) for n in _numbers(extraction.salary_text)):
        salary_range = _clip(extraction.salary_text, 200)

    # The vocabulary's keywords first, then the model's additions that the posting names.
    deterministic_keywords = list(base.keywords) if deterministic is not None else extract_keywords(raw_text)
    keywords = merge_keywords(
        deterministic_keywords, [skill for skill in extraction.skills if posting.has_phrase(skill)]
    )

    return ParsedJob(
        title=scalar(extraction.title, base.title, 300),
        company=scalar(extraction.company, base.company, 300),
        location=scalar(extraction.location, base.location, 300, exact=False),
        description=scalar(extraction.description, base.description, 5_000, exact=False),
        requirements=_grounded_list(extraction.requirements, posting) or list(base.requirements),
        responsibilities=_grounded_list(extraction.responsibilities, posting) or list(base.responsibilities),
        benefits=_grounded_list(extraction.benefits, posting) or list(base.benefits),
        keywords=keywords,
        salary_range=salary_range,
        salary=salary,
        remote=extraction.remote if extraction.remote and posting.mentions_remote else base.remote,
        experience_level=scalar(extraction.experience_level, base.experience_level, 50, exact=False),
    )
