"""The whole journey against a live OpenAI-compatible server (llama.cpp, Ollama, vLLM...).

Runs when JOBWISE_TEST_OPENAI_BASE_URL is set (for example http://127.0.0.1:8080/v1), with the
model in JOBWISE_TEST_OPENAI_MODEL or else the first one the server lists, used for both the fast
and the quality purposes. Through the HTTP API of a real app on SQLite with its embedded worker:
register and log in, create a profile, parse a job posting, enhance the profile, rank it against
the job, compile a resume and write a cover letter. A small model passes: every step is checked
for its status code and the shape of its answer, and that the model's part of it was done (no
fallback to the rules, no skipped judgement), never for its wording.

Each step's wall time is printed and written as JSON to journey.json in the test's tmp dir, and
also to JOBWISE_TEST_LIVE_REPORT when that names a file, so a run can be quoted.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from jobwise.main import create_app
from tests.ai.llm.test_engine import POSTING
from tests.ai.llm.test_live import LIVE_URL, live_model
from tests.conftest import make_settings

pytestmark = [
    pytest.mark.llm_live,
    pytest.mark.skipif(
        not LIVE_URL, reason="JOBWISE_TEST_OPENAI_BASE_URL is not set (no live OpenAI-compatible server)"
    ),
]

# CPU inference of a small model takes minutes for a letter; a step past this is a hang.
STEP_LIMIT_SECONDS = 1800.0
LLM_TIMEOUT_SECONDS = 600
ACCOUNT = {"email": "live.journey@example.com", "password": "a live journey, never reused"}

# Small on purpose: every text is a model call on a CPU.
PROFILE: dict[str, Any] = {
    "personal_info": {"name": "Ada Lovelace", "email": "ada@example.com"},
    "professional_summary": "Backend engineer who builds billing systems in Python.",
    "skills": [{"name": "Python"}, {"name": "PostgreSQL"}],
    "experiences": [
        {
            "title": "Senior Engineer",
            "company": "Globex",
            "start_date": "2018-01",
            "is_current": True,
            "bullets": [
                "Responsible for the billing API in Python",
                "Moved the invoice database to PostgreSQL",
            ],
            "technologies": ["Python", "PostgreSQL"],
        }
    ],
    "projects": [{"name": "ledgerlite", "bullets": ["Wrote a small double-entry ledger library"]}],
}


@dataclass
class Step:
    name: str
    seconds: float
    status: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class JourneyReport:
    server: str
    model: str
    steps: list[Step] = field(default_factory=list)
    failed_step: str | None = None
    # The model's part of a step left undone while the step itself answered as it should (the
    # ranking without the model's judgement): the journey goes on, and the test fails at the end.
    problems: list[str] = field(default_factory=list)

    def expect(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)

    @contextmanager
    def step(self, name: str) -> Iterator[Step]:
        step = Step(name=name, seconds=0.0)
        started = time.perf_counter()
        try:
            yield step
        except BaseException:
            self.failed_step = name
            raise
        finally:
            step.seconds = round(time.perf_counter() - started, 2)
            self.steps.append(step)

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def as_table(self) -> str:
        lines = [f"live journey against {self.server} ({self.model})"]
        for step in self.steps:
            shown = ", ".join(f"{key}={value}" for key, value in step.detail.items())
            lines.append(f"  {step.name:<26} {step.seconds:8.2f} s  {step.status or '-'}  {shown}")
        total = sum(step.seconds for step in self.steps)
        outcome = f"FAILED at {self.failed_step}" if self.failed_step else "walked to the end"
        lines += [f"  problem: {problem}" for problem in self.problems]
        lines.append(f"  {'total':<26} {total:8.2f} s  {outcome}")
        return "\n".join(lines)


@asynccontextmanager
async def live_app(data_dir: Path, database_url: str, model: str) -> AsyncIterator[FastAPI]:
    settings = make_settings(
        data_dir,
        DATABASE_URL=database_url,
        AI_ENGINE="openai",
        LLM_BASE_URL=LIVE_URL,
        LLM_API_KEY=os.environ.get("LLM_API_KEY", ""),
        LLM_MODEL_FAST=model,
        LLM_MODEL_QUALITY=model,
        LLM_TIMEOUT=LLM_TIMEOUT_SECONDS,
        LLM_MAX_RETRIES=1,
        # A local server answers one request at a time; more only queue behind it.
        LLM_CONCURRENCY=1,
        ENHANCEMENT_CONCURRENCY=1,
        TASK_WORKER_ENABLED=True,
        TASK_POLL_SECONDS=0.2,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


def body_of(response: httpx.Response, expected: int) -> dict[str, Any]:
    assert response.status_code == expected, f"{response.status_code}: {response.text[:2000]}"
    body: dict[str, Any] = response.json()
    return body


async def wait_for_enhancement(http: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    while True:
        job = body_of(await http.get(f"/api/v1/enhancement/jobs/{job_id}"), 200)
        if job["status"] in ("completed", "failed"):
            return job
        await asyncio.sleep(0.5)


async def walk(http: httpx.AsyncClient, report: JourneyReport) -> None:
    with report.step("register and log in") as step:
        body_of(await http.post("/auth/register", json={**ACCOUNT, "full_name": "Ada Lovelace"}), 201)
        response = await http.post("/auth/login", json=ACCOUNT)
        token = body_of(response, 200)["access_token"]
        assert isinstance(token, str) and token
        http.headers["Authorization"] = f"Bearer {token}"
        step.status = response.status_code

    with report.step("create the profile") as step:
        response = await http.post("/api/v1/profiles", json=PROFILE)
        profile = body_of(response, 201)
        step.status = response.status_code
        assert len(profile["experiences"]) == 1 and len(profile["projects"]) == 1

    with report.step("parse the job posting") as step:
        async with asyncio.timeout(STEP_LIMIT_SECONDS):
            response = await http.post("/api/v1/jobs/parse", json={"raw_text": POSTING})
        job = body_of(response, 201)
        step.status = response.status_code
        # Parsed by the model, not by the rules standing in for it.
        assert job["engine"] == "openai", job
        assert isinstance(job["title"], str) and job["title"]
        assert isinstance(job["company"], str) and job["company"]
        for key in ("requirements", "benefits", "parsed_keywords"):
            assert isinstance(job[key], list) and all(isinstance(item, str) for item in job[key]), job
        assert job["remote"] in (None, "Remote", "Hybrid", "On-site"), job
        step.detail = {
            "requirements": len(job["requirements"]),
            "keywords": len(job["parsed_keywords"]),
            "placeholders": job["placeholders"],
        }

    with report.step("enhance the profile") as step:
        async with asyncio.timeout(STEP_LIMIT_SECONDS):
            response = await http.post("/api/v1/enhancement/trigger")
            run_id = body_of(response, 202)["job_id"]
            finished = await wait_for_enhancement(http, run_id)
        step.status = response.status_code
        assert finished["status"] == "completed", finished
        result = finished["result"]
        counts = result["counts"]
        step.detail = {key: counts[key] for key in ("texts", "enhanced", "unchanged", "flagged")}
        step.detail["calls"] = result["usage"]["calls"]
        assert counts["texts"] == 4, counts  # the summary, two bullets and the project's one
        assert counts["enhanced"] + counts["unchanged"] + counts["flagged"] == counts["texts"], counts
        assert result["usage"]["engine"] == "openai" and result["usage"]["calls"] >= 1, result["usage"]

    with report.step("rank the profile") as step:
        async with asyncio.timeout(STEP_LIMIT_SECONDS):
            response = await http.post("/api/v1/rankings", json={"job_id": job["id"]})
        ranking = body_of(response, 201)
        step.status = response.status_code
        data = ranking["ranking_data"]
        # The model's judgement is optional to JobWise but is what this suite is about.
        report.expect("llm_error" not in data, f"ranking: {data.get('llm_error')}")
        report.expect(data.get("llm_reranked") is True, "ranking: the model's judgement is missing")
        for row in data["requirements"]:
            assert row["status"] in ("evidenced", "partial", "missing"), row
        for kind in ("experiences", "projects"):
            for item in data[kind]:
                assert 0.0 <= float(item["score"]) <= 1.0, item
        step.detail = {
            "requirements": len(data["requirements"]),
            "evidenced": sum(1 for row in data["requirements"] if row["status"] == "evidenced"),
        }

    with report.step("generate the resume") as step:
        async with asyncio.timeout(STEP_LIMIT_SECONDS):
            response = await http.post(
                "/api/v1/generations", json={"job_id": job["id"], "document_type": "resume"}
            )
        resume = body_of(response, 201)
        step.status = response.status_code
        assert resume["document_type"] == "resume" and resume["content_format"] == "markdown"
        assert resume["content_text"].strip()
        meta = resume["metadata"]
        assert meta["ranking"]["id"] == ranking["id"] and meta["ranking"]["outcome"] != "created", meta
        assert isinstance(meta["pages"], int) and meta["pages"] >= 1
        step.detail = {"pages": meta["pages"], "truth_check": meta["truth_check"]["passed"]}

    with report.step("write the cover letter") as step:
        async with asyncio.timeout(STEP_LIMIT_SECONDS):
            response = await http.post(
                "/api/v1/generations", json={"job_id": job["id"], "document_type": "cover_letter"}
            )
        step.status = response.status_code
        if response.status_code == 422:
            # Written, checked and refused for claims the profile does not support: the model's
            # wording, which this suite does not judge; the plumbing worked.
            error = response.json()["error"]
            assert error["code"] in ("cover_letter_unsupported_claims", "cover_letter_copies_posting"), error
            details = error.get("details") or {}
            step.detail = {
                "refused": error["code"],
                "drafts": details.get("attempts"),
                "unsupported": [claim.get("text") for claim in details.get("unsupported") or []][:5],
            }
            return
        letter = body_of(response, 201)
        assert letter["document_type"] == "cover_letter" and letter["content_format"] == "plain"
        assert letter["content_text"].strip()
        meta = letter["metadata"]
        assert meta["engine"]["name"] == "openai" and meta["engine"]["is_llm"] is True, meta["engine"]
        assert isinstance(meta["words"], int) and meta["words"] > 0
        step.detail = {
            "words": meta["words"],
            "drafts": meta["truth_check"]["attempts"],
            "truth_check": meta["truth_check"]["passed"],
        }


def publish(report: JourneyReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Also when a step failed: the times up to it are what a closing note quotes."""
    text = report.as_json()
    (tmp_path / "journey.json").write_text(text, encoding="utf-8")
    target = os.environ.get("JOBWISE_TEST_LIVE_REPORT", "")
    if target:
        Path(target).write_text(text, encoding="utf-8")
    with capsys.disabled():
        print("\n" + report.as_table())


async def test_a_live_server_carries_the_whole_journey(
    data_dir: Path, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = await live_model()
    report = JourneyReport(server=LIVE_URL, model=model)
    try:
        async with (
            live_app(data_dir, database_url, model) as app,
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http,
        ):
            await walk(http, report)
        assert not report.problems, report.problems
    finally:
        publish(report, tmp_path, capsys)
