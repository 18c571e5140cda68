"""/api/v1/documents: saved, editable, versioned documents and their exports."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import PageLimit, PageOffset
from jobwise.documents import ats, service
from jobwise.documents.dependencies import OwnedDocument
from jobwise.documents.rendering import FORMATS, ExportFormat
from jobwise.documents.schemas import (
    ID_MAX,
    AtsCheckRead,
    DocumentCreate,
    DocumentPage,
    DocumentRead,
    DocumentType,
    DocumentUpdate,
)
from jobwise.errors import raises
from jobwise.generations.service import GenerationNotFound
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit
from jobwise.samples.dependencies import ExtractorDep, StorageDep
from jobwise.samples.errors import FileTooComplex

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


@router.get("/{document_id}", response_model=DocumentRead)
async def read_document(document: OwnedDocument) -> DocumentRead:
    return service.to_read(document)


@router.patch("/{document_id}", response_model=DocumentRead)
async def update_document(data: DocumentUpdate, document: OwnedDocument, session: SessionDep) -> DocumentRead:
    return service.to_read(await service.update_document(session, document=document, data=data))


@router.delete("/{document_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_document(document: OwnedDocument, session: SessionDep, storage: StorageDep) -> None:
    await service.delete_document(session, document=document, storage=storage)


@router.get(
    "/{document_id}/ats-check",
    response_model=AtsCheckRead,
    dependencies=[Depends(rate_limit("export"))],
    responses={**RATE_LIMITED},
)
@raises(FileTooComplex)
async def ats_check(
    document: OwnedDocument,
    session: SessionDep,
    storage: StorageDep,
    extractor: ExtractorDep,
    fmt: Annotated[Literal["pdf", "docx"], Query(alias="format")] = "pdf",
) -> AtsCheckRead:
    """Export the document as it would be sent, read it back with the résumé importer, and report
    each field found or lost, the job's keywords in the extracted text, and layout warnings."""
    return await ats.ats_check(session, document, fmt, storage=storage, extractor=extractor)


@router.get(
    "/{document_id}/export",
    response_class=Response,
    dependencies=[Depends(rate_limit("export"))],
    responses={
        200: {"content": {info.media_type: {} for info in FORMATS.values()}, "description": "The file"},
        **RATE_LIMITED,
    },
)
async def export_document(
    document: OwnedDocument,
    storage: StorageDep,
    fmt: Annotated[ExportFormat, Query(alias="format")] = "pdf",
) -> Response:
    """The document as a file; a copy is kept under UPLOAD_DIR/{user_id}/exports/."""
    exported = await service.export_document(document, fmt, storage=storage)
    return Response(
        content=exported.content,
        media_type=exported.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{exported.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
