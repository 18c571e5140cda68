from __future__ import annotations

import secrets

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, TimestampMixin


def new_token_key() -> str:
    return secrets.token_hex(16)


class User(TimestampMixin, Base):
    __tablename__ = "users"
    # AUTOINCREMENT: SQLite never hands a deleted user's id to the next one who registers.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 (SQLAlchemy's declarative form)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Stored lower-cased, so the unique index makes emails case-insensitively unique on any database.
    email: Mapped[str] = mapped_column(String(320), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    full_name: Mapped[str | None] = mapped_column(String(200))
    # Every token carries it; a new one (password change, sign-out everywhere) revokes them all,
    # and a token can never open an account other than the one it was issued for.
    token_key: Mapped[str] = mapped_column(String(32), nullable=False, default=new_token_key)
