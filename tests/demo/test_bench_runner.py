"""bench/run_all.py (`make bench`): runs each script, reads its BENCH_RESULT line, prints one table
and writes the figures as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[2] / "bench" / "run_all.py"
GOOD = """
import json
print("a figure a person reads: 12 ms")
figures = [
    {"name": "p99 busy/idle", "value": 1.25, "unit": "x", "target": "< 2", "ok": True, "ratio": True},
    {"name": "throughput", "value": 1234.5, "unit": "req/s", "target": None, "ok": None, "ratio": False},
    {"name": "p99 jobwise/floor", "value": 1.8, "unit": "x", "target": "<= 1.5", "ok": False, "ratio": True},
]
print("BENCH_RESULT " + json.dumps({"bench": "good", "figures": figures, "context": {"runs": 2}}))
"""
BROKEN = 'print("about to fail")\nraise SystemExit(3)\n'
NEEDS_POSTGRES = 'print("Set JOBWISE_BENCH_DATABASE_URL to run this")\nraise SystemExit(77)\n'
SHARED = 'raise SystemExit("shared code is never run as a benchmark")\n'


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bench"
    folder.mkdir()
    (folder / "good.py").write_text(GOOD)
    (folder / "broken.py").write_text(BROKEN)
    (folder / "needs_postgres.py").write_text(NEEDS_POSTGRES)
    (folder / "_shared.py").write_text(SHARED)
    return folder


def run(bench_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), "--dir", str(bench_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_runner_prints_one_table_and_writes_the_figures_as_json(bench_dir: Path) -> None:
    done = run(bench_dir, "--only", "good")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "a figure a person reads: 12 ms" in done.stdout  # each script's own output is shown
    assert "BENCH_RESULT" not in done.stdout  # the machine-readable line is read, not shown
    table = [line for line in done.stdout.splitlines() if line.startswith("|")]
    assert [cell.strip() for cell in table[0].split("|")[1:-1]] == [
        "bench",
        "figure",
        "value",
        "target",
        "met",
    ]
    assert len({len(line) for line in table}) == 1  # aligned columns
    assert set(table[1]) == {"|", "-"}
    assert [cell.strip() for cell in table[2].split("|")[1:-1]] == [
        "good",
        "p99 busy/idle",
        "1.25x",
        "< 2",
        "yes",
    ]
    assert [cell.strip() for cell in table[3].split("|")[1:-1]] == [
        "good",
        "throughput",
        "1,234 req/s",
        "",
        "",
    ]
    assert [cell.strip() for cell in table[4].split("|")[1:-1]][2:] == ["1.80x", "<= 1.5", "NO"]

    document = json.loads((bench_dir / "results.json").read_text())
    assert document["command"] == "make bench" and document["machine"]["cpus"] >= 1
    [only] = document["runs"]
    assert only["script"] == "good.py" and only["status"] == "ok"
    assert only["results"][0]["figures"][0]["value"] == 1.25
    assert only["results"][0]["context"] == {"runs": 2}


def test_a_failing_script_is_reported_and_fails_the_run_but_not_the_others(
    bench_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "elsewhere.json"

    done = run(bench_dir, "--output", str(output))

    assert done.returncode == 1
    assert "FAILED (EXIT 3)" in done.stdout and "about to fail" in done.stdout
    assert "shared code" not in done.stdout + done.stderr  # files starting with _ are not benchmarks
    runs = {run["script"]: run["status"] for run in json.loads(output.read_text())["runs"]}
    assert runs == {
        "broken.py": "failed (exit 3)",
        "good.py": "ok",
        "needs_postgres.py": "skipped: Set JOBWISE_BENCH_DATABASE_URL to run this",
    }


def test_a_script_that_cannot_run_here_is_skipped_without_failing_the_run(bench_dir: Path) -> None:
    done = run(bench_dir, "--only", "needs_postgres", "good")

    assert done.returncode == 0, done.stdout
    [row] = [line for line in done.stdout.splitlines() if line.startswith("| needs_postgres ")]
    assert [cell.strip() for cell in row.split("|")[1:-1]] == ["needs_postgres", "skipped", "", "", ""]
    assert "needs_postgres.py: skipped: Set JOBWISE_BENCH_DATABASE_URL to run this" in done.stdout
