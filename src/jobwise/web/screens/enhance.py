"""Enhancement: start a run, watch its steps live, then review every change and accept or reject it.

Accepting sets `use_enhanced` (or `use_enhanced_summary`): documents then use the enhanced text.
The live view is a stream of HTML fragments made from the same event log as
GET /api/v1/enhancement/jobs/{id}/events (enhancement.service.stream_events).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Header, Request, Response
from sse_starlette import EventSourceResponse

from jobwise.db import SessionDep
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.enhancement import service as enhancement
from jobwise.enhancement.schemas import run_read
from jobwise.errors import NotFound
from jobwise.models import EnhancementRun, User
from jobwise.profiles import service as profiles
from jobwise.profiles.schemas import (
    ExperienceRead,
    ExperienceUpdate,
    ProfileRead,
    ProfileUpdate,
    ProjectRead,
    ProjectUpdate,
)
from jobwise.tasks.dependencies import TaskSubmitterDep
from jobwise.web.dependencies import FullProfileOrNone, rate_limit
from jobwise.web.forms import ChoiceForm
from jobwise.web.pages import WebRoute, fragment, render
from jobwise.web.session import WebUser
from jobwise.web.words import word_diff

router = APIRouter(prefix="/enhance", route_class=WebRoute)

ACTIVE = ("queued", "processing")


async def _latest(session: SessionDep, user: User) -> EnhancementRun | None:
    try:
        return await enhancement.latest_run(session, owner=user)
    except NotFound:
        return None


def _run_view(run: EnhancementRun) -> dict[str, Any]:
    return run_read(run).model_dump(mode="json")


def _step(event: dict[str, Any]) -> dict[str, Any]:
    """A progress event (JobEvent, sent without its empty fields) with every field the page reads."""
    return {name: event.get(name) for name in ("status", "step", "progress", "items_done", "items_total")}


@router.get("")
async def enhance_page(
    request: Request, user: WebUser, session: SessionDep, profile: FullProfileOrNone
) -> Response:
    run = await _latest(session, user)
    return render(
        request,
        "enhance.html",
        {
            "title": "Enhance",
            "nav": "enhance",
            "user": user,
            "has_profile": profile is not None,
            "run": _run_view(run) if run else None,
            "live": run is not None and run.status in ACTIVE,
        },
    )


@router.post("", dependencies=[Depends(rate_limit("enhancement"))])
async def start_enhancement(
    request: Request, user: WebUser, session: SessionDep, settings: SettingsDep, submit: TaskSubmitterDep
) -> Response:
    run = await enhancement.trigger(
        session, owner=user, max_attempts=settings.TASK_MAX_ATTEMPTS, submit=submit
    )
    return render(request, "partials/run.html", {"run": _run_view(run), "live": True})


@router.get("/runs/{run_id}/events")
async def run_events(
    request: Request,
    run_id: str,
    user: WebUser,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    last_event_id: Annotated[int | None, Header(ge=0, le=1_000_000)] = None,
) -> Response:
    """The run's steps as HTML fragments: `progress` for each step, then `done`. A browser that
    reconnects (sending Last-Event-ID) gets only what it missed."""
    run = await enhancement.get_run(session, owner=user, run_id=run_id)
    events = enhancement.stream_events(
        database,
        run_id=run.id,
        after=last_event_id or 0,
        poll_seconds=settings.ENHANCEMENT_EVENTS_POLL_SECONDS,
        disconnected=request.is_disconnected,
    )

    async def fragments() -> AsyncIterator[dict[str, str]]:
        async for event in events:
            data = json.loads(event["data"])
            if event["event"] == "progress":
                html = fragment("partials/run_progress.html", {"step": _step(data)})
                yield {"id": event["id"], "event": "progress", "data": html}
            else:
                html = fragment("partials/run_done.html", {"run": data})
                yield {"id": event["id"], "event": "done", "data": html}

    return EventSourceResponse(fragments())


# --- review ----------------------------------------------------------------------------------


def _flags(run: EnhancementRun | None) -> dict[tuple[str, int], dict[str, Any]]:
    """Texts whose rewrite the truth check refused, by item id and bullet position."""
    result = (run.result or {}) if run is not None else {}
    return {(flag["item_id"], int(flag["index"])): flag for flag in result.get("flagged", [])}


def _changes(original: list[str], enhanced: list[str] | None) -> list[dict[str, Any]]:
    pairs = []
    for index, before in enumerate(original):
        after = enhanced[index] if enhanced is not None and index < len(enhanced) else before
        pairs.append(
            {"index": index, "original": before, "enhanced": after, "diff": word_diff(before, after)}
        )
    return pairs


def _review_context(profile: ProfileRead, run: EnhancementRun | None) -> dict[str, Any]:
    flags = _flags(run)
    named: list[tuple[str, ExperienceRead | ProjectRead, str, list[str]]] = [
        ("experience", row, f"{row.title} at {row.company}", row.bullets) for row in profile.experiences
    ]
    named += [("project", row, row.name, row.bullets) for row in profile.projects]
    items = []
    for kind, row, name, bullets in named:
        if row.enhanced_bullets is None:
            continue
        items.append(
            {
                "kind": kind,
                "id": row.id,
                "name": name,
                "use_enhanced": row.use_enhanced,
                "stale": row.enhanced_stale,
                "changes": _changes(bullets, row.enhanced_bullets),
                "flags": [flag for (item_id, _), flag in flags.items() if item_id == row.id],
            }
        )
    summary = None
    if profile.enhanced_summary is not None and profile.professional_summary:
        summary = {
            "kind": "summary",
            "id": profile.id,
            "name": "Professional summary",
            "use_enhanced": profile.use_enhanced_summary,
            "stale": profile.enhanced_summary_stale,
            "changes": _changes([profile.professional_summary], [profile.enhanced_summary]),
            "flags": [flag for flag in flags.values() if flag["item_type"] == "summary"],
        }
    return {"summary": summary, "items": items}


@router.get("/review")
async def review_page(
    request: Request, user: WebUser, session: SessionDep, profile: FullProfileOrNone
) -> Response:
    run = await _latest(session, user)
    context = _review_context(ProfileRead.from_model(profile), run) if profile is not None else {}
    return render(
        request,
        "review.html",
        {
            "title": "Review changes",
            "nav": "enhance",
            "user": user,
            "has_profile": profile is not None,
            "summary": context.get("summary"),
            "items": context.get("items", []),
        },
    )


async def _review_card(
    request: Request, session: SessionDep, user: User, kind: str, item_id: str
) -> Response:
    profile = ProfileRead.from_model(await profiles.get_full_profile(session, owner=user))
    context = _review_context(profile, await _latest(session, user))
    cards = [context["summary"], *context["items"]]
    card = next(c for c in cards if c is not None and c["kind"] == kind and c["id"] == item_id)
    return render(request, "partials/review_card.html", {"card": card})


@router.post("/review/summary")
async def choose_summary(
    request: Request, form: Annotated[ChoiceForm, Form()], user: WebUser, session: SessionDep
) -> Response:
    profile = await profiles.get_profile(session, owner=user)
    await profiles.update_profile(
        session, profile=profile, data=ProfileUpdate(use_enhanced_summary=form.use_enhanced)
    )
    return await _review_card(request, session, user, "summary", profile.id)


@router.post("/review/experiences/{experience_id}")
async def choose_experience(
    request: Request,
    experience_id: str,
    form: Annotated[ChoiceForm, Form()],
    user: WebUser,
    session: SessionDep,
) -> Response:
    row = await profiles.get_experience(session, owner=user, experience_id=experience_id)
    await profiles.update_experience(
        session, experience=row, data=ExperienceUpdate(use_enhanced=form.use_enhanced)
    )
    return await _review_card(request, session, user, "experience", row.id)


@router.post("/review/projects/{project_id}")
async def choose_project(
    request: Request, project_id: str, form: Annotated[ChoiceForm, Form()], user: WebUser, session: SessionDep
) -> Response:
    row = await profiles.get_project(session, owner=user, project_id=project_id)
    await profiles.update_project(session, project=row, data=ProjectUpdate(use_enhanced=form.use_enhanced))
    return await _review_card(request, session, user, "project", row.id)
