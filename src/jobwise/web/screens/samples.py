"""Writing samples: upload a résumé and a cover letter; read back the style found in each."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse

from jobwise.db import SessionDep
from jobwise.dependencies import SettingsDep
from jobwise.samples import service as samples
from jobwise.samples.dependencies import ExtractorDep, receive_sample_upload
from jobwise.web.dependencies import StorageDep, rate_limit
from jobwise.web.pages import WebRoute, render
from jobwise.web.session import WebUser

router = APIRouter(prefix="/samples", route_class=WebRoute)

# The same streaming receiver as POST /api/v1/samples: size limit before the body is read,
# the file straight to a private temp file, only document_type beside it.
_received = asynccontextmanager(receive_sample_upload)


async def _body(request: Request, user: WebUser, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    rows = await samples.list_samples(session, owner=user)
    return render(
        request,
        "partials/samples.html",
        {
            "samples": {row.document_type: row for row in rows},
            "max_bytes": settings.max_upload_bytes,
            "extensions": settings.ALLOWED_EXTENSIONS,
        },
    )


@router.get("")
async def samples_page(
    request: Request, user: WebUser, session: SessionDep, settings: SettingsDep
) -> Response:
    rows = await samples.list_samples(session, owner=user)
    return render(
        request,
        "samples.html",
        {
            "title": "Samples",
            "nav": "samples",
            "user": user,
            "samples": {row.document_type: row for row in rows},
            "max_bytes": settings.max_upload_bytes,
            "extensions": settings.ALLOWED_EXTENSIONS,
        },
    )


@router.post("", dependencies=[Depends(rate_limit("upload"))])
async def upload_sample(
    request: Request,
    user: WebUser,
    session: SessionDep,
    storage: StorageDep,
    extractor: ExtractorDep,
    settings: SettingsDep,
) -> Response:
    async with _received(request, user, session, storage, settings) as upload:
        await samples.upload_sample(
            session,
            storage=storage,
            extractor=extractor,
            allowed_extensions=settings.ALLOWED_EXTENSIONS,
            owner=user,
            upload=upload,
        )
    return await _body(request, user, session, settings)


@router.post("/{sample_id}/delete")
async def delete_sample(
    request: Request,
    sample_id: str,
    user: WebUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
) -> Response:
    sample = await samples.get_sample(session, owner=user, sample_id=sample_id)
    await samples.delete_sample(session, storage=storage, sample=sample)
    return await _body(request, user, session, settings)
