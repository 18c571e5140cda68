"""Wall time of one enhancement run against the LLM engine, compared with its calls.

A profile of 5 experiences x 5 bullets (25 texts, no summary or projects) is enhanced through
the real app (trigger, embedded worker, pipeline, truth check, one final write) with the test
LLM server answering every call after a fixed 300 ms. The same 25 calls are first made one after
another straight through the engine, which gives the sequential time (the sum of the calls) and
the longest single call (the limit: no run can be faster). Then:

    wall / sequential   how much of the one-at-a-time time the run takes (lower is better)
    wall / limit        how far the run is from its floor (1.0 would be perfect)

    .venv/bin/python bench/enhancement.py [--latency 0.3] [--experiences 5] [--bullets 5]
                                          [--concurrency N]   (ENHANCEMENT_CONCURRENCY and LLM_CONCURRENCY)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test LLM server lives in tests/fakes

from _result import emit, figure  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.enhancement.conftest import polishing_model  # noqa: E402
from tests.fakes.llm_server import LLMServer  # noqa: E402

from jobwise import migrate  # noqa: E402
from jobwise.ai.engine import CallContext, EnhanceItem  # noqa: E402
from jobwise.config import Settings  # noqa: E402
from jobwise.main import create_app  # noqa: E402


def profile(experiences: int, bullets: int) -> dict[str, Any]:
    return {
        "personal_info": {"name": "Bench Person"},
        "experiences": [
            {
                "title": f"Engineer {e}",
                "company": f"Company {e}",
                "start_date": f"{2010 + e}-01",
                "end_date": f"{2011 + e}-01",
                "bullets": [
                    f"Worked on part {b} of the billing service for team {e}" for b in range(bullets)
                ],
            }
            for e in range(experiences)
        ],
    }


async def sequential_calls(app: Any, body: dict[str, Any]) -> list[float]:
    """Each text through the engine alone, one after another: the time of each call."""
    engine = app.state.engine
    durations = []
    for e, experience in enumerate(body["experiences"]):
        for b, bullet in enumerate(experience["bullets"]):
            item = EnhanceItem(id=f"{e}:{b}", kind="bullet", text=bullet, context=experience["title"])
            started = time.perf_counter()
            await engine.enhance_texts([item], {}, ctx=CallContext())
            durations.append(time.perf_counter() - started)
    return durations


async def one_run(app: Any, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        account = {"email": "bench@example.com", "password": "correct horse battery"}
        registered = await client.post("/auth/register", json={**account, "full_name": "Bench"})
        assert registered.status_code == 201, registered.text
        token = (await client.post("/auth/login", json=account)).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        assert (await client.post("/api/v1/profiles", json=body)).status_code == 201
        started = time.perf_counter()
        job_id = (await client.post("/api/v1/enhancement/trigger")).json()["job_id"]
        while True:
            job: dict[str, Any] = (await client.get(f"/api/v1/enhancement/jobs/{job_id}")).json()
            if job["status"] in {"completed", "failed"}:
                return time.perf_counter() - started, job
            await asyncio.sleep(0.005)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per LLM call (default 0.3)")
    parser.add_argument("--experiences", type=int, default=5)
    parser.add_argument("--bullets", type=int, default=5)
    parser.add_argument("--concurrency", type=int, help="bound on calls in flight (default: the settings')")
    args = parser.parse_args()

    server = LLMServer()
    server.start()
    server.handler = polishing_model
    server.latency = args.latency
    try:
        with tempfile.TemporaryDirectory() as tmp:
            overrides: dict[str, Any] = {
                **server.settings_for("openai", LLM_CACHE=False, LLM_TIMEOUT=30),
                "TASK_WORKER_ENABLED": True,
                "TASK_POLL_SECONDS": 0.05,
            }
            if args.concurrency:
                overrides["ENHANCEMENT_CONCURRENCY"] = args.concurrency
                overrides["LLM_CONCURRENCY"] = args.concurrency
            settings: Settings = make_settings(Path(tmp), **overrides)
            await asyncio.to_thread(migrate.upgrade, settings)
            app = create_app(settings)
            body = profile(args.experiences, args.bullets)
            async with app.router.lifespan_context(app):
                durations = await sequential_calls(app, body)
                wall, job = await one_run(app, body)
    finally:
        server.stop()

    assert job["status"] == "completed", job
    sequential, limit = sum(durations), max(durations)
    texts = len(durations)
    print(f"profile: {args.experiences} experiences x {args.bullets} bullets = {texts} texts")
    print(f"test LLM server: {args.latency * 1000:.0f} ms a call")
    print(
        f"bound on calls in flight: ENHANCEMENT_CONCURRENCY={settings.ENHANCEMENT_CONCURRENCY}, "
        f"LLM_CONCURRENCY={settings.LLM_CONCURRENCY}"
    )
    print(f"sequential (sum of {texts} calls): {sequential:6.2f} s")
    print(f"limit (longest single call):      {limit:6.2f} s")
    print(f"wall time of the run:             {wall:6.2f} s  ({job['result']['usage']['calls']} calls)")
    print(f"wall / sequential: {wall / sequential:.3f}   (a {sequential / wall:.1f}x speed-up)")
    print(f"wall / limit:      {wall / limit:.2f}")
    emit(
        "enhancement",
        [
            figure(f"wall time ({texts} texts)", wall, "s"),
            figure("wall / sequential", wall / sequential, "x", ratio=True),
            figure("wall / limit (longest call)", wall / limit, "x", ratio=True),
        ],
        latency_s=args.latency,
        texts=texts,
        calls=job["result"]["usage"]["calls"],
    )


if __name__ == "__main__":
    asyncio.run(main())
