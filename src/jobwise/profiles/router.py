"""The master profile: /api/v1/profiles (the bearer token is required by main.py's /api/v1 router)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.errors import raises
from jobwise.http_cache import NOT_MODIFIED, not_modified
from jobwise.models import SECTIONS, Profile, ProfileEntry, SectionName
from jobwise.profiles import read_model, service
from jobwise.profiles.dependencies import (
    CurrentProfile,
    OwnedEducation,
    OwnedExperience,
    OwnedProject,
    check_profile_version,
)
from jobwise.profiles.jsonresume import InvalidJsonResume, JsonResumeTooLarge
from jobwise.profiles.schemas import (
    ENTRY_MODELS,
    EducationCreate,
    EducationRead,
    EducationUpdate,
    EntryRead,
    ExperienceCreate,
    ExperienceRead,
    ExperienceUpdate,
    ItemOrder,
    ProfileCreate,
    ProfileRead,
    ProfileReplace,
    ProfileUpdate,
    ProjectCreate,
    ProjectRead,
    ProjectUpdate,
)

router = APIRouter(prefix="/profiles", tags=["Profiles"], dependencies=[Depends(check_profile_version)])

_SAMPLE_RESUME = {
    "basics": {"name": "Ada Lovelace", "label": "Engineer", "summary": "Writes careful software."},
    "work": [
        {
            "name": "Analytical Engines",
            "position": "Engineer",
            "location": "London",
            "startDate": "1843-01",
            "highlights": ["Wrote the first published algorithm"],
        }
    ],
}


# --- the profile -----------------------------------------------------------------------------


@router.post("", status_code=status.HTTP_201_CREATED)
@raises(service.ProfileExists, service.InvalidDates)
async def create_profile(data: ProfileCreate, user: CurrentUser, session: SessionDep) -> ProfileRead:
    """Create your master profile (one per user; 409 if you have one), items included if sent."""
    return ProfileRead.from_model(await service.create_profile(session, owner=user, data=data))


@router.get("/me", response_model=ProfileRead, responses=NOT_MODIFIED)
@raises(service.ProfileNotFound)
async def read_profile(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """The whole profile: items in display order, with the original, enhanced and previous enhanced
    text of the summary and of each item's bullets. Its `ETag` names this version: send it back in
    If-None-Match for a 304 when nothing changed, and in If-Match on a change to refuse (412) one
    made from a stale copy."""
    conditional = "if-none-match" in request.headers
    view = await read_model.stored_view(session, user.id, with_body=not conditional)
    if view is None:
        raise service.ProfileNotFound(service.NO_PROFILE)
    unchanged = not_modified(request, view.etag)
    if unchanged is not None:
        return unchanged
    if conditional:
        view = await read_model.stored_view(session, user.id) or view
    body, tag = view.body, view.etag
    if body is None:
        # No current stored view (see profiles/read_model.py): built from the tables.
        profile = await service.get_full_profile(session, owner=user)
        body, tag = read_model.render(profile), read_model.etag(profile.id, profile.revision)
    return Response(body, media_type="application/json", headers={"ETag": tag})


async def _versioned(session: SessionDep, profile: Profile, response: Response) -> ProfileRead:
    await session.flush()
    response.headers["ETag"] = read_model.etag(profile.id, profile.revision)
    return ProfileRead.from_model(profile)


@router.put("/me")
@raises(service.NoEnhancedText)
async def replace_profile(
    data: ProfileReplace, profile: CurrentProfile, session: SessionDep, response: Response
) -> ProfileRead:
    """Replace the profile's own fields; items change through their own routes."""
    return await _versioned(
        session, await service.replace_profile(session, profile=profile, data=data), response
    )


@router.patch("/me")
@raises(service.NoEnhancedText)
async def update_profile(
    data: ProfileUpdate, profile: CurrentProfile, session: SessionDep, response: Response
) -> ProfileRead:
    """Change the fields sent; personal_info merges key by key (null removes a key)."""
    return await _versioned(
        session, await service.update_profile(session, profile=profile, data=data), response
    )


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
async def delete_profile(profile: CurrentProfile, session: SessionDep) -> None:
    """Delete the profile and all its items."""
    await service.delete_profile(session, profile=profile)


@router.post("/me/summary/revert")
@raises(service.NoPreviousVersion)
async def revert_summary(profile: CurrentProfile, session: SessionDep) -> ProfileRead:
    """Swap the enhanced and previous enhanced summary (a second revert undoes the first)."""
    return ProfileRead.from_model(await service.revert_summary(session, profile=profile))


# --- JSON Resume -----------------------------------------------------------------------------


@router.put(
    "/me/json-resume",
    responses={201: {"model": ProfileRead, "description": "The profile was created"}},
)
@raises(InvalidJsonResume, JsonResumeTooLarge, service.ProfileExists, service.TooManyItems)
async def import_json_resume(
    document: Annotated[
        dict[str, Any], Body(description="A JSON Resume document", examples=[_SAMPLE_RESUME])
    ],
    response: Response,
    user: CurrentUser,
    session: SessionDep,
    mode: Annotated[
        Literal["replace", "merge"],
        Query(description="replace everything (default), or merge: add what is new, overwrite nothing"),
    ] = "replace",
) -> ProfileRead:
    """Create or replace the profile and all its items from a JSON Resume document (200, or 201 when
    created). Sections JobWise doesn't model are kept, so exporting gives the same document back.
    With `mode=merge` (for a draft from POST /profiles/import) nothing the profile holds is
    replaced: missing details are filled, new entries, bullets, links and skills are added."""
    if mode == "merge":
        profile, created = await service.merge_json_resume(session, owner=user, document=document)
    else:
        profile, created = await service.import_json_resume(session, owner=user, document=document)
    if created:
        response.status_code = status.HTTP_201_CREATED
    return ProfileRead.from_model(profile)


@router.get("/me/json-resume")
@raises(service.ProfileNotFound)
async def export_json_resume(user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """The profile as a JSON Resume document (the original texts, not enhanced ones)."""
    return await service.export_json_resume(session, owner=user)


# --- experiences -----------------------------------------------------------------------------


@router.get("/me/experiences")
async def list_experiences(profile: CurrentProfile, session: SessionDep) -> list[ExperienceRead]:
    return [
        ExperienceRead.from_model(row) for row in await service.list_experiences(session, profile=profile)
    ]


@router.post("/me/experiences", status_code=status.HTTP_201_CREATED)
@raises(service.InvalidDates, service.TooManyItems)
async def create_experience(
    data: ExperienceCreate, profile: CurrentProfile, session: SessionDep
) -> ExperienceRead:
    """Add an experience; it goes last in display order."""
    return ExperienceRead.from_model(await service.create_experience(session, profile=profile, data=data))


@router.put("/me/experiences/order")
@raises(service.InvalidOrder)
async def reorder_experiences(
    data: ItemOrder, profile: CurrentProfile, session: SessionDep
) -> list[ExperienceRead]:
    """Set the display order: `ids` must hold each of your experiences exactly once."""
    rows = await service.reorder_experiences(session, profile=profile, ids=data.ids)
    return [ExperienceRead.from_model(row) for row in rows]


@router.get("/me/experiences/{experience_id}")
async def read_experience(experience: OwnedExperience) -> ExperienceRead:
    return ExperienceRead.from_model(experience)


@router.patch("/me/experiences/{experience_id}")
@raises(service.InvalidDates, service.NoEnhancedText)
async def update_experience(
    data: ExperienceUpdate, experience: OwnedExperience, session: SessionDep
) -> ExperienceRead:
    """Change the fields sent. Editing the bullets keeps the enhanced ones, marked stale."""
    return ExperienceRead.from_model(
        await service.update_experience(session, experience=experience, data=data)
    )


@router.delete("/me/experiences/{experience_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_experience(experience: OwnedExperience, session: SessionDep) -> None:
    await service.delete_item(session, item=experience)


@router.post("/me/experiences/{experience_id}/revert")
@raises(service.NoPreviousVersion)
async def revert_experience(experience: OwnedExperience, session: SessionDep) -> ExperienceRead:
    """Swap the enhanced and previous enhanced bullets (a second revert undoes the first)."""
    return ExperienceRead.from_model(await service.revert_experience(session, experience=experience))


# --- projects --------------------------------------------------------------------------------


@router.get("/me/projects")
async def list_projects(profile: CurrentProfile, session: SessionDep) -> list[ProjectRead]:
    return [ProjectRead.from_model(row) for row in await service.list_projects(session, profile=profile)]


@router.post("/me/projects", status_code=status.HTTP_201_CREATED)
@raises(service.InvalidDates, service.TooManyItems)
async def create_project(data: ProjectCreate, profile: CurrentProfile, session: SessionDep) -> ProjectRead:
    """Add a project; it goes last in display order."""
    return ProjectRead.from_model(await service.create_project(session, profile=profile, data=data))


@router.put("/me/projects/order")
@raises(service.InvalidOrder)
async def reorder_projects(
    data: ItemOrder, profile: CurrentProfile, session: SessionDep
) -> list[ProjectRead]:
    """Set the display order: `ids` must hold each of your projects exactly once."""
    rows = await service.reorder_projects(session, profile=profile, ids=data.ids)
    return [ProjectRead.from_model(row) for row in rows]


@router.get("/me/projects/{project_id}")
async def read_project(project: OwnedProject) -> ProjectRead:
    return ProjectRead.from_model(project)


@router.patch("/me/projects/{project_id}")
@raises(service.InvalidDates, service.NoEnhancedText)
async def update_project(data: ProjectUpdate, project: OwnedProject, session: SessionDep) -> ProjectRead:
    """Change the fields sent. Editing the bullets keeps the enhanced ones, marked stale."""
    return ProjectRead.from_model(await service.update_project(session, project=project, data=data))


@router.delete("/me/projects/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_project(project: OwnedProject, session: SessionDep) -> None:
    await service.delete_item(session, item=project)


@router.post("/me/projects/{project_id}/revert")
@raises(service.NoPreviousVersion)
async def revert_project(project: OwnedProject, session: SessionDep) -> ProjectRead:
    """Swap the enhanced and previous enhanced bullets (a second revert undoes the first)."""
    return ProjectRead.from_model(await service.revert_project(session, project=project))


# --- education -------------------------------------------------------------------------------


@router.get("/me/education")
async def list_education(profile: CurrentProfile, session: SessionDep) -> list[EducationRead]:
    return [EducationRead.from_model(row) for row in await service.list_education(session, profile=profile)]


@router.post("/me/education", status_code=status.HTTP_201_CREATED)
@raises(service.InvalidDates, service.TooManyItems)
async def create_education(
    data: EducationCreate, profile: CurrentProfile, session: SessionDep
) -> EducationRead:
    """Add an education entry; it goes last in display order."""
    return EducationRead.from_model(await service.create_education(session, profile=profile, data=data))


@router.put("/me/education/order")
@raises(service.InvalidOrder)
async def reorder_education(
    data: ItemOrder, profile: CurrentProfile, session: SessionDep
) -> list[EducationRead]:
    """Set the display order: `ids` must hold each of your education entries exactly once."""
    rows = await service.reorder_education(session, profile=profile, ids=data.ids)
    return [EducationRead.from_model(row) for row in rows]


@router.get("/me/education/{education_id}")
async def read_education(education: OwnedEducation) -> EducationRead:
    return EducationRead.from_model(education)


@router.patch("/me/education/{education_id}")
@raises(service.InvalidDates)
async def update_education(
    data: EducationUpdate, education: OwnedEducation, session: SessionDep
) -> EducationRead:
    return EducationRead.from_model(await service.update_education(session, education=education, data=data))


@router.delete("/me/education/{education_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_education(education: OwnedEducation, session: SessionDep) -> None:
    await service.delete_item(session, item=education)


# --- volunteer, awards, certificates, publications, languages, interests ---------------------
# One literal path per section (not /me/{section}, which would also catch /me/json-resume and
# answer a wrong method there with 422 instead of 405), each with its section's own body schema.


def _typed(endpoint: Callable[..., Any], **types: Any) -> Callable[..., Any]:
    """FastAPI reads a parameter's type from the signature: the section's own body model and
    owned-entry dependency are objects made per section, set here (not names it could look up)."""
    signature = inspect.signature(endpoint)
    params = [
        param.replace(annotation=types[name]) if name in types else param
        for name, param in signature.parameters.items()
    ]
    endpoint.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    return endpoint


def _add_section(section: SectionName) -> None:
    new_model, patch_model = ENTRY_MODELS[section]
    path = f"/me/{section}"
    label = section.rstrip("s")

    @raises(service.EntryNotFound)
    async def owned_entry(entry_id: str, user: CurrentUser, session: SessionDep) -> ProfileEntry:
        return await service.get_entry(session, owner=user, section=section, entry_id=entry_id)

    async def list_entries(profile: CurrentProfile, session: SessionDep) -> list[EntryRead]:
        rows = await service.list_entries(session, profile=profile, section=section)
        return [EntryRead.from_model(row) for row in rows]

    @raises(service.InvalidDates, service.TooManyItems)
    async def create_entry(data: Any, profile: CurrentProfile, session: SessionDep) -> EntryRead:
        values = data.model_dump(exclude_none=True)
        return EntryRead.from_model(
            await service.create_entry(session, profile=profile, section=section, data=values)
        )

    @raises(service.InvalidOrder)
    async def reorder_entries(
        data: ItemOrder, profile: CurrentProfile, session: SessionDep
    ) -> list[EntryRead]:
        rows = await service.reorder_entries(session, profile=profile, section=section, ids=data.ids)
        return [EntryRead.from_model(row) for row in rows]

    owned = Annotated[ProfileEntry, Depends(owned_entry)]

    async def read_entry(entry: ProfileEntry) -> EntryRead:
        return EntryRead.from_model(entry)

    @raises(service.InvalidDates)
    async def update_entry(data: Any, entry: ProfileEntry, session: SessionDep) -> EntryRead:
        # Keys sent replace, null removes one; keys not sent (imported ones too) stay.
        changes = data.model_dump(exclude_unset=True)
        return EntryRead.from_model(await service.update_entry(session, entry=entry, changes=changes))

    async def delete_entry(entry: ProfileEntry, session: SessionDep) -> None:
        await service.delete_item(session, item=entry)

    one, many = EntryRead, list[EntryRead]
    routes: list[tuple[str, str, Callable[..., Any], int, Any, str]] = [
        ("GET", path, list_entries, 200, many, f"The {section} entries in display order"),
        ("POST", path, _typed(create_entry, data=new_model), 201, one, f"Add a {label} entry"),
        ("PUT", f"{path}/order", reorder_entries, 200, many, f"Set the order of the {section} entries"),
        ("GET", f"{path}/{{entry_id}}", _typed(read_entry, entry=owned), 200, one, f"One {label} entry"),
        (
            "PATCH",
            f"{path}/{{entry_id}}",
            _typed(update_entry, data=patch_model, entry=owned),
            200,
            one,
            f"Change a {label} entry: keys sent replace, null removes one, others stay",
        ),
        (
            "DELETE",
            f"{path}/{{entry_id}}",
            _typed(delete_entry, entry=owned),
            204,
            None,
            f"Delete a {label} entry",
        ),
    ]
    for method, route_path, endpoint, status_code, response_model, summary in routes:
        endpoint.__name__ = f"{endpoint.__name__}_{section}"
        router.add_api_route(
            route_path,
            endpoint,
            methods=[method],
            status_code=status_code,
            response_model=response_model,
            summary=summary,
        )


for _section in SECTIONS:
    _add_section(_section)
