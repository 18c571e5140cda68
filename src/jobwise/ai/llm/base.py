"""What both SDK adapters share: retries, error translation and structured-output fallback.

The SDKs' own retries are switched off (max_retries=0) and done here, so Groq and every
OpenAI-compatible server behave the same way:

- 429, 5xx, timeouts and connection errors are retried with exponential backoff and jitter; a
  `retry-after` (or `retry-after-ms`) from the server is honoured instead of the backoff, and one
  longer than the policy allows fails at once with a 429 that passes it on. Other 4xx are never
  retried: asking again would get the same answer.
- Structured output asks for the best mode the server accepts (json_schema, then JSON mode, then
  plain text). A server that rejects a mode is detected and the fallback is remembered per model
  for the life of the client, so every call, concurrent ones included, uses it from then on: a
  400, 422 or 5xx that names response_format or the schema is a refusal (llama-cpp-python's
  server answers json_schema with such a 500); a bare 5xx on a mode never seen working is probed
  by asking once in the next mode, and only if that works is the first mode marked unsupported.
  (Probing a bare 500 with a slower mode on a slow server ends in timeouts that say nothing of
  the format; the named refusal never needs the probe.)
- Optional parameters a server refuses by name (reasoning_effort, temperature, stream_options,
  max_tokens in favour of max_completion_tokens) are dropped or swapped, and that is remembered.
- A 200 whose body is not a chat completion (not JSON, no choices) is an invalid answer, not a
  crash: it is not retried (it is usually the wrong URL) and fails with a message naming the URL
  setting.
- One time limit per request or task step (ai/deadline.py) bounds every attempt and backoff: an
  attempt waits at most for what is left, a retry that cannot finish in time is not started, and
  running out says which setting sets the limit.
- Adapters for servers that keep generating for a client that left (llama.cpp, Ollama) ask for
  every answer as a stream and collect it: when JobWise gives up, closing the stream stops the
  server's work instead of leaving it busy for minutes.
- Tokens are counted even when the server reports none (llama.cpp sends no usage in streams): an
  estimate from the text's length is used and marked as such, so the daily budget still holds.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import random
from collections import defaultdict
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import aclosing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal, TypeVar

from jobwise.ai import deadline as deadlines
from jobwise.ai.engine import EngineName
from jobwise.ai.errors import (
    LLMInvalidOutput,
    LLMModelUnavailable,
    LLMRateLimited,
    LLMRequestRejected,
    LLMUnavailable,
)
from jobwise.ai.llm.client import ChatRequest, ChatResult, OutputMode, StreamStats
from jobwise.errors import JobWiseError
from jobwise.text.safe import strip_unsafe

logger = logging.getLogger("jobwise.ai.llm")

T = TypeVar("T")

# Parameters that are nice to send but not worth failing for; servers name them when refusing.
OPTIONAL_PARAMS = ("reasoning_effort", "temperature", "stream_options")
_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "schema", "structured output")
_MESSAGE_LIMIT = 300
# How long the end of a stream is waited for after [DONE] (normally it is already there).
_DRAIN_SECONDS = 1.0
# How much of a body that is not a chat completion is quoted in the error.
_BODY_QUOTE = 120
# Characters per token when the server reports no usage: a common rule of thumb for English text
# with BPE tokenizers, good enough for a budget (marked as an estimate wherever it is stored).
CHARS_PER_TOKEN = 4
# Tokens a chat template adds around each message (role markers and separators), roughly.
_TOKENS_PER_MESSAGE = 4


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    # A server that asks for a longer wait gets it passed on to our caller as a 429 at once.
    max_retry_after: float = 30.0

    def delay(self, retry: int) -> float:
        """Exponential backoff with "equal jitter": never zero, never in lockstep with others."""
        base = min(self.max_backoff, self.backoff * 2.0**retry)
        return base / 2 + random.uniform(0, base / 2)  # noqa: S311 (jitter, not a secret)


@dataclass(frozen=True)
class SettingNames:
    """The settings that fix this client's failures, named in error messages."""

    api_key: str
    base_url: str
    timeout: str


@dataclass(frozen=True)
class Failure:
    """One failed HTTP attempt, whatever the SDK."""

    # "malformed": a 200 whose body is not a chat completion (not JSON, no choices).
    kind: Literal["status", "timeout", "connection", "malformed"]
    status: int | None = None
    message: str = ""
    code: str | None = None
    retry_after: float | None = None

    @property
    def retryable(self) -> bool:
        if self.kind == "malformed":
            # Asking again gets the same page or proxy answer: fail at once with a clear message.
            return False
        if self.kind != "status":
            return True
        return self.status == 429 or (self.status or 0) >= 500

    @property
    def server_error(self) -> bool:
        return self.kind == "status" and (self.status or 0) >= 500

    @property
    def rejects_request(self) -> bool:
        return self.kind == "status" and self.status in (400, 422)

    def mentions(self, *words: str) -> bool:
        text = f"{self.message} {self.code or ''}".lower()
        return any(word in text for word in words)

    @property
    def refuses_format(self) -> bool:
        """The server says it cannot do the requested structured-output mode (by name)."""
        return (self.rejects_request or self.server_error) and self.mentions(*_FORMAT_WORDS)

    @property
    def is_model_error(self) -> bool:
        if self.code in ("model_not_found", "model_decommissioned"):
            return True
        if self.status == 404:
            return self.mentions("model")
        return self.rejects_request and self.mentions("decommissioned", "model_not_found", "does not exist")


class CallFailed(Exception):
    """Raised by an adapter for one failed attempt; the base class decides what happens next."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


@dataclass(frozen=True)
class RawCompletion:
    content: str
    finish_reason: str | None
    model: str
    # None when the server sent no usage.
    prompt_tokens: int | None
    completion_tokens: int | None


@dataclass(frozen=True)
class RawChunk:
    text: str = ""
    finish_reason: str | None = None
    model: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


def parse_retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds to wait: `retry-after-ms`, else `retry-after` as seconds (floats allowed) or a date."""
    lowered = {key.lower(): value for key, value in headers.items()}
    raw_ms = lowered.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = lowered.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def failure_from_body(*, status: int, body: object, message: str, headers: Mapping[str, str]) -> Failure:
    """A status failure from an SDK error: both SDKs give the decoded body and the headers."""
    error: object = body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
    code: str | None = None
    if isinstance(error, dict):
        raw_code = error.get("code") or error.get("type")
        code = str(raw_code) if raw_code is not None else None
        if isinstance(error.get("message"), str):
            message = error["message"]
    elif isinstance(error, str) and error:
        message = error
    return Failure(
        kind="status",
        status=status,
        message=_shorten(message),
        code=code,
        retry_after=parse_retry_after(headers),
    )


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


@dataclass
class _Plan:
    mode: OutputMode
    # The mode that failed with a 5xx and is being probed by trying the next one.
    probing: OutputMode | None = None
    # Probe at most once per call, so a failing server is not asked twice per retry.
    probed: bool = False
    attempts: int = 0
    retries: int = 0
    # Attempts that got no answer within the timeout, named in the final error whatever it is.
    timeouts: int = 0


@dataclass(frozen=True)
class SDKErrors:
    """The exception classes of one SDK; both SDKs raise the same family under other names."""

    base: type[Exception]
    timeout: type[Exception]
    connection: type[Exception]
    status: type[Exception]
    # The SDK read a body it could not make into a response (APIResponseValidationError).
    invalid_response: type[Exception]

    def failure(self, exc: Exception) -> Failure:
        if isinstance(exc, self.invalid_response):
            return Failure(kind="malformed", message=_shorten(str(exc)))
        if isinstance(exc, self.timeout):
            return Failure(kind="timeout", message="no answer in time")
        if isinstance(exc, self.connection):
            cause = exc.__cause__
            return Failure(kind="connection", message=_shorten(str(cause or exc)))
        if isinstance(exc, self.status):
            response = getattr(exc, "response", None)
            headers = dict(response.headers) if response is not None else {}
            return failure_from_body(
                status=int(getattr(exc, "status_code", 500)),
                body=getattr(exc, "body", None),
                message=str(getattr(exc, "message", exc)),
                headers=headers,
            )
        # An error event inside a stream: the server failed while answering.
        return Failure(kind="status", status=502, message=_shorten(str(exc)))


class SDKChatClient:
    """Base of the Groq and OpenAI-compatible adapters; subclasses only build their SDK client."""

    # Best first; each adapter lists the modes its servers may accept.
    output_modes: tuple[OutputMode, ...] = ("json_schema", "json_object", "text")
    # Ask for usage in the last chunk of a stream with stream_options (OpenAI's way).
    stream_usage_option: bool = False
    # Ask for structured and plain answers as streams too, so an abandoned call stops the server.
    stream_completions: bool = False

    def __init__(
        self,
        *,
        provider: EngineName,
        base_url: str,
        timeout: float,
        policy: RetryPolicy,
        names: SettingNames,
        label: str,
        sdk: Any,
        errors: SDKErrors,
    ) -> None:
        self._provider: EngineName = provider
        # An AsyncGroq or AsyncOpenAI client, created with max_retries=0: retries happen here.
        self._sdk = sdk
        # Resolved here, at start: the SDK imports its chat resources on first use (about 50 ms),
        # which on the event loop would stall every request of the process.
        _ = sdk.chat.completions
        self._errors = errors
        self.base_url = base_url
        self.timeout = timeout
        self.policy = policy
        self.names = names
        self.label = label
        # What this server has shown it accepts or refuses, per model (one server may constrain
        # one model's output and not another's); kept for the client's life and read afresh
        # before every attempt, so a refusal one call met steers every call from then on.
        self.unsupported_modes: defaultdict[str, set[OutputMode]] = defaultdict(set)
        self.confirmed_modes: defaultdict[str, set[OutputMode]] = defaultdict(set)
        self.dropped_params: set[str] = set()
        self.use_max_completion_tokens = False
        # Logged once: this server leaves some answers without usage, so tokens are estimated.
        self._estimating = False

    @property
    def provider(self) -> EngineName:
        return self._provider

    # -- talking to the SDK: both are generated from the same OpenAPI shape ----------------------

    async def _send(self, params: dict[str, Any], http_timeout: float) -> RawCompletion:
        """One attempt; raises CallFailed."""
        create: Any = self._sdk.chat.completions.create
        try:
            completion = await create(**params, timeout=http_timeout)
        except self._errors.base as exc:
            raise CallFailed(self._errors.failure(exc)) from exc
        except ValueError as exc:
            # A JSON content type over a body that is not JSON: the SDK's json.loads fails.
            raise CallFailed(_malformed(exc)) from exc
        return completion_to_raw(completion, params["model"])

    async def _send_stream(
        self, params: dict[str, Any], http_timeout: float
    ) -> AsyncGenerator[RawChunk, None]:
        """One streaming attempt; raises CallFailed (also while iterating).

        The events are read as raw lines and decoded here rather than by the SDK's stream, which
        builds a typed object per token: with a few calls in flight that was most of the event
        loop's time (py-spy during bench/event_loop.py), delaying every other request."""
        create: Any = self._sdk.chat.completions.with_streaming_response.create
        try:
            async with create(**params, timeout=http_timeout) as response:
                lines = response.iter_lines()
                async for data in _sse_data(lines):
                    if data.startswith("[DONE]"):
                        break
                    yield _chunk_from_event(json.loads(data))
                await _read_to_the_end(lines)
        except self._errors.base as exc:
            raise CallFailed(self._errors.failure(exc)) from exc
        except ValueError as exc:
            # A JSON content type over a body that is not JSON, or an event whose data is not JSON.
            raise CallFailed(_malformed(exc)) from exc

    async def _send_collected(self, params: dict[str, Any], http_timeout: float) -> RawCompletion:
        """One attempt as a stream, collected into one answer; raises CallFailed."""
        parts: list[str] = []
        events = 0
        last = RawChunk()
        prompt_tokens: int | None = None
        completion_tokens: int | None = None
        async with aclosing(self._send_stream(params, http_timeout)) as chunks:
            async for chunk in chunks:
                events += 1
                parts.append(chunk.text)
                if chunk.finish_reason or chunk.model:
                    last = RawChunk(
                        finish_reason=chunk.finish_reason or last.finish_reason,
                        model=chunk.model or last.model,
                    )
                if _usage_reported(chunk.prompt_tokens, chunk.completion_tokens):
                    prompt_tokens, completion_tokens = chunk.prompt_tokens, chunk.completion_tokens
        if not events:
            raise CallFailed(Failure(kind="malformed", message="the stream held no events"))
        return RawCompletion(
            content="".join(parts),
            finish_reason=last.finish_reason,
            model=last.model or params["model"],
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )

    async def aclose(self) -> None:
        await self._sdk.close()

    # -- the protocol ----------------------------------------------------------------------------

    async def complete(self, request: ChatRequest) -> ChatResult:
        plan = _Plan(mode=self._first_mode(request))
        streamed = self.stream_completions
        raw = await self._attempt(
            request, plan, self._send_collected if streamed else self._send, stream=streamed
        )
        if plan.probing is not None:
            self._mark_unsupported(request.model, plan.probing, plan.mode)
        self.confirmed_modes[request.model].add(plan.mode)
        prompt_tokens, completion_tokens = raw.prompt_tokens, raw.completion_tokens
        estimated = not _usage_reported(prompt_tokens, completion_tokens)
        if estimated:
            self._note_estimate()
            prompt_tokens = estimate_prompt_tokens(
                self.build_params(request, plan.mode, stream=streamed)["messages"]
            )
            completion_tokens = estimate_tokens(raw.content)
        return ChatResult(
            content=raw.content,
            finish_reason=raw.finish_reason,
            model=raw.model or request.model,
            prompt_tokens=prompt_tokens or 0,
            completion_tokens=completion_tokens or 0,
            mode=plan.mode,
            attempts=plan.attempts,
            usage_estimated=estimated,
        )

    async def stream(self, request: ChatRequest, stats: StreamStats) -> AsyncGenerator[str, None]:
        plan = _Plan(mode="text")
        stats.model = request.model

        async def open_stream(
            params: dict[str, Any], http_timeout: float
        ) -> tuple[RawChunk, AsyncIterator[RawChunk]]:
            # Retries are only possible before the first chunk: after it, text has been shown.
            iterator = self._send_stream(params, http_timeout)
            try:
                first = await anext(iterator, None)
            except BaseException:
                await _close(iterator)
                raise
            if first is None:
                await _close(iterator)
                # A body without a single server-sent event: not a chat completion stream.
                raise CallFailed(Failure(kind="malformed", message="the stream held no events"))
            return first, iterator

        first, iterator = await self._attempt(request, plan, open_stream, stream=True)
        limit = deadlines.current()
        written = 0
        try:
            chunk: RawChunk | None = first
            while chunk is not None:
                stats.chunks += 1
                _account(stats, chunk)
                if chunk.text:
                    written += len(chunk.text)
                    yield chunk.text
                try:
                    async with asyncio.timeout(None if limit is None else max(0.0, limit.remaining())):
                        chunk = await anext(iterator, None)
                except CallFailed as failed:
                    raise self._domain_error(failed.failure, request, plan, broke_off=True) from None
                except TimeoutError:
                    assert limit is not None
                    raise deadlines.exceeded(limit, where=self.label, attempts=plan.attempts) from None
        finally:
            # Also when the reader went away or the stream broke off: the server did the work.
            if not stats.usage_reported:
                self._note_estimate()
                stats.prompt_tokens = estimate_prompt_tokens(
                    self.build_params(request, plan.mode)["messages"]
                )
                stats.completion_tokens = math.ceil(written / CHARS_PER_TOKEN)
                stats.usage_estimated = True
            await _close(iterator)

    # -- internals -----------------------------------------------------------------------------

    def _first_mode(self, request: ChatRequest) -> OutputMode:
        if request.json_format is None:
            return "text"
        refused = self.unsupported_modes.get(request.model, set())
        for mode in self.output_modes:
            if mode not in refused:
                return mode
        return "text"

    def _next_mode(self, model: str, mode: OutputMode) -> OutputMode:
        refused = self.unsupported_modes.get(model, set())
        later = self.output_modes[self.output_modes.index(mode) + 1 :] if mode in self.output_modes else ()
        for candidate in later:
            if candidate not in refused:
                return candidate
        return "text"

    def _mark_unsupported(self, model: str, mode: OutputMode, working: OutputMode) -> None:
        if mode in self.unsupported_modes[model]:
            return
        self.unsupported_modes[model].add(mode)
        logger.warning(
            "%s refused structured output mode %s for %s; using %s from now on",
            self.label,
            mode,
            model,
            working,
        )

    def _steer(self, model: str, plan: _Plan) -> None:
        """Follow what other calls have learnt since this one started (or last tried)."""
        refused = self.unsupported_modes.get(model, set())
        if plan.probing in refused:
            plan.probing = None
        if plan.mode != "text" and plan.mode in refused:
            plan.mode = self._next_mode(model, plan.mode)

    def _note_estimate(self) -> None:
        if not self._estimating:
            self._estimating = True
            logger.info(
                "%s reports no token usage for some answers; JobWise counts estimates "
                "(%d characters a token) against the daily budget",
                self.label,
                CHARS_PER_TOKEN,
            )

    def build_params(self, request: ChatRequest, mode: OutputMode, *, stream: bool = False) -> dict[str, Any]:
        messages = [message.as_dict() for message in request.messages]
        if request.json_format is not None and mode != "json_schema":
            # Without server-side schema enforcement the model needs to read the schema.
            messages = _with_schema_instruction(messages, request.json_format.schema)
        params: dict[str, Any] = {"model": request.model, "messages": messages}
        params["max_completion_tokens" if self.use_max_completion_tokens else "max_tokens"] = (
            request.max_tokens
        )
        if "temperature" not in self.dropped_params:
            params["temperature"] = request.temperature
        if request.reasoning_effort and "reasoning_effort" not in self.dropped_params:
            params["reasoning_effort"] = request.reasoning_effort
        if request.json_format is not None:
            schema = request.json_format.schema
            if mode == "json_schema":
                params["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": request.json_format.name, "schema": schema, "strict": True},
                }
            elif mode == "json_object_schema":
                params["response_format"] = {"type": "json_object", "schema": schema}
            elif mode == "json_object":
                params["response_format"] = {"type": "json_object"}
        if stream:
            params["stream"] = True
            if self.stream_usage_option and "stream_options" not in self.dropped_params:
                params["stream_options"] = {"include_usage": True}
        return params

    def _adapt_params(self, params: dict[str, Any], failure: Failure) -> bool:
        """Drop or swap a parameter the server refused by name; True if the request can go again."""
        if not failure.rejects_request:
            return False
        if (
            "max_tokens" in params
            and failure.mentions("max_completion_tokens")
            and not self.use_max_completion_tokens
        ):
            self.use_max_completion_tokens = True
            return True
        for name in OPTIONAL_PARAMS:
            if name in params and name not in self.dropped_params and failure.mentions(name):
                self.dropped_params.add(name)
                logger.warning("%s refused %s; not sending it from now on", self.label, name)
                return True
        return False

    async def _attempt(
        self,
        request: ChatRequest,
        plan: _Plan,
        send: Callable[[dict[str, Any], float], Awaitable[T]],
        *,
        stream: bool = False,
    ) -> T:
        model = request.model
        limit = deadlines.current()
        last: Failure | None = None
        while True:
            self._steer(model, plan)
            params = self.build_params(request, plan.mode, stream=stream)
            timeout = self.timeout
            if limit is not None:
                left = limit.remaining()
                if left <= 0:
                    raise self._out_of_time(limit, plan, last)
                timeout = min(timeout, left)
            plan.attempts += 1
            try:
                async with asyncio.timeout(None if limit is None else timeout):
                    return await send(params, timeout)
            except CallFailed as failed:
                failure = failed.failure
            except TimeoutError:
                # The whole attempt took longer than it had (a stream still coming in).
                assert limit is not None
                if timeout < self.timeout:
                    raise self._out_of_time(limit, plan, last) from None
                failure = Failure(kind="timeout", message="no answer in time")
            last = failure
            if failure.kind == "timeout":
                if timeout < self.timeout:
                    # Cut short by the limit, not by LLM_TIMEOUT: the limit is the setting to name.
                    assert limit is not None
                    raise self._out_of_time(limit, plan, failure)
                plan.timeouts += 1
            if self._adapt_params(params, failure):
                continue
            if plan.mode != "text" and failure.refuses_format:
                # Refused by name (llama-cpp-python's 500 names response_format): no probe needed,
                # and a probe that times out on a slow server would hide the refusal.
                working = self._next_mode(model, plan.mode)
                self._mark_unsupported(model, plan.mode, working)
                plan.mode = working
                continue
            if (
                failure.server_error
                and plan.mode != "text"
                and not plan.probed
                and plan.mode not in self.confirmed_modes.get(model, set())
            ):
                plan.probing, plan.mode, plan.probed = plan.mode, self._next_mode(model, plan.mode), True
                continue
            if plan.probing is not None:
                # The simpler mode failed as well: the server is failing, not refusing the format.
                plan.mode, plan.probing = plan.probing, None
            if not failure.retryable or plan.retries >= self.policy.max_retries:
                raise self._domain_error(failure, request, plan)
            if failure.retry_after is not None and failure.retry_after > self.policy.max_retry_after:
                raise self._domain_error(failure, request, plan)
            delay = (
                failure.retry_after if failure.retry_after is not None else self.policy.delay(plan.retries)
            )
            if limit is not None and delay >= limit.remaining():
                # No time left for another attempt: the real failure says more than the limit.
                raise self._domain_error(failure, request, plan)
            plan.retries += 1
            logger.info(
                "%s: %s; retry %d of %d in %.2fs",
                self.label,
                _describe(failure),
                plan.retries,
                self.policy.max_retries,
                delay,
            )
            await asyncio.sleep(delay)

    def _out_of_time(self, limit: deadlines.Deadline, plan: _Plan, last: Failure | None) -> JobWiseError:
        return deadlines.exceeded(
            limit, where=self.label, attempts=plan.attempts, last=_describe(last) if last else None
        )

    def _domain_error(
        self, failure: Failure, request: ChatRequest, plan: _Plan, *, broke_off: bool = False
    ) -> JobWiseError:
        where = self.label
        attempts = plan.attempts
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        details: dict[str, object] = {
            "provider": self.provider,
            "model": request.model,
            "status": failure.status,
        }
        if plan.timeouts:
            details["timeouts"] = plan.timeouts
        # Whatever the last failure was, a timeout on the way is named with the setting that fixes it.
        slow = (
            f"; {plan.timeouts} of them timed out after {self.timeout:g} s: if the server is slow "
            f"rather than failing, raise {self.names.timeout}"
            if plan.timeouts
            else ""
        )
        if broke_off and failure.kind == "timeout":
            return LLMUnavailable(
                f"{where} timed out while streaming: nothing more came for {self.timeout:g} s; "
                f"if the server is slow rather than stuck, raise {self.names.timeout}",
                code="llm_stream_interrupted",
                details=details,
            )
        if broke_off:
            return LLMUnavailable(
                f"{where} broke off the answer while streaming ({_describe(failure)}); try again",
                code="llm_stream_interrupted",
                details=details,
            )
        if failure.kind == "malformed":
            return LLMInvalidOutput(
                f"{where} answered with something that is not a chat completion "
                f"({failure.message or 'unreadable body'}); check that {self.names.base_url} "
                "points at an OpenAI-compatible API",
                code="llm_malformed_response",
                details=details,
            )
        if failure.kind == "timeout":
            return LLMUnavailable(
                f"{where} timed out: no answer within {self.timeout:g} s ({tries}); if the server is "
                f"slow rather than down (a large model, a small machine, constrained JSON output), "
                f"raise {self.names.timeout}",
                code="llm_timeout",
                details=details,
            )
        if failure.kind == "connection":
            return LLMUnavailable(
                f"Could not connect to {where} ({failure.message or 'connection error'}, {tries}"
                f"{slow}); check {self.names.base_url} and that the server is running",
                code="llm_unreachable",
                details=details,
            )
        if failure.status == 429:
            wait = failure.retry_after if failure.retry_after is not None else self.policy.max_backoff
            seconds = max(1, math.ceil(wait))
            return LLMRateLimited(
                f"{where} is rate-limiting requests (429 after {tries}); try again in {seconds} s",
                headers={"Retry-After": str(seconds)},
                details={**details, "retry_after": seconds},
            )
        if failure.is_model_error:
            setting = request.model_setting or "the model setting"
            return LLMModelUnavailable(
                f"The model {request.model!r} is not available on {where} ({failure.message}); "
                f"set {setting} to a model the server offers",
                details={**details, "setting": request.model_setting or None},
            )
        if failure.status in (401, 403):
            return LLMRequestRejected(
                f"{where} refused the credentials ({failure.status}: {failure.message}); "
                f"check {self.names.api_key}",
                code="llm_auth_failed",
                details=details,
            )
        if failure.status == 404:
            return LLMRequestRejected(
                f"{where} has no chat completions endpoint at {self.base_url} (404); "
                f"check {self.names.base_url}",
                code="llm_endpoint_not_found",
                details=details,
            )
        if failure.server_error:
            return LLMUnavailable(
                f"{where} failed ({failure.status}: {failure.message or 'server error'}) after {tries}"
                + (slow or "; try again later"),
                code="llm_server_error",
                details=details,
            )
        return LLMRequestRejected(
            f"{where} rejected the request ({failure.status}: {failure.message or 'no reason given'})",
            details=details,
        )


def _describe(failure: Failure) -> str:
    if failure.kind == "status":
        return f"HTTP {failure.status} {failure.message}".strip()
    return failure.kind if not failure.message else f"{failure.kind}: {failure.message}"


def _account(stats: StreamStats, chunk: RawChunk) -> None:
    if chunk.model:
        stats.model = chunk.model
    if chunk.finish_reason:
        stats.finish_reason = chunk.finish_reason
    if _usage_reported(chunk.prompt_tokens, chunk.completion_tokens):
        stats.prompt_tokens = chunk.prompt_tokens or 0
        stats.completion_tokens = chunk.completion_tokens or 0
        stats.usage_reported = True


def _usage_reported(prompt_tokens: int | None, completion_tokens: int | None) -> bool:
    # Some servers send a usage object of zeros: no better than none.
    return (prompt_tokens or 0) + (completion_tokens or 0) > 0


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def estimate_prompt_tokens(messages: Sequence[Mapping[str, str]]) -> int:
    return sum(estimate_tokens(message["content"]) + _TOKENS_PER_MESSAGE for message in messages)


def _malformed(exc: ValueError) -> Failure:
    if isinstance(exc, json.JSONDecodeError):
        return Failure(kind="malformed", message=f"the body is not JSON: {exc.msg} at position {exc.pos}")
    return Failure(kind="malformed", message=_shorten(f"the body could not be read: {exc}"))


async def _close(iterator: AsyncIterator[Any]) -> None:
    close = getattr(iterator, "aclose", None)
    if close is not None:
        await close()


def _with_schema_instruction(messages: list[dict[str, str]], schema: dict[str, Any]) -> list[dict[str, str]]:
    instruction = (
        "\n\nAnswer with one JSON object and nothing else (no prose, no code fences). "
        "It must match this JSON schema:\n" + json.dumps(schema, separators=(",", ":"))
    )
    out = [dict(message) for message in messages]
    for message in out:
        if message["role"] == "system":
            message["content"] += instruction
            return out
    return [{"role": "system", "content": instruction.strip()}, *out]


# Both SDKs are generated from the same OpenAPI shape, so their objects read the same way.


def completion_to_raw(completion: Any, requested_model: str) -> RawCompletion:
    if isinstance(completion, str):
        # The SDK hands over the text of a body whose content type is not JSON (an HTML page).
        quoted = _shorten(completion)[:_BODY_QUOTE]
        raise CallFailed(Failure(kind="malformed", message=f"the body is not JSON: {quoted!r}"))
    choices = getattr(completion, "choices", None) or []
    if not choices:
        error = getattr(completion, "error", None)
        reason = f"an error in a 200: {_shorten(str(error))}" if error else "the answer held no choices"
        raise CallFailed(Failure(kind="malformed", message=reason))
    choice = choices[0]
    message = getattr(choice, "message", None)
    usage = getattr(completion, "usage", None)
    return RawCompletion(
        # Dropped where text enters: what a model writes is stored and exported (text/safe.py).
        content=strip_unsafe(getattr(message, "content", None) or ""),
        finish_reason=getattr(choice, "finish_reason", None),
        model=getattr(completion, "model", None) or requested_model,
        prompt_tokens=_count(getattr(usage, "prompt_tokens", None)),
        completion_tokens=_count(getattr(usage, "completion_tokens", None)),
    )


def _count(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) else None


async def _read_to_the_end(lines: AsyncIterator[str]) -> None:
    """What a server sends after [DONE] (the stream's end), read and dropped: a response left
    unread closes its connection, so every call opened a new one (a TLS handshake each, to a
    hosted API). Bounded, and never an error: the answer is already whole."""
    with suppress(Exception):
        async with asyncio.timeout(_DRAIN_SECONDS):
            async for _ in lines:
                pass


async def _sse_data(lines: AsyncIterator[str]) -> AsyncGenerator[str, None]:
    """The data of each server-sent event (lines joined as the SSE format says); an `error` event,
    which a server sends when it fails mid-answer, raises CallFailed."""
    event: str | None = None
    data: list[str] = []
    async for line in lines:
        if line:
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "data":
                data.append(value)
            elif field == "event":
                event = value
            continue
        if data:
            joined = "\n".join(data)
            if event == "error":
                raise CallFailed(Failure(kind="status", status=502, message=_shorten(joined)))
            if event in (None, "message"):
                yield joined
        event, data = None, []
    if data and event in (None, "message"):
        yield "\n".join(data)


def _chunk_from_event(chunk: object) -> RawChunk:
    """One chat-completion chunk, as JSON, read the way both SDKs' typed chunks read it."""
    if not isinstance(chunk, dict):
        raise CallFailed(
            Failure(kind="malformed", message=f"an event that is not a chunk: {_shorten(str(chunk))!r}")
        )
    if chunk.get("error"):
        # A server that fails mid-answer may say so in an ordinary event.
        raise CallFailed(Failure(kind="status", status=502, message=_shorten(str(chunk["error"]))))
    choices = chunk.get("choices") or []
    text = ""
    finish_reason = None
    if choices and isinstance(choices[0], dict):
        delta = choices[0].get("delta") or {}
        content = delta.get("content") if isinstance(delta, dict) else None
        text = strip_unsafe(content if isinstance(content, str) else "")
        reason = choices[0].get("finish_reason")
        finish_reason = reason if isinstance(reason, str) else None
    # OpenAI puts usage on the last chunk (stream_options.include_usage); Groq under x_groq.
    groq = chunk.get("x_groq")
    usage = chunk.get("usage") or (groq.get("usage") if isinstance(groq, dict) else None)
    if not isinstance(usage, dict):
        usage = {}
    model = chunk.get("model")
    return RawChunk(
        text=text,
        finish_reason=finish_reason,
        model=model if isinstance(model, str) and model else None,
        prompt_tokens=_count(usage.get("prompt_tokens")),
        completion_tokens=_count(usage.get("completion_tokens")),
    )
