"""App-wide dependencies: the settings, database and file storage the app was created with,
paging, and the text rule for path parameters and query values.

Dependencies are `async def` even when they only read app.state: FastAPI runs a plain `def`
dependency in its thread pool, which costs every request a thread hop (and, under load, a wait
for the loop to take the result back) for nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError

from jobwise.config import Settings
from jobwise.db import Database
from jobwise.errors import UNSAFE_TEXT_CODE
from jobwise.storage import Storage
from jobwise.text.safe import text_problem


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]


async def get_storage(settings: SettingsDep) -> Storage:
    return Storage.from_settings(settings)


StorageDep = Annotated[Storage, Depends(get_storage)]

PAGE_MAX = 100
# Bounded so a huge offset is a 422, not an integer the database cannot hold.
OFFSET_MAX = 1_000_000

# The `limit` and `offset` query parameters of every list endpoint.
PageLimit = Annotated[int, Query(ge=1, le=PAGE_MAX)]
PageOffset = Annotated[int, Query(ge=0, le=OFFSET_MAX)]


async def refuse_unsafe_path_and_query(request: Request) -> None:
    """Path parameters and query values (decoded) follow the rule bodies do (text/safe.py), on one line.

    Registered once for the whole app (main.py), so it runs before any route's own dependencies:
    an id such as "a%00b" is a 422 naming the parameter, never a query PostgreSQL fails on.
    """
    texts = [(("path", name), value) for name, value in request.path_params.items() if isinstance(value, str)]
    for name, value in request.query_params.multi_items():
        texts += [(("query", name), name), (("query", name), value)]  # a name is checked too
    errors = [
        {"loc": loc, "msg": problem, "type": UNSAFE_TEXT_CODE, "input": text}
        for loc, text in texts
        if (problem := text_problem(text, single_line=True))
    ]
    if errors:
        raise RequestValidationError(errors)
