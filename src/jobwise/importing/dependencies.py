"""Receiving a résumé file: samples' streaming multipart reader and checks, nothing stored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep, commit
from jobwise.dependencies import SettingsDep, StorageDep
from jobwise.errors import ValidationFailed, raises
from jobwise.importing.schemas import ResumeUpload
from jobwise.samples.dependencies import checked_file
from jobwise.samples.errors import FileTooLarge, InvalidMultipart, MultipartRequired
from jobwise.samples.upload import receive_form


@raises(MultipartRequired, InvalidMultipart, FileTooLarge, ValidationFailed)
async def receive_resume_upload(
    request: Request, user: CurrentUser, session: SessionDep, storage: StorageDep, settings: SettingsDep
) -> AsyncIterator[ResumeUpload]:
    """The file, streamed to a private temp file that is gone before the response is sent.

    Nothing is written to the database: commit the authentication's unit of work first, so no
    lock is held while a slow client sends the body or the PDF child reads it.
    """
    await commit(session)
    async with receive_form(
        request,
        storage=storage,
        directory=storage.user_dir(user.id) / "imports",
        max_file_bytes=settings.max_upload_bytes,
        file_field="file",
    ) as form:
        file_name, charset = checked_file(form, missing="attach your résumé (.pdf, .docx, .txt or .md)")
        assert form.file is not None
        yield ResumeUpload(file_name=file_name, path=form.file.path, size=form.file.size, charset=charset)


ReceivedResume = Annotated[ResumeUpload, Depends(receive_resume_upload, scope="function")]
