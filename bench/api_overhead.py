"""API overhead: JobWise against the floor of its own stack, under the same load.

Two operations, each with 32 concurrent connections from a second process (wrk when installed,
else an asyncio httpx driver), against one uvicorn process:

    GET  /api/v1/profiles/me   authenticated; a profile of 3 roles, 1 project, 1 degree
    POST /api/v1/jobs          authenticated; a small job posting, inserted and returned

The floor is a minimal app written here for the purpose, with the same stack and the same care:
FastAPI, SQLAlchemy 2 async on aiosqlite, SQLite in WAL mode with synchronous=NORMAL and writes
that begin IMMEDIATE, a PyJWT bearer token checked against the users table, the profile and its
items loaded with selectinload, Pydantic models in and out. It serves the same profile (copied
from JobWise's answer) and stores the same job. Each (app, operation) is measured twice,
interleaved, after a warm-up; the better round of each counts. Targets: JobWise at least 0.7 of
the floor's throughput, and its p99 within 1.5 times the floor's.

    .venv/bin/python bench/api_overhead.py [--duration 8] [--connections 32] [--driver auto|wrk|httpx]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from _floor import FLOOR_SECRET
from _load import LoadResult, closed_loop
from _result import emit, figure
from _servers import free_port, register, start_jobwise, start_script

JOB = {
    "title": "Backend Engineer",
    "company": "Floor Test",
    "location": "Utrecht, NL",
    "description": "Build and run the APIs of a logistics platform.",
    "requirements": ["3+ years of Python", "PostgreSQL", "Experience with Kafka"],
    "parsed_keywords": ["Python", "PostgreSQL", "Kafka", "FastAPI", "Docker"],
    "remote": "Hybrid",
}
THROUGHPUT_TARGET = 0.7
P99_TARGET = 1.5


# --- the floor (bench/_floor.py) ----------------------------------------------------------


def floor_token() -> str:
    import jwt

    return jwt.encode({"sub": "1", "exp": int(time.time()) + 3600}, FLOOR_SECRET, algorithm="HS256")


# --- the measurement ---------------------------------------------------------------------------


def measure(url: str, token: str, operation: str, args: argparse.Namespace, *, duration: float) -> LoadResult:
    headers = {"Authorization": f"Bearer {token}"}
    if operation == "GET profile":
        return closed_loop(
            url + "/api/v1/profiles/me",
            headers=headers,
            connections=args.connections,
            duration=duration,
            driver=args.driver,
        )
    return closed_loop(
        url + "/api/v1/jobs",
        method="POST",
        headers=headers | {"Content-Type": "application/json"},
        body=json.dumps(JOB),
        connections=args.connections,
        duration=duration,
        driver=args.driver,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per measured round")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--driver", choices=["auto", "wrk", "httpx"], default="auto")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="jobwise-bench-") as tmp:
        root = Path(tmp)
        jobwise = start_jobwise(root / "jobwise")
        floor = None
        try:
            token = register(jobwise.url, "bench@example.com")
            resume = json.loads(
                (Path(__file__).parents[1] / "src/jobwise/demo/data/profile.json").read_text()
            )
            headers = {"Authorization": f"Bearer {token}"}
            import httpx

            imported = httpx.put(
                jobwise.url + "/api/v1/profiles/me/json-resume", json=resume, headers=headers, timeout=30
            )
            imported.raise_for_status()
            (root / "floor-seed.json").write_text(json.dumps(imported.json()))
            port = free_port()
            floor = start_script(
                Path(__file__).with_name("_floor.py"), [str(port), str(root)], cwd=root, port=port
            )
            apps = {"jobwise": (jobwise.url, token), "floor": (floor.url, floor_token())}
            sizes = {
                name: len(
                    httpx.get(url + "/api/v1/profiles/me", headers={"Authorization": f"Bearer {t}"}).content
                )
                for name, (url, t) in apps.items()
            }
            results: dict[tuple[str, str], LoadResult] = {}
            for operation in ("GET profile", "POST job"):
                for url, app_token in apps.values():
                    measure(url, app_token, operation, args, duration=args.warmup)
                for _ in range(args.rounds):
                    for name, (url, app_token) in apps.items():
                        result = measure(url, app_token, operation, args, duration=args.duration)
                        best = results.get((name, operation))
                        if best is None or result.rps > best.rps:
                            results[(name, operation)] = result
        finally:
            jobwise.stop()
            if floor is not None:
                floor.stop()

    driver = next(iter(results.values())).driver
    print(
        f"{args.connections} connections, {args.duration:.0f} s rounds, best of {args.rounds}, "
        f"driver: {driver}"
    )
    print(f"profile body: JobWise {sizes['jobwise']} bytes, floor {sizes['floor']} bytes")
    print(f"{'operation':<14}{'app':<9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    figures = []
    for operation in ("GET profile", "POST job"):
        for name in ("jobwise", "floor"):
            r = results[(name, operation)]
            print(f"{operation:<14}{name:<9}{r.rps:>9.0f}{r.p50_ms:>9.1f}{r.p99_ms:>9.1f}{r.errors:>8}")
        ours, floor_result = results[("jobwise", operation)], results[("floor", operation)]
        throughput = ours.rps / floor_result.rps
        p99 = ours.p99_ms / floor_result.p99_ms
        p50 = ours.p50_ms / floor_result.p50_ms
        print(
            f"{'':<14}ratios: throughput {throughput:.2f} (target >= {THROUGHPUT_TARGET}), "
            f"p99 {p99:.2f}x (target <= {P99_TARGET}x), p50 {p50:.2f}x"
        )
        key = operation.replace(" ", "_").lower()
        figures += [
            figure(f"{key} jobwise req/s", ours.rps, "req/s"),
            figure(f"{key} jobwise p50", ours.p50_ms, "ms"),
            figure(f"{key} jobwise p99", ours.p99_ms, "ms"),
            figure(f"{key} floor req/s", floor_result.rps, "req/s"),
            figure(f"{key} floor p50", floor_result.p50_ms, "ms"),
            figure(f"{key} floor p99", floor_result.p99_ms, "ms"),
            figure(
                f"{key} throughput jobwise/floor",
                throughput,
                "x",
                target=f">= {THROUGHPUT_TARGET}",
                ok=throughput >= THROUGHPUT_TARGET,
                ratio=True,
            ),
            figure(
                f"{key} p99 jobwise/floor",
                p99,
                "x",
                target=f"<= {P99_TARGET}",
                ok=p99 <= P99_TARGET,
                ratio=True,
            ),
            figure(f"{key} p50 jobwise/floor", p50, "x", ratio=True),
        ]
        errors = ours.errors + floor_result.errors
        if errors:
            print(f"{'':<14}WARNING: {errors} failed requests")
    emit(
        "api_overhead",
        figures,
        driver=driver,
        connections=args.connections,
        duration_s=args.duration,
        rounds=args.rounds,
        profile_bytes=sizes,
        errors={f"{a} {o}": r.errors for (a, o), r in results.items()},
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
