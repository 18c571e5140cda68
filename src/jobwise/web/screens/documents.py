"""The document studio: generate a résumé or cover letter for a job, read and edit its text, keep
versions with notes, and download it as PDF, DOCX, Markdown or text.

A generated text is saved at once as a document (documents.service.create_document), so what the
person edits is versioned from the start, as POST /api/v1/documents does for API clients.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from markupsafe import escape
from sse_starlette import EventSourceResponse

from jobwise.ai.dependencies import EngineDep
from jobwise.auth.dependencies import TokenCodecDep
from jobwise.db import SessionDep, commit
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.documents import service as documents
from jobwise.documents.schemas import DocumentCreate, DocumentUpdate
from jobwise.errors import JobWiseError
from jobwise.generations import service as generations
from jobwise.generations.schemas import GenerationCreate
from jobwise.importing import ats
from jobwise.importing.ats import AtsFormat
from jobwise.models import User
from jobwise.rankings.service import Judgement
from jobwise.rate_limits.dependencies import RateLimiterDep
from jobwise.rendering import ExportFormat
from jobwise.samples.dependencies import ExtractorDep
from jobwise.web import words
from jobwise.web.dependencies import OwnedDocument, OwnedJob, StorageDep, rate_limit
from jobwise.web.forms import DocumentForm, GenerateForm, given
from jobwise.web.pages import WebRoute, fragment, render
from jobwise.web.session import WEB_PREFIX, WebUser, live_ticket, ticket_is_valid

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


# --- the cover letter, streamed into the page as it is written -------------------------------


def _letter_purpose(job_id: str) -> str:
    return f"letter:{job_id}"


@router.post("/jobs/{job_id}/studio/letter")
async def start_letter(request: Request, user: WebUser, job: OwnedJob, codec: TokenCodecDep) -> Response:
    """The live view of a letter being written: the page opens its event stream with a ticket this
    CSRF-checked request gives it (an EventSource can only GET, with no header of ours)."""
    ticket = live_ticket(request, codec, _letter_purpose(job.id))
    return render(request, "partials/letter_live.html", {"job": job, "ticket": ticket})


def _end(html: str) -> dict[str, str]:
    # One last event, success or failure: the page closes the stream on it (sse-close="end").
    return {"event": "end", "data": html}


async def _refused(message: str) -> AsyncIterator[dict[str, str]]:
    yield _end(fragment("partials/letter_end.html", {"message": message, "document": None}))


@router.get("/jobs/{job_id}/studio/letter")
async def letter_events(
    request: Request,
    user: WebUser,
    job: OwnedJob,
    session: SessionDep,
    database: DatabaseDep,
    engine: EngineDep,
    settings: SettingsDep,
    limiter: RateLimiterDep,
    codec: TokenCodecDep,
    ticket: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The letter as POST /api/v1/generations?stream=true writes it (generations.service.start_stream),
    as HTML: `chunk` (the text written, to append), `retry` (a second draft follows: the page clears
    the first), then `end` (the saved document, or the error in words). The generation is stored
    and saved as a document exactly as the studio's non-streamed route does."""
    if not ticket_is_valid(request, codec, _letter_purpose(job.id), ticket):
        return EventSourceResponse(_refused("This live view has expired: generate the letter again."))
    try:
        await rate_limit("generation")(user, session, database, limiter)
        events = await generations.start_stream(
            session,
            database,
            owner=user,
            data=GenerationCreate(job_id=job.id, document_type="cover_letter"),
            engine=engine,
            judgement=Judgement(
                seconds=settings.LLM_JUDGEMENT_DEADLINE, setting="LLM_JUDGEMENT_DEADLINE", retry_failed=False
            ),
        )
    except JobWiseError as exc:
        # Already a 200 event stream to the browser: an error page would read as a lost connection.
        return EventSourceResponse(_refused(words.error_message(exc)))
    return EventSourceResponse(_letter_fragments(events, database, user_id=user.id))


async def _letter_fragments(
    events: AsyncIterator[dict[str, str]], database: DatabaseDep, *, user_id: int
) -> AsyncIterator[dict[str, str]]:
    async for event in events:
        data = json.loads(event["data"])
        if event["event"] == "chunk":
            yield {"event": "chunk", "data": str(escape(data["text"]))}
        elif event["event"] == "retry":
            yield {"event": "retry", "data": fragment("partials/letter_retry.html", {})}
        elif event["event"] == "error":
            error = data["error"]
            message = str(error["message"])
            if str(error["code"]).startswith("llm_"):
                message = f"The AI engine did not answer, so nothing was saved. {message.rstrip('.')}."
            yield _end(fragment("partials/letter_end.html", {"message": message, "document": None}))
        elif event["event"] == "generation":
            async with database.write_session() as own:
                owner = await own.get(User, user_id)
                assert owner is not None
                document = await documents.create_document(
                    own, owner=owner, data=DocumentCreate(generation_id=data["id"])
                )
                await commit(own)
            yield _end(fragment("partials/letter_end.html", {"message": None, "document": document}))


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


@router.get("/documents/{document_id}/ats-check", dependencies=[Depends(rate_limit("export"))])
async def ats_check(
    request: Request,
    document: OwnedDocument,
    session: SessionDep,
    storage: StorageDep,
    extractor: ExtractorDep,
    fmt: Annotated[AtsFormat, Query(alias="format")] = "pdf",
) -> Response:
    """The file as it would be sent, read back by the résumé importer (GET
    /api/v1/documents/{id}/ats-check): each field found or lost, the job's keywords, warnings."""
    report = await ats.ats_check(session, document, fmt, storage=storage, extractor=extractor)
    return render(request, "partials/ats_check.html", {"report": report})


@router.post("/documents/{document_id}/preview")
async def preview_pages(
    request: Request, document: OwnedDocument, form: Annotated[DocumentForm, Form()]
) -> Response:
    """The pages as the PDF will print them (Typst compiled to SVG), of the text in the editor:
    nothing is saved. Each page is an image (no script can run in an SVG shown as one)."""
    pages = await documents.preview_pages(document, form.content_text or None)
    images = ["data:image/svg+xml;base64," + base64.b64encode(page).decode("ascii") for page in pages]
    return render(request, "partials/preview.html", {"pages": images})
