"""The offline engine: deterministic rules, templates and the skills vocabulary; no network.

It never pretends to be an LLM: info.is_llm is False, usage counts no tokens, and it adds no
facts (its rewrites and letters are built from the request's own texts), so the truth check has
nothing to flag. It ignores retry feedback: the same request gives the same answer.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from jobwise.ai.engine import (
    CallContext,
    CoverLetterDraft,
    CoverLetterRequest,
    EngineInfo,
    EnhanceItem,
    EnhanceResult,
    ParsedJob,
    Usage,
)
from jobwise.ai.offline.cover_letter import compose_cover_letter
from jobwise.ai.offline.enhance import enhance_bullet, enhance_summary
from jobwise.ai.offline.job_parser import parse_job_text

_INFO = EngineInfo(name="offline", is_llm=False)


def _usage() -> Usage:
    return Usage(engine="offline")


class OfflineEngine:
    @property
    def info(self) -> EngineInfo:
        return _INFO

    async def parse_job(self, raw_text: str, *, ctx: CallContext) -> tuple[ParsedJob, Usage]:
        # Up to a few hundred milliseconds on a 20,000-character posting (and the vocabulary's
        # first load): off the event loop.
        return await asyncio.to_thread(parse_job_text, raw_text), _usage()

    async def enhance_texts(
        self, items: Sequence[EnhanceItem], style: Mapping[str, Any], *, ctx: CallContext
    ) -> list[EnhanceResult]:
        results = []
        for item in items:
            if item.kind == "summary":
                text = enhance_summary(item.text)
            else:
                text = enhance_bullet(item.text, is_current=item.is_current, style=style)
            results.append(EnhanceResult(id=item.id, text=text, usage=_usage()))
        return results

    async def write_cover_letter(self, request: CoverLetterRequest, *, ctx: CallContext) -> CoverLetterDraft:
        return CoverLetterDraft(text=compose_cover_letter(request), usage=_usage())

    async def stream_cover_letter(
        self, request: CoverLetterRequest, *, ctx: CallContext
    ) -> AsyncIterator[str]:
        # Paragraph by paragraph, as a reader watching it being written expects; joined, the
        # chunks are exactly the letter write_cover_letter returns.
        for paragraph in re.split(r"(?<=\n\n)", compose_cover_letter(request)):
            if paragraph:
                yield paragraph
                await asyncio.sleep(0)

    async def rerank_evidence(
        self, requirement: str, candidates: Sequence[str], *, ctx: CallContext
    ) -> list[float] | None:
        return None
