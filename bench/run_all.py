"""`make bench`: run every benchmark in bench/, print one table, write bench/results.json.

Each bench/*.py whose name does not start with an underscore (and is not this file) runs in its own
process, one after another, with a time limit. Its output is shown as it comes; the line it prints
through bench/_result.py's emit() (`BENCH_RESULT {json}`) is read, not shown. At the end: one
table of every figure, with its target and whether it was met, and the same figures as JSON.

    .venv/bin/python bench/run_all.py [--only NAME ...] [--timeout 300] [--output bench/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
PREFIX = "BENCH_RESULT "
SKIPPED = 77  # bench/_result.py's convention for "cannot run here"


def scripts(directory: Path, only: list[str]) -> list[Path]:
    found = sorted(
        path
        for path in directory.glob("*.py")
        if not path.name.startswith("_") and path.name != Path(__file__).name
    )
    if only:
        found = [path for path in found if path.stem in only]
    return found


def run_script(path: Path, timeout: float, out: TextIO) -> dict[str, Any]:
    """Run one script, echo its output, collect its BENCH_RESULT lines."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (the scripts in bench/, run by our own interpreter)
        [sys.executable, str(path)],
        cwd=path.parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
        # Its own process group: on a timeout the servers it started go with it.
        start_new_session=True,
    )
    results: list[dict[str, Any]] = []
    last_line = ""
    timer = threading.Timer(timeout, os.killpg, args=(process.pid, signal.SIGKILL))
    timer.start()
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(PREFIX):
                try:
                    results.append(json.loads(line.removeprefix(PREFIX)))
                except ValueError:
                    out.write(f"  (unreadable result line: {line.strip()[:200]})\n")
                continue
            out.write("  " + line)
            out.flush()
            last_line = line.strip() or last_line
        code = process.wait()
    finally:
        timer.cancel()
    seconds = time.perf_counter() - started
    if seconds >= timeout and code != 0:
        status = f"timed out after {timeout:.0f} s"
    elif code == SKIPPED:
        status = f"skipped: {last_line}" if last_line else "skipped"
    elif code != 0:
        status = f"failed (exit {code})"
    elif not results:
        status = "no BENCH_RESULT line"
    else:
        status = "ok"
    return {"script": path.name, "status": status, "seconds": round(seconds, 1), "results": results}


def _value(figure: dict[str, Any]) -> str:
    value, unit = figure.get("value"), figure.get("unit") or ""
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "req/s":
        return f"{value:,.0f} req/s"
    if unit in {"calls", "tokens"}:
        return f"{value:,.0f} {unit}"
    if unit == "%":
        return f"{value:.1f}%"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}".strip()
    return f"{value:.3g} {unit}".strip()


def table(runs: list[dict[str, Any]]) -> list[str]:
    rows: list[tuple[str, str, str, str, str]] = []
    for run in runs:
        if run["status"] != "ok":
            # The reason is printed under the table: it may be long.
            word = "skipped" if run["status"].startswith("skipped") else run["status"].split(":")[0].upper()
            rows.append((run["script"].removesuffix(".py"), word, "", "", ""))
        for result in run["results"]:
            for figure in result.get("figures", []):
                ok = figure.get("ok")
                verdict = "" if ok is None else ("yes" if ok else "NO")
                rows.append(
                    (
                        result.get("bench", run["script"]),
                        figure["name"],
                        _value(figure),
                        figure.get("target") or "",
                        verdict,
                    )
                )
    header = ("bench", "figure", "value", "target", "met")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]

    def line(row: tuple[str, ...]) -> str:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2])]
        cells += [row[3].ljust(widths[3]), row[4].ljust(widths[4])]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return [line(header), rule, *(line(row) for row in rows)]


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    if hasattr(os, "getloadavg"):
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return info


def git_commit(root: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 (git from PATH)
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=HERE, help="the folder of scripts (default: bench/)")
    parser.add_argument("--only", nargs="*", default=[], help="script names without .py")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per script")
    parser.add_argument("--output", type=Path, help="the JSON file (default: results.json in --dir)")
    args = parser.parse_args(argv)
    output: Path = args.output or args.dir / "results.json"
    out = sys.stdout

    load_before = machine()
    started = time.perf_counter()
    runs = []
    for path in scripts(args.dir, args.only):
        out.write(f"\n== {path.name} ==\n")
        out.flush()
        run = run_script(path, args.timeout, out)
        out.write(f"   ({run['status']}, {run['seconds']:.0f} s)\n")
        runs.append(run)
    total = time.perf_counter() - started

    out.write("\n" + "\n".join(table(runs)) + "\n")
    for run in runs:
        if run["status"] != "ok":
            out.write(f"{run['script']}: {run['status']}\n")
    out.write(
        f"\n{len(runs)} scripts in {total:.0f} s; ratios (x) compare two things measured in the same run. "
        f"Figures: {output}\n"
    )
    document = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench",
        "commit": git_commit(args.dir.parent),
        "machine": load_before,
        "seconds": round(total, 1),
        "runs": runs,
    }
    output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0 if all(run["status"] == "ok" or run["status"].startswith("skipped") for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
