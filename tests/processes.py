"""JobWise as real processes: what the tests and benchmarks that start `jobwise` share."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

# What configures JobWise: none of it may reach a child from the developer's own environment.
CONFIG_PREFIXES = ("JOBWISE_", "JWT_", "GROQ_", "LLM_", "TASK_", "ENHANCEMENT_", "RATE_LIMIT_")
CONFIG_NAMES = frozenset(
    {"DATABASE_URL", "UPLOAD_DIR", "ALLOWED_ORIGINS", "HOST", "PORT", "AI_ENGINE", "PROMPTS_DIR"}
)


def scrubbed_environ() -> dict[str, str]:
    """This process's environment without any JobWise setting."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(CONFIG_PREFIXES) and name not in CONFIG_NAMES
    }


def jobwise_command() -> list[str]:
    """The installed `jobwise` script beside this interpreter, or the module."""
    script = Path(sys.executable).with_name("jobwise")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jobwise.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def pg_admin(server_url: str, *statements: str) -> None:
    """Run statements (CREATE/DROP DATABASE) on the server named by `server_url`."""
    url = make_url(server_url)
    connection = await asyncpg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()
