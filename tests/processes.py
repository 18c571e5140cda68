"""JobWise as real processes: what the tests and benchmarks that start `jobwise` share."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]

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


def child_environ() -> dict[str, str]:
    """scrubbed_environ() with this checkout's src/ first on PYTHONPATH.

    A child started in a scratch directory would otherwise resolve a relative PYTHONPATH
    against that directory and run whichever copy of JobWise the virtualenv installed.
    """
    env = scrubbed_environ()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    """Poll {url}/health until it answers 200; fail with the server's output if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)  # polling a port, not waiting for work
    raise AssertionError(f"the server was not healthy within {seconds}s:\n{log.read_text()}")


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
