"""Schemathesis over the whole OpenAPI schema, signed in: no 5xx, no response off its schema.

Deterministic (derandomized, no example database) and bounded, so CI sees the same cases on
every run. Each operation gets valid (positive) requests, aimed at the user's real job and
profile items where its path names one, and, when it takes a body or a query, invalid
(negative) ones. Every failure is collected, so one run reports them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import response_schema_conformance

from jobwise import migrate
from jobwise.main import create_app
from tests.conftest import make_settings

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 10
# Each of these examples hashes or verifies a password with Argon2 (about 0.2 s).
FEW_EXAMPLES = {"POST /auth/register": 3, "POST /auth/login": 3}
CHECKS = [not_a_server_error, response_schema_conformance]
POSITIVE, NEGATIVE = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE

_RESUME: dict[str, Any] = {
    "basics": {"name": "Fuzz Example", "summary": "Tests things."},
    "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01", "highlights": ["Built it"]}],
    "projects": [{"name": "Fuzzer", "description": "Finds bugs", "highlights": ["Found one"]}],
    "education": [{"institution": "University", "area": "CS", "studyType": "BSc", "startDate": "2015"}],
}


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    # SQLite always: this is about the schema and the handlers, not the database engine.
    data_dir = tmp_path_factory.mktemp("fuzz")
    app_settings = make_settings(Path(data_dir))
    migrate.upgrade(app_settings)
    yield create_app(app_settings)
    # schemathesis keeps an app's lifespan running until the process exits; end it here.
    asgi.shutdown_lifespans()


@pytest.fixture(scope="module")
def auth_headers(fuzzed_app: FastAPI) -> dict[str, str]:
    # schemathesis types an ASGI scope as dict, FastAPI (rightly) as MutableMapping.
    with asgi.get_client(fuzzed_app) as http:  # type: ignore[arg-type]
        account = {"email": "fuzz@example.com", "password": "correct horse battery"}
        assert http.post("/auth/register", json={**account, "full_name": "Fuzz"}).status_code == 201
        token = http.post("/auth/login", json=account).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def real_ids(fuzzed_app: FastAPI, auth_headers: dict[str, str]) -> dict[str, str]:
    """The user's own rows, keyed by the path up to their parameter (as in test_cross_user)."""
    # schemathesis types an ASGI scope as dict, FastAPI (rightly) as MutableMapping.
    with asgi.get_client(fuzzed_app) as http:  # type: ignore[arg-type]
        http.headers.update(auth_headers)
        job = http.post("/api/v1/jobs", json={"title": "Fuzz target", "company": "Acme"})
        assert job.status_code == 201, job.text
        profile = http.put("/api/v1/profiles/me/json-resume", json=_RESUME)
        assert profile.status_code == 201, profile.text
        items = profile.json()
    return {
        "/api/v1/jobs/{job_id}": job.json()["id"],
        "/api/v1/profiles/me/experiences/{experience_id}": items["experiences"][0]["id"],
        "/api/v1/profiles/me/projects/{project_id}": items["projects"][0]["id"],
        "/api/v1/profiles/me/education/{education_id}": items["education"][0]["id"],
    }


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: FastAPI) -> Any:
    config = schemathesis.Config.from_dict({"generation": {"deterministic": True, "database": "none"}})
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app, config=config)


def _fixed_path_parameters(path: str, real_ids: dict[str, str]) -> dict[str, str]:
    fixed = {}
    for match in re.finditer(r"\{(\w+)\}", path):
        key = path[: match.end()]
        if key in real_ids:
            fixed[match.group(1)] = real_ids[key]
    return fixed


def _run_order(operation: Any) -> tuple[int, str]:
    # Deletions last, so other operations meet the real rows; deleting the account very last.
    if operation.label == "DELETE /auth/me":
        return 3, operation.label
    if operation.method.upper() == "DELETE":
        return 2 if "{" not in operation.path else 1, operation.label
    return 0, ""


def _fuzz(strategy: Any, examples: int, headers: dict[str, str]) -> None:
    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case[Any]) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def test_no_server_errors_and_responses_match_the_schema(
    api_schema: Any, auth_headers: dict[str, str], real_ids: dict[str, str]
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert "POST /api/v1/jobs" in {operation.label for operation in operations}
    failures: list[str] = []
    for operation in sorted(operations, key=_run_order):
        examples = FEW_EXAMPLES.get(operation.label, MAX_EXAMPLES)
        fixed = _fixed_path_parameters(operation.path, real_ids)
        runs = [(POSITIVE, operation.as_strategy(POSITIVE, path_parameters=fixed or None))]
        # Invalid path ids are just unknown ids; invalid bodies and queries are worth sending.
        if len(operation.body) or len(operation.query):
            runs.append((NEGATIVE, operation.as_strategy(NEGATIVE)))
        for mode, strategy in runs:
            try:
                _fuzz(strategy, examples, auth_headers)
            except Unsatisfiable:
                continue  # nothing to vary (no parameters, or none that can be made invalid)
            except (
                Exception,
                BaseExceptionGroup,
            ) as exc:  # collected: one run reports every operation that fails
                failures.append(f"{operation.label} ({mode.value}):\n{exc}")
    assert not failures, f"{len(failures)} failing:\n\n" + "\n\n".join(failures)
