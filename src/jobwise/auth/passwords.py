"""The password rule, after NIST SP 800-63B (5.1.1.2): length and a blocklist, no composition rules.

One rule for every place a person chooses a password (registration, and any later change), so
each calls `check_password` (or `password_problem`) rather than restating it. Composition rules
(a digit, a capital, a symbol) are left out on purpose: NIST finds they push people to
predictable patterns such as "Password1!" without making passwords harder to guess.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from jobwise.auth.schemas import PASSWORD_MAX, PASSWORD_MIN
from jobwise.errors import InvalidInput

COMMON_PASSWORDS_FILE = "common_passwords.txt"
# Shorter local parts ("ann", "bo") are too likely to occur by chance in a good passphrase.
MIN_LOCAL_PART = 4


class WeakPassword(InvalidInput):
    code = "weak_password"


@cache
def common_passwords() -> frozenset[str]:
    """The shipped breach list, case-folded. Blocking (a file read): warm_up loads it at start."""
    text = resources.files("jobwise.auth").joinpath(COMMON_PASSWORDS_FILE).read_text(encoding="utf-8")
    return frozenset(line.casefold() for line in text.splitlines() if line and not line.startswith("#"))


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why `password` may not be chosen by the owner of `email`, in words; None when it may."""
    if len(password) < PASSWORD_MIN:
        return f"a password needs at least {PASSWORD_MIN} characters"
    if len(password) > PASSWORD_MAX:
        return f"a password can have at most {PASSWORD_MAX} characters"
    if password.isspace():
        return "a password cannot be only spaces or other whitespace"
    folded = password.casefold()
    if folded in common_passwords():
        return "this password is among the most common breached passwords, so it is tried first by attackers"
    if email:
        address = email.strip().casefold()
        if address in folded:
            return "a password cannot contain your email address"
        local = address.rpartition("@")[0]
        if len(local) >= MIN_LOCAL_PART and local in folded:
            return "a password cannot contain the part of your email address before the @"
    return None


def check_password(password: str, email: str | None = None) -> None:
    """Raise WeakPassword (422, field `password`) when `password_problem` finds one."""
    problem = password_problem(password, email)
    if problem is not None:
        raise WeakPassword(
            f"Choose another password: {problem}",
            details=[{"field": "password", "message": problem, "type": "weak_password"}],
        )
