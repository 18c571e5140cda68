from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import text

from jobwise import __version__
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.errors import ServiceUnavailable

router = APIRouter(tags=["Health"])


@router.get("/")
async def root() -> dict[str, str]:
    return {"message": f"JobWise API v{__version__}", "status": "running", "docs": "/docs"}


@router.get("/health")
async def health(request: Request, database: DatabaseDep, settings: SettingsDep) -> dict[str, Any]:
    try:
        async with database.read_session() as session:
            await session.execute(text("SELECT 1"))
    except Exception as exc:
        raise ServiceUnavailable("The database is not reachable", code="database_unavailable") from exc
    return {
        "status": "healthy",
        "version": __version__,
        "database": {"status": "connected", "dialect": database.engine.dialect.name},
        "ai": request.app.state.ai_status,
        # Which backend carries tasks, and whether this process runs them (or only enqueues).
        "tasks": {"backend": settings.TASK_BACKEND, "worker_in_process": settings.TASK_WORKER_ENABLED},
    }
