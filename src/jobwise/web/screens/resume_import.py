"""Importing a résumé file on the profile page: upload, check the draft field by field against
the line each value was read from, then apply it (replace) or merge it into the profile.

The same services as the JSON API: importing.service.import_resume (POST /api/v1/profiles/import)
reads the file, stores nothing; profiles.service.import_json_resume or merge_json_resume
(PUT /api/v1/profiles/me/json-resume, with or without ?mode=merge) applies the draft.
Between the two the draft travels in the preview's form, as the API client holds it between
its two calls: the person applies what they saw, and the server keeps nothing in between.
"""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request, Response

from jobwise.ai.dependencies import EngineDep
from jobwise.db import SessionDep
from jobwise.dependencies import SettingsDep
from jobwise.errors import InvalidInput
from jobwise.importing import service as importing
from jobwise.importing.dependencies import receive_resume_upload
from jobwise.importing.llm import LlmReviser
from jobwise.importing.schemas import ImportEngineName, ImportRead
from jobwise.profiles import service as profiles
from jobwise.profiles.jsonresume import MAX_DOCUMENT_BYTES
from jobwise.samples.dependencies import ExtractorDep
from jobwise.web.dependencies import StorageDep, rate_limit
from jobwise.web.forms import WebForm
from jobwise.web.pages import WebRoute, render
from jobwise.web.session import WEB_PREFIX, WebUser

router = APIRouter(prefix="/profile/import", route_class=WebRoute)

# The API's streaming receiver: size limit before the body is read, a private temp file, gone after.
_received = asynccontextmanager(receive_resume_upload)

# JSON Resume's names, as the profile page calls the same things.
_SECTIONS = {
    "basics": "Personal details",
    "work": "Experience",
    "volunteer": "Volunteering",
    "education": "Education",
    "projects": "Projects",
    "skills": "Skills",
    "languages": "Languages",
    "certificates": "Certificates",
    "awards": "Awards",
    "publications": "Publications",
    "interests": "Interests",
    "references": "References",
}
_FIELDS = {
    "name": "Name",
    "label": "Headline",
    "email": "Email",
    "phone": "Phone",
    "url": "Website",
    "summary": "Summary",
    "address": "Address",
    "city": "City",
    "region": "Region",
    "countryCode": "Country",
    "postalCode": "Postal code",
    "network": "Network",
    "username": "User name",
    "position": "Title",
    "location": "Location",
    "startDate": "Start date",
    "endDate": "End date",
    "highlights": "Bullet",
    "institution": "Institution",
    "area": "Field of study",
    "studyType": "Degree",
    "score": "Grade",
    "courses": "Course",
    "description": "Description",
    "keywords": "Keyword",
    "technologies": "Technology",
    "level": "Level",
    "language": "Language",
    "fluency": "Fluency",
    "issuer": "Issuer",
    "awarder": "Awarder",
    "title": "Title",
    "date": "Date",
    "profiles": "Profile",
    "roles": "Role",
    "entity": "Organisation",
    "type": "Type",
}
# Items of these sections are named by these fields, in this order of preference.
_NAMED_BY = {
    "work": ("position", "name"),
    "volunteer": ("position", "organization"),
    "education": ("studyType", "institution"),
    "projects": ("name",),
    "skills": ("name",),
    "languages": ("language",),
}


def can_revise(engine: object) -> bool:
    """An LLM engine (it has `extract`) may revise the offline draft, as engine=llm does in the API."""
    return hasattr(engine, "extract")


class ApplyForm(WebForm):
    draft: str
    mode: Literal["replace", "merge"]


class NotADraft(InvalidInput):
    code = "invalid_import_draft"


def _label(path: list[str | int], section: str) -> str:
    words: list[str] = []
    for part in path:
        if isinstance(part, int):
            if words:
                words[-1] = f"{words[-1]} {part + 1}"
            continue
        if section == "work" and part == "name":
            words.append("Company")
        elif section == "volunteer" and part == "organization":
            words.append("Organisation")
        else:
            words.append(_FIELDS.get(part, part[:1].upper() + part[1:]))
    return ", ".join(words) or "Value"


def _leaves(value: Any, path: list[str | int]) -> list[tuple[list[str | int], str]]:
    if isinstance(value, dict):
        return [leaf for key, inner in value.items() for leaf in _leaves(inner, [*path, key])]
    if isinstance(value, list):
        return [leaf for index, inner in enumerate(value) for leaf in _leaves(inner, [*path, index])]
    if value is None or value == "":
        return []
    return [(path, str(value))]


def _pointer(path: list[str | int]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _item_heading(section: str, index: int, item: Any) -> str:
    noun = _SECTIONS.get(section, section)
    if isinstance(item, dict):
        named = [str(item[key]) for key in _NAMED_BY.get(section, ()) if item.get(key)]
        if named:
            return f"{noun} {index + 1}: " + (" at ".join(named) if section == "work" else ", ".join(named))
    return f"{noun} {index + 1}"


def preview_groups(result: ImportRead) -> list[dict[str, Any]]:
    """The draft as tables a person reads: one per section (or per item), each row a value with the
    line of the file it was read from ("page 1, line 6") or, when code derived it, no line."""
    groups = []
    for section, content in result.draft.items():
        parts: list[tuple[str, list[str | int], Any]]
        if isinstance(content, list) and all(isinstance(item, dict) for item in content):
            parts = [(_item_heading(section, i, item), [section, i], item) for i, item in enumerate(content)]
        else:
            parts = [(_SECTIONS.get(section, section), [section], content)]
        for heading, base, value in parts:
            rows = []
            for path, text in _leaves(value, base):
                source = result.sources.get(_pointer(path))
                rows.append(
                    {
                        "field": _label([part for part in path[len(base) :]], section),
                        "value": text,
                        "source": source.model_dump() if source is not None else None,
                    }
                )
            if rows:
                groups.append({"heading": heading, "rows": rows})
    return groups


@router.post("", dependencies=[Depends(rate_limit("upload"))])
async def import_resume(
    request: Request,
    user: WebUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    extractor: ExtractorDep,
    engine: EngineDep,
    reader: Annotated[ImportEngineName, Query(alias="engine")] = "offline",
) -> Response:
    # The button for the AI engine is only shown when it can revise; asked anyway, the rules read.
    reviser = LlmReviser(engine, user_id=user.id) if reader == "llm" and can_revise(engine) else None
    async with _received(request, user, session, storage, settings) as upload:
        result = await importing.import_resume(
            upload, extractor=extractor, allowed_extensions=settings.ALLOWED_EXTENSIONS, reviser=reviser
        )
    read = result.to_read()
    return render(
        request,
        "partials/resume_import.html",
        {
            "file_name": upload.file_name,
            "groups": preview_groups(read),
            "warnings": read.warnings,
            "pages": read.pages,
            "engine": read.engine,
            "draft": json.dumps(read.draft, ensure_ascii=False),
        },
    )


@router.post("/apply")
async def apply_draft(form: Annotated[ApplyForm, Form()], user: WebUser, session: SessionDep) -> Response:
    if len(form.draft.encode()) > MAX_DOCUMENT_BYTES:
        raise NotADraft("The draft is too large to apply: import the file again.")
    try:
        document = json.loads(form.draft)
    except (json.JSONDecodeError, RecursionError):
        raise NotADraft("The draft was damaged on its way back: import the file again.") from None
    if not isinstance(document, dict):
        raise NotADraft("The draft was damaged on its way back: import the file again.")
    if form.mode == "merge":
        await profiles.merge_json_resume(session, owner=user, document=document)
    else:
        await profiles.import_json_resume(session, owner=user, document=document)
    notice = "resume-merged" if form.mode == "merge" else "resume-applied"
    return Response(status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/profile?notice={notice}"})
