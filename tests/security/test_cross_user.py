"""User B can neither see nor touch anything of user A's, on every route of the app.

The routes come from app.routes, so a route added later is covered without anyone editing
this file, unless its path, query or body names a kind of id this file doesn't know: then the
test fails and says what to add. Both users own one of every resource, so B's 404s come from
the ownership checks, not from B having nothing at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.responses import StreamingResponse
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from jobwise.models import SECTIONS
from tests.conftest import UserClientFactory

# A path parameter names the row it stands for by the path up to it, so one name can mean
# different things on different routes (/jobs/{job_id} and /enhancement/jobs/{job_id}).
PATH_IDS: dict[str, str] = {
    "/api/v1/jobs/{job_id}": "job",
    "/api/v1/profiles/me/experiences/{experience_id}": "experience",
    "/api/v1/profiles/me/projects/{project_id}": "project",
    "/api/v1/profiles/me/education/{education_id}": "education",
    **{f"/api/v1/profiles/me/{section}/{{entry_id}}": section for section in SECTIONS},
    "/api/v1/samples/{sample_id}": "sample",
    "/api/v1/enhancement/jobs/{job_id}": "enhancement_job",
    "/api/v1/rankings/{ranking_id}": "ranking",
    "/api/v1/generations/{generation_id}": "generation",
    "/api/v1/documents/{document_id}": "document",
}
# The one field each section's entry needs.
ENTRY_KEYS = {
    "volunteer": "organization",
    "awards": "title",
    "certificates": "name",
    "publications": "name",
    "languages": "language",
    "interests": "name",
}
# Query parameters and body fields that refer to another row, by name.
FIELD_IDS: dict[str, str] = {
    "job_id": "job",
    "generation_id": "generation",
    "ranking_id": "ranking",
    "profile_id": "profile",
    "sample_id": "sample",
    "document_id": "document",
}
# What else a request body needs to be valid when its id fields are A's.
BODY_EXTRAS: dict[str, dict[str, Any]] = {
    "POST /api/v1/generations": {"document_type": "resume"},
}
MARKER = "alice-private-marker"

_RESUME = {
    "basics": {"name": f"Someone {MARKER}", "summary": f"Summary {MARKER}"},
    "work": [
        {
            "name": "Acme",
            "position": "Backend Engineer",
            "startDate": "2019-03",
            "highlights": ["Built a Python API serving 2M requests a day", "Cut p95 latency by 40%"],
        }
    ],
    "projects": [{"name": "Tracker", "description": "A job tracker", "highlights": ["Wrote it in FastAPI"]}],
    "education": [{"institution": "State University", "area": "CS", "studyType": "BSc", "startDate": "2014"}],
    "skills": [{"name": "Python", "keywords": ["FastAPI", "SQLAlchemy"]}],
}
_SAMPLE_TEXT = (
    "Jane Doe\nBackend Engineer\n\nExperience\n"
    "- Built and ran Python services for payments at scale.\n"
    "- Led the migration of a monolith to FastAPI and PostgreSQL.\n"
    "- Mentored four engineers and introduced code review.\n"
)


async def _created(response: httpx.Response, what: str) -> dict[str, Any]:
    assert response.status_code in (200, 201, 202), f"creating {what}: {response.status_code} {response.text}"
    body: dict[str, Any] = response.json()
    return body


async def create_every_resource(http: httpx.AsyncClient, owner: str) -> dict[str, str]:
    """One of every kind of row, created through the API; a new kind of row goes here too."""
    resume = json.loads(json.dumps(_RESUME).replace(MARKER, f"{owner}-private-marker"))
    profile = await _created(await http.put("/api/v1/profiles/me/json-resume", json=resume), "the profile")
    job = await _created(
        await http.post(
            "/api/v1/jobs",
            json={
                "title": "Backend Engineer",
                "company": f"Company {owner}-private-marker",
                "description": "Python, FastAPI, PostgreSQL; build APIs.",
                "requirements": ["Python", "FastAPI"],
            },
        ),
        "a job",
    )
    sample = await _created(
        await http.post(
            "/api/v1/samples",
            files={"file": ("resume.txt", _SAMPLE_TEXT.encode(), "text/plain")},
            data={"document_type": "resume_sample"},
        ),
        "a sample",
    )
    enhancement = await _created(await http.post("/api/v1/enhancement/trigger"), "an enhancement run")
    ranking = await _created(await http.post("/api/v1/rankings", json={"job_id": job["id"]}), "a ranking")
    generation = await _created(
        await http.post("/api/v1/generations", json={"job_id": job["id"], "document_type": "resume"}),
        "a generation",
    )
    document = await _created(
        await http.post("/api/v1/documents", json={"generation_id": generation["id"]}), "a document"
    )
    entries = {
        section: await _created(
            await http.post(f"/api/v1/profiles/me/{section}", json={key: f"{owner}-private-marker"}),
            f"a {section} entry",
        )
        for section, key in ENTRY_KEYS.items()
    }
    return {
        **{section: entry["id"] for section, entry in entries.items()},
        "profile": profile["id"],
        "experience": profile["experiences"][0]["id"],
        "project": profile["projects"][0]["id"],
        "education": profile["education"][0]["id"],
        "job": job["id"],
        "sample": sample["id"],
        "enhancement_job": enhancement["job_id"],
        "ranking": ranking["id"],
        "generation": generation["id"],
        "document": document["id"],
    }


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    route: APIRoute

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def streams(self) -> bool:
        # An event stream does not end on its own; httpx's ASGI transport would wait forever.
        declared = any(
            "text/event-stream" in (response.get("content") or {})
            for response in self.route.responses.values()
        )
        response_class = self.route.response_class
        return declared or (
            isinstance(response_class, type) and issubclass(response_class, StreamingResponse)
        )


def endpoints(app: FastAPI) -> Iterator[Endpoint]:
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        # The browser client's pages answer in HTML: tests/web/test_ownership.py runs this matrix there.
        if not isinstance(route, APIRoute) or not context.path or context.path.startswith("/app/"):
            continue
        for method in sorted(context.methods or ()):
            if method != "HEAD":
                yield Endpoint(method, context.path, route)


def path_with_ids(endpoint: Endpoint, ids: dict[str, str]) -> str:
    path = endpoint.path
    for match in re.finditer(r"\{(\w+)\}", endpoint.path):
        key = endpoint.path[: match.end()]
        if key not in PATH_IDS:
            pytest.fail(
                f"{endpoint.label}: no id for `{{{match.group(1)}}}`. Add {key!r} to PATH_IDS in "
                "tests/security/test_cross_user.py (and create one such row in create_every_resource), so "
                "the cross-user matrix covers this route."
            )
        path = path.replace(match.group(0), ids[PATH_IDS[key]], 1)
    return path


def _id_for_field(endpoint: Endpoint, name: str, ids: dict[str, str]) -> str:
    if name not in FIELD_IDS:
        pytest.fail(
            f"{endpoint.label}: `{name}` looks like a reference to another row. Add it to FIELD_IDS "
            "in tests/security/test_cross_user.py so the matrix sends the other user's id in it."
        )
    return ids[FIELD_IDS[name]]


def _query_names(dependant: Dependant) -> list[str]:
    names = [param.alias for param in dependant.query_params]
    for sub in dependant.dependencies:
        names += _query_names(sub)
    return names


def id_query(endpoint: Endpoint, ids: dict[str, str]) -> dict[str, str]:
    names = _query_names(endpoint.route.dependant)
    return {name: _id_for_field(endpoint, name, ids) for name in names if name.endswith("_id")}


def id_body(endpoint: Endpoint, ids: dict[str, str]) -> dict[str, Any] | None:
    field = endpoint.route.body_field
    model = field.field_info.annotation if field is not None else None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    references = {
        name: _id_for_field(endpoint, name, ids) for name in model.model_fields if name.endswith("_id")
    }
    if not references:
        return None
    return {**BODY_EXTRAS.get(endpoint.label, {}), **references}


@dataclass
class World:
    app: FastAPI
    alice: httpx.AsyncClient
    bob: httpx.AsyncClient
    ids_a: dict[str, str]
    ids_b: dict[str, str]


@pytest.fixture
async def world(app: FastAPI, make_user_client: UserClientFactory) -> World:
    alice = await make_user_client("alice@example.com")
    bob = await make_user_client("bob@example.com")
    return World(
        app=app,
        alice=alice,
        bob=bob,
        ids_a=await create_every_resource(alice, "alice"),
        ids_b=await create_every_resource(bob, "bob"),
    )


async def snapshot(world: World) -> dict[str, Any]:
    """Everything A can read: each GET route, with A's ids where it takes them."""
    seen: dict[str, Any] = {}
    for endpoint in endpoints(world.app):
        if endpoint.method != "GET" or endpoint.streams or not endpoint.path.startswith("/api/"):
            continue
        response = await world.alice.get(path_with_ids(endpoint, world.ids_a))
        is_json = response.headers.get("content-type", "").startswith("application/json")
        seen[endpoint.label] = (response.status_code, response.json() if is_json else len(response.content))
    return seen


def a_secrets(world: World) -> list[str]:
    return [*world.ids_a.values(), "alice-private-marker", "alice@example.com"]


async def test_the_other_users_ids_are_404_on_every_route(world: World) -> None:
    before = await snapshot(world)
    checked = []
    for endpoint in endpoints(world.app):
        if "{" not in endpoint.path:
            continue
        path = path_with_ids(endpoint, world.ids_a)
        kwargs: dict[str, Any] = {}
        if endpoint.route.body_field is not None:
            kwargs["json"] = id_body(endpoint, world.ids_a) or {}
        response = await world.bob.request(
            endpoint.method, path, params=id_query(endpoint, world.ids_a), **kwargs
        )
        assert response.status_code == 404, (
            f"{endpoint.label} with A's ids gave B {response.status_code}: {response.text[:300]} "
            "(a 422 means the body was checked before ownership: add a valid body to BODY_EXTRAS)"
        )
        assert response.json()["error"]["code"].endswith("not_found"), response.text
        checked.append(endpoint.label)
    assert len(checked) >= 10, checked  # the matrix itself must not go quiet
    assert await snapshot(world) == before


async def test_references_to_the_other_users_rows_in_bodies_are_404(world: World) -> None:
    before = await snapshot(world)
    checked = []
    for endpoint in endpoints(world.app):
        if "{" in endpoint.path or endpoint.method not in {"POST", "PUT", "PATCH"}:
            continue
        body = id_body(endpoint, world.ids_a)
        if body is None:
            continue
        response = await world.bob.request(endpoint.method, endpoint.path, json=body)
        assert response.status_code == 404, (
            f"{endpoint.label} {body}: B got {response.status_code} {response.text}"
        )
        checked.append(endpoint.label)
    assert {"POST /api/v1/rankings", "POST /api/v1/generations", "POST /api/v1/documents"} <= set(checked)
    assert await snapshot(world) == before


async def test_lists_never_show_the_other_users_rows(world: World) -> None:
    secrets = a_secrets(world)
    listed = []
    for endpoint in endpoints(world.app):
        if endpoint.method != "GET" or "{" in endpoint.path or endpoint.streams:
            continue
        for params in ({}, id_query(endpoint, world.ids_a)):
            response = await world.bob.get(endpoint.path, params=params)
            leaked = [secret for secret in secrets if secret in response.text]
            assert not leaked, f"{endpoint.label} {params} showed B A's {leaked}: {response.text[:300]}"
        listed.append(endpoint.label)
    assert "GET /api/v1/jobs" in listed
    # B's own rows are there: the lists are not simply empty.
    jobs = (await world.bob.get("/api/v1/jobs")).json()
    assert [job["id"] for job in jobs["items"]] == [world.ids_b["job"]]


def test_an_unknown_path_parameter_fails_with_a_hint() -> None:
    route = APIRoute("/api/v1/widgets/{widget_id}", endpoint=lambda widget_id: None)
    endpoint = Endpoint("GET", route.path, route)
    with pytest.raises(pytest.fail.Exception, match=r"Add '/api/v1/widgets/\{widget_id\}' to PATH_IDS"):
        path_with_ids(endpoint, {})
