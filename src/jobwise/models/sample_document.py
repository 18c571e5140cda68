from __future__ import annotations

from typing import Any, Final, Literal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, TimestampMixin

# What an uploaded sample is; a person keeps one of each.
SampleType = Literal["resume_sample", "cover_letter_sample"]
RESUME_SAMPLE: Final = "resume_sample"
COVER_LETTER_SAMPLE: Final = "cover_letter_sample"


class SampleDocument(IdMixin, TimestampMixin, Base):
    __tablename__ = "sample_documents"
    __table_args__ = (
        UniqueConstraint("user_id", "document_type"),
        Index("idx_samples_user_type", "user_id", "document_type"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    document_type: Mapped[str] = mapped_column(String(30), nullable=False)
    file_name: Mapped[str] = mapped_column(String(255), nullable=False)
    file_path: Mapped[str | None] = mapped_column(String(1000))
    full_text: Mapped[str] = mapped_column(Text, nullable=False)
    extracted_style: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    file_size_bytes: Mapped[int | None] = mapped_column(Integer)
