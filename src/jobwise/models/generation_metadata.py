"""The shape of generations.metadata and documents.metadata: how a document was made (the ranking,
the engine, what went in, the checks, the timings) and, for a kept document, where it came from.
Typed, so every key a feature writes or reads is checked (mypy) by name."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from jobwise.models.ranking_data import Coverage


class RankingUsed(TypedDict):
    id: str
    fingerprint: str | None
    computed_at: str | None
    outcome: Literal["created", "recomputed", "unchanged"]
    llm_reranked: bool


class EngineUsed(TypedDict, total=False):
    name: str
    is_llm: bool
    model: str | None
    # A compiled résumé names the compiler, and the engine that was configured beside it.
    active_engine: str


class KeywordCoverageUsed(TypedDict):
    profile: Coverage | None
    document: dict[str, Any]


class TruthCheckResult(TypedDict, total=False):
    passed: bool
    unsupported: list[dict[str, Any]]
    copied: list[str]
    attempts: int


class RenderOptions(TypedDict):
    paper: str | None


class GenerationMetadata(TypedDict, total=False):
    # Both kinds of document.
    ranking: RankingUsed
    engine: EngineUsed
    tokens: dict[str, Any] | None
    summary_version: str
    keyword_coverage: KeywordCoverageUsed
    truth_check: TruthCheckResult
    timings_ms: dict[str, float]
    # The document as structured data, which the exports render.
    structured: dict[str, Any]
    # A résumé.
    items_used: list[dict[str, Any]]
    skills_used: list[str]
    left_out: dict[str, Any]
    pages: int
    max_pages: int
    fits: bool
    renders: int
    render: RenderOptions
    # A cover letter.
    streamed: bool
    evidence_used: list[dict[str, Any]]
    style_source: str
    words: int
    word_range: list[int]
    within_word_range: bool
    attempts: list[dict[str, Any]]


class DocumentMetadata(GenerationMetadata, total=False):
    """A kept document's: its generation's metadata, and what it was generated as (to tell an
    edited document from the generated one)."""

    generation_id: str
    generated_sha256: str
