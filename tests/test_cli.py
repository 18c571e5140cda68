"""The console script as a user runs it: `jobwise serve` and `jobwise migrate` in a subprocess."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from jobwise import __version__
from tests.processes import child_environ, free_port, jobwise_command, scrubbed_environ

pytestmark = pytest.mark.slow

STARTUP_SECONDS = 60


def _env(data_dir: Path) -> dict[str, str]:
    # Settings the developer's shell may carry: the server under test must start from defaults.
    env = scrubbed_environ()
    env["JOBWISE_DATA_DIR"] = str(data_dir)
    env["LOG_LEVEL"] = "INFO"
    return env


class Server:
    def __init__(self, workdir: Path, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"server-{self.port}.log"
        with self.log.open("wb") as log:
            # cwd is a scratch directory, so no developer .env is read either.
            self.process = subprocess.Popen(
                [*jobwise_command(), "serve", "--port", str(self.port)],
                cwd=workdir,
                env=_env(data_dir),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_healthy(self) -> dict[str, object]:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"jobwise serve exited with {self.process.returncode}:\n{self.output()}")
            try:
                response = httpx.get(f"{self.url}/health", timeout=2)
            except httpx.TransportError:
                time.sleep(0.1)  # polling a port, not waiting for work
                continue
            if response.status_code == 200:
                body: dict[str, object] = response.json()
                return body
        pytest.fail(f"jobwise serve was not healthy within {STARTUP_SECONDS}s:\n{self.output()}")

    def terminate(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"jobwise serve ignored SIGTERM:\n{self.output()}")


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def test_serve_keeps_tokens_across_restarts_and_stops_cleanly(tmp_path: Path, servers: list[Server]) -> None:
    data_dir = tmp_path / "data"
    first = Server(tmp_path, data_dir)
    servers.append(first)
    health = first.wait_until_healthy()
    assert health["status"] == "healthy"

    account = {"email": "cli@example.com", "password": "correct horse battery"}
    registered = httpx.post(f"{first.url}/auth/register", json={**account, "full_name": "Cli"}, timeout=30)
    assert registered.status_code == 201, registered.text
    login = httpx.post(f"{first.url}/auth/login", json=account, timeout=30)
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['access_token']}", "X-Request-ID": "cli-test-1"}
    me = httpx.get(f"{first.url}/auth/me", headers=headers, timeout=10)
    assert me.status_code == 200
    assert "server" not in me.headers  # what runs here is not announced

    assert first.terminate() == 0, first.output()
    # No JWT_SECRET_KEY was set: the server generated one and kept it, private, in the data dir.
    secret = data_dir / "jwt_secret"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert (data_dir / "jobwise.db").is_file()
    access = [json.loads(line) for line in first.output().splitlines() if '"cli-test-1"' in line]
    assert [(line["path"], line["status"]) for line in access] == [("/auth/me", 200)]

    second = Server(tmp_path, data_dir)
    servers.append(second)
    second.wait_until_healthy()
    me = httpx.get(f"{second.url}/auth/me", headers=headers, timeout=10)
    assert me.status_code == 200, me.text
    assert me.json()["email"] == account["email"]
    assert second.terminate() == 0, second.output()


def test_migrate_brings_a_new_database_to_the_latest_revision(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    for _ in range(2):  # and running it again changes nothing
        done = subprocess.run(
            [*jobwise_command(), "migrate"],
            cwd=tmp_path,
            env=_env(data_dir),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "latest revision" in done.stdout
    assert (data_dir / "jobwise.db").is_file()


def test_serve_refuses_a_short_secret(tmp_path: Path) -> None:
    env = {**_env(tmp_path / "data"), "JWT_SECRET_KEY": "too-short"}
    done = subprocess.run(
        [*jobwise_command(), "serve", "--port", str(free_port())],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "JWT_SECRET_KEY" in done.stderr


def test_version_prints_the_version_and_needs_no_settings(tmp_path: Path) -> None:
    # A weak secret would stop any command that reads the settings: --version reads none.
    env = {**child_environ(), "JWT_SECRET_KEY": "too-short"}
    done = subprocess.run(
        [*jobwise_command(), "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"jobwise {__version__}\n"
