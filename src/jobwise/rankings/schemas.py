"""Ranking schemas. ranking_data is documented in rankings/scoring.py and docs/features.md."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from jobwise.schemas import ID_MAX, InputModel, SingleLine


class RankingCreate(InputModel):
    job_id: Annotated[str, Field(min_length=1, max_length=ID_MAX), SingleLine]


class RankingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    job_id: str
    profile_id: str
    ranking_data: dict[str, Any] = Field(
        description=(
            "experiences, projects (each with bullets), entries (volunteering, certificates, awards, "
            "publications), skills: in relevance order, each with a score "
            "in 0-1 and its parts; requirements and keywords: the coverage matrix (evidenced, partial "
            "or missing, with evidence); keyword_coverage; weights and thresholds; fingerprint"
        )
    )
    created_at: datetime
    updated_at: datetime


class RankingPage(BaseModel):
    items: list[RankingRead]
    total: int
    limit: int
    offset: int
