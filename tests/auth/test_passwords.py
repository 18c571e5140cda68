"""The password rule (NIST SP 800-63B): 8 to 128 characters, not a common breached password, not
the email or its name part, not only whitespace, and no composition rules."""

from __future__ import annotations

import pytest

from jobwise.auth.passwords import WeakPassword, check_password, common_passwords, password_problem
from jobwise.demo.journey import ACCOUNT as DEMO_ACCOUNT
from tests.conftest import DEFAULT_PASSWORD

EMAIL = "ann.lee@example.com"
COMMON = "this password is among the most common breached passwords, so it is tried first by attackers"


@pytest.mark.parametrize(
    "password", ["password", "12345678", "PASSWORD", "Password1", "iloveyou1", "qwertyuiop"]
)
def test_common_breached_passwords_are_refused_in_any_case(password: str) -> None:
    assert password_problem(password, EMAIL) == COMMON


@pytest.mark.parametrize("password", [" " * 8, "\t" * 8, " \n \t \r\n  ", "\u3000" * 8])
def test_only_whitespace_is_refused(password: str) -> None:
    assert password_problem(password, EMAIL) == "a password cannot be only spaces or other whitespace"


@pytest.mark.parametrize("password", [EMAIL, "ANN.LEE@EXAMPLE.COM", "my ann.lee@example.com 2024"])
def test_the_email_itself_or_inside_is_refused(password: str) -> None:
    assert password_problem(password, EMAIL) == "a password cannot contain your email address"


@pytest.mark.parametrize("password", ["ann.lee", "ann.lee-forever", "Forever ANN.LEE!"])
def test_the_name_part_of_the_email_is_refused_from_four_characters(password: str) -> None:
    problem = password_problem(password.ljust(8, "x"), EMAIL)
    assert problem == "a password cannot contain the part of your email address before the @"


def test_a_name_part_under_four_characters_may_appear_by_chance() -> None:
    assert password_problem("bob the builder rides", "bob@example.com") is None


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("seven77", "a password needs at least 8 characters"),
        ("x" * 129, "a password can have at most 128 characters"),
    ],
)
def test_length_is_8_to_128(password: str, problem: str) -> None:
    assert password_problem(password, EMAIL) == problem


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",
        "tilted-lamp-orbits-quietly",
        "aaaaaaaaaaaaaaaaaaaaaaaa",  # no composition rules: length and the list are the whole rule
        "x" * 128,
        "pässwörd-überall",
    ],
)
def test_a_password_that_breaks_no_rule_is_accepted(password: str) -> None:
    assert password_problem(password, EMAIL) is None
    check_password(password, EMAIL)  # does not raise


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("alice@example.com", DEFAULT_PASSWORD),  # tests/conftest.py, and the literal accounts below
        ("cli@example.com", "correct horse battery"),
        ("crash@example.com", "correct horse battery"),
        ("fuzz@example.com", "correct horse battery"),
        ("bench@example.com", "local throwaway, never reused"),  # bench/_servers.py PASSWORD
        ("journey1@example.com", "local throwaway, never reused"),
        (DEMO_ACCOUNT["email"], DEMO_ACCOUNT["password"]),
    ],
)
def test_the_passwords_of_tests_benchmarks_and_the_demo_still_pass(email: str, password: str) -> None:
    assert password_problem(password, email) is None


def test_without_an_email_only_the_password_itself_is_judged() -> None:
    assert password_problem("ann.lee@example.com") is None
    assert password_problem("password") is not None


def test_check_password_raises_a_422_naming_the_field_and_the_reason() -> None:
    with pytest.raises(WeakPassword) as raised:
        check_password("password", EMAIL)
    error = raised.value
    assert (error.status_code, error.code) == (422, "weak_password")
    assert "most common breached passwords" in error.message
    assert error.details == [
        {
            "field": "password",
            "message": COMMON,
            "type": "weak_password",
        }
    ]


def test_the_shipped_list_is_long_case_folded_and_has_no_comment_or_short_entry() -> None:
    entries = common_passwords()
    assert len(entries) > 3000
    assert {"password", "12345678", "iloveyou1", "password123"} <= entries
    assert all(len(entry) >= 8 and entry == entry.casefold() for entry in entries)
    assert not any(entry.startswith("#") for entry in entries)
