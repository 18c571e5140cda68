"""Identical deterministic requests are answered from the ai_cache table.

Only temperature-0 requests are cached, keyed by the sha256 of the canonical request: server,
model, messages (after PII redaction, so the key and the stored answer hold placeholders, not the
person's details), output schema, max_tokens and reasoning effort. A database cache works across
processes and restarts, unlike functools.lru_cache, which also caches coroutine objects, not
their results.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.ai.llm.client import ChatRequest
from jobwise.background_writes import BackgroundWrites
from jobwise.db import Database
from jobwise.models import AICacheEntry

CACHE_FORMAT = 1


@dataclass(frozen=True)
class CachedAnswer:
    content: str
    model: str
    prompt_tokens: int
    completion_tokens: int


def cache_key(*, server: str, request: ChatRequest, schema: dict[str, Any] | None) -> str:
    canonical = {
        "format": CACHE_FORMAT,
        "server": server,
        "model": request.model,
        "messages": [message.as_dict() for message in request.messages],
        "temperature": request.temperature,
        "max_tokens": request.max_tokens,
        "reasoning_effort": request.reasoning_effort,
        "schema": schema,
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_cacheable(request: ChatRequest) -> bool:
    return request.temperature == 0


class ResponseCache:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._writes = BackgroundWrites(database)

    async def get(self, key: str) -> CachedAnswer | None:
        async with self._database.read_session() as session:
            entry = await session.get(AICacheEntry, key)
        if entry is None:
            return None
        return CachedAnswer(
            content=entry.content,
            model=entry.model,
            prompt_tokens=entry.prompt_tokens,
            completion_tokens=entry.completion_tokens,
        )

    def put(
        self, key: str, *, purpose: str, model: str, content: str, prompt_tokens: int, completion_tokens: int
    ) -> None:
        async def write(session: AsyncSession) -> None:
            if await session.get(AICacheEntry, key) is not None:
                return
            try:
                # A savepoint: two identical calls racing to store the same answer is not an error.
                async with session.begin_nested():
                    session.add(
                        AICacheEntry(
                            key=key,
                            purpose=purpose,
                            model=model[:200],
                            content=content,
                            prompt_tokens=prompt_tokens,
                            completion_tokens=completion_tokens,
                        )
                    )
            except IntegrityError:
                pass

        self._writes.submit(write, what=f"cache entry for {purpose}")

    async def drain(self) -> None:
        await self._writes.drain()
