from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import ValidationError

from jobwise.auth import service
from jobwise.auth.dependencies import CurrentUser, TokenCodecDep
from jobwise.auth.schemas import LoginRequest, Token, UserCreate, UserRead
from jobwise.db import SessionDep
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.errors import InvalidInput, UnsupportedMediaType
from jobwise.models import User
from jobwise.storage import Storage

router = APIRouter(prefix="/auth", tags=["Authentication"])

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def login_credentials(request: Request) -> LoginRequest:
    """Accept JSON {email, password} and the OAuth2 password form (username, password)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw: Any
    if content_type in _FORM_TYPES:
        form = await request.form()
        raw = {"email": form.get("username", form.get("email")), "password": form.get("password")}
    elif content_type in ("application/json", ""):
        try:
            raw = await request.json()
        except ValueError:
            raise InvalidInput("The body is not valid JSON") from None
    else:
        raise UnsupportedMediaType("Send JSON {email, password} or an OAuth2 password form")
    try:
        return LoginRequest.model_validate(raw)
    except ValidationError as exc:
        fields = [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
        raise InvalidInput("Invalid login request", details=fields, code="validation_error") from None


_LOGIN_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": LoginRequest.model_json_schema()},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {
                        "username": {"type": "string", "format": "email", "maxLength": 320},
                        "password": {"type": "string", "minLength": 1, "maxLength": 128},
                    },
                }
            },
        },
    }
}


@router.post("/register", response_model=UserRead, status_code=status.HTTP_201_CREATED)
async def register(data: UserCreate, session: SessionDep) -> User:
    """Create an account. The password needs 8 to 128 characters and is refused (422
    `weak_password`) when it is one of the most common breached passwords, contains the email
    address or the part before its @, or is only whitespace; no mix of character kinds is asked."""
    return await service.register(session, data)


@router.post("/login", response_model=Token, openapi_extra=_LOGIN_BODY)
async def login(
    credentials: Annotated[LoginRequest, Depends(login_credentials)],
    database: DatabaseDep,
    settings: SettingsDep,
    codec: TokenCodecDep,
) -> Token:
    return await service.login(database, settings, codec, credentials)


@router.get("/me", response_model=UserRead)
async def me(user: CurrentUser) -> User:
    return user


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
async def delete_me(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> Response:
    """Delete the account, everything it owns, and its files under UPLOAD_DIR."""
    await service.delete_account(session, Storage.from_settings(settings), user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
