"""The browser session as an attacker sees it: no unsafe request without this session's CSRF token,
no cookie accepted by the JSON API, and two people in two browsers who never see each other's data."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from jobwise.web.session import CSRF_COOKIE, SESSION_COOKIE
from tests.web.conftest import ContextFactory, Server, create_account, create_profile, section, unique_email

pytestmark = pytest.mark.slow

POSTING = """Lighthouse Keeper

Northern Lights Ltd is hiring a keeper for its harbour light.

Requirements
- Five years of night shifts
- Knowledge of Fresnel lenses
"""


def _cookie(context: BrowserContext, name: str) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == name)


def _page_token(page: Page) -> str:
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token
    return token


def _summary(page: Page) -> str:
    page.goto("/app/profile")
    return page.get_by_label("Professional summary").input_value()


def test_an_unsafe_request_without_the_sessions_csrf_token_is_refused(
    page: Page, new_context: ContextFactory
) -> None:
    create_account(page, unique_email())
    create_profile(page)
    # The browser's own cookies ride along with these requests, as they would for a forged form.
    no_token = page.request.post("/app/profile/summary", form={"professional_summary": "forged"})
    assert no_token.status == 403, no_token.text()
    assert "reload the page" in no_token.text()

    other = new_context().new_page()
    create_account(other, unique_email())
    someone_elses = page.request.post(
        "/app/profile/summary",
        form={"professional_summary": "forged", "csrf_token": _page_token(other)},
    )
    assert someone_elses.status == 403

    cross_site = page.request.post(
        "/app/profile/summary",
        form={"professional_summary": "forged", "csrf_token": _page_token(page)},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status == 403
    assert _summary(page) == ""

    # The same request with this page's token goes through: the token, not luck, decided.
    genuine = page.request.post(
        "/app/profile/summary",
        form={"professional_summary": "mine"},
        headers={"X-CSRF-Token": _page_token(page)},
    )
    assert genuine.status == 204, genuine.text()
    assert _summary(page) == "mine"


def test_a_form_on_another_site_cannot_change_anything(page: Page, server: Server) -> None:
    create_account(page, unique_email())
    create_profile(page)
    attack = f"""<!doctype html><html lang="en"><body>
        <form method="post" action="{server.url}/app/profile/summary">
          <input name="professional_summary" value="pwned">
          <button>Win a prize</button>
        </form></body></html>"""
    page.route(
        "http://prizes.example/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=attack),
    )
    page.goto("http://prizes.example/")
    with page.expect_response(re.compile(r"/app/profile/summary$")) as response:
        page.get_by_role("button", name="Win a prize").click()
    assert response.value.status in (401, 403, 303)
    assert _summary(page) == ""


def test_the_json_api_ignores_the_session_cookie(page: Page, server: Server) -> None:
    create_account(page, unique_email())
    create_profile(page)
    token = _cookie(page.context, SESSION_COOKIE)
    cookies = {"Cookie": f"{SESSION_COOKIE}={token}; {CSRF_COOKIE}={_cookie(page.context, CSRF_COOKIE)}"}
    with httpx.Client(base_url=server.url, timeout=10) as http:
        assert http.get("/api/v1/profiles/me", headers=cookies).status_code == 401
        refused = http.patch(
            "/api/v1/profiles/me",
            json={"professional_summary": "via cookie"},
            headers={**cookies, "X-CSRF-Token": _page_token(page)},
        )
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "not_authenticated"
        # The same token as a bearer token is the API's own way in: it works.
        mine = http.get("/api/v1/profiles/me", headers={"Authorization": f"Bearer {token}"})
        assert mine.status_code == 200
    assert _summary(page) == ""
    # And the browser never even sends the cookie outside /app.
    assert all(cookie["path"] == "/app" for cookie in page.context.cookies())
    assert all(cookie["httpOnly"] and cookie["sameSite"] == "Lax" for cookie in page.context.cookies())


def test_two_people_in_two_browsers_never_see_each_others_data(
    page: Page, new_context: ContextFactory
) -> None:
    alice, bob = page, new_context().new_page()
    create_account(alice, unique_email("alice"), name="Alice Keeper")
    create_profile(alice)
    alice.get_by_label("Professional summary").fill("Alice's private summary")
    alice.get_by_label("Professional summary").press("Tab")
    expect(section(alice, "Summary").get_by_role("status")).to_contain_text("Saved")
    alice.goto("/app/jobs")
    alice.get_by_label("Paste job posting").fill(POSTING)
    alice.get_by_role("button", name="Add job").click()
    expect(alice.get_by_role("heading", level=1)).to_contain_text("Northern Lights")
    job_url = alice.url

    create_account(bob, unique_email("bob"), name="Bob Builder")
    for path in ("/app/", "/app/jobs", "/app/documents", "/app/profile", "/app/enhance/review"):
        bob.goto(path)
        expect(bob.get_by_role("main")).not_to_contain_text("Northern Lights")
        expect(bob.get_by_role("main")).not_to_contain_text("Alice")

    # Alice's job, by its address: for Bob it does not exist.
    response = bob.goto(job_url)
    assert response is not None and response.status == 404
    expect(bob.get_by_role("alert")).to_contain_text("No job")
    for suffix in ("/match", "/studio"):
        response = bob.goto(job_url + suffix)
        assert response is not None and response.status == 404
    # Nor can he change it with a genuine token of his own.
    bob.goto("/app/jobs")
    changed = bob.request.post(
        job_url + "/status",
        form={"application_status": "withdrawn"},
        headers={"X-CSRF-Token": _page_token(bob)},
    )
    assert changed.status == 404
    alice.goto(job_url)
    expect(alice.get_by_role("combobox", name="Application status")).to_have_value("not_applied")
