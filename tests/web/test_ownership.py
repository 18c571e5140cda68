"""Person B, signed in to the browser client, can neither see nor touch anything of person A's on
any page: every /app route that takes an id answers B with a 404 page for A's ids.

As tests/security/test_cross_user.py does for the JSON API, the routes come from app.routes, so
a page added later is covered, or the test says which id it does not know.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

from jobwise.web.session import CSRF_HEADER, SESSION_COOKIE, WEB_PREFIX
from tests.conftest import UserClientFactory
from tests.security.test_cross_user import create_every_resource

PATH_IDS = {
    "/app/jobs/{job_id}": "job",
    "/app/profile/experiences/{experience_id}": "experience",
    "/app/profile/projects/{project_id}": "project",
    "/app/profile/education/{education_id}": "education",
    "/app/samples/{sample_id}": "sample",
    "/app/enhance/runs/{run_id}": "enhancement_job",
    "/app/enhance/review/experiences/{experience_id}": "experience",
    "/app/enhance/review/projects/{project_id}": "project",
    "/app/documents/{document_id}": "document",
}
# What a form needs to be valid, so that the 404 comes from the ownership check, not a 422.
FORM_EXTRAS: dict[str, dict[str, str]] = {
    "/move": {"direction": "up"},
    "/review/": {"choice": "enhanced"},
    "/status": {"application_status": "applied"},
    "/studio": {"document_type": "resume"},
    "/answer": {"item": "experience:00000000-0000-0000-0000-000000000000", "answer": "x"},
}


def _path(path: str, ids: dict[str, str]) -> str:
    for match in re.finditer(r"\{(\w+)\}", path):
        key = path[: match.end()]
        assert key in PATH_IDS, f"{path}: no id for {match.group(0)}: add {key!r} to PATH_IDS"
        path = path.replace(match.group(0), ids[PATH_IDS[key]], 1)
    return path


async def _web_client(app: FastAPI, bearer: str) -> tuple[httpx.AsyncClient, str]:
    """A browser-like client of the same account: its token in the session cookie, and the CSRF
    token of a page it loaded."""
    token = bearer.removeprefix("Bearer ")
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
    http.cookies.set(SESSION_COOKIE, token, domain="test.local", path=WEB_PREFIX)
    page = await http.get(f"{WEB_PREFIX}/")
    assert page.status_code == 200, page.text
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
    assert found
    return http, found.group(1)


async def test_the_other_persons_ids_are_404_on_every_page(
    app: FastAPI, make_user_client: UserClientFactory
) -> None:
    alice = await make_user_client("alice@example.com")
    bob = await make_user_client("bob@example.com")
    ids_a = await create_every_resource(alice, "alice")
    await create_every_resource(bob, "bob")
    before = (await alice.get("/api/v1/profiles/me")).json(), (await alice.get("/api/v1/jobs")).json()
    browser, csrf = await _web_client(app, bob.headers["Authorization"])
    checked = []
    for context in iter_route_contexts(app.routes):
        route, template = context.original_route, context.path or ""
        if (
            not isinstance(route, APIRoute)
            or not template.startswith(f"{WEB_PREFIX}/")
            or "{" not in template
        ):
            continue
        for method in sorted(context.methods or ()):
            path = _path(template, ids_a)
            form: dict[str, Any] = {}
            for suffix, extra in FORM_EXTRAS.items():
                if suffix in template:
                    form.update(extra)
            request = browser.request(
                method, path, data=form if method == "POST" else None, headers={CSRF_HEADER: csrf}
            )
            # A stream that began would never end: a 404 comes at once, or the test fails.
            response = await asyncio.wait_for(request, timeout=30)
            label = f"{method} {template}"
            assert response.status_code == 404, f"{label}: {response.status_code} {response.text[:300]}"
            assert "alice-private-marker" not in response.text
            checked.append(label)
    assert len(checked) >= 20, checked
    after = (await alice.get("/api/v1/profiles/me")).json(), (await alice.get("/api/v1/jobs")).json()
    assert after == before
    await browser.aclose()


@pytest.mark.parametrize("page_path", ["/", "/jobs", "/documents", "/profile", "/samples", "/enhance/review"])
async def test_pages_never_show_the_other_persons_rows(
    app: FastAPI, make_user_client: UserClientFactory, page_path: str
) -> None:
    alice = await make_user_client("alice@example.com")
    bob = await make_user_client("bob@example.com")
    await create_every_resource(alice, "alice")
    await create_every_resource(bob, "bob")
    browser, _ = await _web_client(app, bob.headers["Authorization"])
    page = await browser.get(WEB_PREFIX + page_path)
    assert page.status_code == 200
    assert "alice" not in page.text.lower()
    await browser.aclose()
