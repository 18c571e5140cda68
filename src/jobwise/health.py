from __future__ import annotations

import ipaddress
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import text

from jobwise import __version__
from jobwise.auth import service as auth_service
from jobwise.auth.dependencies import TokenCodecDep
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.errors import JobWiseError, ServiceUnavailable, raises

router = APIRouter(tags=["Health"])


class DatabaseUnavailable(ServiceUnavailable):
    """The database does not answer."""

    code = "database_unavailable"


_optional_bearer = OAuth2PasswordBearer(tokenUrl="/auth/login", auto_error=False)


@router.get("/")
async def root() -> dict[str, str]:
    return {"message": "JobWise API", "status": "running", "docs": "/docs"}


def _is_local(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def _may_see_details(
    request: Request, database: DatabaseDep, codec: TokenCodecDep, token: str | None
) -> bool:
    # What runs where (version, database, engine) helps an attacker pick an exploit: anonymous
    # callers from elsewhere (a load balancer's probe) get the status only.
    if _is_local(request):
        return True
    if not token:
        return False
    async with database.read_session() as session:
        try:
            await auth_service.user_for_token(session, codec, token)
        except JobWiseError:
            return False
    return True


# FastAPI lists the bearer scheme; the empty requirement added to it says the token is optional
# (it only adds details), or the schema would promise a 401.
@router.get("/health", openapi_extra={"security": [{}]})
@raises(DatabaseUnavailable)
async def health(
    request: Request,
    database: DatabaseDep,
    settings: SettingsDep,
    codec: TokenCodecDep,
    token: Annotated[str | None, Depends(_optional_bearer)],
) -> dict[str, Any]:
    """ "healthy" when the database answers; with details for local or signed-in callers."""
    try:
        async with database.read_session() as session:
            await session.execute(text("SELECT 1"))
    except Exception as exc:
        raise DatabaseUnavailable("The database is not reachable") from exc
    if not await _may_see_details(request, database, codec, token):
        return {"status": "healthy"}
    return {
        "status": "healthy",
        "version": __version__,
        "database": {"status": "connected", "dialect": database.engine.dialect.name},
        "ai": request.app.state.ai_status,
        # Which backend carries tasks, and whether this process runs them (or only enqueues).
        "tasks": {"backend": settings.TASK_BACKEND, "worker_in_process": settings.TASK_WORKER_ENABLED},
    }
