"""CurrentUser: every /api/v1 route depends on it; 401 with WWW-Authenticate otherwise."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from jobwise.auth import service
from jobwise.auth.security import TokenCodec
from jobwise.db import READ_METHODS, SessionDep
from jobwise.dependencies import DatabaseDep
from jobwise.errors import Unauthorized
from jobwise.models import User

# auto_error=False: a missing token must produce our error envelope, not FastAPI's.
_bearer = OAuth2PasswordBearer(tokenUrl="/auth/login", auto_error=False)


def get_token_codec(request: Request) -> TokenCodec:
    codec: TokenCodec = request.app.state.token_codec
    return codec


TokenCodecDep = Annotated[TokenCodec, Depends(get_token_codec)]


async def get_current_user(
    request: Request,
    session: SessionDep,
    database: DatabaseDep,
    codec: TokenCodecDep,
    token: Annotated[str | None, Depends(_bearer)],
) -> User:
    if not token:
        raise Unauthorized("Not authenticated: send 'Authorization: Bearer <token>' from POST /auth/login")
    if request.method in READ_METHODS:
        user = await service.user_for_token(session, codec, token)
    else:
        # A short read of its own, not the request's session: on SQLite a write request's session
        # holds the database's one write lock from its first query, and authentication must not
        # take it before the route knows whether (and when) it writes.
        async with database.read_session() as own:
            user = await service.user_for_token(own, codec, token)
    request.state.user_id = user.id  # for the request log line
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
