from __future__ import annotations

from typing import Any, Final, Literal

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jobwise.models.base import Base, IdMixin, JSONType, TimestampMixin

# JSON Resume's sections beyond work, projects and education, in the schema's order.
SectionName = Literal["volunteer", "awards", "certificates", "publications", "languages", "interests"]
SECTIONS: Final[tuple[SectionName, ...]] = (
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "languages",
    "interests",
)


class ProfileEntry(IdMixin, TimestampMixin, Base):
    """One entry of a profile's volunteer, awards, certificates, publications, languages or
    interests section, held as its JSON Resume object (docs/decisions.md says why one table)."""

    __tablename__ = "profile_entries"
    __table_args__ = (Index("idx_profile_entries_profile", "profile_id", "section"),)

    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), nullable=False
    )
    section: Mapped[str] = mapped_column(String(20), nullable=False)
    # The entry in JSON Resume's own keys, exactly as imported or as the API stored it.
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False)
    display_order: Mapped[int | None] = mapped_column(Integer)
