"""Registration, login with throttling, and resolving a token to its user."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.auth.passwords import check_password
from jobwise.auth.schemas import LoginRequest, Token, UserCreate
from jobwise.auth.security import InvalidToken, TokenCodec, hash_password, verify_password
from jobwise.config import Settings
from jobwise.db import Database, after_commit
from jobwise.errors import Conflict, TooManyRequests, Unauthorized
from jobwise.models import LoginAttempt, User
from jobwise.storage import Storage


class EmailTaken(Conflict):
    code = "email_taken"


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"


class TooManyLoginAttempts(TooManyRequests):
    code = "too_many_login_attempts"


async def register(session: AsyncSession, data: UserCreate) -> User:
    check_password(data.password, data.email)
    if await session.scalar(select(User.id).where(User.email == data.email)) is not None:
        raise EmailTaken("An account with this email already exists")
    user = User(email=data.email, password_hash=await hash_password(data.password), full_name=data.full_name)
    session.add(user)
    try:
        await session.flush()
    except IntegrityError:  # a concurrent registration won the race
        raise EmailTaken("An account with this email already exists") from None
    return user


async def _recent_failures(session: AsyncSession, email: str, since: datetime) -> tuple[int, datetime | None]:
    row = (
        await session.execute(
            select(func.count(), func.min(LoginAttempt.attempted_at)).where(
                LoginAttempt.email == email, LoginAttempt.attempted_at >= since
            )
        )
    ).one()
    oldest = row[1]
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return int(row[0]), oldest


async def login(database: Database, settings: Settings, codec: TokenCodec, data: LoginRequest) -> Token:
    """Check the credentials; failures are recorded even though the request answers 401.

    Login manages its own short transactions instead of the request's session: a failed
    attempt must be committed while the request itself fails, and on SQLite a second write
    transaction inside the request's would wait on the request's own lock.
    """
    now = datetime.now(UTC)
    window = timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)
    async with database.read_session() as session:
        failures, oldest = await _recent_failures(session, data.email, now - window)
        user = await session.scalar(select(User).where(User.email == data.email))
    if failures >= settings.LOGIN_MAX_FAILURES and oldest is not None:
        retry_after = max(1, int((oldest + window - now).total_seconds()) + 1)
        raise TooManyLoginAttempts(
            f"Too many failed logins for this email; try again in {retry_after} seconds",
            headers={"Retry-After": str(retry_after)},
        )
    # Always verify, even for an unknown email, so the two failures take the same time.
    valid = await verify_password(data.password, user.password_hash if user else None)
    if user is None or not valid:
        async with database.write_session() as session, session.begin():
            session.add(LoginAttempt(email=data.email, attempted_at=now))
        raise InvalidCredentials("Incorrect email or password")
    if failures:
        async with database.write_session() as session, session.begin():
            await session.execute(delete(LoginAttempt).where(LoginAttempt.email == data.email))
    return Token(access_token=codec.issue(str(user.id)), expires_in=int(codec.expiry.total_seconds()))


async def user_for_token(session: AsyncSession, codec: TokenCodec, token: str) -> User:
    try:
        subject = codec.subject(token)
    except InvalidToken:
        raise Unauthorized("Invalid or expired token") from None
    user = await session.get(User, int(subject)) if subject.isdigit() else None
    if user is None:
        raise Unauthorized("Invalid or expired token")
    return user


async def delete_user(session: AsyncSession, user: User) -> None:
    # By id: CurrentUser is loaded in its own short session, so `user` is detached here.
    await session.execute(delete(User).where(User.id == user.id))


async def delete_account(session: AsyncSession, storage: Storage, user: User) -> None:
    """Delete the user (their rows go by ON DELETE CASCADE), then, once that is committed,
    their files: a failed commit must not leave an account whose files are gone."""
    user_id = user.id
    await delete_user(session, user)
    after_commit(session, lambda: storage.remove_user(user_id))
