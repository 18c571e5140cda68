from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, UTCDateTime, utcnow


class LLMUsage(Base):
    """One AI step's call to a model: who, what for, which model, tokens, time and outcome.

    Written in its own short transaction, so failed requests are counted too; the daily token
    budget (LLM_DAILY_TOKEN_BUDGET) sums these rows per user since UTC midnight.
    """

    __tablename__ = "llm_usage"
    __table_args__ = (Index("idx_llm_usage_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Null for calls made on nobody's behalf (benchmarks, the CLI).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(50), nullable=False)
    engine: Mapped[str] = mapped_column(String(20), nullable=False)
    model: Mapped[str] = mapped_column(String(200), nullable=False)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # HTTP requests behind this call (retries and the repair attempt included).
    calls: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    latency_ms: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # "ok", "cached" (answered from ai_cache, no tokens spent) or "error".
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    error_code: Mapped[str | None] = mapped_column(String(60))
    # The server reported no usage (llama.cpp sends none in streams) and the token counts are
    # JobWise's estimate from the text's length: still counted against the daily budget.
    tokens_estimated: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
