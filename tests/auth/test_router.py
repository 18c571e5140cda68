"""Auth: register, login (JSON and OAuth2 form), throttling, and every bad-token case."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest

from tests.conftest import TEST_SECRET, assert_error

PASSWORD = "correct horse battery"


async def register(client: httpx.AsyncClient, email: str = "ann@example.com", **extra: str) -> httpx.Response:
    body = {"email": email, "password": PASSWORD, "full_name": "Ann Example", **extra}
    return await client.post("/auth/register", json=body)


async def test_register_returns_the_user_without_the_hash(client: httpx.AsyncClient) -> None:
    response = await register(client, "Ann@Example.COM")
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "ann@example.com"
    assert body["full_name"] == "Ann Example"
    assert "password" not in json.dumps(body)


async def test_taken_email_is_409_case_insensitively(client: httpx.AsyncClient) -> None:
    assert (await register(client, "ann@example.com")).status_code == 201
    assert_error(await register(client, "ANN@example.com"), 409, "email_taken")


@pytest.mark.parametrize("password", ["short", "x" * 129])
async def test_password_length_is_8_to_128(client: httpx.AsyncClient, password: str) -> None:
    response = await client.post(
        "/auth/register", json={"email": "a@example.com", "password": password, "full_name": "A"}
    )
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["field"] == "password"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password", "most common breached passwords"),
        ("12345678", "most common breached passwords"),
        (" " * 8, "only spaces"),
        ("ann@example.com", "your email address"),
    ],
)
async def test_a_weak_password_is_422_weak_password_and_nothing_is_stored(
    client: httpx.AsyncClient, password: str, reason: str
) -> None:
    error = assert_error(await register(client, password=password), 422, "weak_password")
    assert reason in error["message"]
    assert error["details"][0]["field"] == "password"
    assert reason in error["details"][0]["message"]
    assert (await register(client)).status_code == 201


async def test_register_rejects_unknown_fields_and_bad_email(client: httpx.AsyncClient) -> None:
    assert_error(await register(client, admin="yes"), 422)
    assert_error(await register(client, "not-an-email"), 422)


async def test_login_with_json_and_with_oauth2_form(client: httpx.AsyncClient) -> None:
    await register(client)
    by_json = await client.post("/auth/login", json={"email": "ANN@example.com", "password": PASSWORD})
    assert by_json.status_code == 200
    assert by_json.json()["token_type"] == "bearer"
    assert by_json.json()["expires_in"] == 24 * 3600
    by_form = await client.post("/auth/login", data={"username": "ann@example.com", "password": PASSWORD})
    assert by_form.status_code == 200
    me = await client.get("/auth/me", headers={"Authorization": f"Bearer {by_form.json()['access_token']}"})
    assert me.json()["email"] == "ann@example.com"


async def test_unknown_email_and_wrong_password_look_the_same(client: httpx.AsyncClient) -> None:
    await register(client)

    async def timed(email: str) -> tuple[httpx.Response, float]:
        started = time.perf_counter()
        response = await client.post("/auth/login", json={"email": email, "password": "nope-nope"})
        return response, time.perf_counter() - started

    # The fastest of three each: one slow run on a busy machine says nothing about the code.
    wrong = [await timed("ann@example.com") for _ in range(3)]
    unknown = [await timed("who@example.com") for _ in range(3)]
    assert wrong[0][0].json() == unknown[0][0].json()
    assert_error(wrong[0][0], 401, "invalid_credentials")
    assert_error(unknown[0][0], 401, "invalid_credentials")
    wrong_time, unknown_time = min(t for _, t in wrong), min(t for _, t in unknown)
    # Both verify an Argon2 hash; neither answers in a fraction of the other's time.
    assert min(wrong_time, unknown_time) > 0.25 * max(wrong_time, unknown_time)


async def test_repeated_failed_logins_are_limited(client: httpx.AsyncClient) -> None:
    await register(client)
    for _ in range(5):
        bad = await client.post("/auth/login", json={"email": "ann@example.com", "password": "wrong-pass"})
        assert bad.status_code == 401
    limited = await client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert_error(limited, 429, "too_many_login_attempts")
    assert int(limited.headers["Retry-After"]) > 0
    # Another email is not affected.
    await register(client, "other@example.com")
    ok = await client.post("/auth/login", json={"email": "other@example.com", "password": PASSWORD})
    assert ok.status_code == 200


async def test_login_body_errors_use_the_envelope(client: httpx.AsyncClient) -> None:
    assert_error(
        await client.post("/auth/login", content=b"{not json", headers={"content-type": "application/json"}),
        422,
    )
    assert_error(await client.post("/auth/login", json={"email": "a@example.com"}), 422)
    assert_error(await client.post("/auth/login", content=b"x", headers={"content-type": "text/plain"}), 415)


def _claims_of(client: httpx.AsyncClient) -> dict[str, object]:
    """The claims of the token a test client sends (read, not verified)."""
    token = client.headers["Authorization"].removeprefix("Bearer ")
    claims: dict[str, object] = jwt.decode(token, options={"verify_signature": False})
    return claims


def _token(claims: dict[str, object], **overrides: object) -> str:
    now = datetime.now(UTC)
    claims = {**claims, "iat": now, "exp": now + timedelta(hours=1)}
    key = str(overrides.pop("key", TEST_SECRET))
    algorithm = str(overrides.pop("algorithm", "HS256"))
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, key, algorithm=algorithm)


def _alg_none_token(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    exp = int(time.time()) + 3600
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({**claims, 'iat': int(time.time()), 'exp': exp})}."


def _tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "2"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


BAD_TOKENS: dict[str, Callable[[dict[str, object]], str]] = {
    "expired": lambda c: _token(c, exp=datetime.now(UTC) - timedelta(seconds=5)),
    "wrong_audience": lambda c: _token(c, aud="someone-else"),
    "wrong_issuer": lambda c: _token(c, iss="someone-else"),
    "alg_none": _alg_none_token,
    "other_algorithm": lambda c: _token(c, algorithm="HS512"),
    "wrong_key": lambda c: _token(c, key="another-secret-that-is-long-enough-0123456789-0123456789-abcdefgh"),
    "tampered": lambda c: _tampered(_token(c)),
    "no_exp": lambda c: _token(c, exp=None),
    "no_sub": lambda c: _token(c, sub=None),
    "unknown_user": lambda c: _token(c, sub="999999"),
    "huge_subject": lambda c: _token(c, sub="1" + "0" * 26),
    "non_ascii_digits": lambda c: _token(c, sub="١"),
    "no_token_key": lambda c: _token({k: v for k, v in c.items() if k != "key"}),
    "another_token_key": lambda c: _token({**c, "key": "0" * 32}),
    "garbage": lambda c: "not.a.token",
}


@pytest.mark.parametrize("case", sorted(BAD_TOKENS))
async def test_bad_tokens_are_401_with_www_authenticate(user_a: httpx.AsyncClient, case: str) -> None:
    assert (await user_a.get("/auth/me")).status_code == 200
    token = BAD_TOKENS[case](_claims_of(user_a))
    response = await user_a.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_a_token_minted_with_our_secret_and_the_accounts_claims_is_accepted(
    user_a: httpx.AsyncClient,
) -> None:
    # The control for the cases above: each differs from this one in one way only.
    good = _token(_claims_of(user_a))
    assert (await user_a.get("/auth/me", headers={"Authorization": f"Bearer {good}"})).status_code == 200


async def test_api_routes_need_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/jobs")
    assert_error(response, 401, "not_authenticated")
    assert response.headers["WWW-Authenticate"] == "Bearer"
    not_bearer = await client.get("/api/v1/jobs", headers={"Authorization": "Basic YTpi"})
    assert_error(not_bearer, 401)


async def test_tokens_survive_a_restart_with_the_generated_secret(tmp_path: object) -> None:
    from pathlib import Path

    from jobwise.config import resolve_jwt_secret
    from tests.conftest import make_settings

    data_dir = Path(str(tmp_path)) / "fresh"
    settings = make_settings(data_dir, JWT_SECRET_KEY="")
    first = resolve_jwt_secret(settings)
    assert resolve_jwt_secret(settings) == first
    assert len(first) >= 32
    assert (data_dir / "jwt_secret").stat().st_mode & 0o777 == 0o600


def test_a_short_secret_refuses_to_start(tmp_path: object) -> None:
    from pathlib import Path

    from jobwise.config import ConfigurationError
    from jobwise.main import create_app
    from tests.conftest import make_settings

    with pytest.raises(ConfigurationError, match="32 bytes"):
        create_app(make_settings(Path(str(tmp_path)), JWT_SECRET_KEY="too-short"))


async def test_many_users_can_register_concurrently(client: httpx.AsyncClient) -> None:
    import asyncio

    responses = await asyncio.gather(*(register(client, f"c{i}@example.com") for i in range(6)))
    assert [r.status_code for r in responses] == [201] * 6


async def test_test_users_can_log_in_with_the_default_password(user_a: httpx.AsyncClient) -> None:
    from tests.conftest import DEFAULT_PASSWORD

    response = await user_a.post(
        "/auth/login", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
