from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import ValidationError

from jobwise.auth import service
from jobwise.auth.dependencies import CurrentUser, TokenCodecDep
from jobwise.auth.passwords import WeakPassword
from jobwise.auth.schemas import LoginRequest, PasswordChange, Token, UserCreate, UserRead
from jobwise.auth.throttle import TooManyLoginAttempts
from jobwise.db import SessionDep
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.errors import (
    UNSAFE_TEXT_CODE,
    InvalidInput,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
    raises,
)
from jobwise.models import User
from jobwise.storage import Storage

router = APIRouter(prefix="/auth", tags=["Authentication"])

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


# 413: hardening.py limits these bodies like any other that is not an upload.
@raises(PayloadTooLarge, UnsupportedMediaType, InvalidInput, ValidationFailed)
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
        except (ValueError, RecursionError):
            raise InvalidInput("The body is not valid JSON, or is nested too deeply") from None
    else:
        raise UnsupportedMediaType("Send JSON {email, password} or an OAuth2 password form")
    try:
        return LoginRequest.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        fields = [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in errors]
        unsafe = all(e["type"] == UNSAFE_TEXT_CODE for e in errors)
        raise ValidationFailed(
            "Invalid login request", details=fields, code=UNSAFE_TEXT_CODE if unsafe else None
        ) from None


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
@raises(service.EmailTaken, WeakPassword)
async def register(data: UserCreate, session: SessionDep) -> User:
    """Create an account. The password needs 8 to 128 characters and is refused (422
    `weak_password`) when it is one of the most common breached passwords, contains the email
    address or the part before its @, or is only whitespace; no mix of character kinds is asked."""
    return await service.register(session, data)


def client_address(request: Request) -> str:
    # The peer as uvicorn reports it (behind a proxy, with --forwarded-allow-ips, the client).
    return request.client.host if request.client else "unknown"


# A token is a credential: no cache along the way may keep it.
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@router.post("/login", response_model=Token, openapi_extra=_LOGIN_BODY)
@raises(service.InvalidCredentials, TooManyLoginAttempts)
async def login(
    request: Request,
    response: Response,
    credentials: Annotated[LoginRequest, Depends(login_credentials)],
    database: DatabaseDep,
    settings: SettingsDep,
    codec: TokenCodecDep,
) -> Token:
    response.headers.update(_NO_STORE)
    return await service.login(database, settings, codec, credentials, client=client_address(request))


@router.get("/me", response_model=UserRead)
async def me(user: CurrentUser) -> User:
    return user


@router.post("/password", response_model=Token)
@raises(service.WrongPassword, WeakPassword, TooManyLoginAttempts)
async def change_password(
    data: PasswordChange,
    request: Request,
    response: Response,
    user: CurrentUser,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    codec: TokenCodecDep,
) -> Token:
    """Change the password; every token issued before stops working, the new one is returned."""
    response.headers.update(_NO_STORE)
    return await service.change_password(
        session, database, settings, codec, user=user, data=data, client=client_address(request)
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(user: CurrentUser, session: SessionDep) -> Response:
    """Sign out everywhere: every token issued to this account stops working."""
    await service.revoke_tokens(session, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
async def delete_me(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> Response:
    """Delete the account, everything it owns, and its files under UPLOAD_DIR."""
    await service.delete_account(session, Storage.from_settings(settings), user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
