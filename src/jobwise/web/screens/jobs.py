"""Jobs: paste a posting, correct what was read from it, follow the application; and the match of
the profile against a job (requirement coverage with its evidence, keyword coverage), with a
question for each gap whose answer goes into the profile in the person's own words."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse

from jobwise.ai.dependencies import EngineDep
from jobwise.db import SessionDep
from jobwise.jobs import service as jobs
from jobwise.jobs.schemas import PLACEHOLDER_TITLE
from jobwise.models import Job, JobContentRanking, User
from jobwise.profiles import service as profiles
from jobwise.profiles.schemas import ExperienceRead, ExperienceUpdate, ProjectRead, ProjectUpdate
from jobwise.rankings import service as rankings
from jobwise.web.dependencies import OwnedJob, rate_limit
from jobwise.web.forms import AnswerForm, ApplicationForm, JobForm, PostingForm
from jobwise.web.pages import WebRoute, render
from jobwise.web.session import WEB_PREFIX, WebUser

router = APIRouter(prefix="/jobs", route_class=WebRoute)

# A posting that names no employer has no company (None); a missing title is saved as a placeholder.
PLACEHOLDERS = {PLACEHOLDER_TITLE, None}


@router.get("")
async def jobs_page(request: Request, user: WebUser, session: SessionDep) -> Response:
    rows, total = await jobs.list_jobs(session, owner=user, limit=100, offset=0)
    return render(
        request,
        "jobs.html",
        {"title": "Jobs", "nav": "jobs", "user": user, "jobs": rows, "total": total},
    )


@router.post("", dependencies=[Depends(rate_limit("job_parse"))])
async def add_job(
    form: Annotated[PostingForm, Form()], user: WebUser, session: SessionDep, engine: EngineDep
) -> Response:
    outcome = await jobs.parse_job(session, user, form.to_schema(), engine=engine)
    return Response(status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/jobs/{outcome.job.id}"})


@router.get("/{job_id}")
async def job_page(request: Request, user: WebUser, job: OwnedJob) -> Response:
    return render(
        request,
        "job.html",
        {"title": job.title, "nav": "jobs", "user": user, "job": job, "placeholders": PLACEHOLDERS},
    )


@router.post("/{job_id}")
async def correct_job(
    request: Request, job: OwnedJob, form: Annotated[JobForm, Form()], session: SessionDep
) -> Response:
    await jobs.update_job(session, job=job, data=form.to_update())
    return render(request, "partials/job_heading.html", {"job": job, "oob": True})


@router.post("/{job_id}/status")
async def application_status(
    job: OwnedJob, form: Annotated[ApplicationForm, Form()], session: SessionDep
) -> Response:
    await jobs.update_job(session, job=job, data=form.to_update())
    return Response(status_code=204)


@router.post("/{job_id}/delete")
async def delete_job(job: OwnedJob, session: SessionDep) -> Response:
    await jobs.delete_job(session, job=job)
    return Response(status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/jobs"})


# --- the match -------------------------------------------------------------------------------


@router.get("/{job_id}/match")
async def match_page(request: Request, user: WebUser, job: OwnedJob) -> Response:
    return render(
        request, "match.html", {"title": f"Match: {job.title}", "nav": "jobs", "user": user, "job": job}
    )


def _item_names(data: dict[str, Any]) -> dict[str, str]:
    names = {}
    for row in [*data.get("experiences", []), *data.get("projects", [])]:
        names[row["id"]] = (
            f"{row['title']} at {row['organization']}" if row.get("organization") else row["title"]
        )
    return names


def _question(requirement: dict[str, Any], covered: set[str]) -> str:
    """Ask about the requirement's first keyword the profile does not yet show, else about all of it."""
    for keyword in requirement.get("keywords") or []:
        if keyword not in covered:
            return f"Where have you used {keyword}?"
    return f"Where have you shown this: “{requirement['requirement']}”?"


async def _matrix(
    request: Request, session: SessionDep, user: User, job: Job, ranking: JobContentRanking
) -> HTMLResponse:
    data: dict[str, Any] = dict(ranking.ranking_data)
    covered = {row["keyword"] for row in data.get("keywords", []) if row["status"] == "evidenced"}
    profile = await profiles.get_full_profile(session, owner=user)
    targets = [(f"experience:{row.id}", f"{row.title} at {row.company}") for row in profile.experiences]
    targets += [(f"project:{row.id}", row.name) for row in profile.projects]
    return render(
        request,
        "partials/match.html",
        {
            "job": job,
            "data": data,
            "names": _item_names(data),
            "questions": {
                row["requirement"]: _question(row, covered) for row in data.get("requirements", [])
            },
            "targets": targets,
        },
    )


@router.post("/{job_id}/match", dependencies=[Depends(rate_limit("ranking"))])
async def rank(
    request: Request, user: WebUser, job: OwnedJob, session: SessionDep, engine: EngineDep
) -> Response:
    ranking, _ = await rankings.rank_job(session, owner=user, job_id=job.id, engine=engine)
    return await _matrix(request, session, user, job, ranking)


def _kept(bullets: list[str]) -> list[str]:
    return [bullet for bullet in bullets if bullet.strip()]


@router.post("/{job_id}/match/answer", dependencies=[Depends(rate_limit("ranking"))])
async def answer_gap(
    request: Request,
    user: WebUser,
    job: OwnedJob,
    form: Annotated[AnswerForm, Form()],
    session: SessionDep,
    engine: EngineDep,
) -> Response:
    """The person's own words become a bullet of the item they chose; then the job is ranked again."""
    kind, item_id = form.kind_and_id()
    if kind == "experience":
        experience = await profiles.get_experience(session, owner=user, experience_id=item_id)
        bullets = [*_kept(ExperienceRead.from_model(experience).bullets), form.answer.strip()]
        await profiles.update_experience(
            session, experience=experience, data=ExperienceUpdate(bullets=bullets)
        )
    else:
        project = await profiles.get_project(session, owner=user, project_id=item_id)
        bullets = [*_kept(ProjectRead.from_model(project).bullets), form.answer.strip()]
        await profiles.update_project(session, project=project, data=ProjectUpdate(bullets=bullets))
    ranking, _ = await rankings.rank_job(session, owner=user, job_id=job.id, engine=engine)
    return await _matrix(request, session, user, job, ranking)
