from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobwise.models.base import Base, IdMixin, JSONType, TimestampMixin, UTCDateTime
from jobwise.models.education import Education
from jobwise.models.experience import Experience
from jobwise.models.profile_entry import ProfileEntry
from jobwise.models.project import Project

ProfileEnhancementStatus = Literal["none", "completed"]


class Profile(IdMixin, TimestampMixin, Base):
    """The user's one master profile (the seed's master_profiles)."""

    __tablename__ = "master_profiles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    personal_info: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    # Counts every change to the profile or its items (profiles/read_model.py), in the same
    # transaction: the stored view and the ETag are current exactly when they carry this number.
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    professional_summary: Mapped[str | None] = mapped_column(Text)
    enhanced_summary: Mapped[str | None] = mapped_column(Text)
    previous_enhanced_summary: Mapped[str | None] = mapped_column(Text)
    # The seed has use_enhanced on items only; documents choose the summary version the same way.
    use_enhanced_summary: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The original text the enhanced version was made from: when the original changes, the
    # enhanced text is stale and the API says so instead of documents silently using it.
    enhanced_summary_source: Mapped[str | None] = mapped_column(Text)
    # The same for the previous enhanced version, so a revert swaps it back in with its staleness.
    # None (rows from before 0006) counts as stale after a revert, the safe side.
    previous_enhanced_summary_source: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    custom_fields: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    enhancement_version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_enhanced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "none" until an enhancement run completes, then "completed" (the seed's "pending" said a
    # run was waiting when none had been asked for). Runs themselves are in enhancement_jobs.
    enhancement_status: Mapped[ProfileEnhancementStatus] = mapped_column(
        String(20), default="none", nullable=False
    )

    experiences: Mapped[list[Experience]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Experience.display_order, Experience.created_at)",
    )
    projects: Mapped[list[Project]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Project.display_order, Project.created_at)",
    )
    education: Mapped[list[Education]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Education.display_order, Education.created_at)",
    )
    # Volunteering, awards, certificates, publications, languages and interests, every section in
    # one list; entries_of() picks one.
    entries: Mapped[list[ProfileEntry]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(ProfileEntry.display_order, ProfileEntry.created_at)",
    )

    def entries_of(self, section: str) -> list[ProfileEntry]:
        """One section's entries in display order (needs `entries` loaded)."""
        return [entry for entry in self.entries if entry.section == section]
