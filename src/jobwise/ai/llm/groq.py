"""Groq through the official `groq` SDK (async).

The SDK requests {base_url}/openai/v1/chat/completions; its own retries are off (the base class
retries, the same way for every server).
"""

from __future__ import annotations

import groq

from jobwise.ai.llm.base import RetryPolicy, SDKChatClient, SDKErrors, SettingNames
from jobwise.ai.llm.client import OutputMode

DEFAULT_BASE_URL = "https://api.groq.com"

GROQ_ERRORS = SDKErrors(
    base=groq.APIError,
    timeout=groq.APITimeoutError,
    connection=groq.APIConnectionError,
    status=groq.APIStatusError,
    invalid_response=groq.APIResponseValidationError,
)


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
            sdk=groq.AsyncGroq(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0),
            errors=GROQ_ERRORS,
        )
