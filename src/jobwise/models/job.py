from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, TimestampMixin


class Job(IdMixin, TimestampMixin, Base):
    """A job posting (never background work: that is a task)."""

    __tablename__ = "jobs"
    __table_args__ = (Index("idx_jobs_user", "user_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    source: Mapped[str] = mapped_column(String(50), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    # None when the posting never names the employer (an agency's post) or the person cleared it.
    company: Mapped[str | None] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str | None] = mapped_column(Text)
    parsed_keywords: Mapped[list[str] | None] = mapped_column(JSONType)
    requirements: Mapped[list[str] | None] = mapped_column(JSONType)
    benefits: Mapped[list[str] | None] = mapped_column(JSONType)
    salary_range: Mapped[str | None] = mapped_column(String(200))
    # JSON Resume's job schema says "Full", "Hybrid" or "None"; the seed's 0/1 could not say Hybrid.
    remote: Mapped[str | None] = mapped_column(String(10))
    # Structured salary when the posting states one: {min, max, currency, period}.
    salary: Mapped[dict[str, object] | None] = mapped_column(JSONType)
    experience_level: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), default="active", nullable=False)
    application_status: Mapped[str] = mapped_column(String(20), default="not_applied", nullable=False)
