from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, CreatedMixin, IdMixin, JSONType
from jobwise.models.generation_metadata import GenerationMetadata

# What a generation is: a resume or a cover letter; the document kept from it is the same type.
DocumentType = Literal["resume", "cover_letter"]


class Generation(IdMixin, CreatedMixin, Base):
    __tablename__ = "generations"
    __table_args__ = (Index("idx_generations_user", "user_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), nullable=False
    )
    ranking_id: Mapped[str | None] = mapped_column(ForeignKey("job_content_rankings.id", ondelete="SET NULL"))
    document_type: Mapped[str] = mapped_column(String(30), nullable=False)
    content_text: Mapped[str] = mapped_column(Text, nullable=False)
    content_format: Mapped[str] = mapped_column(String(20), default="plain", nullable=False)
    # "metadata" is reserved on declarative classes; the column keeps the seed's name.
    meta: Mapped[GenerationMetadata] = mapped_column("metadata", JSONType, nullable=False, default=dict)
    generation_params: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
