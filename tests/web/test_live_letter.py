"""The live view of a cover letter, without a browser: an EventSource can only GET, so the stream
that writes (and saves) a letter opens only with a ticket a CSRF-checked POST of this session gave.
A forged, expired or another session's ticket writes nothing and says why, in the stream."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from jobwise.auth.security import TokenCodec
from jobwise.web.session import TICKET_SECONDS, _ticket_mac
from tests.conftest import UserClientFactory
from tests.security.test_cross_user import create_every_resource
from tests.web.test_ownership import _web_client


async def _ticket(browser: httpx.AsyncClient, csrf: str, job_id: str) -> str:
    response = await browser.post(f"/app/jobs/{job_id}/studio/letter", headers={"x-csrf-token": csrf})
    assert response.status_code == 200, response.text
    found = re.search(r"studio/letter\?ticket=([^\"]+)\"", response.text)
    assert found
    return found.group(1).replace("%3D", "=")


async def _documents(api: httpx.AsyncClient) -> int:
    total: int = (await api.get("/api/v1/documents")).json()["total"]
    return total


async def test_a_ticket_opens_the_stream_which_writes_the_letter_and_ends_saying_how_it_went(
    app: FastAPI, make_user_client: UserClientFactory
) -> None:
    ada = await make_user_client("ada@example.com")
    job_id = (await create_every_resource(ada, "ada"))["job"]
    before = await _documents(ada)
    browser, csrf = await _web_client(app, ada.headers["Authorization"])
    ticket = await _ticket(browser, csrf, job_id)
    stream = await browser.get(f"/app/jobs/{job_id}/studio/letter", params={"ticket": ticket})
    assert stream.headers["content-type"].startswith("text/event-stream")
    kinds = re.findall(r"^event: (\w+)", stream.text, flags=re.M)
    assert kinds.count("chunk") > 1 and kinds[-1] == "end", kinds
    # Saved as a document, or (the truth check refusing both drafts) nothing stored, in words.
    if "Open the letter" in stream.text:
        assert await _documents(ada) == before + 1
    else:
        assert "Not written" in stream.text and "retry" in kinds
        assert await _documents(ada) == before
    await browser.aclose()


@pytest.mark.parametrize("forgery", ["none", "forged", "expired", "another job", "another session"])
async def test_without_a_good_ticket_nothing_is_written(
    app: FastAPI, make_user_client: UserClientFactory, forgery: str
) -> None:
    ada = await make_user_client("ada@example.com")
    made = await create_every_resource(ada, "ada")
    job_id = made["job"]
    before = await _documents(ada)
    browser, _ = await _web_client(app, ada.headers["Authorization"])
    session_token = ada.headers["Authorization"].removeprefix("Bearer ")
    codec: TokenCodec = app.state.token_codec
    if forgery == "none":
        ticket = ""
    elif forgery == "forged":
        ticket = "9999999999.AAAA"
    elif forgery == "expired":
        expires = 1_000_000_000
        ticket = f"{expires}.{_ticket_mac(codec, f'letter:{job_id}', expires, session_token)}"
    elif forgery == "another job":
        expires = 9_999_999_999
        ticket = f"{expires}.{_ticket_mac(codec, 'letter:some-other-job', expires, session_token)}"
    else:
        grace = await make_user_client("grace@example.com")
        grace_token = grace.headers["Authorization"].removeprefix("Bearer ")
        expires = 9_999_999_999
        ticket = f"{expires}.{_ticket_mac(codec, f'letter:{job_id}', expires, grace_token)}"
    stream = await browser.get(f"/app/jobs/{job_id}/studio/letter", params={"ticket": ticket})
    assert stream.status_code == 200
    assert "This live view has expired: generate the letter again." in stream.text
    assert re.findall(r"^event: (\w+)", stream.text, flags=re.M) == ["end"]
    assert await _documents(ada) == before
    await browser.aclose()


def test_a_ticket_lives_minutes_not_hours() -> None:
    assert 30 <= TICKET_SECONDS <= 600
    codec = TokenCodec("s" * 64, "HS256", timedelta(hours=1), "jobwise", "jobwise-api")
    assert _ticket_mac(codec, "letter:a", 1, "t") != _ticket_mac(codec, "letter:b", 1, "t")
    assert _ticket_mac(codec, "letter:a", 1, "t") != _ticket_mac(codec, "letter:a", 1, "u")
