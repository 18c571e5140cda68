"""What goes wrong is said in words, where the person is looking: sign-in failures, a throttled
sign-in, a weak password, uploads of the wrong type or size, a session that has ended."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from playwright.sync_api import Browser, BrowserContext, FilePayload, Page, Response, expect

from jobwise.auth.security import TokenCodec
from jobwise.config import Settings
from jobwise.web.session import SESSION_COOKIE, WEB_PREFIX
from tests.conftest import TEST_SECRET
from tests.processes import free_port
from tests.web.conftest import (
    PASSWORD,
    SERVER_SETTINGS,
    ContextFactory,
    Server,
    create_account,
    create_profile,
    running_jobwise,
    section,
    sign_in,
    unique_email,
)

pytestmark = pytest.mark.slow


def _sign_in_post(response: Response) -> bool:
    return response.request.method == "POST" and response.url.endswith("/app/sign-in")


def test_a_wrong_password_is_refused_in_words(page: Page) -> None:
    email = unique_email()
    create_account(page, email)
    page.context.clear_cookies()
    with page.expect_response(_sign_in_post) as response:
        sign_in(page, email, "not the password at all")
    assert response.value.status == 401
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password. Check both and try again.")
    # What was typed stays, except the password.
    expect(page.get_by_label("Email")).to_have_value(email)
    expect(page.get_by_label("Password")).to_have_value("")


def test_repeated_failures_are_throttled_and_the_page_says_how_long_to_wait(page: Page) -> None:
    email = unique_email()
    create_account(page, email)
    page.context.clear_cookies()
    failures = int(SERVER_SETTINGS["LOGIN_MAX_FAILURES"])
    for _ in range(failures):
        sign_in(page, email, "a wrong guess")
        expect(page.get_by_role("alert")).to_contain_text("Wrong email or password")
    # Even the right password waits: the throttle does not tell a guesser which one was right.
    with page.expect_response(_sign_in_post) as response:
        sign_in(page, email, PASSWORD)
    assert response.value.status == 429
    expect(page.get_by_role("alert")).to_have_text(
        re.compile(r"Too many failed sign-in attempts: wait \d+ seconds before trying again\.")
    )


def test_a_weak_password_is_refused_with_the_reason(page: Page) -> None:
    page.goto("/app/create-account")
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Email").fill(unique_email())
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("among the most common breached passwords")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("Password: String should have at least 8 characters")


def test_an_email_already_taken_says_so(page: Page, new_context: ContextFactory) -> None:
    email = unique_email()
    create_account(page, email)
    other = new_context().new_page()
    other.goto("/app/create-account")
    other.get_by_label("Full name").fill("Someone Else")
    other.get_by_label("Email").fill(email)
    other.get_by_label("Password").fill("a different long passphrase")
    other.get_by_role("button", name="Create account").click()
    expect(other.get_by_role("alert")).to_contain_text("An account with this email already exists")


def test_an_upload_of_the_wrong_type_or_too_big_is_refused_in_words(page: Page) -> None:
    create_account(page, unique_email())
    page.goto("/app/samples")
    sample = section(page, "Résumé sample")
    file_input = page.get_by_label("Résumé sample file")

    file_input.set_input_files(
        files=[
            FilePayload(
                name="resume.exe", mimeType="application/octet-stream", buffer=b"MZ\x90\x00not a resume"
            )
        ]
    )
    with page.expect_response(re.compile(r"/app/samples$")) as response:
        page.get_by_role("button", name="Upload résumé sample").click()
    assert response.value.status == 415
    expect(sample.get_by_role("alert")).to_contain_text("Files ending in '.exe' are not accepted")

    # A .txt that is really a PDF: the content decides, not the name.
    file_input.set_input_files(
        files=[
            FilePayload(
                name="resume.txt", mimeType="text/plain", buffer=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
            )
        ]
    )
    page.get_by_role("button", name="Upload résumé sample").click()
    expect(sample.get_by_role("alert")).not_to_contain_text("'.exe'")
    expect(sample.get_by_role("alert")).to_be_visible()

    limit = int(float(SERVER_SETTINGS["MAX_UPLOAD_SIZE_MB"]) * 1024 * 1024)
    file_input.set_input_files(
        files=[FilePayload(name="resume.txt", mimeType="text/plain", buffer=b"word " * (limit // 5 + 1000))]
    )
    with page.expect_response(re.compile(r"/app/samples$")) as response:
        page.get_by_role("button", name="Upload résumé sample").click()
    assert response.value.status == 413
    expect(sample.get_by_role("alert")).to_contain_text("The file is larger than the 1 MB limit")
    expect(sample.get_by_text("None uploaded yet.")).to_be_visible()


def _session_token(context: BrowserContext) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == SESSION_COOKIE)


def _expired_token_like(token: str) -> str:
    """A token for the same account, signed with the server's secret, that expired yesterday."""
    claims = jwt.decode(token, options={"verify_signature": False})
    defaults = Settings.model_fields
    codec = TokenCodec(
        secret=TEST_SECRET,
        algorithm=defaults["JWT_ALGORITHM"].default,
        expiry=timedelta(hours=1),
        issuer=defaults["JWT_ISSUER"].default,
        audience=defaults["JWT_AUDIENCE"].default,
    )
    return codec.issue(int(claims["sub"]), claims["key"], now=datetime.now(UTC) - timedelta(days=1))


def _replace_session(context: BrowserContext, server: Server, value: str) -> None:
    host = server.url.split("://", 1)[1].split(":", 1)[0]
    context.add_cookies([{"name": SESSION_COOKIE, "value": value, "domain": host, "path": WEB_PREFIX}])


@pytest.mark.parametrize("kind", ["expired", "forged"])
def test_an_ended_session_sends_the_person_to_sign_in_and_back(page: Page, server: Server, kind: str) -> None:
    email = unique_email()
    create_account(page, email)
    create_profile(page)
    token = _session_token(page.context)
    _replace_session(
        page.context, server, _expired_token_like(token) if kind == "expired" else token[:-6] + "AAAAAA"
    )

    page.goto("/app/jobs")
    expect(page).to_have_url(re.compile(r"/app/sign-in\?next=%2Fapp%2Fjobs&reason=ended$"))
    expect(page.get_by_role("alert")).to_have_text("Your session has ended: sign in again.")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/app/jobs$"))
    expect(page.get_by_role("heading", name="Jobs", exact=True)).to_be_visible()


def test_a_form_that_saves_itself_after_the_session_ended_leads_to_sign_in(
    page: Page, server: Server
) -> None:
    create_account(page, unique_email())
    create_profile(page)
    _replace_session(page.context, server, _expired_token_like(_session_token(page.context)))
    page.get_by_label("Headline").fill("Engineer")
    page.get_by_label("Headline").press("Tab")
    expect(page).to_have_url(re.compile(r"/app/sign-in\?next=%2Fapp%2Fprofile&reason=ended$"))
    expect(page.get_by_role("alert")).to_have_text("Your session has ended: sign in again.")


def test_a_signed_out_session_cannot_be_used_again(page: Page, server: Server) -> None:
    create_account(page, unique_email())
    token = _session_token(page.context)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    # The old token, put back by hand (as a thief with a copy would), opens nothing.
    _replace_session(page.context, server, token)
    page.goto("/app/profile")
    expect(page).to_have_url(re.compile(r"/app/sign-in\?next=%2Fapp%2Fprofile&reason=ended$"))


@pytest.fixture(scope="module")
def server_without_its_llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JobWise set up for an OpenAI-compatible server where none is listening."""
    nobody = f"http://127.0.0.1:{free_port()}/v1"
    settings = {
        "AI_ENGINE": "openai",
        "LLM_BASE_URL": nobody,
        "LLM_API_KEY": "sk-test-key",
        "LLM_MODEL_FAST": "fast-model",
        "LLM_MODEL_QUALITY": "quality-model",
        "LLM_TIMEOUT": "2",
        "LLM_MAX_RETRIES": "0",
        "LLM_CACHE": "false",
    }
    with running_jobwise(tmp_path_factory.mktemp("web-no-llm"), **settings) as running:
        yield running


def test_an_unreachable_llm_is_named_as_such(server_without_its_llm: Server, browser: Browser) -> None:
    context = browser.new_context(base_url=server_without_its_llm.url)
    try:
        page = context.new_page()
        create_account(page, unique_email())
        page.goto("/app/jobs")
        page.get_by_label("Paste job posting").fill(
            "Backend Engineer at Acme. Requirements: Python, SQL and Kubernetes. We build tools."
        )
        with page.expect_response(re.compile(r"/app/jobs$")) as response:
            page.get_by_role("button", name="Add job").click()
        assert response.value.status == 503
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("The AI engine did not answer, so nothing was changed.")
        expect(alert).to_contain_text("Could not connect to the LLM server")
        expect(alert).not_to_contain_text("key")  # not a wrong key: the server is not there
        expect(page.get_by_text("No jobs yet")).to_be_visible()
    finally:
        context.close()
