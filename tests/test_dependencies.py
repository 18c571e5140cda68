"""Path parameters and query values follow the text rule on every route: a 422 naming the
parameter, never a 500 (PostgreSQL fails on a NUL in a query), whatever the database."""

from __future__ import annotations

import re

import httpx
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant

from tests.conftest import assert_error
from tests.security.test_cross_user import endpoints

# Percent-encoded, as a client sends them: NUL, a control character, a line break, U+FFFF.
UNSAFE_IN_URL = {"a%00b": "U+0000", "a%08b": "U+0008", "a%0Ab": "U+000A", "a%EF%BF%BFb": "U+FFFF"}
UNSAFE_VALUES = {"a\x00b": "U+0000", "a\x1fb": "U+001F", "a\rb": "U+000D", "a\ufffeb": "U+FFFE"}


def _query_names(dependant: Dependant) -> list[str]:
    names = [param.alias for param in dependant.query_params]
    for sub in dependant.dependencies:
        names += _query_names(sub)
    return names


def _field(response: httpx.Response, status: int = 422) -> tuple[str, str]:
    error = assert_error(response, status, "unsafe_text")
    detail = error["details"][0]
    return detail["field"], detail["message"]


def _names(response: httpx.Response, name: str, code: str) -> bool:
    """A 422 in the envelope whose first detail is about `name` and names the character."""
    if response.status_code != 422:
        return False
    field, message = _field(response)
    return field == name and code in message


async def test_every_path_parameter_refuses_unsafe_text(app: FastAPI, user_a: httpx.AsyncClient) -> None:
    failures = []
    checked = 0
    for endpoint in endpoints(app):
        names = re.findall(r"\{(\w+)\}", endpoint.path)
        for name in names:
            for value, code in UNSAFE_IN_URL.items():
                path = endpoint.path
                for other in names:
                    path = path.replace(f"{{{other}}}", value if other == name else "x")
                response = await user_a.request(endpoint.method, path)
                checked += 1
                if not _names(response, name, code):
                    failures.append(f"{endpoint.label} {name}={value}: {response.text}")
    assert checked >= 100
    assert not failures, "\n".join(failures)


async def test_every_query_parameter_refuses_unsafe_text(app: FastAPI, user_a: httpx.AsyncClient) -> None:
    failures = []
    checked = 0
    for endpoint in endpoints(app):
        if "{" in endpoint.path:
            continue  # reached above; their query parameters are the same kind as these
        for name in _query_names(endpoint.route.dependant):
            for value, code in UNSAFE_VALUES.items():
                response = await user_a.request(endpoint.method, endpoint.path, params={name: value})
                checked += 1
                if not _names(response, name, code):
                    failures.append(f"{endpoint.label} ?{name}={value!r}: {response.text}")
    assert checked >= 20
    assert not failures, "\n".join(failures)


async def test_the_probed_urls_are_422_naming_the_parameter(user_a: httpx.AsyncClient) -> None:
    assert _field(await user_a.get("/api/v1/jobs/a%00b")) == (
        "job_id",
        "must not contain a NUL character (U+0000) (at character 2)",
    )
    for path in ("/api/v1/rankings", "/api/v1/generations", "/api/v1/documents"):
        assert _field(await user_a.get(path, params={"job_id": "a\x00b"}))[0] == "job_id", path
    assert _field(await user_a.get("/api/v1/jobs", params={"status": "active\x00"}))[0] == "status"
    # A parameter no route declares is checked too, its name as well as its value.
    assert _field(await user_a.get("/api/v1/jobs", params={"unknown": "\x00"}))[0] == "unknown"
    assert _field(await user_a.get("/api/v1/jobs?x%00y=1"))[0] == "x\x00y"
    line_break = _field(await user_a.get("/api/v1/jobs/a%0Db/json-resume"))
    assert line_break[0] == "job_id" and "line break" in line_break[1]


async def test_ordinary_text_in_paths_and_queries_passes(user_a: httpx.AsyncClient) -> None:
    unicode_id = "Zo%C3%AB-%E5%B1%A5%E6%AD%B4-%F0%9F%98%80"  # Zoë-履歴-😀
    assert_error(await user_a.get(f"/api/v1/jobs/{unicode_id}"), 404, "job_not_found")
    assert (await user_a.get("/api/v1/documents", params={"job_id": "Zoë\t1"})).status_code == 200
