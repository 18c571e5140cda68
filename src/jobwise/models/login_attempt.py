from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, UTCDateTime, utcnow


class LoginAttempt(Base):
    """One failed login. Kept in the database so throttling holds across API processes."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("idx_login_attempts_email_at", "email", "attempted_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), nullable=False)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
