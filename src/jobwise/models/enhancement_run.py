from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, UTCDateTime, utcnow

# The statuses of a run that is not over; at most one per user (enforced by the index below).
ACTIVE_RUN_STATUSES = ("queued", "processing")
_ACTIVE = text("status IN ('queued', 'processing')")


class EnhancementRun(IdMixin, Base):
    """The record of one enhancement run; the work itself is a task.

    The table keeps the seed's name (enhancement_jobs), and so does the API (job_id, /jobs).

    status: queued -> processing -> completed | failed.
    """

    __tablename__ = "enhancement_jobs"
    __table_args__ = (
        Index("idx_enhancement_jobs_user_started", "user_id", "started_at"),
        # One active run per user, decided by the database so it holds across processes.
        Index(
            "uq_enhancement_jobs_active_user",
            "user_id",
            unique=True,
            sqlite_where=_ACTIVE,
            postgresql_where=_ACTIVE,
        ),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), nullable=False
    )
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    progress: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    current_step: Mapped[str | None] = mapped_column(String(50))
    # Texts rewritten so far out of those the run will rewrite (None until they are counted).
    items_done: Mapped[int | None] = mapped_column(Integer)
    items_total: Mapped[int | None] = mapped_column(Integer)
    sample_version_used: Mapped[int | None] = mapped_column(Integer)
    error_message: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The durable task doing the work; kept (SET NULL) only as long as the task row exists.
    task_id: Mapped[str | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    # Every state the run went through, in order ({seq, status, step, progress, at, ...}):
    # the event stream replays it, so a slow reader still sees each step.
    events: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, nullable=False, default=list)
    # What the run did: counts, flagged items and what they added, engine, model and tokens.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False
    )
