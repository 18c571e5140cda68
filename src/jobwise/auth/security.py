"""Password hashing (pwdlib, Argon2) and access tokens (PyJWT with a pinned algorithm)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from pwdlib import PasswordHash

_hasher = PasswordHash.recommended()
# Verified against when the email is unknown, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("jobwise-timing-equaliser")


async def hash_password(password: str) -> str:
    # Argon2 is deliberately slow; keep it off the event loop.
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    return await asyncio.to_thread(_hasher.verify, password, password_hash or _DUMMY_HASH) and (
        password_hash is not None
    )


class InvalidToken(Exception):
    pass


# The largest id a 64-bit integer column holds: a forged larger subject is simply invalid.
_MAX_USER_ID = 2**63 - 1


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    # The account's token key when the token was issued (User.token_key).
    key: str


@dataclass(frozen=True)
class TokenCodec:
    secret: str
    algorithm: str
    expiry: timedelta
    issuer: str
    audience: str

    def issue(self, user_id: int, key: str, now: datetime | None = None) -> str:
        issued = now or datetime.now(UTC)
        claims: dict[str, Any] = {
            "sub": str(user_id),
            "key": key,
            "iat": issued,
            "exp": issued + self.expiry,
            "iss": self.issuer,
            "aud": self.audience,
        }
        return jwt.encode(claims, self.secret, algorithm=self.algorithm)

    def claims(self, token: str) -> TokenClaims:
        """The token's claims, or InvalidToken for anything expired, tampered or foreign."""
        try:
            claims = jwt.decode(
                token,
                self.secret,
                # Pinned: a token cannot choose its own algorithm ("none" or another HMAC).
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub", "iss", "aud", "key"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        subject, key = claims.get("sub"), claims.get("key")
        if not isinstance(subject, str) or not subject.isascii() or not subject.isdigit():
            raise InvalidToken("token has no valid subject")
        if len(subject) > len(str(_MAX_USER_ID)) or int(subject) > _MAX_USER_ID:
            raise InvalidToken("token has no valid subject")
        if not isinstance(key, str) or not key:
            raise InvalidToken("token has no key")
        return TokenClaims(user_id=int(subject), key=key)
