"""The engine the app was started with, for routes that run an AI step."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from jobwise.ai.engine import Engine
from jobwise.ai.errors import NoEngine
from jobwise.errors import raises


@raises(NoEngine)
async def get_engine(request: Request) -> Engine:
    engine: Engine | None = getattr(request.app.state, "engine", None)
    if engine is None:
        raise NoEngine("No AI engine is configured in this process")
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]
