"""Servers for the benchmarks: each in its own process on a free port of 127.0.0.1.

JobWise runs as `python -m jobwise.cli serve` (one uvicorn process, its defaults: uvloop and
httptools when installed) with a scrubbed environment, so a developer's GROQ_API_KEY,
DATABASE_URL or .env never changes what is measured.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
# Not "bench ...": a password may not contain the name part of its email (bench@example.com).
PASSWORD = "local throwaway, never reused"  # noqa: S105 (a local throwaway account)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _base_env() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    return {key: os.environ[key] for key in keep if key in os.environ} | {"PYTHONUNBUFFERED": "1"}


class Process:
    """A child process with its output in a log file; stop() ends it by its own pid only."""

    def __init__(
        self, command: Sequence[str], *, cwd: Path, env: Mapping[str, str], log: Path, url: str
    ) -> None:
        self.url = url
        self.log = log
        self._log_file: IO[Any] = log.open("ab")
        self.popen = subprocess.Popen(  # noqa: S603 (our own interpreter and scripts)
            list(command), cwd=cwd, env=dict(env), stdout=self._log_file, stderr=subprocess.STDOUT
        )

    def wait_ready(self, path: str = "/health", timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f"{self.url} exited ({self.popen.returncode}); log: {self.tail()}")
            try:
                if httpx.get(self.url + path, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.url} did not answer {path} within {timeout} s; log: {self.tail()}")

    def tail(self) -> str:
        self._log_file.flush()
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)
        self._log_file.close()


def start_jobwise(data_dir: Path, **settings: Any) -> Process:
    """JobWise on a fresh data directory (SQLite); settings are environment variables."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [sys.executable, "-m", "jobwise.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    # cwd is the data directory: no .env file there.
    process = Process(
        command,
        cwd=data_dir,
        env=_jobwise_env(data_dir, settings),
        log=data_dir / "server.log",
        url=f"http://127.0.0.1:{port}",
    )
    process.wait_ready()
    return process


def start_worker(data_dir: Path, **settings: Any) -> Process:
    """`jobwise worker` on the data directory of a JobWise started by start_jobwise."""
    command = [sys.executable, "-m", "jobwise.cli", "worker"]
    return Process(
        command, cwd=data_dir, env=_jobwise_env(data_dir, settings), log=data_dir / "worker.log", url=""
    )


def _jobwise_env(data_dir: Path, settings: Mapping[str, Any]) -> dict[str, str]:
    env = _base_env() | {
        "JOBWISE_DATA_DIR": str(data_dir),
        "DATABASE_URL": "",
        "AI_ENGINE": "offline",
        "GROQ_API_KEY": "",
        "LLM_BASE_URL": "",
        "LOG_LEVEL": "INFO",
    }
    # This checkout's code, not whichever the virtualenv's editable install points at.
    env |= {"PYTHONPATH": str(ROOT / "src")}
    return env | {key: str(value) for key, value in settings.items()}


def start_script(
    script: Path, args: Sequence[str], *, cwd: Path, port: int, ready: str = "/health"
) -> Process:
    """Another bench script in server mode (the floor app, the test LLM server)."""
    process = Process(
        [sys.executable, str(script), *args],
        cwd=cwd,
        env=_base_env() | {"PYTHONPATH": str(ROOT)},
        log=cwd / f"{script.stem}-{port}.log",
        url=f"http://127.0.0.1:{port}",
    )
    process.wait_ready(ready)
    return process


def register(url: str, email: str) -> str:
    """A new account through the API; its bearer token."""
    account = {"email": email, "password": PASSWORD}
    with httpx.Client(base_url=url, timeout=30) as client:
        created = client.post("/auth/register", json={**account, "full_name": email.split("@")[0]})
        created.raise_for_status()
        login = client.post("/auth/login", json=account)
        login.raise_for_status()
        token: str = login.json()["access_token"]
        return token


def start_llm(work_dir: Path, latency: float) -> Process:
    """The test LLM server (bench/_llm.py) in its own process, answering after `latency` seconds."""
    work_dir.mkdir(parents=True, exist_ok=True)
    port_file = work_dir / "llm-port.json"
    process = Process(
        [sys.executable, str(Path(__file__).with_name("_llm.py")), str(port_file), str(latency)],
        cwd=work_dir,
        env=_base_env() | {"PYTHONPATH": str(ROOT)},
        log=work_dir / "llm.log",
        url="",
    )
    deadline = time.monotonic() + 60
    while not port_file.exists() or not port_file.read_text():
        if process.popen.poll() is not None or time.monotonic() > deadline:
            process.stop()
            raise RuntimeError(f"the test LLM server did not start; log: {process.tail()}")
        time.sleep(0.05)
    process.url = f"http://127.0.0.1:{json.loads(port_file.read_text())['port']}"
    process.wait_ready("/v1/models")
    return process


def llm_settings(llm: Process, **overrides: Any) -> dict[str, Any]:
    """JobWise settings for the OpenAI-compatible engine pointed at the test LLM server."""
    return {
        "AI_ENGINE": "openai",
        "LLM_BASE_URL": f"{llm.url}/v1",
        "LLM_API_KEY": "sk-bench",
        "LLM_MODEL_FAST": "fast-model",
        "LLM_MODEL_QUALITY": "quality-model",
        "LLM_CACHE": "false",
        "LLM_TIMEOUT": 30,
        **overrides,
    }
