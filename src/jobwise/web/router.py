"""/app: the browser client, assembled from one module per screen (screens/).

Routes call the same services as the JSON API, never the API over HTTP. Every route here is a
WebRoute (errors become pages), none is in the OpenAPI document, and every unsafe request must
carry the session's CSRF token (session.require_csrf), checked before anything else runs.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from jobwise.web.pages import STATIC, WebRoute
from jobwise.web.screens import (
    account,
    dashboard,
    documents,
    enhance,
    jobs,
    profile,
    resume_import,
    samples,
)
from jobwise.web.session import WEB_PREFIX, require_csrf

router = APIRouter(
    prefix=WEB_PREFIX,
    route_class=WebRoute,
    include_in_schema=False,
    dependencies=[Depends(require_csrf)],
)
for screen in (account, dashboard, profile, resume_import, samples, enhance, jobs, documents):
    router.include_router(screen.router)


def install_web(app: FastAPI) -> None:
    app.include_router(router)
    app.mount(f"{WEB_PREFIX}/static", StaticFiles(directory=STATIC), name="web-static")
