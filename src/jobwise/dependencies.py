"""App-wide dependencies: the settings and database the app was created with, and paging.

Dependencies are `async def` even when they only read app.state: FastAPI runs a plain `def`
dependency in its thread pool, which costs every request a thread hop (and, under load, a wait
for the loop to take the result back) for nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from jobwise.config import Settings
from jobwise.db import Database


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]

PAGE_MAX = 100
# Bounded so a huge offset is a 422, not an integer the database cannot hold.
OFFSET_MAX = 1_000_000

# The `limit` and `offset` query parameters of every list endpoint.
PageLimit = Annotated[int, Query(ge=1, le=PAGE_MAX)]
PageOffset = Annotated[int, Query(ge=0, le=OFFSET_MAX)]
