"""Scale-out on PostgreSQL: API throughput with 1 and 4 processes, enhancement runs per second
with 1 and 2 `jobwise worker` processes on each task backend, and how soon a worker process
starts a committed task.

Everything runs as real processes (`jobwise serve --workers N`, `jobwise worker`) on a fresh
database created on the server named by JOBWISE_BENCH_DATABASE_URL (or
JOBWISE_TEST_DATABASE_URL) and dropped afterwards.

    API          GET /api/v1/profiles/me (bearer token check + one profile read) from CLIENTS
                 concurrent keep-alive clients in this process for SECONDS.
    enhancement  RUNS users each trigger one run at the same moment; the API only enqueues and
                 the workers (TASK_WORKER_CONCURRENCY each) call the test LLM server, which
                 answers every call after a fixed LATENCY. Runs per second = RUNS / the time from
                 the triggers to the last completed run.

    pickup       one user at a time triggers a run with TASK_POLL_SECONDS at its default; the
                 delay is the task's start minus its creation (both stamped by PostgreSQL's
                 clients on this one machine), averaged over SAMPLES runs.

    .venv/bin/python bench/scale.py [--seconds 8] [--clients 32] [--runs 24] [--latency 0.5]
                                    [--samples 6]

The load generator shares the machine with the servers: on a 2-core machine 4 API processes
compete with it for the same cores, so the API ratio is a floor, not the ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test LLM server lives in tests/fakes

from _result import SKIPPED, emit, figure  # noqa: E402
from tests.enhancement.conftest import PROFILE, polishing_model  # noqa: E402
from tests.fakes.llm_server import LLMServer  # noqa: E402
from tests.processes import free_port, jobwise_command, pg_admin, scrubbed_environ  # noqa: E402

PASSWORD = "correct horse battery"  # noqa: S105 (a test account)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    name = f"jobwise_bench_{uuid.uuid4().hex[:12]}"
    asyncio.run(pg_admin(server_url, f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server_url).set(drivername="postgresql+asyncpg", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        asyncio.run(pg_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


class Started:
    def __init__(self, workdir: Path, env: dict[str, str], *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"{args[0]}-{self.port}.log"
        command = [*jobwise_command(), *args]
        if args[0] == "serve":
            command += ["--port", str(self.port)]
        with self.log.open("wb") as log:
            self.popen = subprocess.Popen(  # noqa: S603 (our own command)
                command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def wait_for(self, text: str, count: int = 1, within: float = 90) -> None:
        deadline = time.monotonic() + within
        while self.log.read_text(errors="replace").count(text) < count:
            if self.popen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.log.name}: no {text!r}:\n{self.log.read_text(errors='replace')}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


def _env(workdir: Path, database_url: str, **overrides: Any) -> dict[str, str]:
    env = scrubbed_environ()
    values: dict[str, Any] = {
        "JOBWISE_DATA_DIR": workdir / "data",
        "DATABASE_URL": database_url,
        "JWT_SECRET_KEY": "bench-secret-" + "x" * 60,
        "LOG_LEVEL": "WARNING",
        "AI_ENGINE": "offline",
        "MIGRATE_ON_START": "false",
        "TASK_WORKER_ENABLED": "false",
        "LOGIN_MAX_FAILURES": 1000,
        **overrides,
    }
    env.update({name: str(value) for name, value in values.items()})
    return env


def _migrate(workdir: Path, env: dict[str, str]) -> None:
    command = [*jobwise_command(), "migrate"]
    subprocess.run(command, cwd=workdir, env=env, check=True, capture_output=True)  # noqa: S603


def _sign_up(url: str, email: str) -> dict[str, str]:
    account = {"email": email, "password": PASSWORD}
    registered = httpx.post(f"{url}/auth/register", json={**account, "full_name": "Bench"}, timeout=60)
    registered.raise_for_status()
    login = httpx.post(f"{url}/auth/login", json=account, timeout=60)
    login.raise_for_status()
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    created = httpx.post(f"{url}/api/v1/profiles", json=PROFILE, headers=headers, timeout=60)
    created.raise_for_status()
    return headers


async def _load(url: str, headers: dict[str, str], *, clients: int, seconds: float) -> tuple[int, int]:
    done = errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=30) as http:
        # Warm every connection and process first.
        await asyncio.gather(*(http.get("/api/v1/profiles/me") for _ in range(clients * 2)))
        deadline = time.monotonic() + seconds

        async def client() -> None:
            nonlocal done, errors
            while time.monotonic() < deadline:
                response = await http.get("/api/v1/profiles/me")
                if response.status_code == 200:
                    done += 1
                else:
                    errors += 1

        await asyncio.gather(*(client() for _ in range(clients)))
    return done, errors


def api_throughput(server_url: str, processes: int, *, clients: int, seconds: float) -> float:
    with fresh_database(server_url) as database_url, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = _env(workdir, database_url)
        _migrate(workdir, env)
        server = Started(workdir, {**env, "LOG_LEVEL": "INFO"}, "serve", "--workers", str(processes))
        try:
            server.wait_for("Application startup complete", count=processes)
            headers = _sign_up(server.url, "load@example.com")
            done, errors = asyncio.run(_load(server.url, headers, clients=clients, seconds=seconds))
        finally:
            server.stop()
    if errors:
        raise RuntimeError(f"{errors} requests failed")
    return done / seconds


async def _completed(database_url: str) -> int:
    url = make_url(database_url)
    connection = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, database=url.database
    )
    try:
        count: int = await connection.fetchval(
            "SELECT count(*) FROM enhancement_jobs WHERE status = 'completed'"
        )
        failed: int = await connection.fetchval(
            "SELECT count(*) FROM enhancement_jobs WHERE status = 'failed'"
        )
    finally:
        await connection.close()
    if failed:
        raise RuntimeError(f"{failed} enhancement runs failed")
    return count


@contextmanager
def deployment(
    server_url: str, *, workers: int, backend: str, users: int, llm: LLMServer, **overrides: Any
) -> Iterator[tuple[str, str, list[dict[str, str]]]]:
    """An API process that only enqueues and `workers` worker processes on a fresh database.

    Yields the API's URL, the database URL and signed-up users' auth headers.
    """
    with fresh_database(server_url) as database_url, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = _env(
            workdir,
            database_url,
            **llm.settings_for("openai", LLM_CACHE="false", LLM_TIMEOUT=30),
            TASK_BACKEND=backend,
            TASK_WORKER_CONCURRENCY=2,
            ENHANCEMENT_CONCURRENCY=2,
            **overrides,
        )
        _migrate(workdir, env)
        api = Started(workdir, {**env, "LOG_LEVEL": "INFO"}, "serve")
        started: list[Started] = [api]
        try:
            api.wait_for("Application startup complete")
            headers = [_sign_up(api.url, f"user{i}@example.com") for i in range(users)]
            for _ in range(workers):
                worker = Started(workdir, {**env, "LOG_LEVEL": "INFO"}, "worker")
                started.append(worker)
                worker.wait_for("task worker")
            yield api.url, database_url, headers
        finally:
            for process in started:
                process.stop()


def _trigger(api_url: str, headers: dict[str, str]) -> None:
    response = httpx.post(f"{api_url}/api/v1/enhancement/trigger", headers=headers, timeout=60)
    response.raise_for_status()


def _wait_completed(database_url: str, runs: int, begin: float) -> None:
    while (done := asyncio.run(_completed(database_url))) < runs:
        if time.monotonic() - begin > 600:
            raise RuntimeError(f"only {done} of {runs} runs completed in 600 s")
        time.sleep(0.05)


def enhancement_rate(
    server_url: str, workers: int, *, backend: str, runs: int, latency: float, llm: LLMServer
) -> float:
    llm.reset()
    llm.handler = polishing_model
    llm.latency = latency
    # Workers look for work often, so the embedded backend's polling does not set the pace.
    with deployment(
        server_url, workers=workers, backend=backend, users=runs, llm=llm, TASK_POLL_SECONDS=0.05
    ) as (api_url, database_url, users):
        begin = time.monotonic()
        for headers in users:
            _trigger(api_url, headers)
        _wait_completed(database_url, runs, begin)
        return runs / (time.monotonic() - begin)


async def _pickup_delays(database_url: str) -> list[float]:
    url = make_url(database_url)
    connection = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, database=url.database
    )
    try:
        rows = await connection.fetch("SELECT extract(epoch FROM started_at - created_at) FROM tasks")
    finally:
        await connection.close()
    return [float(row[0]) for row in rows]


def pickup_delay(server_url: str, *, backend: str, samples: int, llm: LLMServer) -> float:
    """Mean time from a committed task to its start in a separate worker, at default settings."""
    llm.reset()
    llm.handler = polishing_model
    llm.latency = 0.0
    with deployment(server_url, workers=1, backend=backend, users=samples, llm=llm) as (
        api_url,
        database_url,
        users,
    ):
        for n, headers in enumerate(users, start=1):
            # One at a time, spread out, so each task finds an idle worker.
            time.sleep(0.37)
            _trigger(api_url, headers)
            _wait_completed(database_url, n, time.monotonic())
        delays = asyncio.run(_pickup_delays(database_url))
    return sum(delays) / len(delays)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--runs", type=int, default=24)
    # A real model takes 0.5-5 s a call: runs then wait on the model, not on this machine's CPU,
    # which is what adding workers is for. At much lower latencies a small machine's cores are
    # the limit, and more worker processes only compete for them.
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--samples", type=int, default=6)
    args = parser.parse_args()
    server_url = os.environ.get("JOBWISE_BENCH_DATABASE_URL") or os.environ.get("JOBWISE_TEST_DATABASE_URL")
    if not server_url:
        print("Set JOBWISE_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test", file=sys.stderr)
        return SKIPPED

    api = {n: api_throughput(server_url, n, clients=args.clients, seconds=args.seconds) for n in (1, 4)}
    llm = LLMServer()
    llm.start()
    backends = ("embedded", "procrastinate")
    try:
        rates = {
            (backend, n): enhancement_rate(
                server_url, n, backend=backend, runs=args.runs, latency=args.latency, llm=llm
            )
            for backend in backends
            for n in (1, 2)
        }
        pickup = {
            backend: pickup_delay(server_url, backend=backend, samples=args.samples, llm=llm)
            for backend in backends
        }
    finally:
        llm.stop()

    print(f"machine: {os.cpu_count()} CPU(s); PostgreSQL at {make_url(server_url).host}")
    print(f"API  GET /api/v1/profiles/me, {args.clients} clients, {args.seconds:g} s each")
    for n, rate in api.items():
        print(f"  {n} process(es): {rate:8.1f} requests/s")
    print(f"  ratio 4/1: {api[4] / api[1]:.2f}")
    print(f"enhancement  {args.runs} runs, test LLM at {args.latency * 1000:.0f} ms a call")
    for backend in backends:
        for n in (1, 2):
            print(f"  {backend:13} {n} worker(s): {rates[backend, n]:8.2f} runs/s")
        print(f"  {backend:13} ratio 2/1:   {rates[backend, 2] / rates[backend, 1]:.2f}")
    print(f"pickup: committed task to its start in a worker process, defaults, {args.samples} samples")
    for backend, delay in pickup.items():
        print(f"  {backend:13} {delay * 1000:8.0f} ms")
    emit(
        "scale",
        [
            *(figure(f"API GET profile, {n} process(es)", rate, "req/s") for n, rate in api.items()),
            figure("API throughput 4 processes / 1", api[4] / api[1], "x", ratio=True),
            *(
                figure(f"enhancement runs/s, {backend}, {n} worker(s)", rate, "runs/s")
                for (backend, n), rate in rates.items()
            ),
            *(
                figure(
                    f"enhancement runs/s 2 workers / 1, {backend}",
                    rates[backend, 2] / rates[backend, 1],
                    "x",
                    ratio=True,
                )
                for backend in backends
            ),
            *(
                figure(f"task pickup delay, {backend}", delay * 1000, "ms")
                for backend, delay in pickup.items()
            ),
        ],
        clients=args.clients,
        seconds=args.seconds,
        runs=args.runs,
        latency_s=args.latency,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
