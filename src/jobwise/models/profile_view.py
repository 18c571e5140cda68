from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Integer, Text, event, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from jobwise.models.base import Base, new_id
from jobwise.models.education import Education
from jobwise.models.experience import Experience
from jobwise.models.profile import Profile
from jobwise.models.profile_entry import ProfileEntry
from jobwise.models.project import Project

# session.info key: the ids of the profiles this unit of work changed.
CHANGED_PROFILES = "jobwise_profiles_changed"
_ITEMS = (Experience, Project, Education, ProfileEntry)


class ProfileView(Base):
    """The profile as the API returns it (GET /profiles/me's JSON), stored for one-row reads.

    Valid only while `revision` equals the profile's: profiles/read_model.py rewrites it in the
    same transaction as every change, and a read that finds it behind builds the profile afresh.
    """

    __tablename__ = "profile_views"

    profile_id: Mapped[str] = mapped_column(
        ForeignKey("master_profiles.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)


@event.listens_for(Session, "before_flush")
def _count_changes(session: Session, _context: Any, _instances: Any) -> None:
    """Raise the revision of every profile this flush changes, itself or through an item.

    Here, beside the tables, so every writer counts (API, tasks, a standalone worker) whether or
    not the feature that keeps the stored view is loaded.
    """
    # Once per transaction is enough: a client can only ever see committed revisions.
    counted: set[str] = session.info.get(CHANGED_PROFILES, set())
    changed: set[str] = set()
    through_items: set[str] = set()
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Profile):
            if instance in session.deleted:
                continue
            if instance in session.new or session.is_modified(instance):
                if instance.id is None:
                    instance.id = new_id()
                if instance.id not in counted:
                    instance.revision = (instance.revision or 0) + 1
                changed.add(instance.id)
        elif isinstance(instance, _ITEMS):
            if instance in session.dirty and not session.is_modified(instance):
                continue
            # A new item added through its profile's collection has no profile_id yet; that
            # profile is then modified itself (its collection) and counted above.
            if instance.profile_id is not None:
                through_items.add(instance.profile_id)
    loaded = {
        obj.id: obj
        for obj in session.identity_map.values()
        if isinstance(obj, Profile) and obj.id in through_items
    }
    for profile_id in through_items - changed - counted:
        profile = loaded.get(profile_id)
        if profile is not None and profile not in session.deleted:
            profile.revision = (profile.revision or 0) + 1
        else:
            session.execute(
                update(Profile).where(Profile.id == profile_id).values(revision=Profile.revision + 1),
                execution_options={"synchronize_session": False},
            )
        changed.add(profile_id)
    changed |= through_items
    if changed:
        session.info.setdefault(CHANGED_PROFILES, set()).update(changed)


@event.listens_for(Session, "after_transaction_end")
def _forget_changes(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost transaction, not a savepoint
        session.info.pop(CHANGED_PROFILES, None)
