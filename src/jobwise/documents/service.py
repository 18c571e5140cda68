"""Documents: saved, editable, versioned copies of generations, exported as PDF, DOCX, Markdown or text.

How an export is drawn:
- A resume keeps its structured content (contact, entries, bullets...) in its metadata. While
  content_text is the text that was generated, exports render the structure. Once a person edits
  content_text, exports render the edited text instead (nothing they wrote is lost or overruled):
  it is read as the Markdown subset the resume was written in (# name, ## section, ### entry,
  - bullet, **bold**, *italic*) and drawn with the same look. "Edited" means the text's SHA-256
  differs from the one recorded when the document was created.
- A cover letter's letterhead (name, contact, date, recipient) comes from its structure and its
  body is always content_text, edited or not.

Each export is kept under UPLOAD_DIR/{user_id}/exports/ named by document id, version and render
version, so asking again for the same version returns the stored copy without rendering.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.db import after_commit
from jobwise.documents.schemas import DocumentCreate, DocumentRead, DocumentUpdate
from jobwise.errors import NotFound
from jobwise.generations import service as generations
from jobwise.models import Document, DocumentType, Job, User
from jobwise.owned_rows import get_owned, list_owned
from jobwise.rendering import FORMATS, ExportFormat, render, render_pages_svg
from jobwise.rendering.model import (
    AnyDocument,
    Contact,
    CoverLetterDocument,
    ResumeDocument,
    parse_text,
)
from jobwise.storage import Storage

# Bump when the look of exported files changes, so stored copies are drawn again.
RENDER_VERSION = 1
_TITLES = {"resume": "Resume", "cover_letter": "Cover letter"}


class DocumentNotFound(NotFound):
    code = "document_not_found"


def content_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_edited(document: Document) -> bool:
    return content_digest(document.content_text) != document.meta.get("generated_sha256")


def to_read(document: Document) -> DocumentRead:
    return DocumentRead.model_validate(
        {
            "id": document.id,
            "generation_id": document.generation_id,
            "job_id": document.job_id,
            "profile_id": document.profile_id,
            "document_type": document.document_type,
            "title": document.title,
            "content_text": document.content_text,
            "content_format": document.content_format,
            "metadata": document.meta,
            "notes": document.notes,
            "version": document.version,
            "edited": is_edited(document),
            "created_at": document.created_at,
            "updated_at": document.updated_at,
        }
    )


async def create_document(session: AsyncSession, *, owner: User, data: DocumentCreate) -> Document:
    generation = await generations.get_generation(session, owner=owner, generation_id=data.generation_id)
    title = data.title
    if title is None:
        job = await session.get(Job, generation.job_id)
        noun = _TITLES.get(generation.document_type, "Document")
        title = noun
        if job is not None:
            title = f"{noun}: {job.title} at {job.company}" if job.company else f"{noun}: {job.title}"
    document = Document(
        user_id=owner.id,
        generation_id=generation.id,
        profile_id=generation.profile_id,
        job_id=generation.job_id,
        document_type=generation.document_type,
        title=title[:300],
        content_text=generation.content_text,
        content_format=generation.content_format,
        meta={
            **generation.meta,
            "generation_id": generation.id,
            "generated_sha256": content_digest(generation.content_text),
        },
        notes=data.notes,
        version=1,
    )
    session.add(document)
    await session.flush()
    return document


async def get_document(session: AsyncSession, *, owner: User, document_id: str) -> Document:
    missing = DocumentNotFound(f"No document {document_id}")
    return await get_owned(session, Document, owner=owner, row_id=document_id, missing=missing)


async def list_documents(
    session: AsyncSession,
    *,
    owner: User,
    job_id: str | None,
    document_type: DocumentType | None,
    limit: int,
    offset: int,
) -> tuple[list[Document], int]:
    return await list_owned(
        session,
        Document,
        owner=owner,
        job_id=job_id,
        document_type=document_type,
        newest=Document.updated_at,
        limit=limit,
        offset=offset,
    )


async def update_document(session: AsyncSession, *, document: Document, data: DocumentUpdate) -> Document:
    changes = data.model_dump(exclude_unset=True)
    text = changes.pop("content_text", None)
    for field, value in changes.items():
        setattr(document, field, value)
    if text is not None and text != document.content_text:
        document.content_text = text
        document.version += 1
    await session.flush()
    return document


async def delete_document(session: AsyncSession, *, document: Document, storage: Storage) -> None:
    exports = _exports_of(storage, document)
    await session.delete(document)
    await session.flush()
    for path in exports:
        after_commit(session, partial(storage.remove, storage.relative(path)))


# --- export ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    content: bytes
    media_type: str
    filename: str


def renderable(document: Document, content_text: str | None = None) -> AnyDocument:
    """What the exports draw: the document, or `content_text` in its place (a preview of an edit)."""
    text = document.content_text if content_text is None else content_text
    structured = document.meta.get("structured")
    if document.document_type == "cover_letter":
        letter = (
            CoverLetterDocument.from_dict(structured)
            if isinstance(structured, dict)
            else CoverLetterDocument(contact=Contact(name=""), body="")
        )
        return replace(letter, body=text)
    if isinstance(structured, dict) and content_digest(text) == document.meta.get("generated_sha256"):
        return ResumeDocument.from_dict(structured)
    return parse_text(text)


def _paper(document: Document) -> Any:
    render = document.meta.get("render")
    paper = render["paper"] if render else None
    return paper if paper in ("a4", "us-letter") else "a4"


def _draw(document: Document, fmt: ExportFormat) -> bytes:
    if fmt == "md" and document.content_format == "markdown" and is_edited(document):
        return document.content_text.encode("utf-8")  # the person's own Markdown, as written
    return render(renderable(document), fmt, paper=_paper(document), created=document.created_at)


async def preview_pages(document: Document, content_text: str | None = None) -> list[bytes]:
    """The pages as the PDF export prints them, as SVG images (the same Typst template), of the
    document or of `content_text` not yet saved; nothing is stored."""
    return await asyncio.to_thread(
        render_pages_svg, renderable(document, content_text), paper=_paper(document)
    )


def safe_filename(title: str, version: int, extension: str) -> str:
    """An ASCII file name from the title: safe in a Content-Disposition header and on any disk."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-") or "document"
    return f"{slug}-v{version}.{extension}"


def _export_relative(document: Document, extension: str) -> str:
    return f"{int(document.user_id)}/exports/{document.id}-v{document.version}-r{RENDER_VERSION}.{extension}"


def _exports_of(storage: Storage, document: Document) -> list[Path]:
    directory = storage.user_dir(document.user_id) / "exports"
    return sorted(directory.glob(f"{document.id}-*")) if directory.is_dir() else []


async def export_document(document: Document, fmt: ExportFormat, *, storage: Storage) -> Export:
    """Render (in a thread: it is CPU-bound) or reuse the stored copy of this version."""
    info = FORMATS[fmt]
    relative = _export_relative(document, info.extension)
    path = storage.path(relative)
    if await asyncio.to_thread(path.is_file):
        content = await asyncio.to_thread(path.read_bytes)
    else:
        content = await asyncio.to_thread(_draw, document, fmt)
        await asyncio.to_thread(storage.write_bytes, relative, content)
    return Export(
        content=content,
        media_type=info.media_type,
        filename=safe_filename(document.title, document.version, info.extension),
    )
