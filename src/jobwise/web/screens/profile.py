"""The profile editor: personal details, summary, skills, experiences, projects and education,
each form saving itself; items and bullets reordered with Move up / Move down; JSON Resume import
and export.

Every change goes through profiles.service, exactly as PATCH /api/v1/profiles/me/... does.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse

from jobwise.ai.dependencies import EngineDep
from jobwise.db import SessionDep, commit
from jobwise.dependencies import SettingsDep
from jobwise.errors import InvalidInput
from jobwise.models import Education, Experience, Profile, Project
from jobwise.profiles import service as profiles
from jobwise.profiles.jsonresume import MAX_DOCUMENT_BYTES, InvalidJsonResume
from jobwise.profiles.schemas import EducationRead, ExperienceRead, ProfileRead, ProjectRead
from jobwise.samples.upload import receive_form
from jobwise.web.dependencies import FullProfileOrNone, StorageDep
from jobwise.web.forms import (
    Direction,
    EducationForm,
    ExperienceForm,
    PersonalForm,
    ProjectForm,
    SkillsForm,
    SummaryForm,
    apply_bullet_action,
    moved_to,
)
from jobwise.web.pages import WebRoute, render
from jobwise.web.screens import resume_import
from jobwise.web.session import WEB_PREFIX, WebUser

router = APIRouter(prefix="/profile", route_class=WebRoute)

Kind = Literal["experiences", "projects", "education"]
ItemRead = ExperienceRead | ProjectRead | EducationRead


def _reads(kind: Kind, rows: Sequence[Experience | Project | Education]) -> list[Any]:
    schema: Any = {"experiences": ExperienceRead, "projects": ProjectRead, "education": EducationRead}[kind]
    return [schema.from_model(row) for row in rows]


@router.get("")
async def profile_page(
    request: Request, user: WebUser, profile: FullProfileOrNone, settings: SettingsDep, engine: EngineDep
) -> Response:
    return render(
        request,
        "profile.html",
        {
            "title": "Profile",
            "nav": "profile",
            "user": user,
            "profile": ProfileRead.from_model(profile) if profile is not None else None,
            "focus": None,
            "max_bytes": settings.max_upload_bytes,
            "llm_import": resume_import.can_revise(engine),
        },
    )


# --- the profile's own fields ----------------------------------------------------------------


@router.post("")
async def create_profile(
    form: Annotated[PersonalForm, Form()], user: WebUser, session: SessionDep
) -> Response:
    await profiles.create_profile(session, owner=user, data=form.to_create())
    return Response(status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/profile"})


async def _profile(session: SessionDep, user: WebUser) -> Profile:
    return await profiles.get_profile(session, owner=user)


@router.post("/personal")
async def save_personal(
    form: Annotated[PersonalForm, Form()], user: WebUser, session: SessionDep
) -> Response:
    await profiles.update_profile(session, profile=await _profile(session, user), data=form.to_update())
    return Response(status_code=204)


@router.post("/summary")
async def save_summary(form: Annotated[SummaryForm, Form()], user: WebUser, session: SessionDep) -> Response:
    await profiles.update_profile(session, profile=await _profile(session, user), data=form.to_update())
    return Response(status_code=204)


@router.post("/skills")
async def save_skills(form: Annotated[SkillsForm, Form()], user: WebUser, session: SessionDep) -> Response:
    profile = await _profile(session, user)
    await profiles.update_profile(session, profile=profile, data=form.to_update(list(profile.skills or [])))
    return Response(status_code=204)


# --- items -----------------------------------------------------------------------------------


def _section(request: Request, kind: Kind, rows: Sequence[Any], *, focus: str | None = None) -> HTMLResponse:
    return render(
        request, "partials/section.html", {"kind": kind, "items": _reads(kind, rows), "focus": focus}
    )


def _item(
    request: Request,
    kind: Kind,
    row: Any,
    *,
    bullets: list[str] | None,
    action: str | None,
    first: bool,
    last: bool,
) -> HTMLResponse:
    read = _reads(kind, [row])[0]
    return render(
        request,
        "partials/item.html",
        {
            "kind": kind,
            "item": read,
            "bullets": read.bullets if bullets is None else bullets,
            "focus": _bullet_focus(action, len(bullets or [])),
            "first": first,
            "last": last,
            "fresh": False,
        },
    )


def _bullet_focus(action: str | None, count: int) -> str | None:
    """Where the keyboard focus goes after a bullet action: the same kind of control, on the bullet
    it moved, or that bullet's text when the control is now disabled (first or last)."""
    if not action:
        return None
    if action == "add_bullet":
        return f"bullet-{count - 1}"
    verb, _, position = action.partition(":")
    if verb == "to":
        return None  # a drag: the pointer, not the keyboard, moved it
    index = int(position)
    if verb == "up":
        return f"up-{index - 1}" if index > 1 else "bullet-0"
    if verb == "down":
        return f"down-{index + 1}" if index + 1 < count - 1 else f"bullet-{count - 1}"
    return "add"


def _position(rows: Sequence[Any], row_id: str) -> tuple[bool, bool]:
    ids = [row.id for row in rows]
    index = ids.index(row_id)
    return index == 0, index == len(ids) - 1


def _moved(ids: list[str], row_id: str, move: Direction) -> list[str]:
    index = ids.index(row_id)
    if move.to is not None:  # dragged to a place
        return moved_to(ids, index, move.to)
    other = index - 1 if move.direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    return ids


def _move_focus(row_id: str, move: Direction) -> str | None:
    # The keyboard's focus follows the button pressed; a drag leaves it where the pointer was.
    return f"{row_id}-{move.direction}" if move.direction else None


@router.post("/experiences")
async def add_experience(
    request: Request, form: Annotated[ExperienceForm, Form()], user: WebUser, session: SessionDep
) -> Response:
    profile = await _profile(session, user)
    row = await profiles.create_experience(session, profile=profile, data=form.to_create())
    rows = await profiles.list_experiences(session, profile=profile)
    return _section(request, "experiences", rows, focus=row.id)


@router.post("/experiences/{experience_id}")
async def save_experience(
    request: Request,
    experience_id: str,
    form: Annotated[ExperienceForm, Form()],
    user: WebUser,
    session: SessionDep,
) -> Response:
    row = await profiles.get_experience(session, owner=user, experience_id=experience_id)
    bullets = apply_bullet_action(form.bullets, form.action)
    data = form.model_copy(update={"bullets": bullets}).to_update()
    await profiles.update_experience(session, experience=row, data=data)
    if form.action is None:
        return render(
            request,
            "partials/item_heading.html",
            {"kind": "experiences", "item": _reads("experiences", [row])[0]},
        )
    rows = await profiles.list_experiences(session, profile=await _profile(session, user))
    first, last = _position(rows, row.id)
    return _item(request, "experiences", row, bullets=bullets, action=form.action, first=first, last=last)


@router.post("/experiences/{experience_id}/move")
async def move_experience(
    request: Request,
    experience_id: str,
    form: Annotated[Direction, Form()],
    user: WebUser,
    session: SessionDep,
) -> Response:
    await profiles.get_experience(session, owner=user, experience_id=experience_id)
    profile = await _profile(session, user)
    ids = [row.id for row in await profiles.list_experiences(session, profile=profile)]
    rows = await profiles.reorder_experiences(session, profile=profile, ids=_moved(ids, experience_id, form))
    return _section(request, "experiences", rows, focus=_move_focus(experience_id, form))


@router.post("/experiences/{experience_id}/delete")
async def delete_experience(
    request: Request, experience_id: str, user: WebUser, session: SessionDep
) -> Response:
    row = await profiles.get_experience(session, owner=user, experience_id=experience_id)
    await profiles.delete_item(session, item=row)
    rows = await profiles.list_experiences(session, profile=await _profile(session, user))
    return _section(request, "experiences", rows, focus="add")


@router.post("/projects")
async def add_project(
    request: Request, form: Annotated[ProjectForm, Form()], user: WebUser, session: SessionDep
) -> Response:
    profile = await _profile(session, user)
    row = await profiles.create_project(session, profile=profile, data=form.to_create())
    rows = await profiles.list_projects(session, profile=profile)
    return _section(request, "projects", rows, focus=row.id)


@router.post("/projects/{project_id}")
async def save_project(
    request: Request,
    project_id: str,
    form: Annotated[ProjectForm, Form()],
    user: WebUser,
    session: SessionDep,
) -> Response:
    row = await profiles.get_project(session, owner=user, project_id=project_id)
    bullets = apply_bullet_action(form.bullets, form.action)
    data = form.model_copy(update={"bullets": bullets}).to_update()
    await profiles.update_project(session, project=row, data=data)
    if form.action is None:
        return render(
            request, "partials/item_heading.html", {"kind": "projects", "item": _reads("projects", [row])[0]}
        )
    rows = await profiles.list_projects(session, profile=await _profile(session, user))
    first, last = _position(rows, row.id)
    return _item(request, "projects", row, bullets=bullets, action=form.action, first=first, last=last)


@router.post("/projects/{project_id}/move")
async def move_project(
    request: Request, project_id: str, form: Annotated[Direction, Form()], user: WebUser, session: SessionDep
) -> Response:
    await profiles.get_project(session, owner=user, project_id=project_id)
    profile = await _profile(session, user)
    ids = [row.id for row in await profiles.list_projects(session, profile=profile)]
    rows = await profiles.reorder_projects(session, profile=profile, ids=_moved(ids, project_id, form))
    return _section(request, "projects", rows, focus=_move_focus(project_id, form))


@router.post("/projects/{project_id}/delete")
async def delete_project(request: Request, project_id: str, user: WebUser, session: SessionDep) -> Response:
    row = await profiles.get_project(session, owner=user, project_id=project_id)
    await profiles.delete_item(session, item=row)
    rows = await profiles.list_projects(session, profile=await _profile(session, user))
    return _section(request, "projects", rows, focus="add")


@router.post("/education")
async def add_education(
    request: Request, form: Annotated[EducationForm, Form()], user: WebUser, session: SessionDep
) -> Response:
    profile = await _profile(session, user)
    row = await profiles.create_education(session, profile=profile, data=form.to_create())
    rows = await profiles.list_education(session, profile=profile)
    return _section(request, "education", rows, focus=row.id)


@router.post("/education/{education_id}")
async def save_education(
    request: Request,
    education_id: str,
    form: Annotated[EducationForm, Form()],
    user: WebUser,
    session: SessionDep,
) -> Response:
    row = await profiles.get_education(session, owner=user, education_id=education_id)
    await profiles.update_education(session, education=row, data=form.to_update())
    return render(
        request, "partials/item_heading.html", {"kind": "education", "item": _reads("education", [row])[0]}
    )


@router.post("/education/{education_id}/move")
async def move_education(
    request: Request,
    education_id: str,
    form: Annotated[Direction, Form()],
    user: WebUser,
    session: SessionDep,
) -> Response:
    await profiles.get_education(session, owner=user, education_id=education_id)
    profile = await _profile(session, user)
    ids = [row.id for row in await profiles.list_education(session, profile=profile)]
    rows = await profiles.reorder_education(session, profile=profile, ids=_moved(ids, education_id, form))
    return _section(request, "education", rows, focus=_move_focus(education_id, form))


@router.post("/education/{education_id}/delete")
async def delete_education(
    request: Request, education_id: str, user: WebUser, session: SessionDep
) -> Response:
    row = await profiles.get_education(session, owner=user, education_id=education_id)
    await profiles.delete_item(session, item=row)
    rows = await profiles.list_education(session, profile=await _profile(session, user))
    return _section(request, "education", rows, focus="add")


# --- JSON Resume -----------------------------------------------------------------------------


class NotJson(InvalidInput):
    code = "invalid_json_resume"


@router.post("/json-resume")
async def import_json_resume(
    request: Request, user: WebUser, session: SessionDep, storage: StorageDep
) -> Response:
    # Nothing is written before the file is in: end the read that found the user (as uploads do).
    await commit(session)
    async with receive_form(
        request,
        storage=storage,
        directory=storage.samples_dir(user.id),
        max_file_bytes=MAX_DOCUMENT_BYTES,
        file_field="file",
    ) as form:
        if form.file is None:
            raise NotJson("Choose a JSON Resume file (.json) to import.")
        raw = await asyncio.to_thread(form.file.path.read_bytes)
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise NotJson("This file is not JSON: export your résumé as a JSON Resume (.json) file.") from None
    if not isinstance(document, dict):
        raise InvalidJsonResume("A JSON Resume file holds one object, with sections such as basics and work.")
    await profiles.import_json_resume(session, owner=user, document=document)
    return Response(status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/profile?notice=profile-imported"})


@router.get("/json-resume")
async def export_json_resume(user: WebUser, session: SessionDep) -> Response:
    document = await profiles.export_json_resume(session, owner=user)
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="resume.json"'},
    )
