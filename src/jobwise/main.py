"""create_app(): settings, database, migrations, routers, error handlers and middleware."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import timedelta

from fastapi import APIRouter, Depends, FastAPI
from starlette.routing import NoMatchFound

from jobwise import __version__
from jobwise.ai.deadline import RequestTimeLimitMiddleware
from jobwise.auth.dependencies import get_current_user
from jobwise.auth.router import router as auth_router
from jobwise.auth.security import TokenCodec
from jobwise.config import Settings, get_settings, resolve_jwt_secret
from jobwise.dependencies import refuse_unsafe_path_and_query
from jobwise.docs import install_offline_docs
from jobwise.documents.router import router as documents_router
from jobwise.enhancement.router import router as enhancement_router
from jobwise.errors import CORSMiddleware, install_error_handlers
from jobwise.generations.router import router as generations_router
from jobwise.hardening import BodyLimitMiddleware, SecurityHeadersMiddleware, require_json_body
from jobwise.health import EngineProbe
from jobwise.health import router as health_router
from jobwise.importing.router import documents_router as ats_router
from jobwise.importing.router import router as import_router
from jobwise.jobs.router import router as jobs_router
from jobwise.logging_setup import RequestLogMiddleware, configure_logging
from jobwise.openapi import install_openapi
from jobwise.profiles.router import router as profiles_router
from jobwise.rankings.router import router as rankings_router
from jobwise.rate_limits.service import RateLimiter
from jobwise.runtime import Runtime, build_runtime
from jobwise.samples.router import router as samples_router
from jobwise.storage import private_dir
from jobwise.usage.router import router as usage_router
from jobwise.web.router import install_web

# The routers under /api/v1. Every route of theirs needs a bearer token: enforced once, where they
# are included (_include_api). Each is included into the app itself rather than through one /api/v1
# router: FastAPI walks a nested router's routes on every request to see whether one was added
# since, some 400 calls a request for the API's routes (bench/api_overhead.py, the 304).
API_ROUTERS: tuple[APIRouter, ...] = (
    profiles_router,
    import_router,
    jobs_router,
    samples_router,
    enhancement_router,
    usage_router,
    rankings_router,
    generations_router,
    documents_router,
    ats_router,
)


def _include_api(app: FastAPI) -> None:
    for router in API_ROUTERS:
        app.include_router(router, prefix="/api/v1", dependencies=[Depends(get_current_user)])


def prepare_to_serve(app: FastAPI) -> None:
    """What `jobwise serve` adds to an app (tests start thousands and skip it): every route built
    now, and the heap frozen once started.

    FastAPI builds an included router's routes at the first request that reaches it (dependencies,
    body fields: 0.5 s for the API's first request, on the event loop); looking up a name no route
    has builds them all, through the public API. And the 350,000 objects a started process holds
    (modules, schemas, the vocabulary and word lists) made each full garbage collection take
    0.1-0.3 s, on the event loop, every few seconds under load; frozen after start
    (gc.freeze, see the lifespan), a collection looks only at what requests and tasks made.
    """
    with suppress(NoMatchFound):
        app.url_path_for("jobwise-warm-up")
    app.state.freeze_heap_after_start = True


def create_served_app() -> FastAPI:
    """The app each process of `jobwise serve --workers N` builds (see prepare_to_serve)."""
    app = create_app()
    prepare_to_serve(app)
    return app


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.LOG_LEVEL)
    private_dir(settings.data_dir)
    # Checked before serving anything: a weak secret must stop the start, not the first login.
    secret = resolve_jwt_secret(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime: Runtime = app.state.runtime
        async with runtime.running():
            if getattr(app.state, "freeze_heap_after_start", False):
                # What is garbage now goes first; what lives on is never scanned again.
                gc.collect()
                gc.freeze()
            try:
                yield
            finally:
                await app.state.engine_probe.aclose()

    app = FastAPI(
        title="JobWise API",
        version=__version__,
        description="Tailored, honest job applications: profile, jobs, samples, enhancement, documents.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # Bodies follow the same rule through their schemas (jobwise.schemas.InputModel).
        dependencies=[Depends(refuse_unsafe_path_and_query), Depends(require_json_body)],
    )
    # Database, prompts (checked here: a missing prompt or placeholder stops the start), engine
    # and tasks; with TASK_WORKER_ENABLED=false this process only enqueues and `jobwise worker`
    # runs the tasks.
    app.state.runtime = build_runtime(settings, state=app.state, run_tasks=settings.TASK_WORKER_ENABLED)
    app.state.ai_status = app.state.engine.info.as_status()
    app.state.engine_probe = EngineProbe.from_settings(settings)
    app.state.rate_limiter = RateLimiter.from_settings(settings)
    app.state.token_codec = TokenCodec(
        secret=secret,
        algorithm=settings.JWT_ALGORITHM,
        expiry=timedelta(hours=settings.JWT_EXPIRY_HOURS),
        issuer=settings.JWT_ISSUER,
        audience=settings.JWT_AUDIENCE,
    )

    install_error_handlers(app)
    install_openapi(app)
    install_offline_docs(app)
    app.include_router(health_router)
    app.include_router(auth_router)
    _include_api(app)
    # The browser client: its own cookie session and CSRF checks; the API above never reads them.
    install_web(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_json_body_bytes)
    app.add_middleware(RequestTimeLimitMiddleware, seconds=settings.LLM_REQUEST_DEADLINE)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.ALLOWED_ORIGINS,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=["X-Request-ID", "Retry-After"],
    )
    app.add_middleware(RequestLogMiddleware)
    return app
