from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, PartialDate, TimestampMixin


class Project(IdMixin, TimestampMixin, Base):
    __tablename__ = "projects"
    __table_args__ = (Index("idx_projects_profile", "profile_id"),)

    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    enhanced_description: Mapped[str | None] = mapped_column(Text)
    previous_enhanced_description: Mapped[str | None] = mapped_column(Text)
    use_enhanced: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The description the enhanced text was made from; differs from description when stale.
    enhanced_source: Mapped[str | None] = mapped_column(Text)
    # The description the previous enhanced text was made from; a revert swaps it back in.
    previous_enhanced_source: Mapped[str | None] = mapped_column(Text)
    technologies: Mapped[list[str] | None] = mapped_column(JSONType)
    url: Mapped[str | None] = mapped_column(String(2000))
    github_url: Mapped[str | None] = mapped_column(String(2000))
    start_date: Mapped[str | None] = mapped_column(PartialDate)
    end_date: Mapped[str | None] = mapped_column(PartialDate)
    display_order: Mapped[int | None] = mapped_column(Integer)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
