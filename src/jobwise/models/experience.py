from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, PartialDate, TimestampMixin


class Experience(IdMixin, TimestampMixin, Base):
    __tablename__ = "experiences"
    __table_args__ = (Index("idx_experiences_profile", "profile_id"),)

    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), nullable=False
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    company: Mapped[str] = mapped_column(String(200), nullable=False)
    location: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[str] = mapped_column(PartialDate, nullable=False)
    end_date: Mapped[str | None] = mapped_column(PartialDate)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # Newline-separated bullets, as in the seed; the API exposes them as a list.
    description: Mapped[str | None] = mapped_column(Text)
    enhanced_description: Mapped[str | None] = mapped_column(Text)
    previous_enhanced_description: Mapped[str | None] = mapped_column(Text)
    use_enhanced: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The description the enhanced text was made from; differs from description when stale.
    enhanced_source: Mapped[str | None] = mapped_column(Text)
    # The description the previous enhanced text was made from; a revert swaps it back in.
    previous_enhanced_source: Mapped[str | None] = mapped_column(Text)
    technologies: Mapped[list[str] | None] = mapped_column(JSONType)
    display_order: Mapped[int | None] = mapped_column(Integer)
    # JSON Resume keys the seed's columns don't model (url, summary, location objects...),
    # so an import followed by an export gives back the same document.
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
