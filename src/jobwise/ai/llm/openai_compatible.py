"""Any OpenAI-compatible server (Ollama, llama.cpp, vLLM, OpenAI) through the official `openai` SDK.

The SDK requests {base_url}/chat/completions, so LLM_BASE_URL usually ends in /v1. Its own
retries are off (the base class retries, the same way for every server).
"""

from __future__ import annotations

import openai

from jobwise.ai.llm.base import RetryPolicy, SDKChatClient, SDKErrors, SettingNames
from jobwise.ai.llm.client import OutputMode

# Local servers take no key, but the SDK insists on one.
NO_KEY = "sk-no-key-required"

OPENAI_ERRORS = SDKErrors(
    base=openai.APIError,
    timeout=openai.APITimeoutError,
    connection=openai.APIConnectionError,
    status=openai.APIStatusError,
    invalid_response=openai.APIResponseValidationError,
)


class OpenAICompatibleClient(SDKChatClient):
    # llama.cpp answers json_schema with a 500 but constrains decoding with JSON mode plus "schema";
    # servers that refuse the extra "schema" field fall back to plain JSON mode.
    output_modes: tuple[OutputMode, ...] = ("json_schema", "json_object_schema", "json_object", "text")
    stream_usage_option = True
    # Local servers (llama.cpp, Ollama) go on generating for a non-streaming client that left.
    stream_completions = True

    def __init__(self, *, base_url: str, api_key: str = "", timeout: float, policy: RetryPolicy) -> None:
        base_url = base_url.rstrip("/")
        super().__init__(
            provider="openai",
            base_url=base_url,
            timeout=timeout,
            policy=policy,
            names=SettingNames(api_key="LLM_API_KEY", base_url="LLM_BASE_URL", timeout="LLM_TIMEOUT"),
            label=f"the LLM server at {base_url}",
            sdk=openai.AsyncOpenAI(
                api_key=api_key or NO_KEY, base_url=base_url, timeout=timeout, max_retries=0
            ),
            errors=OPENAI_ERRORS,
        )
