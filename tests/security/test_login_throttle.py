"""Login throttling: parallel guesses cannot race it, and it slows attackers without locking
the owner out (OWASP authentication guidance: growing delays, counted per account, per client
address and per both)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import httpx
import pytest
from fastapi import FastAPI

from jobwise.auth.throttle import Rule
from tests.conftest import AppFactory, assert_error, client_from

PASSWORD = "correct horse battery"
OWNER = {"email": "owner@example.com", "password": PASSWORD}


async def _register(app: FastAPI, email: str = OWNER["email"]) -> None:
    async with client_from(app) as http:
        response = await http.post(
            "/auth/register", json={"email": email, "password": PASSWORD, "full_name": "O"}
        )
        assert response.status_code == 201, response.text


def _wrong(email: str = OWNER["email"], n: int = 0) -> dict[str, str]:
    return {"email": email, "password": f"wrong guess {n}"}


async def test_parallel_wrong_guesses_cannot_all_be_checked(make_app: AppFactory) -> None:
    app = await make_app(LOGIN_MAX_FAILURES=5)
    await _register(app)
    async with client_from(app, "203.0.113.9") as attacker:
        responses = await asyncio.gather(*(attacker.post("/auth/login", json=_wrong(n=n)) for n in range(40)))
    statuses = Counter(r.status_code for r in responses)
    # Each attempt is counted before its password is checked: five checked, the rest told to wait.
    assert statuses == {401: 5, 429: 35}
    for response in responses:
        if response.status_code == 429:
            assert_error(response, 429, "too_many_login_attempts")
            assert int(response.headers["Retry-After"]) >= 1


async def test_the_right_password_among_parallel_guesses_is_checked_at_most_with_the_first_few(
    make_app: AppFactory,
) -> None:
    app = await make_app(LOGIN_MAX_FAILURES=5)
    await _register(app)
    async with client_from(app, "203.0.113.9") as attacker:
        calls = [attacker.post("/auth/login", json=_wrong(n=n)) for n in range(59)]
        calls.append(attacker.post("/auth/login", json=OWNER))
        responses = await asyncio.gather(*calls)
    wrong_checked = sum(r.status_code == 401 for r in responses)
    # At most five guesses are checked; if the right password was among those first five, the
    # owner got in and the count started again, which lets at most four more through.
    assert wrong_checked <= (9 if responses[-1].status_code == 200 else 5)
    assert all(r.status_code in (200, 401, 429) for r in responses)


async def test_an_attacker_cannot_lock_the_owner_out(make_app: AppFactory) -> None:
    app = await make_app()
    await _register(app)
    async with client_from(app, "203.0.113.9") as attacker:
        for n in range(15):
            await attacker.post("/auth/login", json=_wrong(n=n))
        assert_error(await attacker.post("/auth/login", json=OWNER), 429, "too_many_login_attempts")
    # The owner, from their own address, signs in at once with the right password.
    async with client_from(app, "198.51.100.20") as owner:
        response = await owner.post("/auth/login", json=OWNER)
    assert response.status_code == 200, response.text


async def test_many_addresses_against_one_account_delay_the_owner_only_briefly(make_app: AppFactory) -> None:
    app = await make_app(LOGIN_ACCOUNT_MAX_FAILURES=10, LOGIN_ACCOUNT_MAX_DELAY_SECONDS=60)
    await _register(app)
    for n in range(30):
        async with client_from(app, f"203.0.113.{n + 1}") as attacker:
            await attacker.post("/auth/login", json=_wrong(n=n))
    async with client_from(app, "198.51.100.20") as owner:
        response = await owner.post("/auth/login", json=OWNER)
    if response.status_code == 429:
        assert int(response.headers["Retry-After"]) <= 60
    else:
        assert response.status_code == 200


async def test_one_address_spraying_many_accounts_is_slowed(make_app: AppFactory) -> None:
    app = await make_app(LOGIN_CLIENT_MAX_FAILURES=8)
    async with client_from(app, "203.0.113.9") as sprayer:
        statuses = [
            (await sprayer.post("/auth/login", json=_wrong(f"user{n}@example.com"))).status_code
            for n in range(10)
        ]
    assert statuses[:8] == [401] * 8
    assert statuses[8:] == [429, 429]
    # Someone else is not slowed by that address.
    await _register(app)
    async with client_from(app, "198.51.100.20") as owner:
        assert (await owner.post("/auth/login", json=OWNER)).status_code == 200


async def test_the_delay_passes_and_a_success_clears_the_accounts_count(make_app: AppFactory) -> None:
    app = await make_app(LOGIN_MAX_FAILURES=2, LOGIN_DELAY_SECONDS=3)
    await _register(app)
    async with client_from(app, "203.0.113.9") as http:
        for n in range(2):
            assert (await http.post("/auth/login", json=_wrong(n=n))).status_code == 401
        assert (await http.post("/auth/login", json=OWNER)).status_code == 429
        deadline = time.monotonic() + 20
        response: httpx.Response | None = None
        while time.monotonic() < deadline:
            response = await http.post("/auth/login", json=OWNER)
            if response.status_code != 429:
                break
            await asyncio.sleep(0.25)
        assert response is not None and response.status_code == 200
        # Cleared: two more failures are free again.
        for n in range(2):
            assert (await http.post("/auth/login", json=_wrong(n=n))).status_code == 401


@pytest.mark.parametrize(
    ("failures", "seconds"), [(1, 0), (4, 0), (5, 2), (6, 4), (7, 8), (13, 512), (14, 900), (500, 900)]
)
def test_the_delay_doubles_after_the_free_failures_up_to_its_cap(failures: int, seconds: float) -> None:
    rule = Rule("pair", free_failures=5, first_delay=2, max_delay=900)
    assert rule.delay(failures).total_seconds() == seconds
