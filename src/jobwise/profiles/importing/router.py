"""POST /api/v1/profiles/import: a résumé file in, a JSON Resume draft out; nothing is stored."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from jobwise.ai.errors import NoEngine
from jobwise.auth.dependencies import CurrentUser
from jobwise.dependencies import SettingsDep
from jobwise.errors import raises
from jobwise.profiles.importing import service
from jobwise.profiles.importing.dependencies import ReceivedResume
from jobwise.profiles.importing.errors import GarbledText, NotAResume, ScannedDocument
from jobwise.profiles.importing.llm import LlmReviser
from jobwise.profiles.importing.schemas import ImportEngineName, ImportRead
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
    NoEngine,
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
            raise NoEngine(
                "engine=llm needs an LLM engine (AI_ENGINE=groq or openai); this server runs the "
                "offline engine: import with engine=offline."
            )
        reviser = LlmReviser(llm, user_id=user.id)
    result = await service.import_resume(
        upload, extractor=extractor, allowed_extensions=settings.ALLOWED_EXTENSIONS, reviser=reviser
    )
    return result.to_read()
