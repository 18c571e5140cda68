"""Run Alembic migrations from code, with the app's settings."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.config import Config

from jobwise.config import Settings

# Tables another library keeps in our database (the procrastinate task backend, migration
# 0005): created by our migrations, but not described by our models, so comparisons skip them.
FOREIGN_TABLE_PREFIXES = ("procrastinate_",)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's include_name hook: compare only what JobWise's models describe."""
    return not (type_ == "table" and name is not None and name.startswith(FOREIGN_TABLE_PREFIXES))


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
