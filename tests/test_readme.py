"""The README's walk-through runs as written, so it cannot rot.

Its ```sh blocks that call curl are joined into one bash script and run against a real
`jobwise serve` (offline engine, a fresh data directory, a free port): every request must
succeed, and the files it downloads must be what they claim.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import ROOT, child_environ, free_port, jobwise_command, wait_until_healthy

README = ROOT / "README.md"
SERVER = "http://127.0.0.1:8000"  # where the README's reader runs `make run`
# Run before the README's own lines: stop at the first failure, and make curl fail on HTTP errors
# (the reader's `curl -s` prints them instead, which a test would not notice).
PRELUDE = 'set -euo pipefail\ncurl() { command curl --fail-with-body --max-time 120 "$@"; }\n'


def _sh_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def walk_through(text: str) -> list[str]:
    """The blocks a reader runs against the server: those that call curl."""
    return [block for block in _sh_blocks(text) if "curl " in block]


def test_every_curl_in_the_readme_is_in_a_block_the_test_runs() -> None:
    text = README.read_text(encoding="utf-8")
    tested = "".join(walk_through(text))
    assert text.count("curl -") == tested.count("curl -") > 10
    assert sum(block.count(f"API={SERVER}\n") for block in walk_through(text)) == 1


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {**child_environ(), "JOBWISE_DATA_DIR": str(tmp_path / "data"), "AI_ENGINE": "offline"}
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*jobwise_command(), "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("curl") is None, reason="the walk-through needs curl")
def test_the_walk_through_runs_against_a_real_server(server: str, tmp_path: Path) -> None:
    script = "\n".join(walk_through(README.read_text(encoding="utf-8")))
    script = script.replace(f"API={SERVER}\n", f"API={server}\n")
    workdir = tmp_path / "reader"
    workdir.mkdir()
    done = subprocess.run(
        ["bash", "-c", PRELUDE + script],
        cwd=workdir,
        env=child_environ(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
    # The enhancement was followed to its end, live and by polling.
    assert "event: completed" in done.stdout
    # The cover letter arrived as a stream, then as the stored generation.
    assert "event: generation" in done.stdout
    assert (workdir / "resume.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(workdir / "cover-letter.docx") as docx:
        assert "word/document.xml" in docx.namelist()
