"""Registration, login with throttling, password changes, and resolving a token to its user."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.auth import throttle
from jobwise.auth.passwords import check_password
from jobwise.auth.recent_users import RECENT_USERS, attach
from jobwise.auth.schemas import LoginRequest, PasswordChange, Token, UserCreate
from jobwise.auth.security import InvalidToken, TokenCodec, hash_password, verify_password
from jobwise.config import Settings
from jobwise.db import Database, after_commit, end_read_transaction
from jobwise.errors import Conflict, InvalidInput, Unauthorized
from jobwise.models import User
from jobwise.models.user import new_token_key
from jobwise.storage import Storage


class EmailTaken(Conflict):
    code = "email_taken"


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"


class WrongPassword(InvalidInput):
    # Not a 401: the caller's token is fine, and a client that signs out on 401 must not.
    code = "wrong_password"


async def register(session: AsyncSession, data: UserCreate) -> User:
    check_password(data.password, data.email)
    # Hashed first, whether or not the email is taken: both answers cost one Argon2 hash, so
    # the time of a 409 does not tell an attacker more than its body does.
    password_hash = await hash_password(data.password)
    if await session.scalar(select(User.id).where(User.email == data.email)) is not None:
        raise EmailTaken("An account with this email already exists")
    user = User(email=data.email, password_hash=password_hash, full_name=data.full_name)
    session.add(user)
    try:
        await session.flush()
    except IntegrityError:  # a concurrent registration won the race
        raise EmailTaken("An account with this email already exists") from None
    return user


def issue_token(codec: TokenCodec, user: User) -> Token:
    return Token(
        access_token=codec.issue(user.id, user.token_key), expires_in=int(codec.expiry.total_seconds())
    )


async def _check_password(
    database: Database, settings: Settings, *, email: str, password: str, client: str
) -> User | None:
    """The account if the password is its own, under the login throttle (auth/throttle.py).

    Short transactions of its own, not the request's: the counted attempt must be committed
    even though the request fails, and before the slow password check, so that parallel
    guesses see each other.
    """
    now = datetime.now(UTC)
    keys = throttle.keys_for(settings, email=email, client=client)
    async with database.write_session() as session, session.begin():
        await throttle.count_attempt(session, settings, keys, now)
    async with database.read_session() as session:
        user = await session.scalar(select(User).where(User.email == email))
    # Always verify, even for an unknown email, so the two failures take the same time.
    valid = await verify_password(password, user.password_hash if user else None)
    if user is None or not valid:
        return None
    async with database.write_session() as session, session.begin():
        await throttle.take_back(session, keys)
    return user


async def login(
    database: Database, settings: Settings, codec: TokenCodec, data: LoginRequest, *, client: str
) -> Token:
    user = await _check_password(database, settings, email=data.email, password=data.password, client=client)
    if user is None:
        raise InvalidCredentials("Incorrect email or password")
    return issue_token(codec, user)


async def change_password(
    session: AsyncSession,
    database: Database,
    settings: Settings,
    codec: TokenCodec,
    *,
    user: User,
    data: PasswordChange,
    client: str,
) -> Token:
    """Check the current password (throttled like a login), store the new one, revoke every
    token issued before, and return a fresh one for the caller."""
    check_password(data.new_password, user.email)
    # The throttle writes in its own transactions; on SQLite the request's would wait on them.
    await end_read_transaction(session)
    checked = await _check_password(
        database, settings, email=user.email, password=data.current_password, client=client
    )
    if checked is None:
        raise WrongPassword("The current password is not correct", details=[{"field": "current_password"}])
    # Hashed before the write begins: Argon2 takes a while, and on SQLite the write holds the lock.
    password_hash = await hash_password(data.new_password)
    stored = await session.merge(user)
    stored.password_hash = password_hash
    stored.token_key = new_token_key()
    await session.flush()
    return issue_token(codec, stored)


async def user_for_token(session: AsyncSession, codec: TokenCodec, token: str) -> User:
    """The token's user, if the token was issued to this very account and not revoked since."""
    try:
        claims = codec.claims(token)
    except InvalidToken:
        raise Unauthorized("Invalid or expired token") from None
    # Found only under the token's own key: a revoked key or a deleted account is not there.
    remembered = RECENT_USERS.get(claims.user_id, claims.key)
    if remembered is not None:
        return attach(session.sync_session, remembered)
    epoch = RECENT_USERS.epoch
    user = await session.get(User, claims.user_id)
    if user is None or not hmac.compare_digest(user.token_key.encode(), claims.key.encode()):
        raise Unauthorized("Invalid or expired token")
    RECENT_USERS.remember(user, read_at_epoch=epoch)
    return user


async def revoke_tokens(session: AsyncSession, user: User) -> None:
    """A new token key: every token issued to this account until now stops working."""
    await session.execute(update(User).where(User.id == user.id).values(token_key=new_token_key()))


async def delete_user(session: AsyncSession, user: User) -> None:
    await session.execute(delete(User).where(User.id == user.id))


async def delete_account(session: AsyncSession, storage: Storage, user: User) -> None:
    """Delete the user (their rows go by ON DELETE CASCADE), then, once that is committed,
    their files: a failed commit must not leave an account whose files are gone."""
    user_id = user.id
    await delete_user(session, user)
    after_commit(session, lambda: storage.remove_user(user_id))
