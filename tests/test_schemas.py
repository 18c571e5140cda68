"""Every request body follows the text rule through InputModel: a 422 naming the exact place
(a field, a list item, a key deep in free-form JSON), never a 500 on PostgreSQL."""

from __future__ import annotations

import json
from typing import Annotated, Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import Field, JsonValue, ValidationError

from jobwise.auth.schemas import LoginRequest
from jobwise.schemas import InputModel, SingleLine
from tests.conftest import assert_error
from tests.rankings.crafted import create_job, create_profile
from tests.security.test_cross_user import endpoints

# Bodies a route reads itself, checked by their own code with the same rule.
OWN_BODIES = {
    "PUT /api/v1/profiles/me/json-resume": "jobwise.profiles.jsonresume.validate",
    # The section in the path picks the InputModel (profiles/schemas.py ENTRY_MODELS).
    "POST /api/v1/profiles/me/{section}": "jobwise.profiles.dependencies.new_entry_data",
    "PATCH /api/v1/profiles/me/{section}/{entry_id}": "jobwise.profiles.dependencies.entry_changes",
}


class _Inner(InputModel):
    name: Annotated[str, SingleLine]


class _Outer(InputModel):
    items: list[_Inner]
    notes: list[str] = Field(default_factory=list)
    extra: dict[str, JsonValue] = Field(default_factory=dict)


@pytest.mark.parametrize(
    ("data", "loc", "words"),
    [
        ({"items": [{"name": "ok"}, {"name": "a\x00"}]}, ("items", 1, "name"), "NUL character"),
        ({"items": [{"name": "two\nlines"}]}, ("items", 0, "name"), "line break"),
        ({"items": [], "notes": ["ok", "x\ud800"]}, ("notes", 1), "lone surrogate"),
        ({"items": [], "extra": {"a": [{"b": "\uffff"}]}}, ("extra", "a", 0, "b"), "non-character U+FFFF"),
        ({"items": [], "extra": {"k\x01": 1}}, ("extra", "k\x01"), "keys must not contain"),
    ],
)
def test_an_input_model_names_where_the_unsafe_text_is(
    data: dict[str, Any], loc: tuple[Any, ...], words: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        _Outer.model_validate(data)
    [error] = raised.value.errors()
    assert error["loc"] == loc and error["type"] == "unsafe_text" and words in error["msg"]


def test_multi_line_text_keeps_tabs_and_line_breaks() -> None:
    assert _Outer.model_validate({"items": [], "notes": ["a\tb\nc\r\n"]}).notes == ["a\tb\nc\r\n"]


def test_every_request_body_is_an_input_model(app: FastAPI) -> None:
    bodies = [endpoint for endpoint in endpoints(app) if endpoint.route.body_field is not None]
    assert len(bodies) >= 20
    for endpoint in bodies:
        assert endpoint.route.body_field is not None
        model = endpoint.route.body_field.field_info.annotation
        assert endpoint.label in OWN_BODIES or (isinstance(model, type) and issubclass(model, InputModel)), (
            f"{endpoint.label}: its body {model} should derive from jobwise.schemas.InputModel, so the "
            "text rule applies (or be listed in OWN_BODIES with what checks it)"
        )
    assert issubclass(LoginRequest, InputModel)  # the login route reads its body itself


async def _send(client: httpx.AsyncClient, method: str, url: str, body: dict[str, Any]) -> httpx.Response:
    # As JSON escapes ("\ud800"): a lone surrogate cannot be encoded to UTF-8 by httpx's json=.
    return await client.request(
        method, url, content=json.dumps(body), headers={"Content-Type": "application/json"}
    )


REGISTER = {"email": "probe@example.com", "password": "correct horse battery"}


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/auth/register", {**REGISTER, "full_name": "a\x00b"}, "full_name"),
        ("/auth/register", {**REGISTER, "full_name": "Ada\nLovelace"}, "full_name"),
        ("/auth/register", {**REGISTER, "full_name": "Ada \ud800"}, "full_name"),
        ("/auth/register", {**REGISTER, "full_name": "Ada", "password": "correct horse\x00"}, "password"),
        ("/auth/login", {**REGISTER, "password": "correct horse\x00"}, "password"),
    ],
)
async def test_account_bodies_refuse_unsafe_text(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], field: str
) -> None:
    error = assert_error(await _send(client, "POST", path, body), 422, "unsafe_text")
    assert [detail["field"] for detail in error["details"]] == [field]
    assert (await client.post("/auth/login", json=REGISTER)).status_code == 401  # nobody registered


@pytest.fixture
async def owned(user_a: httpx.AsyncClient) -> dict[str, str]:
    """A profile, a job, and a document saved from a generation for it."""
    await create_profile(user_a)
    job_id = await create_job(user_a)
    generation = await user_a.post("/api/v1/generations", json={"job_id": job_id, "document_type": "resume"})
    document = await user_a.post("/api/v1/documents", json={"generation_id": generation.json()["id"]})
    assert document.status_code == 201, document.text
    return {"job": job_id, "document": document.json()["id"]}


# (method, path, body, the field the 422 names); {job} and {document} are the user's own.
API_PROBES: list[tuple[str, str, dict[str, Any], str]] = [
    ("POST", "/api/v1/jobs", {"title": "a\x00b", "company": "Acme"}, "title"),
    ("POST", "/api/v1/jobs", {"title": "Engineer", "company": "Acme\ud800"}, "company"),
    (
        "POST",
        "/api/v1/jobs",
        {"title": "Engineer", "company": "Acme", "description": "x\x08y"},
        "description",
    ),
    (
        "POST",
        "/api/v1/jobs",
        {"title": "Engineer", "company": "Acme", "requirements": ["ok", "\x1f"]},
        "requirements[1]",
    ),
    ("POST", "/api/v1/jobs", {"title": "Engineer", "company": "Acme", "keywords": ["Py\x00"]}, "keywords[0]"),
    ("POST", "/api/v1/jobs", {"title": "Backend\nEngineer", "company": "Acme"}, "title"),
    ("PATCH", "/api/v1/jobs/{job}", {"location": "Berlin\ufffe"}, "location"),
    ("PATCH", "/api/v1/jobs/{job}", {"raw_text": "\x00"}, "raw_text"),
    ("POST", "/api/v1/jobs/parse", {"raw_text": "Senior Engineer\x00 at Acme"}, "raw_text"),
    ("POST", "/api/v1/jobs/parse", {"raw_text": "Senior Engineer at Acme\uffff"}, "raw_text"),
    ("POST", "/api/v1/rankings", {"job_id": "a\x00b"}, "job_id"),
    ("POST", "/api/v1/generations", {"job_id": "a\x00b", "document_type": "resume"}, "job_id"),
    ("POST", "/api/v1/documents", {"generation_id": "a\x00b"}, "generation_id"),
    ("POST", "/api/v1/documents", {"generation_id": "x", "notes": "\x01"}, "notes"),
    ("PATCH", "/api/v1/documents/{document}", {"content_text": "# Mira\x0b Kowalski"}, "content_text"),
    ("PATCH", "/api/v1/documents/{document}", {"title": "a\x00b"}, "title"),
    ("PATCH", "/api/v1/documents/{document}", {"notes": "\ud83d"}, "notes"),
    ("PATCH", "/api/v1/profiles/me", {"professional_summary": "\x00"}, "professional_summary"),
    ("PATCH", "/api/v1/profiles/me", {"personal_info": {"name": "Mira\x1b"}}, "personal_info.name"),
    ("PATCH", "/api/v1/profiles/me", {"custom_fields": {"a": [{"b\x00": 1}]}}, "custom_fields.a[0].b\x00"),
    ("POST", "/api/v1/profiles/me/projects", {"name": "P", "technologies": ["\ufffe"]}, "technologies[0]"),
    ("PUT", "/api/v1/profiles/me/experiences/order", {"ids": ["\x00"]}, "ids[0]"),
    ("PUT", "/api/v1/profiles/me/json-resume", {"basics": {"name": "Mira\ud800"}}, "basics.name"),
    (
        "PUT",
        "/api/v1/profiles/me/json-resume",
        {"work": [{"highlights": ["ok", "\x01"]}]},
        "work[0].highlights[1]",
    ),
    ("PUT", "/api/v1/profiles/me/json-resume", {"meta": {"k\x00": "v"}}, "meta.k\x00"),
]


async def test_api_bodies_refuse_unsafe_text_and_store_nothing(
    user_a: httpx.AsyncClient, owned: dict[str, str]
) -> None:
    before = {
        path: (await user_a.get(path)).json()
        for path in ("/api/v1/jobs", "/api/v1/profiles/me", "/api/v1/documents")
    }
    failures = []
    for method, path, body, field in API_PROBES:
        response = await _send(user_a, method, path.format(**owned), body)
        fields = (
            [detail["field"] for detail in response.json()["error"]["details"]]
            if response.status_code == 422
            else []
        )
        if fields != [field]:
            failures.append(f"{method} {path} {body!r}: {response.status_code} {response.text}")
    assert not failures, "\n".join(failures)
    after = {path: (await user_a.get(path)).json() for path in before}
    assert after == before


async def test_text_with_tabs_and_line_breaks_is_stored_as_sent(
    user_a: httpx.AsyncClient, owned: dict[str, str]
) -> None:
    description = "About us\n\n\tWe build\r\npayments."
    job = await user_a.patch(f"/api/v1/jobs/{owned['job']}", json={"description": description})
    assert job.status_code == 200 and job.json()["description"] == description
    content = "# Mira Kowalski\n\n## Summary\n\nTabs\tand\r\nbreaks, Zoë 履歴書 😀."
    document = await user_a.patch(f"/api/v1/documents/{owned['document']}", json={"content_text": content})
    assert document.status_code == 200 and document.json()["content_text"] == content
