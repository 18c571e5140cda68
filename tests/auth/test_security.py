"""Access tokens: a token verified once is remembered by its exact text (verifying costs more than
the rest of a cached read), and what a remembered token still decides, its expiry, is checked at
every use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jobwise.auth import security
from jobwise.auth.security import InvalidToken, TokenClaims, TokenCodec


def codec(secret: str = "s" * 64) -> TokenCodec:
    return TokenCodec(secret, "HS256", timedelta(hours=1), "jobwise", "jobwise-api")


def test_a_remembered_token_is_refused_once_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = codec()
    token = tokens.issue(7, "key-7")
    assert tokens.claims(token) == TokenClaims(user_id=7, key="key-7")
    issued = datetime.now(UTC).timestamp()
    monkeypatch.setattr(security, "_now", lambda: issued + 3600 + 1)
    with pytest.raises(InvalidToken, match="expired"):
        tokens.claims(token)


def test_a_token_altered_after_its_original_verified_is_refused() -> None:
    tokens = codec()
    token = tokens.issue(7, "key-7")
    tokens.claims(token)
    head, payload, signature = token.split(".")
    forged = ".".join((head, payload, ("A" if signature[0] != "A" else "B") + signature[1:]))
    with pytest.raises(InvalidToken):
        tokens.claims(forged)


def test_a_token_verified_under_one_secret_means_nothing_under_another() -> None:
    ours, theirs = codec("s" * 64), codec("t" * 64)
    token = theirs.issue(7, "key-7")
    theirs.claims(token)
    with pytest.raises(InvalidToken):
        ours.claims(token)


def test_a_refused_token_is_refused_again() -> None:
    tokens = codec()
    with pytest.raises(InvalidToken):
        tokens.claims("not.a.token")
    with pytest.raises(InvalidToken):
        tokens.claims("not.a.token")
