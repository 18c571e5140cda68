"""/api/v1/samples: a resume and a cover-letter sample per user, their text and writing style."""

from __future__ import annotations

from typing import Any, get_args

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import FileResponse

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import SettingsDep, StorageDep
from jobwise.errors import raises
from jobwise.models import SampleType
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit
from jobwise.samples import service
from jobwise.samples.dependencies import ExtractorDep, OwnedSample, ReceivedSample
from jobwise.samples.errors import (
    CorruptFile,
    EncryptedFile,
    FileTooComplex,
    FileTypeMismatch,
    NoTextFound,
    TooMuchText,
    UnsafeFile,
    UnsupportedFileType,
)
from jobwise.samples.extraction import MEDIA_TYPES
from jobwise.samples.schemas import FILE_NAME_MAX, SampleDetail, SampleRead, SampleSummary
from jobwise.storage import content_disposition

router = APIRouter(prefix="/samples", tags=["Samples"])

# The body is read by the route itself (see samples/upload.py), so it is described here.
_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "document_type"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A .pdf, .docx or .txt file (ALLOWED_EXTENSIONS), at most "
                            f"MAX_UPLOAD_SIZE_MB; its name (at most {FILE_NAME_MAX} characters) is kept "
                            "for display only.",
                        },
                        "document_type": {"type": "string", "enum": list(get_args(SampleType))},
                    },
                }
            }
        },
    }
}


@router.post(
    "",
    response_model=SampleRead,
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_UPLOAD_BODY,
    dependencies=[Depends(rate_limit("upload"))],
    responses={
        413: {"description": "The file is over MAX_UPLOAD_SIZE_MB"},
        415: {"description": "Not an allowed type, or the extension does not match the content"},
        422: {"description": "Encrypted, corrupt, unsafe, or without extractable text"},
        **RATE_LIMITED,
    },
)
@raises(
    UnsupportedFileType,
    FileTypeMismatch,
    EncryptedFile,
    CorruptFile,
    UnsafeFile,
    FileTooComplex,
    NoTextFound,
    TooMuchText,
    service.ConcurrentUpload,
)
async def upload_sample(
    upload: ReceivedSample,
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    extractor: ExtractorDep,
    settings: SettingsDep,
) -> SampleRead:
    """Upload a sample; a second upload of the same document_type replaces it (version + 1)."""
    sample = await service.upload_sample(
        session,
        storage=storage,
        extractor=extractor,
        allowed_extensions=settings.ALLOWED_EXTENSIONS,
        owner=user,
        upload=upload,
    )
    return SampleRead.from_model(sample)


@router.get("", response_model=list[SampleSummary])
async def list_samples(user: CurrentUser, session: SessionDep) -> list[SampleSummary]:
    return [SampleSummary.from_model(sample) for sample in await service.list_samples(session, owner=user)]


@router.get("/{sample_id}", response_model=SampleDetail)
async def read_sample(sample: OwnedSample) -> SampleDetail:
    return SampleDetail.from_model(sample)


_FILE = {"type": "string", "format": "binary"}


@router.get(
    "/{sample_id}/file",
    response_class=FileResponse,
    responses={
        200: {
            "content": {
                media_type: {"schema": {"type": "string", "format": "binary"}}
                for media_type in MEDIA_TYPES.values()
            },
            "description": "The original file",
        }
    },
)
@raises(service.SampleFileMissing)
async def download_sample_file(sample: OwnedSample, storage: StorageDep) -> FileResponse:
    stored = await service.sample_file(storage, sample)
    return FileResponse(
        stored.path,
        media_type=stored.media_type,
        headers={
            "Content-Disposition": content_disposition(stored.file_name),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


@router.delete("/{sample_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_sample(sample: OwnedSample, session: SessionDep, storage: StorageDep) -> Response:
    await service.delete_sample(session, storage=storage, sample=sample)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
