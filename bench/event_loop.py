"""Event loop: does background AI work slow down everything else the server answers?

One JobWise process (uvicorn) runs its embedded worker against the test LLM server, which answers
every call after 300 ms. Probes in other processes send GET /health (one database round trip)
and GET / (none) at a fixed rate each (an open loop: they never wait for the server before sending
the next request) for a few seconds while the server is idle, then again while 20 enhancements run
at once (20 users, each a profile of 14 texts). The figure is /health's p99 while busy over its p99
while idle; target: under 2x. The same ratio for / tells the event loop's share from the database's.

    .venv/bin/python bench/event_loop.py [--enhancements 20] [--latency 0.3] [--rate 50] [--duration 6]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from _load import LoadResult, paced
from _result import emit, figure
from _servers import ROOT, llm_settings, register, start_jobwise, start_llm, start_worker

TARGET = 2.0
PROFILE = json.loads((ROOT / "src/jobwise/demo/data/profile.json").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--enhancements", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per LLM call")
    parser.add_argument("--rate", type=float, default=50, help="probe requests per second, per path")
    parser.add_argument("--duration", type=float, default=6, help="seconds per probe")
    parser.add_argument(
        "--llm-concurrency",
        type=int,
        default=4,
        help="LLM_CONCURRENCY, calls in flight at once (default 4, JobWise's): 280 calls take 21 s or more",
    )
    parser.add_argument(
        "--worker-process",
        action="store_true",
        help="run the tasks in a `jobwise worker` process beside the API process",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="jobwise-bench-") as tmp:
        root = Path(tmp)
        llm = start_llm(root / "llm", args.latency)
        jobwise = worker = None
        try:
            data_dir = root / "jobwise"
            task_settings = llm_settings(
                llm,
                LLM_CONCURRENCY=args.llm_concurrency,
                # Every enhancement runs at once, rather than queueing behind two.
                TASK_WORKER_CONCURRENCY=args.enhancements,
                TASK_POLL_SECONDS=0.2,
            )
            jobwise = start_jobwise(data_dir, **task_settings, TASK_WORKER_ENABLED=not args.worker_process)
            if args.worker_process:
                worker = start_worker(data_dir, **task_settings)
            url = jobwise.url
            with ThreadPoolExecutor(4) as pool:
                tokens = list(
                    pool.map(lambda n: register(url, f"loop{n}@example.com"), range(args.enhancements))
                )
            clients = [
                httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {token}"})
                for token in tokens
            ]
            for client in clients:
                client.put("/api/v1/profiles/me/json-resume", json=PROFILE).raise_for_status()

            # Discarded: first connections and cold code paths would otherwise land in "idle".
            probe(url, argparse.Namespace(rate=args.rate, duration=min(1.0, args.duration)))
            idle, idle_root = probe(url, args)

            started = time.perf_counter()
            with ThreadPoolExecutor(args.enhancements) as pool:
                triggered = list(pool.map(lambda c: c.post("/api/v1/enhancement/trigger"), clients))
            for response in triggered:
                response.raise_for_status()
            job_ids = [response.json()["job_id"] for response in triggered]
            busy, busy_root = probe(url, args)
            running_after_probe = sum(
                1
                for client, job_id in zip(clients, job_ids, strict=True)
                if client.get(f"/api/v1/enhancement/jobs/{job_id}").json()["status"]
                in {"queued", "processing"}
            )
            jobs = wait_all(clients, job_ids, deadline=time.monotonic() + 300)
            window = time.perf_counter() - started
            calls = sum(int(((job.get("result") or {}).get("usage") or {}).get("calls") or 0) for job in jobs)
            for client in clients:
                client.close()
        finally:
            if worker is not None:
                worker.stop()
            if jobwise is not None:
                jobwise.stop()
            llm.stop()

    completed = sum(1 for job in jobs if job["status"] == "completed")
    ratio = busy.p99_ms / idle.p99_ms
    root_ratio = busy_root.p99_ms / idle_root.p99_ms
    report(idle, "/health idle")
    report(busy, f"/health while {args.enhancements} enhancements run")
    report(idle_root, "/ idle (no database)")
    report(busy_root, f"/ while {args.enhancements} enhancements run")
    print(
        f"enhancements: {completed}/{len(jobs)} completed, "
        f"{calls} LLM calls at {args.latency * 1000:.0f} ms, "
        f"{window:.1f} s in all; {running_after_probe} still running when the busy probe ended"
    )
    print(f"p99 busy / idle: /health {ratio:.2f}x (target < {TARGET}x); / {root_ratio:.2f}x")
    if running_after_probe < args.enhancements // 2:
        print("note: most enhancements finished before the probe did; the busy figure is a lower bound")
    emit(
        "event_loop",
        [
            figure("/health p99 idle", idle.p99_ms, "ms"),
            figure("/health p99 while enhancing", busy.p99_ms, "ms"),
            figure("/health p50 busy/idle", busy.p50_ms / idle.p50_ms, "x", ratio=True),
            figure("/health p99 busy/idle", ratio, "x", target=f"< {TARGET}", ok=ratio < TARGET, ratio=True),
            figure("/ (no database) p99 busy/idle", root_ratio, "x", ratio=True),
            figure("LLM calls during the run", calls, "calls"),
        ],
        enhancements=args.enhancements,
        completed=completed,
        running_after_probe=running_after_probe,
        latency_s=args.latency,
        probe_rate=args.rate,
        probe_seconds=args.duration,
        llm_concurrency=args.llm_concurrency,
        window_s=window,
        idle=vars(idle),
        busy=vars(busy),
        idle_root=vars(idle_root),
        busy_root=vars(busy_root),
    )


def probe(url: str, args: argparse.Namespace) -> tuple[LoadResult, LoadResult]:
    """/health (a database round trip) and / (none) at the same time, each from its own process."""
    with ThreadPoolExecutor(2) as pool:
        health = pool.submit(paced, url + "/health", rate=args.rate, duration=args.duration)
        root = pool.submit(paced, url + "/", rate=args.rate, duration=args.duration)
        return health.result(), root.result()


def wait_all(clients: list[httpx.Client], job_ids: list[str], *, deadline: float) -> list[dict[str, Any]]:
    jobs: list[dict[str, Any]] = []
    for client, job_id in zip(clients, job_ids, strict=True):
        while True:
            job: dict[str, Any] = client.get(f"/api/v1/enhancement/jobs/{job_id}").json()
            if job["status"] in {"completed", "failed"} or time.monotonic() > deadline:
                jobs.append(job)
                break
            time.sleep(0.1)
    return jobs


def report(result: LoadResult, label: str) -> None:
    print(
        f"{label:<44} {result.requests:>5} requests, p50 {result.p50_ms:6.1f} ms, "
        f"p99 {result.p99_ms:6.1f} ms, {result.errors} errors"
    )


if __name__ == "__main__":
    main()
