"""The master profile and its items: rules and data. No HTTP here, and no commit (the request's
session commits once)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from jobwise.errors import Conflict, InvalidInput, NotFound
from jobwise.models import Education, Experience, Profile, ProfileEntry, Project, SectionName, User
from jobwise.profiles import jsonresume, merging
from jobwise.profiles.schemas import (
    JSON_RESUME_KEY,
    MAX_ITEMS,
    EducationCreate,
    EducationUpdate,
    ExperienceCreate,
    ExperienceUpdate,
    PersonalInfo,
    ProfileCreate,
    ProfileReplace,
    ProfileUpdate,
    ProjectCreate,
    ProjectUpdate,
    SkillIn,
    date_is_before,
)
from jobwise.profiles.versions import join_bullets


class ProfileNotFound(NotFound):
    code = "profile_not_found"


class ProfileExists(Conflict):
    code = "profile_exists"


class ExperienceNotFound(NotFound):
    code = "experience_not_found"


class ProjectNotFound(NotFound):
    code = "project_not_found"


class EducationNotFound(NotFound):
    code = "education_not_found"


class EntryNotFound(NotFound):
    code = "entry_not_found"


class InvalidDates(InvalidInput):
    code = "invalid_dates"


class TooManyItems(InvalidInput):
    code = "too_many_items"


class InvalidOrder(InvalidInput):
    code = "invalid_order"


class NoEnhancedText(InvalidInput):
    code = "no_enhanced_text"


class NoPreviousVersion(Conflict):
    code = "no_previous_version"


NO_PROFILE = (
    "You have no profile yet: create one with POST /api/v1/profiles "
    "or import a JSON Resume with PUT /api/v1/profiles/me/json-resume"
)
PROFILE_EXISTS = "You already have a profile: change it with PUT or PATCH /api/v1/profiles/me"

Item = TypeVar("Item", Experience, Project, Education)


# --- the profile -----------------------------------------------------------------------------


async def find_profile(session: AsyncSession, *, owner: User) -> Profile | None:
    return await session.scalar(select(Profile).where(Profile.user_id == owner.id))


async def get_profile(session: AsyncSession, *, owner: User) -> Profile:
    """The profile without its items (CurrentProfile)."""
    profile = await find_profile(session, owner=owner)
    if profile is None:
        raise ProfileNotFound(NO_PROFILE)
    return profile


def _with_items() -> Any:
    return (
        selectinload(Profile.experiences),
        selectinload(Profile.projects),
        selectinload(Profile.education),
        selectinload(Profile.entries),
    )


async def get_full_profile(session: AsyncSession, *, owner: User) -> Profile:
    """The profile with its items in display order."""
    profile = await session.scalar(select(Profile).where(Profile.user_id == owner.id).options(*_with_items()))
    if profile is None:
        raise ProfileNotFound(NO_PROFILE)
    return profile


async def _reload(session: AsyncSession, profile_id: str) -> Profile:
    # populate_existing: collections already in the identity map are loaded afresh, in order.
    statement = (
        select(Profile)
        .where(Profile.id == profile_id)
        .options(*_with_items())
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(statement)).one()


def _personal_info(info: PersonalInfo) -> dict[str, Any]:
    return info.model_dump(mode="json", exclude_none=True)


def _skills(skills: Sequence[SkillIn]) -> list[dict[str, Any]]:
    return [skill.model_dump(mode="json", exclude_none=True) for skill in skills]


def _custom_fields(profile: Profile, given: dict[str, Any]) -> dict[str, Any]:
    """The user's custom fields, keeping what a JSON Resume import stored for export."""
    kept = (profile.custom_fields or {}).get(JSON_RESUME_KEY)
    return {**given, JSON_RESUME_KEY: kept} if kept is not None else dict(given)


def _check_summary_choice(profile: Profile, use_enhanced: bool) -> None:
    if use_enhanced and profile.enhanced_summary is None:
        raise NoEnhancedText(
            "There is no enhanced summary to use yet: run an enhancement first",
            details=[{"field": "use_enhanced_summary", "message": "no enhanced summary"}],
        )


async def create_profile(session: AsyncSession, *, owner: User, data: ProfileCreate) -> Profile:
    if await find_profile(session, owner=owner) is not None:
        raise ProfileExists(PROFILE_EXISTS)
    for index, experience in enumerate(data.experiences):
        _check_dates(
            experience.start_date, experience.end_date, experience.is_current, f"experiences[{index}]."
        )
    for index, project in enumerate(data.projects):
        _check_dates(project.start_date, project.end_date, None, f"projects[{index}].")
    for index, education in enumerate(data.education):
        _check_dates(education.start_date, education.end_date, None, f"education[{index}].")
    profile = Profile(
        user_id=owner.id,
        personal_info=_personal_info(data.personal_info),
        professional_summary=data.professional_summary,
        skills=_skills(data.skills),
        custom_fields=dict(data.custom_fields),
    )
    session.add(profile)
    try:
        await session.flush()
    except IntegrityError:
        # Another request created it first (user_id is unique).
        raise ProfileExists(PROFILE_EXISTS) from None
    for index, experience in enumerate(data.experiences):
        columns = _experience_columns(experience)
        session.add(Experience(profile_id=profile.id, display_order=index, **columns))
    for index, project in enumerate(data.projects):
        session.add(Project(profile_id=profile.id, display_order=index, **_project_columns(project)))
    for index, education in enumerate(data.education):
        session.add(Education(profile_id=profile.id, display_order=index, **education.model_dump()))
    await session.flush()
    return await _reload(session, profile.id)


async def replace_profile(session: AsyncSession, *, profile: Profile, data: ProfileReplace) -> Profile:
    """PUT: the profile's own fields as sent; items and enhanced versions stay."""
    _check_summary_choice(profile, data.use_enhanced_summary)
    profile.personal_info = _personal_info(data.personal_info)
    profile.professional_summary = data.professional_summary
    profile.skills = _skills(data.skills)
    profile.custom_fields = _custom_fields(profile, data.custom_fields)
    profile.use_enhanced_summary = data.use_enhanced_summary
    await session.flush()
    return await _reload(session, profile.id)


async def update_profile(session: AsyncSession, *, profile: Profile, data: ProfileUpdate) -> Profile:
    """PATCH: only the fields sent. personal_info merges key by key (null removes a key), so keys
    kept from a JSON Resume import survive an edit of the phone number."""
    sent = data.model_fields_set
    if data.personal_info is not None:
        info = dict(profile.personal_info or {})
        given = data.personal_info.model_dump(mode="json", exclude_none=True)
        for key in data.personal_info.model_fields_set:
            if key in given:
                info[key] = given[key]
            else:
                info.pop(key, None)
        profile.personal_info = info
    if "professional_summary" in sent:
        # Enhanced text stays; it shows as stale until the next enhancement.
        profile.professional_summary = data.professional_summary
    if data.skills is not None:
        profile.skills = _skills(data.skills)
    if data.custom_fields is not None:
        profile.custom_fields = _custom_fields(profile, data.custom_fields)
    if data.use_enhanced_summary is not None:
        _check_summary_choice(profile, data.use_enhanced_summary)
        profile.use_enhanced_summary = data.use_enhanced_summary
    await session.flush()
    return await _reload(session, profile.id)


async def delete_profile(session: AsyncSession, *, profile: Profile) -> None:
    # Items, enhancement runs and rankings go with it (ON DELETE CASCADE in the database).
    await session.delete(profile)
    await session.flush()


async def revert_summary(session: AsyncSession, *, profile: Profile) -> Profile:
    if profile.previous_enhanced_summary is None:
        raise NoPreviousVersion("The summary has no previous enhanced version to go back to")
    profile.enhanced_summary, profile.previous_enhanced_summary = (
        profile.previous_enhanced_summary,
        profile.enhanced_summary,
    )
    # Each version keeps the original it was made from, so staleness follows the text.
    profile.enhanced_summary_source, profile.previous_enhanced_summary_source = (
        profile.previous_enhanced_summary_source,
        profile.enhanced_summary_source,
    )
    await session.flush()
    return await _reload(session, profile.id)


# --- JSON Resume -----------------------------------------------------------------------------


async def import_json_resume(
    session: AsyncSession, *, owner: User, document: dict[str, Any]
) -> tuple[Profile, bool]:
    """Create or replace the profile and all its items from a document; True when created.

    The user's own custom fields stay (JSON Resume has no place for them); everything the document
    describes, enhanced versions included, is replaced.
    """
    imported = jsonresume.parse(document)
    profile = await find_profile(session, owner=owner)
    created = profile is None
    if profile is None:
        profile = Profile(user_id=owner.id)
        session.add(profile)
    else:
        for model in (Experience, Project, Education, ProfileEntry):
            await session.execute(delete(model).where(model.profile_id == profile.id))
    custom = {key: value for key, value in (profile.custom_fields or {}).items() if key != JSON_RESUME_KEY}
    if imported.kept is not None:
        custom[JSON_RESUME_KEY] = imported.kept
    profile.personal_info = imported.personal_info
    profile.professional_summary = imported.professional_summary
    profile.enhanced_summary = None
    profile.previous_enhanced_summary = None
    profile.enhanced_summary_source = None
    profile.previous_enhanced_summary_source = None
    profile.use_enhanced_summary = False
    profile.skills = imported.skills
    profile.custom_fields = custom
    try:
        await session.flush()
    except IntegrityError:
        raise ProfileExists(
            "Your profile was created by another request at the same time; try again"
        ) from None
    for index, columns in enumerate(imported.experiences):
        session.add(Experience(profile_id=profile.id, display_order=index, **columns))
    for index, columns in enumerate(imported.projects):
        session.add(Project(profile_id=profile.id, display_order=index, **columns))
    for index, columns in enumerate(imported.education):
        session.add(Education(profile_id=profile.id, display_order=index, **columns))
    for section, entries in imported.entries.items():
        for index, data in enumerate(entries):
            session.add(ProfileEntry(profile_id=profile.id, section=section, data=data, display_order=index))
    await session.flush()
    return await _reload(session, profile.id), created


async def merge_json_resume(
    session: AsyncSession, *, owner: User, document: dict[str, Any]
) -> tuple[Profile, bool]:
    """Add what the document holds and the profile does not (merging.py); True when created.

    Without a profile this is an import. Nothing the profile holds is overwritten.
    """
    imported = jsonresume.parse(document)
    if await find_profile(session, owner=owner) is None:
        return await import_json_resume(session, owner=owner, document=document)
    profile = await get_full_profile(session, owner=owner)
    additions = merging.merge_profile(profile, imported)
    sections: tuple[
        tuple[type[Experience] | type[Project] | type[Education], str, list[dict[str, Any]], int], ...
    ] = (
        (Experience, "experiences", additions.experiences, len(profile.experiences)),
        (Project, "projects", additions.projects, len(profile.projects)),
        (Education, "education", additions.education, len(profile.education)),
    )
    for model, section, rows, count in sections:
        if count + len(rows) > MAX_ITEMS:
            raise TooManyItems(
                f"{section}: merging would make {count + len(rows)}; a profile holds at most {MAX_ITEMS}",
                details=[{"field": section, "message": f"at most {MAX_ITEMS} items"}],
            )
        position = max((row.display_order or 0 for row in getattr(profile, section)), default=-1) + 1
        for offset, columns in enumerate(rows):
            session.add(model(profile_id=profile.id, display_order=position + offset, **columns))
    # Volunteering, awards and the other entry sections: entries not already there are appended.
    for entry_section, entries in imported.entries.items():
        held = [entry for entry in profile.entries if entry.section == entry_section]
        known = [entry.data for entry in held]
        new = [data for data in entries if data not in known][: max(0, MAX_ITEMS - len(held))]
        position = max((entry.display_order or 0 for entry in held), default=-1) + 1
        for offset, data in enumerate(new):
            session.add(
                ProfileEntry(
                    profile_id=profile.id, section=entry_section, data=data, display_order=position + offset
                )
            )
    await session.flush()
    return await _reload(session, profile.id), False


async def export_json_resume(session: AsyncSession, *, owner: User) -> dict[str, Any]:
    return jsonresume.export(await get_full_profile(session, owner=owner))


# --- item rules ------------------------------------------------------------------------------


def _check_dates(start: str | None, end: str | None, is_current: bool | None, prefix: str = "") -> None:
    if is_current and end is not None:
        raise InvalidDates(
            f"{prefix}end_date: a current role has no end date; remove end_date or set is_current to false",
            details=[{"field": f"{prefix}end_date", "message": "must be null when is_current is true"}],
        )
    if start and end and date_is_before(end, start):
        raise InvalidDates(
            f"{prefix}end_date: {end} is before start_date {start}",
            details=[{"field": f"{prefix}end_date", "message": f"{end} is before start_date {start}"}],
        )


def _experience_columns(data: ExperienceCreate) -> dict[str, Any]:
    columns = data.model_dump(exclude={"bullets"})
    columns["description"] = join_bullets(data.bullets)
    return columns


def _project_columns(data: ProjectCreate) -> dict[str, Any]:
    columns = data.model_dump(exclude={"bullets"})
    columns["description"] = join_bullets(data.bullets)
    return columns


def _changes(data: ExperienceUpdate | ProjectUpdate | EducationUpdate) -> dict[str, Any]:
    changes = data.model_dump(exclude_unset=True)
    if "bullets" in changes:
        # Enhanced text stays; it shows as stale until the next enhancement.
        changes["description"] = join_bullets(changes.pop("bullets"))
    return changes


def _check_item_choice(row: Experience | Project, changes: dict[str, Any], noun: str) -> None:
    if changes.get("use_enhanced") and row.enhanced_description is None:
        raise NoEnhancedText(
            f"This {noun} has no enhanced bullets to use yet: run an enhancement first",
            details=[{"field": "use_enhanced", "message": "no enhanced bullets"}],
        )


async def _get_item(
    session: AsyncSession, model: type[Item], *, owner: User, item_id: str, missing: NotFound
) -> Item:
    row = await session.scalar(
        select(model)
        .join(Profile, model.profile_id == Profile.id)
        .where(model.id == item_id, Profile.user_id == owner.id)
    )
    if row is None:  # not yours and not there look the same
        raise missing
    return row


async def _list_items(session: AsyncSession, model: type[Item], profile: Profile) -> list[Item]:
    rows = await session.scalars(
        select(model)
        .where(model.profile_id == profile.id)
        .order_by(model.display_order, model.created_at, model.id)
    )
    return list(rows)


async def _next_position(session: AsyncSession, model: type[Item], profile: Profile, section: str) -> int:
    count, highest = (
        await session.execute(
            select(func.count(), func.max(model.display_order)).where(model.profile_id == profile.id)
        )
    ).one()
    if count >= MAX_ITEMS:
        raise TooManyItems(
            f"{section}: a profile holds at most {MAX_ITEMS}; delete one first",
            details=[{"field": section, "message": f"at most {MAX_ITEMS} items"}],
        )
    return 0 if highest is None else int(highest) + 1


async def _reorder(
    session: AsyncSession, model: type[Item], profile: Profile, ids: list[str], section: str
) -> list[Item]:
    rows = await _list_items(session, model, profile)
    by_id = {row.id: row for row in rows}
    duplicates = sorted(item_id for item_id, count in Counter(ids).items() if count > 1)
    unknown = [item_id for item_id in dict.fromkeys(ids) if item_id not in by_id]
    missing = [row.id for row in rows if row.id not in set(ids)]
    if duplicates or unknown or missing:
        raise InvalidOrder(
            f"ids must list each of your {section} exactly once",
            details=[
                {
                    "field": "ids",
                    "message": f"must list each of your {section} exactly once",
                    "missing": missing,
                    "unknown": unknown,
                    "duplicates": duplicates,
                }
            ],
        )
    for position, item_id in enumerate(ids):
        by_id[item_id].display_order = position
    await session.flush()
    return [by_id[item_id] for item_id in ids]


async def _add_item(
    session: AsyncSession, model: type[Item], profile: Profile, section: str, columns: dict[str, Any]
) -> Item:
    """A new row of the section, last in display order."""
    position = await _next_position(session, model, profile, section)
    row = model(profile_id=profile.id, display_order=position, **columns)
    session.add(row)
    await session.flush()
    return row


async def _apply(session: AsyncSession, row: Item, changes: dict[str, Any]) -> Item:
    for name, value in changes.items():
        setattr(row, name, value)
    await session.flush()
    return row


async def delete_item(
    session: AsyncSession, *, item: Experience | Project | Education | ProfileEntry
) -> None:
    await session.delete(item)
    await session.flush()


Enhanceable = TypeVar("Enhanceable", Experience, Project)


async def _revert(session: AsyncSession, row: Enhanceable, noun: str) -> Enhanceable:
    """Swap the enhanced and previous enhanced bullets (a second revert undoes the first)."""
    if row.previous_enhanced_description is None:
        raise NoPreviousVersion(f"This {noun} has no previous enhanced version to go back to")
    row.enhanced_description, row.previous_enhanced_description = (
        row.previous_enhanced_description,
        row.enhanced_description,
    )
    # Each version keeps the description it was made from, so staleness follows the text.
    row.enhanced_source, row.previous_enhanced_source = row.previous_enhanced_source, row.enhanced_source
    await session.flush()
    return row


# --- experiences -----------------------------------------------------------------------------


async def get_experience(session: AsyncSession, *, owner: User, experience_id: str) -> Experience:
    return await _get_item(
        session,
        Experience,
        owner=owner,
        item_id=experience_id,
        missing=ExperienceNotFound(f"No experience {experience_id}"),
    )


async def list_experiences(session: AsyncSession, *, profile: Profile) -> list[Experience]:
    return await _list_items(session, Experience, profile)


async def create_experience(session: AsyncSession, *, profile: Profile, data: ExperienceCreate) -> Experience:
    _check_dates(data.start_date, data.end_date, data.is_current)
    return await _add_item(session, Experience, profile, "experiences", _experience_columns(data))


async def update_experience(
    session: AsyncSession, *, experience: Experience, data: ExperienceUpdate
) -> Experience:
    changes = _changes(data)
    _check_dates(
        changes.get("start_date", experience.start_date),
        changes.get("end_date", experience.end_date),
        changes.get("is_current", experience.is_current),
    )
    _check_item_choice(experience, changes, "experience")
    return await _apply(session, experience, changes)


async def reorder_experiences(session: AsyncSession, *, profile: Profile, ids: list[str]) -> list[Experience]:
    return await _reorder(session, Experience, profile, ids, "experiences")


async def revert_experience(session: AsyncSession, *, experience: Experience) -> Experience:
    return await _revert(session, experience, "experience")


# --- projects --------------------------------------------------------------------------------


async def get_project(session: AsyncSession, *, owner: User, project_id: str) -> Project:
    return await _get_item(
        session, Project, owner=owner, item_id=project_id, missing=ProjectNotFound(f"No project {project_id}")
    )


async def list_projects(session: AsyncSession, *, profile: Profile) -> list[Project]:
    return await _list_items(session, Project, profile)


async def create_project(session: AsyncSession, *, profile: Profile, data: ProjectCreate) -> Project:
    _check_dates(data.start_date, data.end_date, None)
    return await _add_item(session, Project, profile, "projects", _project_columns(data))


async def update_project(session: AsyncSession, *, project: Project, data: ProjectUpdate) -> Project:
    changes = _changes(data)
    _check_dates(
        changes.get("start_date", project.start_date), changes.get("end_date", project.end_date), None
    )
    _check_item_choice(project, changes, "project")
    return await _apply(session, project, changes)


async def reorder_projects(session: AsyncSession, *, profile: Profile, ids: list[str]) -> list[Project]:
    return await _reorder(session, Project, profile, ids, "projects")


async def revert_project(session: AsyncSession, *, project: Project) -> Project:
    return await _revert(session, project, "project")


# --- education -------------------------------------------------------------------------------


async def get_education(session: AsyncSession, *, owner: User, education_id: str) -> Education:
    return await _get_item(
        session,
        Education,
        owner=owner,
        item_id=education_id,
        missing=EducationNotFound(f"No education entry {education_id}"),
    )


async def list_education(session: AsyncSession, *, profile: Profile) -> list[Education]:
    return await _list_items(session, Education, profile)


async def create_education(session: AsyncSession, *, profile: Profile, data: EducationCreate) -> Education:
    _check_dates(data.start_date, data.end_date, None)
    return await _add_item(session, Education, profile, "education", data.model_dump())


async def update_education(
    session: AsyncSession, *, education: Education, data: EducationUpdate
) -> Education:
    changes = _changes(data)
    _check_dates(
        changes.get("start_date", education.start_date), changes.get("end_date", education.end_date), None
    )
    return await _apply(session, education, changes)


async def reorder_education(session: AsyncSession, *, profile: Profile, ids: list[str]) -> list[Education]:
    return await _reorder(session, Education, profile, ids, "education")


# --- volunteer, awards, certificates, publications, languages, interests ---------------------


async def get_entry(
    session: AsyncSession, *, owner: User, section: SectionName, entry_id: str
) -> ProfileEntry:
    row = await session.scalar(
        select(ProfileEntry)
        .join(Profile, ProfileEntry.profile_id == Profile.id)
        .where(ProfileEntry.id == entry_id, ProfileEntry.section == section, Profile.user_id == owner.id)
    )
    if row is None:  # not yours, not there and not of this section look the same
        raise EntryNotFound(f"No {section} entry {entry_id}")
    return row


async def list_entries(
    session: AsyncSession, *, profile: Profile, section: SectionName
) -> list[ProfileEntry]:
    rows = await session.scalars(
        select(ProfileEntry)
        .where(ProfileEntry.profile_id == profile.id, ProfileEntry.section == section)
        .order_by(ProfileEntry.display_order, ProfileEntry.created_at, ProfileEntry.id)
    )
    return list(rows)


def _check_entry_dates(data: dict[str, Any]) -> None:
    start, end = data.get("startDate"), data.get("endDate")
    if isinstance(start, str) and isinstance(end, str):
        _check_dates(start, end, None)


async def create_entry(
    session: AsyncSession, *, profile: Profile, section: SectionName, data: dict[str, Any]
) -> ProfileEntry:
    """Add an entry (its JSON Resume object, null keys left out); it goes last in display order."""
    data = {key: value for key, value in data.items() if value is not None}
    _check_entry_dates(data)
    rows = await list_entries(session, profile=profile, section=section)
    if len(rows) >= MAX_ITEMS:
        raise TooManyItems(
            f"{section}: a profile holds at most {MAX_ITEMS}; delete one first",
            details=[{"field": section, "message": f"at most {MAX_ITEMS} items"}],
        )
    highest = max((row.display_order or 0 for row in rows), default=-1)
    row = ProfileEntry(profile_id=profile.id, section=section, data=data, display_order=highest + 1)
    session.add(row)
    await session.flush()
    return row


async def update_entry(
    session: AsyncSession, *, entry: ProfileEntry, changes: dict[str, Any]
) -> ProfileEntry:
    """Keys sent replace, null removes one; the others (imported keys too) stay."""
    data = dict(entry.data)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    _check_entry_dates(data)
    entry.data = data
    await session.flush()
    return entry


async def reorder_entries(
    session: AsyncSession, *, profile: Profile, section: SectionName, ids: list[str]
) -> list[ProfileEntry]:
    rows = await list_entries(session, profile=profile, section=section)
    by_id = {row.id: row for row in rows}
    if sorted(ids) != sorted(by_id):
        duplicates = sorted(item_id for item_id, count in Counter(ids).items() if count > 1)
        raise InvalidOrder(
            f"ids must list each of your {section} entries exactly once",
            details=[
                {
                    "field": "ids",
                    "message": f"must list each of your {section} entries exactly once",
                    "missing": [row.id for row in rows if row.id not in set(ids)],
                    "unknown": [item_id for item_id in dict.fromkeys(ids) if item_id not in by_id],
                    "duplicates": duplicates,
                }
            ],
        )
    for position, item_id in enumerate(ids):
        by_id[item_id].display_order = position
    await session.flush()
    return [by_id[item_id] for item_id in ids]
