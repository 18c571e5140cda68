"""The layers hold: the import contracts in pyproject.toml ([tool.importlinter]) are all kept.

They say that the app assembles features, each feature uses only those below it, infrastructure
knows no feature, features use one another only through their public modules, only routers and
dependencies import FastAPI, and no two packages import each other. `make lint` runs the same
check; here it runs with the tests, so CI's `make test` enforces it too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.processes import ROOT, child_environ


def test_every_import_contract_is_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        env=child_environ(),  # this checkout's src/ first, whatever the virtualenv installed
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
