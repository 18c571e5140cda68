"""Sample documents: store an upload with its text and style profile; read, download, delete.

One sample per document type (the seed's rule): uploading again replaces it and bumps its
version. File and row change together: the new file is written before the flush and removed if
the unit of work rolls back; the old file is removed only after the commit, so a failed
replacement leaves the previous sample whole.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.db import after_commit, after_rollback
from jobwise.errors import Conflict
from jobwise.models import COVER_LETTER_SAMPLE, RESUME_SAMPLE, SampleDocument, SampleType, User
from jobwise.models.base import new_id
from jobwise.owned_rows import get_owned
from jobwise.samples.errors import SampleNotFound
from jobwise.samples.extraction import MEDIA_TYPES, Extractor, Kind, file_extension, identify
from jobwise.samples.schemas import SampleUpload
from jobwise.samples.style import build_style_profile
from jobwise.storage import Storage

# Stored files are named by id with the extension of what they are, not what they were called.
STORED_EXTENSION: dict[Kind, str] = {"pdf": "pdf", "docx": "docx", "text": "txt"}
_KIND_BY_STORED_EXTENSION: dict[str, Kind] = {ext: kind for kind, ext in STORED_EXTENSION.items()}


class SampleFileMissing(SampleNotFound):
    code = "sample_file_missing"


class ConcurrentUpload(Conflict):
    code = "concurrent_upload"


@dataclass(frozen=True)
class StoredFile:
    path: Path
    media_type: str
    file_name: str


async def upload_sample(
    session: AsyncSession,
    *,
    storage: Storage,
    extractor: Extractor,
    allowed_extensions: list[str],
    owner: User,
    upload: SampleUpload,
) -> SampleDocument:
    kind = await asyncio.to_thread(
        identify,
        upload.path,
        extension=file_extension(upload.file_name),
        allowed_extensions=allowed_extensions,
    )
    extracted = await extractor.extract(upload.path, kind=kind, charset=upload.charset)
    style = await asyncio.to_thread(build_style_profile, extracted.text, upload.document_type)

    # The slow part is done; only now touch the database (on SQLite the first statement takes
    # the write lock, held until the request commits).
    existing = await session.scalar(
        select(SampleDocument)
        .where(SampleDocument.user_id == owner.id, SampleDocument.document_type == upload.document_type)
        .with_for_update()
    )
    sample = existing or SampleDocument(id=new_id(), user_id=owner.id, document_type=upload.document_type)
    old_path = existing.file_path if existing else None
    version = existing.version + 1 if existing else 1
    relative = f"{owner.id}/samples/{sample.id}-v{version}.{STORED_EXTENSION[kind]}"
    await asyncio.to_thread(storage.place, upload.path, relative)
    after_rollback(session, lambda: storage.remove(relative))

    sample.file_name = upload.file_name
    sample.file_path = relative
    sample.full_text = extracted.text
    sample.extracted_style = style.model_dump(mode="json")
    sample.version = version
    sample.file_size_bytes = upload.size
    if existing is None:
        session.add(sample)
    try:
        await session.flush()
    except IntegrityError:  # a concurrent first upload of the same type won the race
        raise ConcurrentUpload(
            f"Another {upload.document_type} was uploaded at the same moment; upload again to replace it."
        ) from None
    if old_path and old_path != relative:
        after_commit(session, lambda: storage.remove(old_path))
    return sample


async def list_samples(session: AsyncSession, *, owner: User) -> list[SampleDocument]:
    rows = await session.scalars(
        select(SampleDocument)
        .where(SampleDocument.user_id == owner.id)
        .order_by(SampleDocument.document_type)
    )
    return list(rows)


def style_of(sample: SampleDocument) -> dict[str, Any]:
    """The sample's style profile: stored at upload; analysed now for an older upload without one
    (the analysis is deterministic and quick)."""
    if sample.extracted_style:
        return dict(sample.extracted_style)
    kind: SampleType = RESUME_SAMPLE if sample.document_type == RESUME_SAMPLE else COVER_LETTER_SAMPLE
    return build_style_profile(sample.full_text, kind).model_dump(mode="json")


async def get_sample(session: AsyncSession, *, owner: User, sample_id: str) -> SampleDocument:
    missing = SampleNotFound(f"No sample {sample_id}")
    return await get_owned(session, SampleDocument, owner=owner, row_id=sample_id, missing=missing)


async def sample_file(storage: Storage, sample: SampleDocument) -> StoredFile:
    path = storage.path(sample.file_path) if sample.file_path else None
    if path is None or not await asyncio.to_thread(path.is_file):
        raise SampleFileMissing(
            "The original file of this sample is no longer stored; upload it again to replace it."
        )
    kind = _KIND_BY_STORED_EXTENSION.get(path.suffix.lstrip("."), "text")
    return StoredFile(path=path, media_type=MEDIA_TYPES[kind], file_name=sample.file_name)


async def delete_sample(session: AsyncSession, *, storage: Storage, sample: SampleDocument) -> None:
    path = sample.file_path
    await session.delete(sample)
    await session.flush()
    after_commit(session, lambda: storage.remove(path))
