"""App-wide dependencies: the settings and database the app was created with."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from jobwise.config import Settings
from jobwise.db import Database


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
