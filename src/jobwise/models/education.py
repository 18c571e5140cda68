from __future__ import annotations

from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, CreatedMixin, IdMixin, JSONType, PartialDate


class Education(IdMixin, CreatedMixin, Base):
    __tablename__ = "education"
    __table_args__ = (Index("idx_education_profile", "profile_id"),)

    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), nullable=False
    )
    institution: Mapped[str] = mapped_column(String(200), nullable=False)
    degree: Mapped[str] = mapped_column(String(200), nullable=False)
    field_of_study: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[str | None] = mapped_column(PartialDate)
    end_date: Mapped[str | None] = mapped_column(PartialDate)
    gpa: Mapped[float | None] = mapped_column(Float)
    honors: Mapped[str | None] = mapped_column(Text)
    relevant_coursework: Mapped[list[str] | None] = mapped_column(JSONType)
    display_order: Mapped[int | None] = mapped_column(Integer)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
