"""Enhancement runs through the real app with its embedded worker (short leases, fast polling)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from jobwise.ai.engine import CallContext, EngineInfo, EnhanceItem, EnhanceResult, Usage
from jobwise.config import Settings
from tests.conftest import make_settings
from tests.fakes.llm_server import Recorded, Reply

FAST: dict[str, Any] = {
    "TASK_WORKER_ENABLED": True,
    # Long enough that a loaded machine never lets a live lease expire; recovery tests expire
    # leases themselves.
    "TASK_LEASE_SECONDS": 5,
    "TASK_HEARTBEAT_SECONDS": 0.5,
    "TASK_POLL_SECONDS": 0.05,
    "TASK_SHUTDOWN_GRACE_SECONDS": 1,
    "ENHANCEMENT_EVENTS_POLL_SECONDS": 0.02,
}

PROFILE: dict[str, Any] = {
    "personal_info": {"name": "Ada Lovelace", "email": "ada@example.com"},
    "professional_summary": "Backend engineer who builds billing systems in Python.",
    "skills": [{"name": "Python"}],
    "experiences": [
        {
            "title": "Senior Engineer",
            "company": "Acme",
            "start_date": "2020-01",
            "is_current": True,
            "bullets": ["Responsible for the billing API", "Worked on reducing invoice errors by 30%"],
            "technologies": ["Python", "PostgreSQL"],
        },
        {
            "title": "Engineer",
            "company": "Initech",
            "start_date": "2016-03",
            "end_date": "2019-12",
            "bullets": ["Helped with the migration to PostgreSQL"],
        },
    ],
    "projects": [{"name": "ledgerlite", "bullets": ["Wrote a small double-entry ledger library"]}],
}


@pytest.fixture
def settings(data_dir: Path, database_url: str) -> Settings:
    return make_settings(data_dir, DATABASE_URL=database_url, **FAST)


async def create_profile(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/profiles", json={**PROFILE, **changes})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def read_profile(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/api/v1/profiles/me")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def trigger(client: httpx.AsyncClient) -> str:
    response = await client.post("/api/v1/enhancement/trigger")
    assert response.status_code == 202, response.text
    job_id: str = response.json()["job_id"]
    return job_id


async def wait_for_run(
    client: httpx.AsyncClient,
    job_id: str,
    statuses: Sequence[str] = ("completed", "failed"),
    *,
    step: str | None = None,
    within: float = 20,
) -> dict[str, Any]:
    """Poll the run until it reaches one of `statuses` (and `step`, if given), with a deadline."""
    deadline = time.monotonic() + within
    while True:
        response = await client.get(f"/api/v1/enhancement/jobs/{job_id}")
        assert response.status_code == 200, response.text
        job: dict[str, Any] = response.json()
        if job["status"] in statuses and (step is None or job["current_step"] == step):
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job still {job['status']}/{job['current_step']} after {within}s: {job}")
        await asyncio.sleep(0.02)


def parse_sse(text: str) -> list[dict[str, Any]]:
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields: dict[str, Any] = {}
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields[name] = value[1:] if value.startswith(" ") else value
        if "data" in fields:
            fields["data"] = json.loads(fields["data"])
            events.append(fields)
    return events


def polishing_model(request: Recorded) -> Reply:
    """A test model that rewrites honestly: each original, ending with a full stop."""
    return Reply.rewrites(request, lambda text: text.rstrip(".") + ".")


Rewrite = Callable[[EnhanceItem], Awaitable[str] | str]


class FakeEngine:
    """An engine whose rewrites the test decides; records every item it was given."""

    def __init__(self, rewrite: Rewrite | None = None) -> None:
        self.rewrite: Rewrite = rewrite or (lambda item: f"{item.text} (polished)")
        self.calls: list[EnhanceItem] = []
        # The items of each call, as sent together.
        self.batches: list[list[EnhanceItem]] = []
        self.styles: list[Mapping[str, Any]] = []
        self.contexts: list[CallContext] = []
        self._gate: asyncio.Event | None = None
        self.waiting = 0

    def hold(self) -> None:
        """Calls wait (the run stays active) until release()."""
        self._gate = asyncio.Event()

    def release(self) -> None:
        if self._gate is not None:
            self._gate.set()

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(name="offline", is_llm=False)

    async def enhance_texts(
        self, items: Sequence[EnhanceItem], style: Mapping[str, Any], *, ctx: CallContext
    ) -> list[EnhanceResult]:
        if self._gate is not None:
            self.waiting += 1
            await self._gate.wait()
            self.waiting -= 1
        results = []
        self.batches.append(list(items))
        for item in items:
            self.calls.append(item)
            self.styles.append(style)
            self.contexts.append(ctx)
            text = self.rewrite(item)
            if not isinstance(text, str):
                text = await text
            usage = Usage(engine="offline", model="fake-1", prompt_tokens=10, completion_tokens=5, calls=1)
            results.append(EnhanceResult(id=item.id, text=text, usage=usage))
        return results


@pytest.fixture
async def fake_engine(app: FastAPI) -> AsyncIterator[FakeEngine]:
    previous = getattr(app.state, "engine", None)
    engine = FakeEngine()
    app.state.engine = engine
    yield engine
    engine.release()
    app.state.engine = previous
