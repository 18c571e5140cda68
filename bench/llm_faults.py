"""Issue 13's LLM faults, replayed against a real JobWise server: what another user saw meanwhile.

For each fault a fresh `jobwise serve` (SQLite, AI_ENGINE=openai, LLM_CACHE=false, the rest
default) talks to the test LLM server (tests/fakes/llm_server.py, in this process) scripted to
misbehave in one way:

    instant 400          every model call answers HTTP 400 at once
    200, not JSON        every call answers 200 with an HTML body
    500 response_format  json_schema calls answer 500 naming response_format (llama-cpp-python);
                         other calls are answered, after 0.2 s
    hang                 no call is answered until the bench releases them (after user A is done);
                         LLM_TIMEOUT=60, LLM_REQUEST_DEADLINE=20 and LLM_TASK_STEP_DEADLINE=20
                         here, so that the time limits (where the code has them) end it in 20 s
    schema-unaware       response_format ignored: prose around the JSON, after 0.2 s

User A (the demo profile) starts an enhancement run and follows it to its end, writes a cover
letter for a new job (so the ranking is computed in the same request) and parses a posting, all
three at once, again and again for LOOP seconds (once for the hang). Meanwhile user B makes
rounds of writes, three at once: a manual job (expects 201), a failed login (401; login
throttling is set out of reach) and a profile edit (200). A waits at most CAP seconds for one
operation; past that, its outcome is "no end".

    .venv/bin/python bench/llm_faults.py [--src OTHER_CHECKOUT/src] [--only hang ...]

--src runs another checkout's code (an older commit, for the "before" column); settings it does
not know are ignored by it. Rate limits and the daily token budget are off for both users.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from _llm import answer as demo_answer
from _result import emit, figure
from _servers import ROOT, register, start_jobwise
from tests.contention import UNTHROTTLED
from tests.fakes.llm_server import FAST_MODEL, QUALITY_MODEL, Answer, Fail, LLMServer, Raw, Recorded, Reply

DATA = ROOT / "src/jobwise/demo/data"
# How long user A repeats its operations under one fault; the hang is replayed once.
LOOP = 12.0
# The longest A waits for one operation. Without a time limit a hung letter costs
# (LLM_MAX_RETRIES + 1) x LLM_TIMEOUT per model call, twice: minutes the bench does not wait.
CAP = 45.0
# Longer than anything waits: the bench releases the hang itself.
HANG = 600.0
# The job the demo letter (bench/_llm.py) is written for; a new one for every letter.
JOB = {
    "title": "Senior Python Engineer, Logistics Platform",
    "company": "Harbourline",
    "location": "Rotterdam, Netherlands",
    "requirements": [
        "5+ years of experience building backend services in Python",
        "Strong knowledge of PostgreSQL, including schema migrations",
        "Experience with Kafka or another event streaming platform",
        "Experience with Docker and Kubernetes",
        "Caching with Redis",
    ],
    "keywords": ["Python", "FastAPI", "PostgreSQL", "Kafka", "Docker", "Kubernetes", "Redis"],
}
RERANK_CUE = "judge how well pieces of evidence"
_CANDIDATE = re.compile(r"^\d+\. ", re.MULTILINE)
# Every switch that would turn user A or B away for asking too often, off.
UNLIMITED = {
    **UNTHROTTLED,
    "LLM_DAILY_TOKEN_BUDGET": 0,
    "RATE_LIMIT_JOB_PARSES": 0,
    "RATE_LIMIT_ENHANCEMENTS": 0,
    "RATE_LIMIT_RANKINGS": 0,
    "RATE_LIMIT_GENERATIONS": 0,
}


def honest(request: Recorded) -> Reply:
    """A model that answers every step well (bench/_llm.py), in the score shape each version asks
    for: older code wanted a list of scores, newer code names them candidate_1, candidate_2, ..."""
    if RERANK_CUE in request.system and "candidate_1" not in request.system:
        count = len(_CANDIDATE.findall(request.user))
        return Reply.json({"scores": [round(0.9 - 0.05 * i, 2) for i in range(count)]})
    reply = demo_answer(request)
    assert isinstance(reply, Reply)
    return reply


def names_response_format(request: Recorded) -> Answer:
    if request.format_type == "json_schema":
        return Fail(500, "response_format json_schema is not supported", None, "internal_server_error")
    return honest(request)


def hanging(request: Recorded) -> Answer:
    return dataclasses.replace(honest(request), delay=HANG)


def schema_unaware(request: Recorded) -> Answer:
    reply = honest(request)
    if reply.content.lstrip().startswith("{"):
        return dataclasses.replace(
            reply, content=f"Sure! Here is the JSON:\n{reply.content}\nHope this helps."
        )
    return reply


@dataclass(frozen=True)
class Fault:
    name: str
    handler: Callable[[Recorded], Answer]
    latency: float = 0.0
    settings: dict[str, Any] = field(default_factory=dict)
    once: bool = False


FAULTS = [
    Fault("instant 400", lambda request: Fail.bad_request("Invalid request: the model refused")),
    Fault("200, not JSON", lambda request: Raw("<html><body>upstream error</body></html>")),
    Fault("500 response_format", names_response_format, latency=0.2),
    Fault(
        "hang",
        hanging,
        settings={"LLM_TIMEOUT": 60, "LLM_REQUEST_DEADLINE": 20, "LLM_TASK_STEP_DEADLINE": 20},
        once=True,
    ),
    Fault("schema-unaware", schema_unaware, latency=0.2),
]


@dataclass(frozen=True)
class Outcome:
    what: str
    seconds: float
    ended: bool = True


@dataclass
class Replay:
    fault: str
    b_seen: list[tuple[str, int, float]]  # (request, status, seconds); status 0: no answer
    a: dict[str, list[Outcome]]


def _code(response: httpx.Response) -> str:
    try:
        error = response.json().get("error") or {}
    except (ValueError, AttributeError):
        return ""
    return str(error.get("code") or "") if isinstance(error, dict) else ""


def _said(response: httpx.Response) -> str:
    return f"{response.status_code} {_code(response)}".strip()


async def enhance(client: httpx.AsyncClient) -> Outcome:
    started = time.monotonic()
    trigger = await client.post("/api/v1/enhancement/trigger")
    if trigger.status_code != 202:
        return Outcome(f"trigger {_said(trigger)}", time.monotonic() - started)
    job_id = trigger.json()["job_id"]
    while True:
        await asyncio.sleep(0.1)
        response = await client.get(f"/api/v1/enhancement/jobs/{job_id}")
        if response.status_code != 200:
            continue
        job = response.json()
        if job["status"] in ("completed", "failed"):
            return Outcome(str(job["status"]), time.monotonic() - started)


async def letter(client: httpx.AsyncClient) -> Outcome:
    started = time.monotonic()
    job = await client.post("/api/v1/jobs", json=JOB)
    if job.status_code != 201:
        return Outcome(f"new job {_said(job)}", time.monotonic() - started)
    body = {"job_id": job.json()["id"], "document_type": "cover_letter"}
    response = await client.post("/api/v1/generations", json=body)
    return Outcome(_said(response), time.monotonic() - started)


async def parse(client: httpx.AsyncClient) -> Outcome:
    started = time.monotonic()
    response = await client.post(
        "/api/v1/jobs/parse", json={"raw_text": (DATA / "job_posting.txt").read_text()}
    )
    return Outcome(_said(response), time.monotonic() - started)


async def capped(operation: Awaitable[Outcome]) -> Outcome:
    started = time.monotonic()
    try:
        return await asyncio.wait_for(operation, CAP)
    except TimeoutError:
        return Outcome("no end", time.monotonic() - started, ended=False)
    except httpx.HTTPError as exc:
        return Outcome(type(exc).__name__, time.monotonic() - started)


async def user_a(client: httpx.AsyncClient, once: bool) -> dict[str, list[Outcome]]:
    outcomes: dict[str, list[Outcome]] = {"enhancement": [], "letter": [], "parse": []}
    started = time.monotonic()
    while True:
        done = await asyncio.gather(capped(enhance(client)), capped(letter(client)), capped(parse(client)))
        for name, outcome in zip(outcomes, done, strict=True):
            outcomes[name].append(outcome)
        if once or time.monotonic() - started > LOOP:
            return outcomes


B_WRITES = {"new job": 201, "failed login": 401, "profile edit": 200}


async def user_b(client: httpx.AsyncClient, email: str, stop: asyncio.Event) -> list[tuple[str, int, float]]:
    async def timed(what: str, call: Awaitable[httpx.Response]) -> tuple[str, int, float]:
        started = time.monotonic()
        try:
            status = (await call).status_code
        except httpx.HTTPError:
            status = 0
        return what, status, time.monotonic() - started

    seen: list[tuple[str, int, float]] = []
    n = 0
    while not stop.is_set():
        n += 1
        seen += await asyncio.gather(
            timed("new job", client.post("/api/v1/jobs", json={"title": f"Job {n}", "company": "Elsewhere"})),
            timed(
                "failed login", client.post("/auth/login", json={"email": email, "password": f"wrong {n}"})
            ),
            timed(
                "profile edit",
                client.patch("/api/v1/profiles/me", json={"professional_summary": f"Edit {n}."}),
            ),
        )
        await asyncio.sleep(0.1)
    return seen


async def run_users(fault: Fault, url: str, a_token: str, b_token: str, b_email: str) -> Replay:
    def client(token: str) -> httpx.AsyncClient:
        # Longer than SQLite's 30 s busy timeout: a request queued behind a held lock answers.
        return httpx.AsyncClient(base_url=url, timeout=90, headers={"Authorization": f"Bearer {token}"})

    async with client(a_token) as a, client(b_token) as b:
        profile = json.loads((DATA / "profile.json").read_text())
        (await a.put("/api/v1/profiles/me/json-resume", json=profile)).raise_for_status()
        created = await b.post(
            "/api/v1/profiles",
            json={"personal_info": {"name": "Bea Stander"}, "professional_summary": "Bystander."},
        )
        created.raise_for_status()
        stop = asyncio.Event()
        bystander = asyncio.create_task(user_b(b, b_email, stop))
        outcomes = await user_a(a, fault.once)
        stop.set()
        return Replay(fault.name, await bystander, outcomes)


def replay(fault: Fault, src: Path, work: Path) -> Replay:
    llm = LLMServer()
    llm.handler = fault.handler
    llm.latency = fault.latency
    llm.start()
    settings = {
        "PYTHONPATH": str(src),
        "AI_ENGINE": "openai",
        "LLM_BASE_URL": llm.openai_base_url,
        "LLM_API_KEY": "sk-bench",
        "LLM_MODEL_FAST": FAST_MODEL,
        "LLM_MODEL_QUALITY": QUALITY_MODEL,
        "LLM_CACHE": "false",
        **UNLIMITED,
        **fault.settings,
    }
    server = start_jobwise(work / re.sub(r"\W+", "-", fault.name), **settings)
    try:
        a_token = register(server.url, "a@example.com")
        b_token = register(server.url, "b@example.com")
        return asyncio.run(run_users(fault, server.url, a_token, b_token, "b@example.com"))
    finally:
        llm.release.set()  # the hang's calls answer now, so the server can stop
        # A run stuck holding the database would keep a graceful shutdown waiting: not long.
        server.popen.terminate()
        try:
            server.popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.popen.kill()
        server.stop()
        llm.stop()


def b_summary(seen: list[tuple[str, int, float]]) -> tuple[str, float, float, int]:
    """What B saw besides the expected answers; p50 and max seconds; server errors."""
    other = Counter((what, status) for what, status, _ in seen if status != B_WRITES[what])
    said = ", ".join(
        f"{what} {status or 'no answer'} x{count}" for (what, status), count in sorted(other.items())
    )
    seconds = [s for _, _, s in seen] or [0.0]
    errors = sum(1 for _, status, _ in seen if status >= 500 or status == 0)
    return said or "all as expected", statistics.median(seconds), max(seconds), errors


def a_summary(outcomes: list[Outcome]) -> str:
    counts = Counter(o.what for o in outcomes)
    said = ", ".join(f"{what}" + (f" x{n}" if n > 1 else "") for what, n in counts.most_common())
    return f"{said}; {max(o.seconds for o in outcomes):.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="run this source tree's jobwise")
    parser.add_argument("--only", nargs="*", default=[], help="fault names, as in the table")
    args = parser.parse_args()
    src = args.src.resolve()
    faults = [f for f in FAULTS if not args.only or f.name in args.only]
    rows: list[Replay] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for fault in faults:
            print(f"replaying {fault.name} ...", flush=True)
            rows.append(replay(fault, src, Path(tmp)))
    print(f"\nLLM faults against a real server (SQLite, {src}; {time.monotonic() - started:.0f} s)\n")
    print("| fault | B requests | B: other than expected | B p50 | B max |\n|---|---|---|---|---|")
    for row in rows:
        said, p50, worst, _ = b_summary(row.b_seen)
        print(f"| {row.fault} | {len(row.b_seen)} | {said} | {p50:.2f} s | {worst:.1f} s |")
    print("\n| fault | A: enhancement runs | A: letters for a new job | A: parses |\n|---|---|---|---|")
    for row in rows:
        cells = " | ".join(a_summary(row.a[name]) for name in ("enhancement", "letter", "parse"))
        print(f"| {row.fault} | {cells} |")
    figures = []
    for row in rows:
        _, _, worst, errors = b_summary(row.b_seen)
        figures.append(figure(f"B's server errors during {row.fault}", errors, target="= 0", ok=errors == 0))
        figures.append(
            figure(f"B's slowest write during {row.fault}", worst, "s", target="< 5", ok=worst < 5)
        )
        if row.fault == "hang":
            longest = max(o.seconds for outcomes in row.a.values() for o in outcomes)
            ended = all(o.ended for outcomes in row.a.values() for o in outcomes)
            figures.append(
                figure(
                    "A's longest wait on a hanging server",
                    longest,
                    "s",
                    target=f"< {CAP:.0f}, ended by itself",
                    ok=ended and longest < CAP,
                )
            )
    emit("llm_faults", figures, src=str(src))


if __name__ == "__main__":
    main()
