"""POST /api/v1/profiles/import: a résumé file in, a JSON Resume draft out; nothing is stored."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import SettingsDep, StorageDep
from jobwise.documents.dependencies import OwnedDocument
from jobwise.errors import raises
from jobwise.importing import ats, service
from jobwise.importing.dependencies import ReceivedResume
from jobwise.importing.errors import GarbledText, LLMNotConfigured, NotAResume, ScannedDocument
from jobwise.importing.llm import LlmReviser
from jobwise.importing.schemas import AtsCheckRead, ImportEngineName, ImportRead
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit
from jobwise.samples.dependencies import ExtractorDep
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
from jobwise.samples.schemas import FILE_NAME_MAX

router = APIRouter(prefix="/profiles", tags=["Profiles"])

_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "Your résumé: .pdf, .docx, .txt or .md "
                            "(as ALLOWED_EXTENSIONS allows), "
                            f"at most MAX_UPLOAD_SIZE_MB; its name (at most {FILE_NAME_MAX} characters) "
                            "only tells its kind.",
                        },
                    },
                }
            }
        },
    }
}


@router.post(
    "/import",
    openapi_extra=_UPLOAD_BODY,
    dependencies=[Depends(rate_limit("upload"))],
    responses={
        413: {"description": "The file is over MAX_UPLOAD_SIZE_MB"},
        415: {"description": "Not an allowed type, or the extension does not match the content"},
        422: {"description": "Encrypted, corrupt, unsafe, scanned, garbled, or not a résumé"},
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
    ScannedDocument,
    GarbledText,
    TooMuchText,
    NotAResume,
    LLMNotConfigured,
)
async def import_resume(
    upload: ReceivedResume,
    extractor: ExtractorDep,
    settings: SettingsDep,
    user: CurrentUser,
    request: Request,
    engine: Annotated[
        ImportEngineName, Query(description="offline rules (the default) or the LLM")
    ] = "offline",
) -> ImportRead:
    """Read a résumé file into a JSON Resume draft, with the line each value came from. Nothing is
    stored: review the draft, then apply it with PUT /api/v1/profiles/me/json-resume (add
    `?mode=merge` to keep everything your profile already holds)."""
    reviser = None
    if engine == "llm":
        llm = getattr(request.app.state, "engine", None)
        if not hasattr(llm, "extract"):
            raise LLMNotConfigured(
                "engine=llm needs an LLM engine (AI_ENGINE=groq or openai); this server runs the "
                "offline engine: import with engine=offline."
            )
        reviser = LlmReviser(llm, user_id=user.id)
    result = await service.import_resume(
        upload, extractor=extractor, allowed_extensions=settings.ALLOWED_EXTENSIONS, reviser=reviser
    )
    return result.to_read()


# How an applicant tracking system reads a kept document: the importer on its exported file.
documents_router = APIRouter(prefix="/documents", tags=["Documents"])


@documents_router.get(
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
