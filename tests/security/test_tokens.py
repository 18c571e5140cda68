"""A token opens only the account it was issued to, and only until that account revokes it.

The attack this was written against: on SQLite a deleted user's id went to the next account to
register, and a token named only the id, so the deleted user's token opened the new account.
"""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import assert_error

PASSWORD = "correct horse battery"


async def _sign_up(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    registered = await client.post(
        "/auth/register", json={"email": email, "password": password, "full_name": email.split("@")[0]}
    )
    assert registered.status_code == 201, registered.text
    login = await client.post("/auth/login", json={"email": email, "password": password})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def test_a_deleted_accounts_token_does_not_open_the_next_account(client: httpx.AsyncClient) -> None:
    first = await _sign_up(client, "first@example.com")
    first_id = (await client.get("/auth/me", headers=first)).json()["id"]
    assert (await client.delete("/auth/me", headers=first)).status_code == 204

    victim = await _sign_up(client, "victim@example.com")
    victim_id = (await client.get("/auth/me", headers=victim)).json()["id"]

    assert victim_id != first_id  # ids are never reused
    assert_error(await client.get("/auth/me", headers=first), 401)
    assert_error(await client.get("/api/v1/jobs", headers=first), 401)


async def test_a_deleted_accounts_token_is_refused_everywhere(client: httpx.AsyncClient) -> None:
    token = await _sign_up(client, "gone@example.com")
    assert (await client.delete("/auth/me", headers=token)).status_code == 204
    assert_error(await client.get("/auth/me", headers=token), 401)
    assert_error(await client.delete("/auth/me", headers=token), 401)


async def test_changing_the_password_revokes_every_earlier_token(client: httpx.AsyncClient) -> None:
    laptop = await _sign_up(client, "ann@example.com")
    phone = {
        "Authorization": "Bearer "
        + (await client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})).json()[
            "access_token"
        ]
    }
    new_password = "a different long passphrase"
    changed = await client.post(
        "/auth/password", json={"current_password": PASSWORD, "new_password": new_password}, headers=laptop
    )
    assert changed.status_code == 200, changed.text
    assert changed.headers["Cache-Control"] == "no-store"
    fresh = {"Authorization": f"Bearer {changed.json()['access_token']}"}

    assert_error(await client.get("/auth/me", headers=laptop), 401)
    assert_error(await client.get("/auth/me", headers=phone), 401)
    assert (await client.get("/auth/me", headers=fresh)).status_code == 200
    old = await client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert_error(old, 401, "invalid_credentials")
    new = await client.post("/auth/login", json={"email": "ann@example.com", "password": new_password})
    assert new.status_code == 200


async def test_a_wrong_current_password_changes_nothing(client: httpx.AsyncClient) -> None:
    token = await _sign_up(client, "ann@example.com")
    refused = await client.post(
        "/auth/password",
        json={"current_password": "not the password", "new_password": "a different long passphrase"},
        headers=token,
    )
    assert_error(refused, 422, "wrong_password")
    assert (await client.get("/auth/me", headers=token)).status_code == 200
    login = await client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert login.status_code == 200


async def test_guessing_the_current_password_is_throttled_like_a_login(client: httpx.AsyncClient) -> None:
    token = await _sign_up(client, "ann@example.com")
    statuses = []
    for attempt in range(8):
        response = await client.post(
            "/auth/password",
            json={
                "current_password": f"guess number {attempt}",
                "new_password": "a different long passphrase",
            },
            headers=token,
        )
        statuses.append(response.status_code)
    assert statuses[:5] == [422] * 5
    assert 429 in statuses[5:]


async def test_signing_out_everywhere_revokes_every_token(client: httpx.AsyncClient) -> None:
    one = await _sign_up(client, "ann@example.com")
    login = await client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    two = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert (await client.post("/auth/logout", headers=one)).status_code == 204
    assert_error(await client.get("/auth/me", headers=one), 401)
    assert_error(await client.get("/auth/me", headers=two), 401)
    again = await client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert (
        await client.get("/auth/me", headers={"Authorization": f"Bearer {again.json()['access_token']}"})
    ).status_code == 200


@pytest.mark.parametrize(
    "email", ["ａda@example.com", "ADA@EXAMPLE.COM", " ada@example.com"], ids=["fullwidth", "upper", "space"]
)
async def test_an_email_in_another_unicode_form_is_the_same_account(
    client: httpx.AsyncClient, email: str
) -> None:
    await _sign_up(client, "ada@example.com")
    again = await client.post(
        "/auth/register", json={"email": email, "password": PASSWORD, "full_name": "Ada"}
    )
    assert_error(again, 409, "email_taken")
    login = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200


async def test_a_new_password_meets_the_same_rule_as_at_registration(client: httpx.AsyncClient) -> None:
    token = await _sign_up(client, "ann@example.com")
    for weak in ("password123", "        ", "my ann@example.com pass"):
        refused = await client.post(
            "/auth/password", json={"current_password": PASSWORD, "new_password": weak}, headers=token
        )
        assert_error(refused, 422, "weak_password")
    assert (await client.get("/auth/me", headers=token)).status_code == 200
