"""Journey: enhancement, ranking and both generations, against the test LLM server.

One JobWise process (uvicorn, its default settings) uses the OpenAI-compatible engine against the
test LLM server, which answers every call after a fixed latency (300 ms). A client imports the demo
profile, uploads the demo cover-letter sample and parses the demo job (setup, not timed), then runs
the journey as a client would: trigger the enhancement and poll it to the end, rank, then generate
the resume and the cover letter at the same time. Compared with:

    critical path   the longest chain of dependent LLM calls x latency: one enhancement call (its
                    calls are independent; +1 when a rewrite was retried), the ranking's judgement
                    of evidence, and each draft of the cover letter (the resume is compiled, no LLM)
    bounded path    the same with LLM_CONCURRENCY: calls that cannot all be in flight at once
                    queue in waves (what the server's settings allow at best)

LLM calls and tokens per journey come from GET /api/v1/usage (setup calls left out).

With the defaults (LLM_CONCURRENCY 4 a process, ENHANCEMENT_CONCURRENCY 8 a run) the enhancement
packs its texts into as many calls as may be in flight at once (four), so they go in one wave;
a call per text, as before, queued in waves, and the wall time followed the bounded path.
--llm-concurrency 32 --enhancement-concurrency 32 allows more calls at once (the texts are then
spread over more, shorter calls).

    .venv/bin/python bench/journey.py [--latency 0.3] [--runs 2] [--llm-concurrency 4]
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from _result import emit, figure
from _servers import ROOT, llm_settings, register, start_jobwise, start_llm

from jobwise.config import Settings

DATA = ROOT / "src/jobwise/demo/data"
SETUP_PURPOSES = {"parse_job"}
# JobWise's defaults, from its settings.
LLM_CONCURRENCY: int = Settings.model_fields["LLM_CONCURRENCY"].default
ENHANCEMENT_CONCURRENCY: int = Settings.model_fields["ENHANCEMENT_CONCURRENCY"].default
# Issue 19: the journey's wall time at most this multiple of its critical path.
TARGET = 1.2


def setup(client: httpx.Client) -> str:
    client.put("/api/v1/profiles/me/json-resume", json=json.loads((DATA / "profile.json").read_text()))
    sample = (DATA / "cover_letter_sample.txt").read_bytes()
    client.post(
        "/api/v1/samples",
        data={"document_type": "cover_letter_sample"},
        files={"file": ("sample.txt", sample, "text/plain")},
    ).raise_for_status()
    job = client.post("/api/v1/jobs/parse", json={"raw_text": (DATA / "job_posting.txt").read_text()})
    job.raise_for_status()
    job_id: str = job.json()["id"]
    return job_id


def journey(client: httpx.Client, job_id: str) -> dict[str, Any]:
    times: dict[str, float] = {}
    started = time.perf_counter()
    trigger = client.post("/api/v1/enhancement/trigger")
    trigger.raise_for_status()
    while True:
        enhancement = client.get(f"/api/v1/enhancement/jobs/{trigger.json()['job_id']}").json()
        if enhancement["status"] in {"completed", "failed"}:
            break
        time.sleep(0.05)
    if enhancement["status"] != "completed":
        raise RuntimeError(f"the enhancement failed: {enhancement}")
    times["enhancement"] = time.perf_counter() - started

    begun = time.perf_counter()
    ranking = client.post("/api/v1/rankings", json={"job_id": job_id})
    ranking.raise_for_status()
    times["ranking"] = time.perf_counter() - begun

    begun = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        answers = list(
            pool.map(
                lambda kind: client.post(
                    "/api/v1/generations", json={"job_id": job_id, "document_type": kind}
                ),
                ("resume", "cover_letter"),
            )
        )
    for answer in answers:
        if answer.status_code != 201:
            raise RuntimeError(f"a generation failed: {answer.status_code} {answer.text[:2000]}")
    times["generations"] = time.perf_counter() - begun
    times["wall"] = time.perf_counter() - started
    return {
        "times": times,
        "enhancement": enhancement["result"],
        "ranking": ranking.json()["ranking_data"],
        "resume": answers[0].json()["metadata"],
        "letter": answers[1].json()["metadata"],
    }


def usage(client: httpx.Client) -> dict[str, dict[str, int]]:
    """Calls and tokens by purpose, once the background usage writes have settled."""
    last: dict[str, dict[str, int]] | None = None
    deadline = time.monotonic() + 10
    while True:
        rows = client.get("/api/v1/usage").json()["by_purpose"]
        current = {row["purpose"]: {"calls": row["calls"], "tokens": row["total_tokens"]} for row in rows}
        if current == last or time.monotonic() > deadline:
            return current
        last = current
        time.sleep(0.3)


def paths(
    run: dict[str, Any],
    by_purpose: dict[str, dict[str, int]],
    latency: float,
    concurrency: int,
    enhancement_concurrency: int,
) -> tuple[float, float]:
    """(critical path, bounded path) in seconds."""
    enhance_calls = sum(v["calls"] for k, v in by_purpose.items() if k.startswith("enhance"))
    rerank_calls = by_purpose.get("rerank_evidence", {}).get("calls", 0)
    drafts = int((run["letter"].get("truth_check") or {}).get("attempts") or 1)
    retried = 1 if (run["enhancement"].get("counts") or {}).get("retried") else 0
    chain = (1 + retried if enhance_calls else 0) + (1 if rerank_calls else 0) + drafts
    # A run sends at most ENHANCEMENT_CONCURRENCY texts at once, and the process LLM_CONCURRENCY calls.
    enhance_waves = math.ceil(enhance_calls / min(concurrency, enhancement_concurrency))
    waves = enhance_waves + math.ceil(rerank_calls / concurrency) + drafts
    return chain * latency, waves * latency


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per LLM call")
    parser.add_argument(
        "--runs", type=int, default=2, help="journeys, each by a new user; the fastest counts"
    )
    parser.add_argument(
        "--llm-concurrency", type=int, default=LLM_CONCURRENCY, help="LLM_CONCURRENCY of the server"
    )
    parser.add_argument(
        "--enhancement-concurrency",
        type=int,
        default=ENHANCEMENT_CONCURRENCY,
        help="ENHANCEMENT_CONCURRENCY of the server (texts of one run in flight at once)",
    )
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory(prefix="jobwise-bench-") as tmp:
        root = Path(tmp)
        llm = start_llm(root / "llm", args.latency)
        jobwise = None
        try:
            data_dir = root / "jobwise"
            jobwise = start_jobwise(
                data_dir,
                **llm_settings(
                    llm,
                    LLM_CONCURRENCY=args.llm_concurrency,
                    ENHANCEMENT_CONCURRENCY=args.enhancement_concurrency,
                ),
            )
            for run in range(args.runs):
                token = register(jobwise.url, f"journey{run}@example.com")
                headers = {"Authorization": f"Bearer {token}"}
                with httpx.Client(base_url=jobwise.url, headers=headers, timeout=120) as client:
                    job_id = setup(client)
                    outcome = journey(client, job_id)
                    by_purpose = {k: v for k, v in usage(client).items() if k not in SETUP_PURPOSES}
                    outcome["usage"] = by_purpose
                    results.append(outcome)
        finally:
            if jobwise is not None:
                jobwise.stop()
            llm.stop()

    best = min(results, key=lambda r: r["times"]["wall"])
    critical, bounded = paths(
        best, best["usage"], args.latency, args.llm_concurrency, args.enhancement_concurrency
    )
    times = best["times"]
    calls = sum(v["calls"] for v in best["usage"].values())
    tokens = sum(v["tokens"] for v in best["usage"].values())
    print(f"test LLM server: {args.latency * 1000:.0f} ms a call; fastest of {args.runs} journeys")
    print(
        f"enhancement {times['enhancement']:.2f} s, ranking {times['ranking']:.2f} s, "
        f"resume and cover letter together {times['generations']:.2f} s"
    )
    split = ", ".join(f"{purpose} {row['calls']}" for purpose, row in sorted(best["usage"].items()))
    print(f"LLM calls: {calls} ({split})")
    print(f"tokens: {tokens}")
    print(f"wall {times['wall']:.2f} s; critical path {critical:.2f} s; bounded path {bounded:.2f} s")
    print(
        f"wall / critical path: {times['wall'] / critical:.2f} (target <= {TARGET})   "
        f"wall / bounded path: {times['wall'] / bounded:.2f}"
    )
    truth = {
        "resume": (best["resume"].get("truth_check") or {}).get("passed"),
        "cover_letter": (best["letter"].get("truth_check") or {}).get("passed"),
    }
    emit(
        "journey",
        [
            figure("wall time", times["wall"], "s"),
            figure("critical path (dependent calls x latency)", critical, "s"),
            figure(
                "wall / critical path",
                times["wall"] / critical,
                "x",
                target=f"<= {TARGET}",
                ok=times["wall"] / critical <= TARGET,
                ratio=True,
            ),
            figure(
                f"wall / bounded path (LLM_CONCURRENCY={args.llm_concurrency}, "
                f"ENHANCEMENT_CONCURRENCY={args.enhancement_concurrency})",
                times["wall"] / bounded,
                "x",
                ratio=True,
            ),
            figure("LLM calls per journey", calls, "calls"),
            figure("tokens per journey", tokens, "tokens"),
        ],
        latency_s=args.latency,
        llm_concurrency=args.llm_concurrency,
        runs=args.runs,
        times_s=times,
        bounded_path_s=bounded,
        usage=best["usage"],
        truth_check=truth,
        all_walls_s=[r["times"]["wall"] for r in results],
    )


if __name__ == "__main__":
    main()
