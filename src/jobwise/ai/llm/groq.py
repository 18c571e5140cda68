"""Groq through the official `groq` SDK (async).

The SDK requests {base_url}/openai/v1/chat/completions; its own retries are off (the base class
retries, the same way for every server).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import groq

from jobwise.ai.llm.base import (
    CallFailed,
    Failure,
    RawChunk,
    RawCompletion,
    RetryPolicy,
    SDKChatClient,
    SettingNames,
    chunk_to_raw,
    completion_to_raw,
    failure_from_sdk_error,
)
from jobwise.ai.llm.client import OutputMode

DEFAULT_BASE_URL = "https://api.groq.com"


class GroqClient(SDKChatClient):
    # Groq enforces json_schema (strict on the gpt-oss models) and has a JSON mode; no llama.cpp mode.
    output_modes: tuple[OutputMode, ...] = ("json_schema", "json_object", "text")

    def __init__(
        self, *, api_key: str, base_url: str = DEFAULT_BASE_URL, timeout: float, policy: RetryPolicy
    ) -> None:
        base_url = base_url.rstrip("/") or DEFAULT_BASE_URL
        label = "Groq" if base_url == DEFAULT_BASE_URL else f"the Groq API at {base_url}"
        super().__init__(
            provider="groq",
            base_url=base_url,
            timeout=timeout,
            policy=policy,
            names=SettingNames(api_key="GROQ_API_KEY", base_url="GROQ_BASE_URL", timeout="GROQ_TIMEOUT"),
            label=label,
        )
        self._sdk = groq.AsyncGroq(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)

    async def _send(self, params: dict[str, Any]) -> RawCompletion:
        create: Any = self._sdk.chat.completions.create
        try:
            completion = await create(**params, timeout=self.timeout)
        except groq.APIError as exc:
            raise CallFailed(_failure(exc)) from exc
        return completion_to_raw(completion, params["model"])

    async def _send_stream(self, params: dict[str, Any]) -> AsyncIterator[RawChunk]:
        create: Any = self._sdk.chat.completions.create
        try:
            stream = await create(**params, timeout=self.timeout)
        except groq.APIError as exc:
            raise CallFailed(_failure(exc)) from exc
        try:
            async for chunk in stream:
                yield chunk_to_raw(chunk)
        except groq.APIError as exc:
            raise CallFailed(_failure(exc)) from exc
        finally:
            await stream.close()

    async def aclose(self) -> None:
        await self._sdk.close()


def _failure(exc: groq.APIError) -> Failure:
    return failure_from_sdk_error(
        exc,
        timeout_error=groq.APITimeoutError,
        connection_error=groq.APIConnectionError,
        status_error=groq.APIStatusError,
    )
