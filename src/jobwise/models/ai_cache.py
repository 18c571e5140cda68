from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, UTCDateTime, utcnow


class AICacheEntry(Base):
    """The answer to a deterministic (temperature 0) LLM request, keyed by the request's hash.

    The key covers the server, model, messages (with PII already replaced by placeholders), the
    output schema and max_tokens, so only an identical request gets the stored answer.
    """

    __tablename__ = "ai_cache"

    # sha256 of the canonical request, hex.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(50), nullable=False)
    model: Mapped[str] = mapped_column(String(200), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
