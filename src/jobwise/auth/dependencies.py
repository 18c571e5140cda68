"""CurrentUser: every /api/v1 route depends on it; 401 with WWW-Authenticate otherwise."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from jobwise.auth import service
from jobwise.auth.security import TokenCodec
from jobwise.db import SessionDep
from jobwise.errors import Unauthorized, raises
from jobwise.models import User

# auto_error=False: a missing token must produce our error envelope, not FastAPI's.
_bearer = OAuth2PasswordBearer(tokenUrl="/auth/login", auto_error=False)


async def get_token_codec(request: Request) -> TokenCodec:
    codec: TokenCodec = request.app.state.token_codec
    return codec


TokenCodecDep = Annotated[TokenCodec, Depends(get_token_codec)]


@raises(Unauthorized)
async def get_current_user(
    request: Request,
    session: SessionDep,
    codec: TokenCodecDep,
    token: Annotated[str | None, Depends(_bearer)],
) -> User:
    """The token's user, read in the request's own unit of work.

    On SQLite a write request's transaction takes the database's one write lock at this first
    read; routes that then wait on something slow (an LLM call, an upload body) end it first
    with db.end_read_transaction, and every other request is short.
    """
    if not token:
        raise Unauthorized("Not authenticated: send 'Authorization: Bearer <token>' from POST /auth/login")
    user = await service.user_for_token(session, codec, token)
    request.state.user_id = user.id  # for the request log line
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
