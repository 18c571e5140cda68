"""The document studio: generate a résumé or cover letter for a job, read and edit its text, keep
versions with notes, and download it as PDF, DOCX, Markdown or text.

A generated text is saved at once as a document (documents.service.create_document), so what the
person edits is versioned from the start, as POST /api/v1/documents does for API clients.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request, Response

from jobwise.ai.dependencies import EngineDep
from jobwise.db import SessionDep
from jobwise.dependencies import SettingsDep
from jobwise.documents import service as documents
from jobwise.documents.schemas import DocumentCreate, DocumentUpdate
from jobwise.generations import service as generations
from jobwise.generations.schemas import GenerationCreate
from jobwise.rankings.service import Judgement
from jobwise.rendering import ExportFormat
from jobwise.web.dependencies import OwnedDocument, OwnedJob, StorageDep, rate_limit
from jobwise.web.forms import DocumentForm, GenerateForm, given
from jobwise.web.pages import WebRoute, render
from jobwise.web.session import WEB_PREFIX, WebUser

router = APIRouter(route_class=WebRoute)

EXPORTS = [
    ("pdf", "Download PDF"),
    ("docx", "Download Word (DOCX)"),
    ("md", "Download Markdown"),
    ("txt", "Download text"),
]


@router.get("/jobs/{job_id}/studio")
async def studio_page(request: Request, user: WebUser, job: OwnedJob, session: SessionDep) -> Response:
    rows, _ = await documents.list_documents(
        session, owner=user, job_id=job.id, document_type=None, limit=100, offset=0
    )
    return render(
        request,
        "studio.html",
        {"title": f"Documents: {job.title}", "nav": "documents", "user": user, "job": job, "documents": rows},
    )


@router.post("/jobs/{job_id}/studio", dependencies=[Depends(rate_limit("generation"))])
async def generate(
    user: WebUser,
    job: OwnedJob,
    form: Annotated[GenerateForm, Form()],
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
) -> Response:
    # As POST /api/v1/generations: the model's judgement of the ranking is a short wait at most.
    judgement = Judgement(
        seconds=settings.LLM_JUDGEMENT_DEADLINE, setting="LLM_JUDGEMENT_DEADLINE", retry_failed=False
    )
    generation = await generations.create_generation(
        session,
        owner=user,
        data=GenerationCreate(job_id=job.id, document_type=form.document_type),
        engine=engine,
        judgement=judgement,
    )
    document = await documents.create_document(
        session, owner=user, data=DocumentCreate(generation_id=generation.id)
    )
    return Response(status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/documents/{document.id}"})


@router.get("/documents")
async def documents_page(request: Request, user: WebUser, session: SessionDep) -> Response:
    rows, total = await documents.list_documents(
        session, owner=user, job_id=None, document_type=None, limit=100, offset=0
    )
    return render(
        request,
        "documents.html",
        {"title": "Documents", "nav": "documents", "user": user, "documents": rows, "total": total},
    )


@router.get("/documents/{document_id}")
async def document_page(request: Request, user: WebUser, document: OwnedDocument) -> Response:
    return render(
        request,
        "document.html",
        {
            "title": document.title,
            "nav": "documents",
            "user": user,
            "document": documents.to_read(document),
            "exports": EXPORTS,
        },
    )


@router.post("/documents/{document_id}")
async def save_document(
    request: Request, document: OwnedDocument, form: Annotated[DocumentForm, Form()], session: SessionDep
) -> Response:
    """A changed text makes a new version (version + 1); the notes say what it is for."""
    data = DocumentUpdate.model_validate(
        {"title": form.title, "content_text": form.content_text, "notes": given(form.notes)}
    )
    await documents.update_document(session, document=document, data=data)
    return render(
        request, "partials/document_version.html", {"document": documents.to_read(document), "oob": True}
    )


@router.post("/documents/{document_id}/copy")
async def copy_document(
    user: WebUser, document: OwnedDocument, form: Annotated[DocumentForm, Form()], session: SessionDep
) -> Response:
    """Keep this document as it is and continue in a copy holding the text as it stands in the editor."""
    copy = await documents.create_document(
        session,
        owner=user,
        data=DocumentCreate.model_validate(
            {
                "generation_id": document.generation_id,
                "title": form.title or document.title,
                "notes": given(form.notes),
            }
        ),
    )
    if form.content_text and form.content_text != copy.content_text:
        await documents.update_document(
            session, document=copy, data=DocumentUpdate.model_validate({"content_text": form.content_text})
        )
    return Response(status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/documents/{copy.id}"})


@router.post("/documents/{document_id}/delete")
async def delete_document(document: OwnedDocument, session: SessionDep, storage: StorageDep) -> Response:
    job_id = document.job_id
    await documents.delete_document(session, document=document, storage=storage)
    to = f"{WEB_PREFIX}/jobs/{job_id}/studio" if job_id else f"{WEB_PREFIX}/documents"
    return Response(status_code=204, headers={"HX-Redirect": to})


@router.get("/documents/{document_id}/export", dependencies=[Depends(rate_limit("export"))])
async def export_document(
    document: OwnedDocument,
    storage: StorageDep,
    fmt: Annotated[ExportFormat, Query(alias="format")] = "pdf",
) -> Response:
    exported = await documents.export_document(document, fmt, storage=storage)
    return Response(
        content=exported.content,
        media_type=exported.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{exported.filename}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
