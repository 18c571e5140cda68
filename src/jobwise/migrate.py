"""Run Alembic migrations from code, with the app's settings."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from jobwise.config import Settings


def alembic_config(settings: Settings) -> Config:
    config = Config()
    config.set_main_option("script_location", "jobwise:migrations")
    config.attributes["settings"] = settings
    return config


def upgrade(settings: Settings, revision: str = "head") -> None:
    """Blocking: call from a thread when an event loop is running (env.py starts its own)."""
    command.upgrade(alembic_config(settings), revision)


def downgrade(settings: Settings, revision: str) -> None:
    command.downgrade(alembic_config(settings), revision)
