from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, TimestampMixin, UTCDateTime


class Task(IdMixin, TimestampMixin, Base):
    """One unit of durable background work (tasks/): queued, running under a lease, then done.

    status: queued -> running -> succeeded | failed; a running task whose lease expires goes back
    to queued (or to failed once it has used max_attempts).
    """

    __tablename__ = "tasks"
    __table_args__ = (
        Index("idx_tasks_status_created", "status", "created_at"),
        Index("idx_tasks_status_lease", "status", "lease_expires_at"),
    )

    kind: Mapped[str] = mapped_column(String(50), nullable=False)
    # Ids and options only; the task loads what it needs from the database itself.
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="queued")
    # Counted when the task is claimed; a graceful release gives the attempt back.
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
