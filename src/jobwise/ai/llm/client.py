"""The LLMClient protocol and the plain data that crosses it.

An LLMClient sends one chat completion (or a stream) to one server and hides the SDK: retries,
error translation and the choice of structured-output mode live behind it, so the engine above
only sees requests, results and domain errors (ai/errors.py).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from jobwise.ai.engine import EngineName

Role = Literal["system", "user", "assistant"]

# How the answer is constrained, best first. "json_object_schema" is llama.cpp's JSON mode with a
# schema for constrained decoding ({"type": "json_object", "schema": {...}}).
OutputMode = Literal["json_schema", "json_object_schema", "json_object", "text"]


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class JsonFormat:
    """Ask for JSON matching `schema` (already in strict form: see ai/llm/structured.py)."""

    name: str
    schema: dict[str, Any]


@dataclass(frozen=True)
class ChatRequest:
    messages: tuple[ChatMessage, ...]
    model: str
    max_tokens: int
    temperature: float = 0.0
    # None asks for plain text.
    json_format: JsonFormat | None = None
    # Sent only to reasoning models; their reasoning tokens count against max_tokens.
    reasoning_effort: str | None = None
    # The setting that names `model`, so an unknown or retired model says what to change.
    model_setting: str = ""
    # What a retry of an answer cut off at max_tokens may ask for at most (LLM_MAX_OUTPUT_TOKENS
    # when set: a small local model's context holds the prompt and the answer together).
    max_tokens_ceiling: int = 16_384


@dataclass(frozen=True)
class ChatResult:
    content: str
    finish_reason: str | None
    model: str
    prompt_tokens: int
    completion_tokens: int
    # The structured-output mode the server accepted for this answer.
    mode: OutputMode
    # HTTP requests made for this result (1 unless something was retried).
    attempts: int = 1
    # The server reported no usage: the token counts are JobWise's estimate from the text.
    usage_estimated: bool = False

    @property
    def cut_off(self) -> bool:
        return self.finish_reason == "length"


@dataclass
class StreamStats:
    """Filled in while a stream is read; complete once the iterator is exhausted."""

    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None
    chunks: int = 0
    # The server sent usage (OpenAI's last chunk with stream_options.include_usage, Groq's x_groq).
    usage_reported: bool = False
    # It did not (llama.cpp, or the reader left first): the counts are estimated from the text.
    usage_estimated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class LLMClient(Protocol):
    @property
    def provider(self) -> EngineName: ...

    async def complete(self, request: ChatRequest) -> ChatResult: ...

    def stream(self, request: ChatRequest, stats: StreamStats) -> AsyncGenerator[str, None]:
        """Text deltas; `stats` holds the token counts once the iterator is done."""
        ...

    async def aclose(self) -> None: ...
