"""Any OpenAI-compatible server (Ollama, llama.cpp, vLLM, OpenAI) through the official `openai` SDK.

The SDK requests {base_url}/chat/completions, so LLM_BASE_URL usually ends in /v1. Its own
retries are off (the base class retries, the same way for every server).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import openai

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

# Local servers take no key, but the SDK insists on one.
NO_KEY = "sk-no-key-required"


class OpenAICompatibleClient(SDKChatClient):
    # llama.cpp answers json_schema with a 500 but constrains decoding with JSON mode plus "schema";
    # servers that refuse the extra "schema" field fall back to plain JSON mode.
    output_modes: tuple[OutputMode, ...] = ("json_schema", "json_object_schema", "json_object", "text")
    stream_usage_option = True

    def __init__(self, *, base_url: str, api_key: str = "", timeout: float, policy: RetryPolicy) -> None:
        base_url = base_url.rstrip("/")
        super().__init__(
            provider="openai",
            base_url=base_url,
            timeout=timeout,
            policy=policy,
            names=SettingNames(api_key="LLM_API_KEY", base_url="LLM_BASE_URL", timeout="LLM_TIMEOUT"),
            label=f"the LLM server at {base_url}",
        )
        self._sdk = openai.AsyncOpenAI(
            api_key=api_key or NO_KEY, base_url=base_url, timeout=timeout, max_retries=0
        )

    async def _send(self, params: dict[str, Any]) -> RawCompletion:
        create: Any = self._sdk.chat.completions.create
        try:
            completion = await create(**params, timeout=self.timeout)
        except openai.APIError as exc:
            raise CallFailed(_failure(exc)) from exc
        return completion_to_raw(completion, params["model"])

    async def _send_stream(self, params: dict[str, Any]) -> AsyncIterator[RawChunk]:
        create: Any = self._sdk.chat.completions.create
        try:
            stream = await create(**params, timeout=self.timeout)
        except openai.APIError as exc:
            raise CallFailed(_failure(exc)) from exc
        try:
            async for chunk in stream:
                yield chunk_to_raw(chunk)
        except openai.APIError as exc:
            raise CallFailed(_failure(exc)) from exc
        finally:
            await stream.close()

    async def aclose(self) -> None:
        await self._sdk.close()


def _failure(exc: openai.APIError) -> Failure:
    return failure_from_sdk_error(
        exc,
        timeout_error=openai.APITimeoutError,
        connection_error=openai.APIConnectionError,
        status_error=openai.APIStatusError,
    )
