from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, UTCDateTime


class RateLimitCounter(Base):
    """How many requests of one limited action a user made in one fixed window.

    Kept in the database so every API process counts against the same limit; one upsert both
    counts and decides (rate_limits/service.py). A user's older windows of an action are deleted
    when a new one starts, so there are at most one or two rows per user and action.
    """

    __tablename__ = "rate_limits"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    action: Mapped[str] = mapped_column(String(40), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)
    # Requests let through in this window; never above the limit (refusals are not counted).
    hits: Mapped[int] = mapped_column(Integer, nullable=False)
