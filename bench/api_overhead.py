"""API overhead: JobWise against the floors of its own stack, under the same load.

Two operations, each with 32 concurrent connections from a second process (wrk when installed,
else an asyncio httpx driver), against one uvicorn process:

    GET  /api/v1/profiles/me   authenticated; the demo profile (3 roles, 1 project, 1 degree)
    POST /api/v1/jobs          authenticated; a small job posting, inserted and returned

and a third for JobWise alone: the same GET with If-None-Match naming the current ETag (a 304).

Two floors, minimal apps written here for the purpose (bench/_floor.py), with the same stack and
the same care: FastAPI, SQLAlchemy 2 async on aiosqlite, SQLite in WAL mode with
synchronous=NORMAL and writes that begin IMMEDIATE, a PyJWT bearer token, Pydantic in and out.

    orm floor       the token's user read from the users table, the profile and its items loaded
                    with selectinload and serialized by Pydantic (JobWise's work before its read model)
    json-row floor  the JWT verified without a query, the profile stored as one JSON row read by
                    one indexed query; POST job inserts one row: the limit of the stack

Each (app, operation) is measured `--rounds` times, interleaved, after a warm-up; the better round
of each counts. Targets, against the json-row floor: GET profile at least 0.6 of its throughput,
POST job at least 0.7, p99 within 1.5 times its p99; a 304 at least 0.9 of its GET. The ORM floor
stays as the older yardstick (0.7 of its throughput).

Then how the cost of a profile read grows with the profile: JobWise's GET of profiles of 10, 50
and 200 items (roles, projects, degrees and skills), one connection, shorter rounds; the read
model serves a stored row, so the cost of a read should stay nearly flat (only the body grows).

    .venv/bin/python bench/api_overhead.py [--duration 8] [--connections 32] [--driver auto|wrk|httpx]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _floor import FLOOR_SECRET
from _load import LoadResult, closed_loop
from _result import emit, figure
from _servers import Process, free_port, register, start_jobwise, start_script

JOB = {
    "title": "Backend Engineer",
    "company": "Floor Test",
    "location": "Utrecht, NL",
    "description": "Build and run the APIs of a logistics platform.",
    "requirements": ["3+ years of Python", "PostgreSQL", "Experience with Kafka"],
    "parsed_keywords": ["Python", "PostgreSQL", "Kafka", "FastAPI", "Docker"],
    "remote": "Hybrid",
}
THROUGHPUT_TARGET = 0.7  # against the ORM floor
# Against the json-row floor (issue 19).
ROW_TARGETS = {"GET profile": 0.6, "POST job": 0.7}
NOT_MODIFIED_TARGET = 0.9
P99_TARGET = 1.5
SIZES = (10, 50, 200)
FLOORS = {"floor": "orm", "floor-json": "json-row"}


# --- the floor (bench/_floor.py) ----------------------------------------------------------


def floor_token() -> str:
    import jwt

    return jwt.encode({"sub": "1", "exp": int(time.time()) + 3600}, FLOOR_SECRET, algorithm="HS256")


# --- the measurement ---------------------------------------------------------------------------


def measure(
    url: str,
    token: str,
    operation: str,
    args: argparse.Namespace,
    *,
    duration: float,
    etag: str | None = None,
) -> LoadResult:
    headers = {"Authorization": f"Bearer {token}"}
    if etag is not None:
        headers["If-None-Match"] = etag
    if operation.startswith("GET profile"):
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


def sized_resume(base: dict[str, Any], items: int) -> dict[str, Any]:
    """The demo resume grown (or cut) to `items` roles, projects, degrees and skills in all."""
    kinds = ("work", "projects", "education", "skills")
    resume = dict(base)
    for index, kind in enumerate(kinds):
        count = items // len(kinds) + (1 if index < items % len(kinds) else 0)
        template = base[kind]
        resume[kind] = [
            {
                **template[n % len(template)],
                **({"name": f"{template[n % len(template)].get('name', '')} {n}"}),
            }
            if kind != "education"
            else {**template[n % len(template)], "institution": f"University {n}"}
            for n in range(count)
        ]
    return resume


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per measured round")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--size-duration", type=float, default=3.0, help="seconds per profile size")
    parser.add_argument("--driver", choices=["auto", "wrk", "httpx"], default="auto")
    args = parser.parse_args()

    import httpx

    resume = json.loads((Path(__file__).parents[1] / "src/jobwise/demo/data/profile.json").read_text())
    with tempfile.TemporaryDirectory(prefix="jobwise-bench-") as tmp:
        root = Path(tmp)
        jobwise = start_jobwise(root / "jobwise")
        floors: list[Process] = []
        try:
            token = register(jobwise.url, "bench@example.com")
            headers = {"Authorization": f"Bearer {token}"}
            imported = httpx.put(
                jobwise.url + "/api/v1/profiles/me/json-resume", json=resume, headers=headers, timeout=30
            )
            imported.raise_for_status()
            (root / "floor-seed.json").write_text(json.dumps(imported.json()))
            apps = {"jobwise": (jobwise.url, token)}
            for name, mode in FLOORS.items():
                port = free_port()
                floor = start_script(
                    Path(__file__).with_name("_floor.py"), [str(port), str(root), mode], cwd=root, port=port
                )
                floors.append(floor)
                apps[name] = (floor.url, floor_token())
            sizes = {
                name: len(
                    httpx.get(url + "/api/v1/profiles/me", headers={"Authorization": f"Bearer {t}"}).content
                )
                for name, (url, t) in apps.items()
            }
            etag = httpx.get(jobwise.url + "/api/v1/profiles/me", headers=headers).headers["etag"]
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
                    if operation == "GET profile":
                        result = measure(
                            jobwise.url, token, "GET profile", args, duration=args.duration, etag=etag
                        )
                        best = results.get(("jobwise", "GET profile 304"))
                        if best is None or result.rps > best.rps:
                            results[("jobwise", "GET profile 304")] = result
            by_size = measure_sizes(jobwise.url, resume, args)
        finally:
            jobwise.stop()
            for floor in floors:
                floor.stop()

    driver = next(iter(results.values())).driver
    print(
        f"{args.connections} connections, {args.duration:.0f} s rounds, best of {args.rounds}, "
        f"driver: {driver}"
    )
    print("profile body bytes: " + ", ".join(f"{name} {size}" for name, size in sizes.items()))
    print(f"{'operation':<16}{'app':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    figures = []
    for operation in ("GET profile", "POST job"):
        for name in apps:
            r = results[(name, operation)]
            print(f"{operation:<16}{name:<12}{r.rps:>9.0f}{r.p50_ms:>9.1f}{r.p99_ms:>9.1f}{r.errors:>8}")
        if operation == "GET profile":
            r = results[("jobwise", "GET profile 304")]
            print(
                f"{'GET profile 304':<16}{'jobwise':<12}{r.rps:>9.0f}{r.p50_ms:>9.1f}"
                f"{r.p99_ms:>9.1f}{r.errors:>8}"
            )
        ours = results[("jobwise", operation)]
        key = operation.replace(" ", "_").lower()
        figures += [
            figure(f"{key} jobwise req/s", ours.rps, "req/s"),
            figure(f"{key} jobwise p50", ours.p50_ms, "ms"),
            figure(f"{key} jobwise p99", ours.p99_ms, "ms"),
        ]
        for floor_name, target in (("floor", THROUGHPUT_TARGET), ("floor-json", ROW_TARGETS[operation])):
            floor_result = results[(floor_name, operation)]
            throughput = ours.rps / floor_result.rps
            p99 = ours.p99_ms / floor_result.p99_ms
            p50 = ours.p50_ms / floor_result.p50_ms
            label = "orm floor" if floor_name == "floor" else "json-row floor"
            print(
                f"{'':<16}against the {label}: throughput {throughput:.2f} (target >= {target}), "
                f"p99 {p99:.2f}x (target <= {P99_TARGET}x), p50 {p50:.2f}x"
            )
            suffix = "floor" if floor_name == "floor" else "json-row floor"
            figures += [
                figure(f"{key} {suffix} req/s", floor_result.rps, "req/s"),
                figure(f"{key} {suffix} p99", floor_result.p99_ms, "ms"),
                figure(
                    f"{key} throughput jobwise/{suffix}",
                    throughput,
                    "x",
                    target=f">= {target}",
                    ok=throughput >= target,
                    ratio=True,
                ),
                figure(
                    f"{key} p99 jobwise/{suffix}",
                    p99,
                    "x",
                    target=f"<= {P99_TARGET}",
                    ok=p99 <= P99_TARGET,
                    ratio=True,
                ),
                figure(f"{key} p50 jobwise/{suffix}", p50, "x", ratio=True),
            ]
        errors = sum(results[(name, operation)].errors for name in apps)
        if errors:
            print(f"{'':<16}WARNING: {errors} failed requests")
    for (name, operation), result in results.items():
        for failure in result.failures:
            print(f"failed: {name} {operation}: {failure}")
    cached = results[("jobwise", "GET profile 304")]
    cached_ratio = cached.rps / results[("floor-json", "GET profile")].rps
    print(
        f"304 for an unchanged profile: {cached.rps:.0f} req/s, {cached_ratio:.2f} of the json-row "
        f"floor's GET (target >= {NOT_MODIFIED_TARGET})"
    )
    figures += [
        figure("get_profile_304 jobwise req/s", cached.rps, "req/s"),
        figure(
            "get_profile_304 jobwise/json-row floor GET",
            cached_ratio,
            "x",
            target=f">= {NOT_MODIFIED_TARGET}",
            ok=cached_ratio >= NOT_MODIFIED_TARGET,
            ratio=True,
        ),
    ]
    print(
        f"profile size (one connection, {args.size_duration:.0f} s each): items, bytes, req/s, p50 ms, "
        f"relative to {SIZES[0]} items"
    )
    smallest = by_size[SIZES[0]][1].rps
    for items, (size, r) in by_size.items():
        print(
            f"  {items:>4} items {size:>8} bytes {r.rps:>8.0f} req/s {r.p50_ms:>7.1f} ms "
            f"{r.rps / smallest:>6.2f}x"
        )
        figures.append(figure(f"get_profile {items} items req/s", r.rps, "req/s"))
    growth = by_size[SIZES[-1]][1].rps / smallest
    figures.append(
        figure(f"get_profile throughput {SIZES[-1]} items/{SIZES[0]} items", growth, "x", ratio=True)
    )
    emit(
        "api_overhead",
        figures,
        driver=driver,
        connections=args.connections,
        duration_s=args.duration,
        rounds=args.rounds,
        profile_bytes=sizes,
        by_size={items: {"bytes": size, **vars(r)} for items, (size, r) in by_size.items()},
        errors={f"{a} {o}": r.errors for (a, o), r in results.items()},
    )
    sys.exit(0)


def measure_sizes(
    url: str, base: dict[str, Any], args: argparse.Namespace
) -> dict[int, tuple[int, LoadResult]]:
    """JobWise's GET profile for profiles of each size in SIZES, one user each."""
    import httpx

    out: dict[int, tuple[int, LoadResult]] = {}
    for items in SIZES:
        token = register(url, f"size{items}@example.com")
        headers = {"Authorization": f"Bearer {token}"}
        httpx.put(
            url + "/api/v1/profiles/me/json-resume",
            json=sized_resume(base, items),
            headers=headers,
            timeout=30,
        ).raise_for_status()
        size = len(httpx.get(url + "/api/v1/profiles/me", headers=headers).content)
        # One connection: the cost of one read, not the queue 32 clients build on a busy machine.
        single = argparse.Namespace(**(vars(args) | {"connections": 1}))
        measure(url, token, "GET profile", single, duration=min(1.0, args.warmup))
        out[items] = (size, measure(url, token, "GET profile", single, duration=args.size_duration))
    return out


if __name__ == "__main__":
    main()
