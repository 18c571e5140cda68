"""The dashboard: where the profile stands, the jobs and their application status, recent
documents, and the latest enhancement."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from jobwise.db import SessionDep
from jobwise.documents import service as documents
from jobwise.enhancement import service as enhancement
from jobwise.errors import NotFound
from jobwise.jobs import service as jobs
from jobwise.web.dependencies import FullProfileOrNone
from jobwise.web.pages import WebRoute, render
from jobwise.web.session import WebUser

router = APIRouter(route_class=WebRoute)


@router.get("/")
async def dashboard(
    request: Request, user: WebUser, session: SessionDep, profile: FullProfileOrNone
) -> Response:
    job_rows, job_total = await jobs.list_jobs(session, owner=user, limit=10, offset=0)
    document_rows, _ = await documents.list_documents(
        session, owner=user, job_id=None, document_type=None, limit=5, offset=0
    )
    try:
        run = await enhancement.latest_run(session, owner=user)
    except NotFound:
        run = None
    return render(
        request,
        "dashboard.html",
        {
            "title": "Dashboard",
            "nav": "dashboard",
            "user": user,
            "profile": profile,
            "jobs": job_rows,
            "job_total": job_total,
            "documents": document_rows,
            "run": run,
        },
    )
