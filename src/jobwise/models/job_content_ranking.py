from __future__ import annotations

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, TimestampMixin
from jobwise.models.ranking_data import RankingData


class JobContentRanking(IdMixin, TimestampMixin, Base):
    __tablename__ = "job_content_rankings"
    __table_args__ = (
        UniqueConstraint("user_id", "job_id"),
        Index("idx_rankings_user_job", "user_id", "job_id"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), nullable=False
    )
    ranking_data: Mapped[RankingData] = mapped_column(JSONType, nullable=False)
