"""How a benchmark script hands its figures to bench/run_all.py (`make bench`).

A script in bench/ prints whatever a person wants to read, and also calls emit() once: that
prints one line on stdout,

    BENCH_RESULT {"bench": "api_overhead", "figures": [...], "context": {...}}

Each figure has a name, a value and a unit, and may have a target (text such as ">= 0.7"), ok
(whether the target is met) and ratio (true when it compares two things measured in the same run,
the figures that hold on a noisy machine). run_all.py runs every bench/*.py whose name does not
start with an underscore, reads these lines, prints one table and writes bench/results.json.
A script that cannot run here exits with SKIPPED (77) after saying why.
Files starting with an underscore (like this one) are shared code, not benchmarks.
"""

from __future__ import annotations

import json
import math
from typing import Any

PREFIX = "BENCH_RESULT "
# The exit status of a script that cannot run here (a service it needs is not configured): the
# runner reports it as skipped, with the script's last line as the reason, and does not fail.
SKIPPED = 77


def figure(
    name: str,
    value: float | None,
    unit: str = "",
    *,
    target: str | None = None,
    ok: bool | None = None,
    ratio: bool = False,
) -> dict[str, Any]:
    if value is not None and not math.isfinite(value):
        value = None
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "ratio": ratio}


def emit(bench: str, figures: list[dict[str, Any]], **context: Any) -> None:
    print(PREFIX + json.dumps({"bench": bench, "figures": figures, "context": context}), flush=True)
