from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, UTCDateTime


class LoginThrottle(Base):
    """Recent failed logins for one key: an account, a client address, or the two together.

    Kept in the database so throttling holds across API processes. The key is a hash, so the
    table holds no email or address in clear.
    """

    __tablename__ = "login_throttles"
    __table_args__ = (Index("idx_login_throttles_last_failure_at", "last_failure_at"),)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    # No login for this key is checked before this moment (a growing delay, never a lockout).
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
