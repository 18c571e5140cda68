"""/api/v1/documents: saved, editable, versioned documents and their exports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import PageLimit, PageOffset, StorageDep
from jobwise.documents import service
from jobwise.documents.dependencies import OwnedDocument
from jobwise.documents.schemas import DocumentCreate, DocumentPage, DocumentRead, DocumentUpdate
from jobwise.errors import PreconditionFailed, raises
from jobwise.generations.service import GenerationNotFound
from jobwise.http_cache import NOT_MODIFIED, check_if_match, conditional_json, content_etag, not_modified
from jobwise.models import Document, DocumentType
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit
from jobwise.rendering import FORMATS, ExportFormat
from jobwise.schemas import ID_MAX

router = APIRouter(prefix="/documents", tags=["Documents"])


@router.post("", response_model=DocumentRead, status_code=status.HTTP_201_CREATED)
@raises(GenerationNotFound)
async def create_document(data: DocumentCreate, user: CurrentUser, session: SessionDep) -> DocumentRead:
    return service.to_read(await service.create_document(session, owner=user, data=data))


@router.get("", response_model=DocumentPage)
async def list_documents(
    user: CurrentUser,
    session: SessionDep,
    job_id: Annotated[str | None, Query(max_length=ID_MAX)] = None,
    document_type: DocumentType | None = None,
    limit: PageLimit = 20,
    offset: PageOffset = 0,
) -> DocumentPage:
    rows, total = await service.list_documents(
        session, owner=user, job_id=job_id, document_type=document_type, limit=limit, offset=offset
    )
    return DocumentPage(items=[service.to_read(row) for row in rows], total=total, limit=limit, offset=offset)


def _body(document: Document) -> str:
    # Hashed for the ETag: `version` counts edits of the text only, a new title or note must
    # change the tag too.
    return service.to_read(document).model_dump_json()


@router.get("/{document_id}", response_model=DocumentRead, responses=NOT_MODIFIED)
async def read_document(request: Request, document: OwnedDocument) -> Response:
    """The document, with an `ETag`: send it in If-None-Match for a 304 when nothing changed, and
    in If-Match on PATCH to refuse (412) an edit made from a stale copy."""
    return conditional_json(request, _body(document))


@router.patch("/{document_id}", response_model=DocumentRead)
@raises(PreconditionFailed)
async def update_document(
    request: Request, data: DocumentUpdate, document: OwnedDocument, session: SessionDep
) -> Response:
    """Edit; with If-Match naming an older ETag than the document's, 412 and no change."""
    check_if_match(request, content_etag(_body(document)), what="This document")
    return conditional_json(
        request, _body(await service.update_document(session, document=document, data=data))
    )


@router.delete("/{document_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_document(document: OwnedDocument, session: SessionDep, storage: StorageDep) -> None:
    await service.delete_document(session, document=document, storage=storage)


@router.get(
    "/{document_id}/export",
    response_class=Response,
    dependencies=[Depends(rate_limit("export"))],
    responses={
        200: {"content": {info.media_type: {} for info in FORMATS.values()}, "description": "The file"},
        **NOT_MODIFIED,
        **RATE_LIMITED,
    },
)
async def export_document(
    request: Request,
    document: OwnedDocument,
    storage: StorageDep,
    fmt: Annotated[ExportFormat, Query(alias="format")] = "pdf",
) -> Response:
    """The document as a file; a copy is kept under UPLOAD_DIR/{user_id}/exports/. Its `ETag`
    in If-None-Match answers 304 without rendering or reading the file again."""
    # What decides the file and its name, known before anything is rendered or read.
    tag = content_etag(str(service.RENDER_VERSION), fmt, _body(document))
    unchanged = not_modified(request, tag)
    if unchanged is not None:
        return unchanged
    exported = await service.export_document(document, fmt, storage=storage)
    return Response(
        content=exported.content,
        media_type=exported.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{exported.filename}"',
            "X-Content-Type-Options": "nosniff",
            # Still no-store (a resume left in a shared computer's cache): the ETag serves clients
            # that keep their own copy.
            "Cache-Control": "private, no-store",
            "ETag": tag,
        },
    )
