"""Sample dependencies: ownership, the app's extractor, and receiving an upload."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from pydantic import ValidationError
from python_multipart.multipart import parse_options_header

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep, commit
from jobwise.dependencies import SettingsDep, StorageDep
from jobwise.errors import ValidationFailed, raises
from jobwise.models import SampleDocument
from jobwise.samples import service
from jobwise.samples.errors import FileTooLarge, InvalidMultipart, MultipartRequired, SampleNotFound
from jobwise.samples.extraction import Extractor
from jobwise.samples.schemas import SampleUpload, SampleUploadForm
from jobwise.samples.upload import ReceivedForm, receive_form
from jobwise.storage import clean_file_name


@raises(SampleNotFound)
async def get_owned_sample(sample_id: str, user: CurrentUser, session: SessionDep) -> SampleDocument:
    return await service.get_sample(session, owner=user, sample_id=sample_id)


OwnedSample = Annotated[SampleDocument, Depends(get_owned_sample)]


async def get_extractor(request: Request) -> Extractor:
    """One extractor per app, made on first use; tests may set `app.state.sample_extractor`
    to one with lower limits."""
    state = request.app.state
    extractor: Extractor | None = getattr(state, "sample_extractor", None)
    if extractor is None:
        extractor = state.sample_extractor = Extractor()
    return extractor


ExtractorDep = Annotated[Extractor, Depends(get_extractor)]


def _invalid(field: str, message: str, kind: str) -> ValidationFailed:
    return ValidationFailed(
        f"Invalid request: {field}: {message}", details=[{"field": field, "message": message, "type": kind}]
    )


def checked_file(form: ReceivedForm, *, missing: str) -> tuple[str, str | None]:
    """The received file's cleaned name and declared charset; 422 when it has no usable name."""
    if form.file is None:
        raise _invalid("file", f"Field required: {missing}", "missing")
    file_name = clean_file_name(form.file.file_name)
    if not file_name:
        raise _invalid("file", "The file has no name; its extension says what kind of file it is", "missing")
    if len(file_name) > 255:
        raise _invalid("file", "The file name is longer than 255 characters; rename the file", "too_long")
    _, params = parse_options_header(form.file.content_type)
    charset = params.get(b"charset", b"").decode("latin-1").strip()[:40] or None
    return file_name, charset


@raises(MultipartRequired, InvalidMultipart, FileTooLarge, ValidationFailed)
async def receive_sample_upload(
    request: Request, user: CurrentUser, session: SessionDep, storage: StorageDep, settings: SettingsDep
) -> AsyncIterator[SampleUpload]:
    """The multipart upload, streamed to a temp file next to where it will be stored.

    Authentication ran in this request's unit of work, and on SQLite a write request's first
    statement takes the database's write lock. Nothing has been written yet, so commit now:
    other writers must not wait while a slow client sends the body or a PDF is parsed. The
    service touches the database again only once the file has been read.
    """
    await commit(session)
    directory = storage.samples_dir(user.id)
    async with receive_form(
        request,
        storage=storage,
        directory=directory,
        max_file_bytes=settings.max_upload_bytes,
        file_field="file",
        text_fields=("document_type",),
    ) as form:
        try:
            fields = SampleUploadForm.model_validate(form.fields)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(part) for part in error["loc"])
            raise _invalid(field, error["msg"], error["type"]) from None
        file_name, charset = checked_file(form, missing="attach the resume or cover letter")
        assert form.file is not None
        yield SampleUpload(
            document_type=fields.document_type,
            file_name=file_name,
            path=form.file.path,
            size=form.file.size,
            charset=charset,
        )


# Function scope: it shares the request's session (also function-scoped), and the temp file is
# gone before the response is sent.
ReceivedSample = Annotated[SampleUpload, Depends(receive_sample_upload, scope="function")]
