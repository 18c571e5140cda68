from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
)

PASSWORD_MIN = 8
PASSWORD_MAX = 128


def _compatible_form(value: object) -> object:
    # NFKC first, so a full-width "ａda@x.io" is the same account as "ada@x.io".
    return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


def _normalise_email(value: str) -> str:
    return value.strip().lower()


Email = Annotated[
    EmailStr, BeforeValidator(_compatible_form), Field(max_length=320), AfterValidator(_normalise_email)
]
Password = Annotated[str, Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)]
FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    email: Email
    password: Password
    full_name: FullName


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    email: Email
    # Not the registration rule: a login with any length must fail the same way (401).
    password: Annotated[str, Field(min_length=1, max_length=PASSWORD_MAX)]


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    current_password: Annotated[str, Field(min_length=1, max_length=PASSWORD_MAX)]
    new_password: Password


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    full_name: str | None
    created_at: datetime


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int = Field(description="Seconds until the token expires")
