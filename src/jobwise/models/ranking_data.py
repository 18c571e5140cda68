"""The shape of job_content_rankings.ranking_data: what rankings/scoring.py computes, the API
returns and generations read. Typed, so a key read by string is checked (mypy) wherever it is read.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

Status = Literal["evidenced", "partial", "missing"]
# Volunteering, certificates, awards and publications are evidence as much as a role or project.
ItemKind = Literal["experience", "project", "volunteer", "certificate", "award", "publication"]
ENTRY_KINDS: tuple[ItemKind, ...] = ("volunteer", "certificate", "award", "publication")


class BulletRow(TypedDict):
    index: int
    text: str
    version: str
    score: float
    # lexical, skills, recency; and llm once a model judged the bullet.
    parts: dict[str, float]
    matched_keywords: list[str]
    # The score before the model's judgement was blended in.
    deterministic_score: NotRequired[float]


class ItemRow(TypedDict):
    id: str
    kind: ItemKind
    title: str
    organization: str | None
    version: str
    score: float
    parts: dict[str, float]
    matched_keywords: list[str]
    bullets: list[BulletRow]


class Evidence(TypedDict):
    item_id: str
    kind: ItemKind
    source: str
    bullet_index: int
    text: str
    score: float


class RequirementRow(TypedDict):
    requirement: str
    status: Status
    score: float
    keywords: list[str]
    evidence: list[Evidence]


class KeywordRow(TypedDict):
    keyword: str
    status: Status
    evidence: list[Evidence]


class SkillRow(TypedDict):
    name: str
    score: float
    parts: dict[str, float]
    matched_keywords: list[str]
    used_in: list[str]


class Coverage(TypedDict):
    total: int
    share: float | None
    share_with_partial: float | None
    evidenced: list[str]
    partial: list[str]
    missing: list[str]


class RankingData(TypedDict):
    version: int
    weights: dict[str, float]
    thresholds: dict[str, float]
    experiences: list[ItemRow]
    projects: list[ItemRow]
    # Volunteering, certificates, awards and publications, most relevant first (absent before
    # scoring version 2).
    entries: NotRequired[list[ItemRow]]
    skills: list[SkillRow]
    requirements: list[RequirementRow]
    keywords: list[KeywordRow]
    keyword_coverage: Coverage
    llm_reranked: bool
    # Added by rankings/service.py once computed.
    fingerprint: NotRequired[str | None]
    llm_error: NotRequired[str]
    job_id: NotRequired[str]
    profile_id: NotRequired[str]
    engine: NotRequired[str]
    computed_at: NotRequired[str]
    duration_ms: NotRequired[float]
