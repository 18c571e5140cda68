"""The app as a whole: health, offline docs, CORS, request ids and logs, errors, commits."""

from __future__ import annotations

import gc
import json
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.orm import Session

from jobwise import __version__
from jobwise.config import Settings
from jobwise.db import create_database
from jobwise.logging_setup import JsonFormatter
from jobwise.main import create_app, prepare_to_serve
from tests.conftest import UserClientFactory, assert_error, make_settings


@pytest.fixture
async def user(make_user_client: UserClientFactory) -> httpx.AsyncClient:
    return await make_user_client("ann@example.com")


# --- root, health and docs -------------------------------------------------------------------


async def test_root_says_what_is_running(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "running"
    assert body["docs"] == "/docs"
    # The version is for the operator (/health, from the machine itself), not for anyone who asks.
    assert __version__ not in response.text


async def test_health_reports_the_database_and_the_offline_engine(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["database"]["status"] == "connected"
    assert body["database"]["dialect"] in {"sqlite", "postgresql"}
    assert body["ai"]["engine"] == "offline"
    assert body["ai"]["status"] == "offline"  # nothing to reach: the rules run in this process
    # The tests turn the worker off unless they need it (tests/conftest.py).
    assert body["tasks"] == {"backend": "embedded", "worker": "elsewhere"}


async def test_health_runs_a_real_query(app: FastAPI, client: httpx.AsyncClient, tmp_path: Path) -> None:
    # A directory is not a database file: connecting works, the query cannot.
    unreachable = tmp_path / "not-a-database"
    unreachable.mkdir()
    broken = create_database(make_settings(tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{unreachable}"))
    working, app.state.database = app.state.database, broken
    try:
        response = await client.get("/health")
    finally:
        app.state.database = working
        await broken.dispose()
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"
    assert (await client.get("/health")).status_code == 200


async def test_docs_are_served_without_a_cdn(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert "SwaggerUIBundle" in html
    # Nothing is fetched from another host: the page works with no internet.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), html
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    scripts = [a for a in assets if a.endswith(".js")]
    styles = [a for a in assets if a.endswith(".css")]
    assert scripts and styles, assets
    for asset in scripts + styles:
        served = await client.get(asset)
        assert served.status_code == 200, asset
        assert len(served.content) > 1000, asset
    assert "javascript" in (await client.get(scripts[0])).headers["content-type"]
    assert "text/css" in (await client.get(styles[0])).headers["content-type"]
    schema = await client.get("/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/jobs" in schema.json()["paths"]


async def test_redoc_reads_the_same_schema(client: httpx.AsyncClient) -> None:
    # The page only: its script comes from a CDN (jobwise/docs.py), which no test may need.
    response = await client.get("/redoc")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert '<redoc spec-url="/openapi.json">' in response.text
    # The script is the one thing from elsewhere: no font service, no icon from another host.
    external = re.findall(r"""(?:src|href)=["']?((?:https?:)?//[^"' >]+)""", response.text)
    assert len(external) == 1 and external[0].endswith("/redoc.standalone.js"), external
    assert (await client.get("/openapi.json")).status_code == 200


# --- CORS ------------------------------------------------------------------------------------


@pytest.fixture
async def cors_client(data_dir: Path, database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(data_dir, DATABASE_URL=database_url, ALLOWED_ORIGINS=["https://app.example"])
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def test_cors_allows_the_configured_origins(cors_client: httpx.AsyncClient) -> None:
    preflight = await cors_client.options(
        "/api/v1/jobs",
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://app.example"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    simple = await cors_client.get("/health", headers={"Origin": "https://app.example"})
    assert simple.headers["access-control-allow-origin"] == "https://app.example"
    assert "X-Request-ID" in simple.headers["access-control-expose-headers"]


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:3000"])
async def test_cors_does_not_allow_other_origins(cors_client: httpx.AsyncClient, origin: str) -> None:
    # http://localhost:3000 is a default origin, not allowed once ALLOWED_ORIGINS says otherwise.
    preflight = await cors_client.options(
        "/api/v1/jobs", headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers
    # Refused in the same envelope as every other 4xx, naming what was refused.
    error = assert_error(preflight, 400, "cors_refused")
    assert "origin is not allowed" in error["message"] and "ALLOWED_ORIGINS" in error["message"]
    assert error["details"] == {"refused": ["origin"], "origin": origin}
    simple = await cors_client.get("/health", headers={"Origin": origin})
    assert simple.status_code == 200
    assert "access-control-allow-origin" not in simple.headers


# --- request ids and the access log ----------------------------------------------------------


async def test_a_supplied_request_id_is_echoed(client: httpx.AsyncClient) -> None:
    response = await client.get("/health", headers={"X-Request-ID": "trace-42.a:b"})
    assert response.headers["X-Request-ID"] == "trace-42.a:b"


@pytest.mark.parametrize("supplied", [None, "", "has spaces", "x" * 200, "<script>"])
async def test_a_request_id_is_generated_otherwise(client: httpx.AsyncClient, supplied: str | None) -> None:
    headers = {"X-Request-ID": supplied} if supplied is not None else {}
    first = (await client.get("/health", headers=headers)).headers["X-Request-ID"]
    second = (await client.get("/health", headers=headers)).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.fixture
def access_log() -> Iterator[list[dict[str, Any]]]:
    """Each access record, as the JSON line the app's formatter writes for it."""
    lines: list[dict[str, Any]] = []
    formatter = JsonFormatter()

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = formatter.format(record)
            assert "\n" not in text
            lines.append(json.loads(text))

    logger = logging.getLogger("jobwise.access")
    handler = Capture()
    saved = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)
    logger.level, logger.propagate = saved


async def test_each_request_is_one_structured_log_line(
    client: httpx.AsyncClient, user: httpx.AsyncClient, access_log: list[dict[str, Any]]
) -> None:
    await client.get("/health", headers={"X-Request-ID": "anonymous-1"})
    await user.get("/api/v1/jobs", headers={"X-Request-ID": "signed-in-1"})
    await user.get("/api/v1/jobs/nope", headers={"X-Request-ID": "missing-1"})
    by_id = {line["request_id"]: line for line in access_log}
    assert len(access_log) == len(by_id) == 3

    anonymous = by_id["anonymous-1"]
    assert (anonymous["method"], anonymous["path"], anonymous["status"]) == ("GET", "/health", 200)
    assert anonymous["user_id"] is None
    assert isinstance(anonymous["duration_ms"], int | float) and anonymous["duration_ms"] >= 0
    assert anonymous["logger"] == "jobwise.access"

    me = (await user.get("/auth/me")).json()
    signed_in = by_id["signed-in-1"]
    assert (signed_in["path"], signed_in["status"], signed_in["user_id"]) == ("/api/v1/jobs", 200, me["id"])
    assert by_id["missing-1"]["status"] == 404
    assert by_id["missing-1"]["user_id"] == me["id"]


# --- errors ----------------------------------------------------------------------------------


async def test_an_unknown_route_is_404_in_the_envelope(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/no/such/route"), 404, "not_found")


async def test_a_wrong_method_is_405_in_the_envelope(client: httpx.AsyncClient) -> None:
    response = await client.put("/health")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


async def test_a_wrong_method_lists_every_method_of_the_path(user: httpx.AsyncClient) -> None:
    # GET and POST /api/v1/jobs are two routes; Starlette alone would answer Allow: GET.
    response = await user.put("/api/v1/jobs")
    error = assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET, POST"
    assert error["details"] == {"allowed_methods": ["GET", "POST"]}
    # /experiences/order is its own resource, though /experiences/{experience_id} matches it too.
    response = await user.post("/api/v1/profiles/me/experiences/order")
    assert (response.status_code, response.headers["allow"]) == (405, "PUT")


async def test_a_json_body_sent_as_something_else_is_415(user: httpx.AsyncClient) -> None:
    body = b'{"title": "Engineer", "company": "Acme"}'
    response = await user.post("/api/v1/jobs", content=body, headers={"content-type": "text/plain"})
    assert_error(response, 415, "unsupported_media_type")
    response = await user.post(
        "/api/v1/jobs", content=b"\xff{}", headers={"content-type": "application/json"}
    )
    assert_error(response, 422, "validation_error")


async def test_the_openapi_document_names_every_error_a_route_answers(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    patch_job = paths["/api/v1/jobs/{job_id}"]["patch"]["responses"]
    assert set(patch_job) == {"200", "401", "404", "412", "413", "415", "422"}
    assert patch_job["412"]["x-error-codes"] == ["precondition_failed"]
    assert patch_job["404"]["x-error-codes"] == ["job_not_found"]
    assert patch_job["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorEnvelope"
    }
    # Nothing to validate in an id typed as text but the text rule, which every path and query
    # value meets: its 422 names only that.
    get_job = paths["/api/v1/jobs/{job_id}"]["get"]["responses"]
    assert set(get_job) == {"200", "304", "401", "404", "422"}
    assert get_job["422"]["x-error-codes"] == ["unsafe_text"]
    assert "401" not in paths["/health"]["get"]["responses"]
    job_update = (await client.get("/openapi.json")).json()["components"]["schemas"]["JobUpdate"]
    assert job_update["properties"]["title"]["type"] == "string"  # may be left out, never null
    assert "default" not in job_update["properties"]["title"]


async def test_validation_errors_are_422_in_the_envelope(user: httpx.AsyncClient) -> None:
    error = assert_error(await user.post("/api/v1/jobs", json={"title": 5}), 422, "validation_error")
    assert {d["field"] for d in error["details"]} == {"title", "company"}
    malformed = await user.post(
        "/api/v1/jobs", content=b'{"title": ', headers={"content-type": "application/json"}
    )
    assert_error(malformed, 422, "validation_error")


async def test_a_missing_token_is_401_in_the_envelope(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/jobs", json={"title": "t", "company": "c"})
    assert_error(response, 401, "not_authenticated")
    assert response.headers["WWW-Authenticate"] == "Bearer"


@contextmanager
def _failing_commits() -> Iterator[None]:
    """Every ORM commit fails meanwhile (as a full disk or a lost connection would make it)."""

    def refuse(_session: Session) -> None:
        raise RuntimeError("commit refused by the test")

    event.listen(Session, "before_commit", refuse)
    try:
        yield
    finally:
        event.remove(Session, "before_commit", refuse)


async def test_a_failing_commit_reaches_the_client(app: FastAPI, user: httpx.AsyncClient) -> None:
    # The dependency commits before the response is sent (ARCHITECTURE.md, "Request path").
    # raise_app_exceptions=False: Starlette re-raises a 500 after answering, as servers expect.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=user.headers) as http:
        with _failing_commits():
            response = await http.post("/api/v1/jobs", json={"title": "Lost", "company": "Nowhere"})
        assert response.status_code == 500, response.text
        assert response.json()["error"]["code"] == "internal_error"
        # Nothing was saved, and the app keeps working once commits succeed again.
        assert (await http.get("/api/v1/jobs")).json()["total"] == 0
        assert (await http.post("/api/v1/jobs", json={"title": "Kept", "company": "Here"})).status_code == 201


async def test_a_served_app_builds_every_route_before_its_first_request(app: FastAPI) -> None:
    # FastAPI builds an included router's routes when a request first reaches it, on the event
    # loop; `jobwise serve` builds them all at start. Built, they serve as before.
    prepare_to_serve(app)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert_error(await client.get("/api/v1/jobs"), 401, "not_authenticated")
        assert (await client.get("/health")).status_code == 200


async def test_a_served_app_freezes_the_heap_it_started_with(settings: Settings) -> None:
    # Full garbage collections then skip the modules, schemas and word lists (0.1-0.3 s each).
    app = create_app(settings)
    prepare_to_serve(app)
    try:
        async with app.router.lifespan_context(app):
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
