"""OwnedDocument: another user's document id is a 404, decided here once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.documents import service
from jobwise.errors import raises
from jobwise.models import Document


@raises(service.DocumentNotFound)
async def get_owned_document(document_id: str, user: CurrentUser, session: SessionDep) -> Document:
    return await service.get_document(session, owner=user, document_id=document_id)


OwnedDocument = Annotated[Document, Depends(get_owned_document)]
