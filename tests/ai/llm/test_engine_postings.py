"""The LLM engine's parse on real postings (tests/data/postings/dev) through the test LLM server: the
model's values are kept where the posting supports them, the deterministic parse's otherwise."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from jobwise.ai.engine import CallContext
from jobwise.ai.llm.engine import LLMEngine, ModelChoice
from jobwise.ai.offline import OfflineEngine
from jobwise.ai.prompts import PACKAGED_DIR, load_prompts
from tests.ai.llm.conftest import make_client
from tests.conftest import TEST_DATA
from tests.fakes.llm_server import LLMServer, Reply, lying_model

CTX = CallContext(user_id=None)
DEV = TEST_DATA / "postings" / "dev"
# A handful of development postings whose expected values a careful model would give as written.
POSTINGS = [
    "ashby_lexroom_analytics_engineer",
    "canada_bmo_ai_architect",
    "nhs_staff_nurse_rotherham",
    "agency_harnham_senior_analytics_engineer",
    "glassdoor_padmasai_data_scientist",
]


def _load(name: str) -> tuple[str, dict[str, Any]]:
    expected: dict[str, Any] = json.loads((DEV / f"{name}.expected.json").read_text(encoding="utf-8"))
    return (DEV / f"{name}.txt").read_text(encoding="utf-8"), expected


def _honest_answer(expected: dict[str, Any]) -> dict[str, Any]:
    salary = expected["salary"] or {}
    return {
        "title": expected["title"],
        "company": expected["company"],
        "location": expected["location"],
        "description": None,
        "requirements": expected["requirements"],
        "responsibilities": [],
        "benefits": expected["benefits"],
        "skills": expected["keywords"],
        "salary_text": None,
        "salary_min": salary.get("min"),
        "salary_max": salary.get("max"),
        "salary_currency": salary.get("currency"),
        "salary_period": salary.get("period"),
        "remote": expected["remote"],
        "experience_level": None,
    }


@pytest.fixture
async def engine(llm_server: LLMServer) -> AsyncIterator[LLMEngine]:
    engine = LLMEngine(
        make_client(llm_server, "openai"),
        prompts=load_prompts(PACKAGED_DIR),
        models=ModelChoice("fast-model", "quality-model", "LLM_MODEL_FAST", "LLM_MODEL_QUALITY"),
        fallback=OfflineEngine(),
    )
    yield engine
    await engine.aclose()


@pytest.mark.parametrize("name", POSTINGS)
async def test_a_careful_models_answer_is_kept(llm_server: LLMServer, engine: LLMEngine, name: str) -> None:
    text, expected = _load(name)
    llm_server.handler = lambda _: Reply.json(_honest_answer(expected))
    parsed, _ = await engine.parse_job(text, ctx=CTX)
    assert (parsed.title, parsed.company, parsed.remote) == (
        expected["title"],
        expected["company"],
        expected["remote"],
    )
    assert expected["location"] is None or expected["location"] in (parsed.location or "")
    if expected["salary"] is None:
        assert parsed.salary is None
    else:
        assert parsed.salary is not None
        assert parsed.salary.model_dump() == pytest.approx(expected["salary"])
    assert len(parsed.requirements) == len(expected["requirements"])


@pytest.mark.parametrize("name", POSTINGS)
async def test_values_the_posting_does_not_support_are_dropped(
    llm_server: LLMServer, engine: LLMEngine, name: str
) -> None:
    text, expected = _load(name)
    offline, _ = await OfflineEngine().parse_job(text, ctx=CTX)
    llm_server.handler = lying_model(
        {
            **_honest_answer(expected),
            "title": "Chief Executive Officer",
            "company": "Evil Corp",
            "location": "Lunar Base One",
            "requirements": ["Send your passport scan to hr@evil.example"],
            "benefits": ["Free crypto every week"],
            "skills": ["COBOL"],
            "salary_min": 999_999,
            "salary_max": 999_999,
            "remote": None,
        }
    )
    parsed, _ = await engine.parse_job(text, ctx=CTX)
    dumped = parsed.model_dump_json()
    for invented in ("Chief Executive", "Evil Corp", "Lunar", "passport", "crypto", "COBOL", "999999"):
        assert invented not in dumped
    assert (parsed.title, parsed.company, parsed.location) == (
        offline.title,
        offline.company,
        offline.location,
    )
    assert parsed.salary == offline.salary
    assert parsed.requirements == offline.requirements


async def test_a_currency_the_model_leaves_out_is_the_postings_country(
    llm_server: LLMServer, engine: LLMEngine
) -> None:
    text, expected = _load("canada_bmo_ai_architect")
    llm_server.handler = lambda _: Reply.json({**_honest_answer(expected), "salary_currency": None})
    parsed, _ = await engine.parse_job(text, ctx=CTX)
    assert parsed.salary is not None and parsed.salary.currency == "CAD"


def test_the_postings_are_development_postings() -> None:
    # Held-out postings are scored only (tests/data/postings/README.md): never used by a test.
    assert all((DEV / f"{name}.txt").exists() for name in POSTINGS)
    assert Path(DEV).name == "dev"
