"""`/` and `/health`: whether the API answers, and (for its operator) what it runs on.

The API is healthy when its database answers. The AI engine's server is reported beside it but
never fails the check: an LLM that is down makes the AI steps fail with their own clear errors,
while everything else (profiles, documents, exports) keeps working.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import text

from jobwise import __version__
from jobwise.ai.factory import OPENAI_URL
from jobwise.auth import service as auth_service
from jobwise.auth.dependencies import TokenCodecDep
from jobwise.config import Settings
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.errors import JobWiseError, ServiceUnavailable, raises
from jobwise.tasks.backend import TaskBackend
from jobwise.tasks.process import WithWorkerProcess

router = APIRouter(tags=["Health"])


class DatabaseUnavailable(ServiceUnavailable):
    """The database does not answer."""

    code = "database_unavailable"


_optional_bearer = OAuth2PasswordBearer(tokenUrl="/auth/login", auto_error=False)


class EngineProbe:
    """Whether the LLM server answers: one GET of its model list, at most once per `ttl` seconds.

    Listing models costs no tokens on any server JobWise speaks to (Groq, OpenAI, Ollama,
    llama.cpp, vLLM). The answer is cached, concurrent callers share one request, and a server
    that does not answer costs a caller at most `timeout` seconds, never the event loop.
    """

    def __init__(
        self,
        url: str | None,
        *,
        key_setting: str = "",
        url_setting: str = "",
        api_key: str = "",
        ttl: float = 30,
        timeout: float = 2,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.url = url
        self._key_setting = key_setting
        self._url_setting = url_setting
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._ttl = ttl
        self._timeout = timeout
        self._clock = clock
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._lock = asyncio.Lock()
        self._last: tuple[float, dict[str, Any]] | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> EngineProbe:
        engine = settings.ai_engine
        if engine == "offline":
            return cls(None)
        if engine == "groq":
            # The groq SDK speaks to {GROQ_BASE_URL}/openai/v1, like this probe.
            return cls(
                f"{settings.GROQ_BASE_URL.rstrip('/')}/openai/v1/models",
                api_key=settings.GROQ_API_KEY,
                key_setting="GROQ_API_KEY",
                url_setting="GROQ_BASE_URL",
            )
        return cls(
            f"{(settings.LLM_BASE_URL or OPENAI_URL).rstrip('/')}/models",
            api_key=settings.LLM_API_KEY,
            key_setting="LLM_API_KEY",
            url_setting="LLM_BASE_URL",
        )

    async def status(self) -> dict[str, Any]:
        """{"status": "offline" | "reachable" | "unreachable", "checked_at", "detail"?}."""
        if self.url is None:
            return {"status": "offline"}  # rules in this process: nothing to reach
        async with self._lock:  # callers during a probe wait for its answer instead of probing again
            if self._last is None or self._clock() - self._last[0] >= self._ttl:
                self._last = (self._clock(), await self._probe(self.url))
            return self._last[1]

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def _probe(self, url: str) -> dict[str, Any]:
        if self._client is None:
            # Building a client loads the CA bundle: tens of milliseconds, kept off the event loop.
            self._client = await asyncio.to_thread(
                httpx.AsyncClient, timeout=self._timeout, transport=self._transport
            )
        checked_at = datetime.now(UTC).isoformat()
        try:
            response = await self._client.get(url, headers=self._headers)
        except httpx.TimeoutException:
            detail = f"no answer within {self._timeout:g} s; check {self._url_setting}"
        except httpx.HTTPError as exc:
            detail = (
                f"cannot connect ({type(exc).__name__}); is the server running? check {self._url_setting}"
            )
        else:
            if response.is_success:
                return {"status": "reachable", "checked_at": checked_at}
            detail = f"the server answered HTTP {response.status_code}; " + self._hint(response.status_code)
        # The URL and key stay out of the answer: signed-in users see it, not only the operator.
        return {"status": "unreachable", "checked_at": checked_at, "detail": detail}

    def _hint(self, status_code: int) -> str:
        if status_code in {401, 403}:
            return f"check {self._key_setting}"
        if status_code == 404:
            return f"check {self._url_setting} (it usually ends in /v1)"
        return "the server has a problem of its own"


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
        # The engine, and whether its server answers (cached): never a reason for a 503.
        "ai": {**request.app.state.ai_status, **await request.app.state.engine_probe.status()},
        # Which backend carries tasks, and where this process's tasks run (or "elsewhere": it only enqueues).
        "tasks": {
            "backend": settings.TASK_BACKEND,
            "worker": _worker_kind(settings),
            **_worker_process(request.app.state.task_backend),
        },
    }


def _worker_process(backend: TaskBackend) -> dict[str, Any]:
    """Whether the worker child is up, and how often it was started again: a child that keeps
    dying (the OOM killer, a failing start) leaves tasks queued while requests are served."""
    if not isinstance(backend, WithWorkerProcess):
        return {}
    process = backend.process
    return {"worker_process": {"running": process.running, "restarts": process.restarts}}


def _worker_kind(settings: Settings) -> str:
    """Where this process's tasks run: its child process, its own event loop, or elsewhere."""
    if not settings.TASK_WORKER_ENABLED:
        return "elsewhere"
    return "child process" if settings.TASK_WORKER_PROCESS else "in process"
