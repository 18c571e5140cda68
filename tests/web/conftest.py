"""The browser tests' world: one real JobWise server (a process, offline engine, its own data
directory and port) and Debian's Chromium driven by Playwright.

Playwright's own browser download is not used (it cannot run here): Chromium comes from the
system (`make test` installs it when missing). Without it these tests skip, saying so.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import uuid
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

from tests.conftest import BACKEND, POSTGRES_URL, TEST_SECRET, pg_url
from tests.processes import child_environ, free_port, jobwise_command, pg_admin, wait_until_healthy

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "analytical engine notes"
# Long enough for a loaded two-core machine; every wait is on something the page shows.
ACTION_TIMEOUT_MS = 20_000
# What the server under test is told; the throttle test relies on the login settings.
SERVER_SETTINGS = {
    "JWT_SECRET_KEY": TEST_SECRET,
    "AI_ENGINE": "offline",
    "LOG_LEVEL": "WARNING",
    "MAX_UPLOAD_SIZE_MB": "1",
    # A pair (address, account) is delayed after 3 failures, for a minute: a test sees the
    # delay, and no other test (all from 127.0.0.1) is slowed by the address's count.
    "LOGIN_MAX_FAILURES": "3",
    "LOGIN_DELAY_SECONDS": "60",
    "LOGIN_CLIENT_MAX_FAILURES": "100000",
    "LOGIN_ACCOUNT_MAX_FAILURES": "100000",
    "TASK_POLL_SECONDS": "0.2",
    "ENHANCEMENT_EVENTS_POLL_SECONDS": "0.1",
}


@dataclass(frozen=True)
class Server:
    url: str
    log: Path
    data_dir: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _in_own_loop(work: Coroutine[Any, Any, None]) -> None:
    # A thread of its own: pytest-asyncio may already run a loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, work).result()


@pytest.fixture(scope="session")
def server_database() -> Iterator[str]:
    """ "" for SQLite in the server's data directory; on the PostgreSQL pass, a database of its own."""
    if BACKEND != "postgresql":
        yield ""
        return
    name = f"jobwise_web_{os.getpid()}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    _in_own_loop(pg_admin(POSTGRES_URL, drop, f'CREATE DATABASE "{name}"'))
    yield pg_url(name)
    _in_own_loop(pg_admin(POSTGRES_URL, drop))


@contextlib.contextmanager
def running_jobwise(workdir: Path, **settings: str) -> Iterator[Server]:
    """`jobwise serve` on a free port with SERVER_SETTINGS (and `settings` over them), until the end."""
    port = free_port()
    env = child_environ()
    env.update(SERVER_SETTINGS)
    env["JOBWISE_DATA_DIR"] = str(workdir / "data")
    env.update(settings)
    log = workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*jobwise_command(), "serve", "--port", str(port)],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log)
        yield Server(url=url, log=log, data_dir=workdir / "data")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, server_database: str) -> Iterator[Server]:
    database = {"DATABASE_URL": server_database} if server_database else {}
    with running_jobwise(tmp_path_factory.mktemp("web-server"), **database) as running:
        yield running


# One Chromium per module, not per session: Playwright's sync API keeps an event loop running in
# this thread while it is started, and the async tests of other modules need the thread's loop free.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing and was not installed: `make test` installs it "
            "(apt-get install -y chromium, as root)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


ContextFactory = Callable[[], BrowserContext]


@pytest.fixture
def new_context(browser: Browser, server: Server) -> Iterator[ContextFactory]:
    """Make browser contexts (one per person); all are closed after the test."""
    made: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(base_url=server.url, accept_downloads=True)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        with contextlib.suppress(Exception):
            context.close()


@pytest.fixture
def page(new_context: ContextFactory) -> Page:
    return new_context().new_page()


def unique_email(name: str = "ada") -> str:
    return f"{name}-{uuid.uuid4().hex[:10]}@example.com"


def create_account(page: Page, email: str, *, name: str = "Ada Lovelace", password: str = PASSWORD) -> None:
    page.goto("/app/create-account")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/app/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def create_profile(page: Page) -> None:
    """From a new account's profile page: the personal details, a summary, skills, one experience."""
    page.get_by_role("button", name="Create profile").click()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()


def section(page: Page, heading: str) -> Locator:
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))
