"""The profile as the API returns it, kept as one stored row so a read is one indexed query.

Every change to a profile or one of its items raises the profile's `revision` in the flush that
writes it (models/profile_view.py's listener: no service need remember), and before that unit of work
commits, the view is rebuilt from the tables and stored with the new revision, in the same
transaction. A view whose revision is not the profile's is never served: the read builds the
profile from its tables instead (a unit of work that committed without db.commit, or a view
written by an older version of JobWise). So the view can be missing or behind, never wrong.

The revision is also the profile's ETag: GET answers 304 to a client that has it, and a write
that names an older one in If-Match is refused (412), so two tabs never overwrite each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import null, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from jobwise.models import Profile, ProfileView
from jobwise.models.profile_view import CHANGED_PROFILES
from jobwise.profiles.schemas import ProfileRead


def etag(profile_id: str, revision: int) -> str:
    return f'"{profile_id}.{revision}"'


@dataclass(frozen=True)
class StoredView:
    profile_id: str
    revision: int
    # The JSON body, when the stored view is current.
    body: str | None

    @property
    def etag(self) -> str:
        return etag(self.profile_id, self.revision)


async def stored_view(session: AsyncSession, user_id: int, *, with_body: bool = True) -> StoredView | None:
    """The user's profile revision and, when current and asked for, its stored view: one indexed query.
    A client that may already hold the version (If-None-Match) asks first without the body, which a
    304 never sends."""
    row = (
        await session.execute(
            select(Profile.id, Profile.revision, ProfileView.revision)
            .add_columns(ProfileView.body if with_body else null())
            .outerjoin(ProfileView, ProfileView.profile_id == Profile.id)
            .where(Profile.user_id == user_id)
        )
    ).first()
    if row is None:
        return None
    profile_id, revision, view_revision, body = row
    return StoredView(profile_id, revision, body if view_revision == revision else None)


def render(profile: Profile) -> str:
    return ProfileRead.from_model(profile).model_dump_json()


async def refresh(session: AsyncSession) -> None:
    """The commit step (db.add_commit_step, registered by runtime.py): rewrite the view of every
    profile this unit of work changed, with its new revision."""
    profile_ids: set[str] = session.info.pop(CHANGED_PROFILES, set())
    if not profile_ids:
        return
    profiles = await session.scalars(
        select(Profile)
        .where(Profile.id.in_(profile_ids))
        .options(
            selectinload(Profile.experiences),
            selectinload(Profile.projects),
            selectinload(Profile.education),
            selectinload(Profile.entries),
        )
        .execution_options(populate_existing=True)
    )
    for profile in profiles:
        view = await session.get(ProfileView, profile.id)
        if view is None:
            session.add(ProfileView(profile_id=profile.id, revision=profile.revision, body=render(profile)))
        else:
            view.revision, view.body = profile.revision, render(profile)
    await session.flush()
