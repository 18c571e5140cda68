"""Ownership, decided once per resource: another user's item is a 404, like a missing one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import JsonValue, ValidationError

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import READ_METHODS, SessionDep
from jobwise.errors import PreconditionFailed, raises
from jobwise.http_cache import check_if_match
from jobwise.models import Education, Experience, Profile, ProfileEntry, Project, SectionName
from jobwise.profiles import read_model, service
from jobwise.profiles.schemas import ENTRY_MODELS


@raises(PreconditionFailed)
async def check_profile_version(request: Request, user: CurrentUser, session: SessionDep) -> None:
    """A change to the profile or any of its items made from a stale copy (If-Match) is a 412."""
    if request.method in READ_METHODS or "if-match" not in request.headers:
        return
    view = await read_model.stored_view(session, user.id)
    if view is not None:
        check_if_match(request, view.etag, what="Your profile")


@raises(service.ProfileNotFound)
async def get_current_profile(user: CurrentUser, session: SessionDep) -> Profile:
    return await service.get_profile(session, owner=user)


@raises(service.ExperienceNotFound)
async def get_owned_experience(experience_id: str, user: CurrentUser, session: SessionDep) -> Experience:
    return await service.get_experience(session, owner=user, experience_id=experience_id)


@raises(service.ProjectNotFound)
async def get_owned_project(project_id: str, user: CurrentUser, session: SessionDep) -> Project:
    return await service.get_project(session, owner=user, project_id=project_id)


@raises(service.EducationNotFound)
async def get_owned_education(education_id: str, user: CurrentUser, session: SessionDep) -> Education:
    return await service.get_education(session, owner=user, education_id=education_id)


@raises(service.EntryNotFound)
async def get_owned_entry(
    section: SectionName, entry_id: str, user: CurrentUser, session: SessionDep
) -> ProfileEntry:
    return await service.get_entry(session, owner=user, section=section, entry_id=entry_id)


# One body per section, chosen by the path: each section's own model validates it, and its
# errors read like any other body's ("body.name").
EntryBody = Annotated[
    dict[str, JsonValue],
    Body(
        description="The JSON Resume object, e.g. a certificate: "
        '{"name": "AWS Solutions Architect", "issuer": "Amazon", "date": "2023-04"}'
    ),
]


def _validated(section: SectionName, body: dict[str, JsonValue], *, patch: bool) -> dict[str, Any]:
    model = ENTRY_MODELS[section][1 if patch else 0]
    try:
        data = model.model_validate(body)
    except ValidationError as error:
        errors = [{**err, "loc": ("body", *err["loc"])} for err in error.errors(include_url=False)]
        raise RequestValidationError(errors) from None
    # A patch keeps null (it removes the key); a new entry leaves null keys out.
    return data.model_dump(exclude_unset=True) if patch else data.model_dump(exclude_none=True)


async def new_entry_data(section: SectionName, body: EntryBody) -> dict[str, Any]:
    return _validated(section, body, patch=False)


async def entry_changes(section: SectionName, body: EntryBody) -> dict[str, Any]:
    return _validated(section, body, patch=True)


CurrentProfile = Annotated[Profile, Depends(get_current_profile)]
OwnedExperience = Annotated[Experience, Depends(get_owned_experience)]
OwnedProject = Annotated[Project, Depends(get_owned_project)]
OwnedEducation = Annotated[Education, Depends(get_owned_education)]
OwnedEntry = Annotated[ProfileEntry, Depends(get_owned_entry)]
NewEntryData = Annotated[dict[str, Any], Depends(new_entry_data)]
EntryChanges = Annotated[dict[str, Any], Depends(entry_changes)]
