"""The Makefile as a newcomer uses it: `make run` serves where .env or the command line says,
and `make clean` leaves nothing of a run behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.processes import ROOT, child_environ, free_port, wait_until_healthy

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

MAKEFILE = ROOT / "Makefile"


def _make(*args: str) -> list[str]:
    # -o install: this test runs inside a virtualenv that is already set up; BIN points at it.
    return [
        "make",
        "--no-print-directory",
        "-f",
        str(MAKEFILE),
        "-o",
        "install",
        f"BIN={Path(sys.executable).parent}",
        *args,
    ]


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[bytes]]]:
    processes: list[subprocess.Popen[bytes]] = []
    yield processes
    for process in processes:
        # make and the jobwise it started share a session of their own: stop both.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.mark.slow
@pytest.mark.parametrize("on_the_command_line", [False, True], ids=["from .env", "make run PORT=..."])
def test_make_run_serves_on_the_host_and_port_from_dotenv_or_the_command_line(
    tmp_path: Path, started: list[subprocess.Popen[bytes]], on_the_command_line: bool
) -> None:
    in_dotenv, given = free_port(), free_port()
    (tmp_path / ".env").write_text(
        f"HOST=127.0.0.1\nPORT={in_dotenv}\nJOBWISE_DATA_DIR={tmp_path / 'data'}\nLOG_LEVEL=WARNING\n",
        encoding="utf-8",
    )
    args = ("run", f"PORT={given}") if on_the_command_line else ("run",)
    log = tmp_path / "make-run.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            _make(*args),
            cwd=tmp_path,
            env=child_environ(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started.append(process)
    port = given if on_the_command_line else in_dotenv
    wait_until_healthy(f"http://127.0.0.1:{port}", process, log)
    assert (tmp_path / "data" / "jobwise.db").is_file()  # JOBWISE_DATA_DIR from .env as well
    if on_the_command_line:
        with pytest.raises(httpx.TransportError):
            httpx.get(f"http://127.0.0.1:{in_dotenv}/health", timeout=2)


def test_make_clean_removes_the_local_data_and_the_demos_files(tmp_path: Path) -> None:
    made = [".venv", "var", "demo-output", ".pytest_cache", ".mypy_cache", ".ruff_cache"]
    for name in made:
        (tmp_path / name).mkdir()
        (tmp_path / name / "file").write_text("x", encoding="utf-8")
    (tmp_path / ".env").write_text("PORT=9000\n", encoding="utf-8")
    done = subprocess.run(
        ["make", "--no-print-directory", "-f", str(MAKEFILE), "clean"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [".env"]  # the user's settings stay
