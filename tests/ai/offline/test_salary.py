"""Salaries as postings write them, in the currency of the posting's country."""

from __future__ import annotations

import pytest

from jobwise.ai.offline.salary import find_salary


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("$94,600.00 - $176,000.00", "CA", (94_600, 176_000, "CAD", "year")),
        ("CAD$175,000 per year - CAD$194,000 per year", None, (175_000, 194_000, "CAD", "year")),
        ("Earn up to $40/hour", "CA", (None, 40, "CAD", "hour")),
        ("Pay: 13,192.39 - 62,082.66 per month", "IN", (13_192.39, 62_082.66, "INR", "month")),
        ("Salary: ₹12,50,000 per annum", None, (1_250_000, 1_250_000, "INR", "year")),
        ("CTC: 8-12 LPA", None, (800_000, 1_200_000, "INR", "year")),
        ("5.5 lakh per annum", None, (550_000, 550_000, "INR", "year")),
        ("Salary: £9.21ph - £16.85ph", None, (9.21, 16.85, "GBP", "hour")),
        ("Salary: £10.64 - £19.69", None, (10.64, 19.69, "GBP", "hour")),
        ("$90 to $120k", None, (90_000, 120_000, "USD", "year")),
        ("$50-120k", None, (50_000, 120_000, "USD", "year")),
        ("Salary: From ₹5,000.00 per month", None, (5_000, None, "INR", "month")),
        ("UP TO £65,000", None, (None, 65_000, "GBP", "year")),
        ("3-5.5 Lacs P.A.", None, (300_000, 550_000, "INR", "year")),
        ("INR 10L - 14L", None, (1_000_000, 1_400_000, "INR", "year")),
        ("CTC up to 25L", None, (None, 2_500_000, "INR", "year")),
        ("CTC: 4,20,000 per annum", None, (420_000, 420_000, "INR", "year")),
        ("Salary $90-120k", "CA", (90_000, 120_000, "CAD", "year")),
        ("Salary: £25- £30 per hour", None, (25, 30, "GBP", "hour")),
        ("Salary: £20 p/h", None, (20, 20, "GBP", "hour")),
        ("CHF 120’000 – 140’000 per year", None, (120_000, 140_000, "CHF", "year")),
        # A justified paragraph: runs of spaces between the words.
        ("in the order of  70'000  CHF a  year (~ $42'000)", None, (70_000, 70_000, "CHF", "year")),
    ],
)
def test_salary_forms(
    text: str, country: str | None, expected: tuple[float | None, float | None, str, str]
) -> None:
    found = find_salary(text, country=country)
    assert found is not None
    salary = found.salary
    assert (salary.min, salary.max, salary.currency, salary.period) == pytest.approx(expected)


def test_base_pay_wins_over_on_target_earnings() -> None:
    found = find_salary("OTE $200k with uncapped commission. Base salary: $90,000 - $110,000")
    assert found is not None and (found.salary.min, found.salary.max) == (90_000, 110_000)


def test_a_us_dollar_stays_usd_in_a_us_posting() -> None:
    found = find_salary("$120,000 - $150,000", country="US")
    assert found is not None and found.salary.currency == "USD"


def test_a_capital_l_after_a_number_is_lakhs_only_where_money_is_meant() -> None:
    assert find_salary("Volume 5L bottles") is None


@pytest.mark.parametrize(
    "text",
    [
        "projected to deliver an incremental $160MM+ annual run-rate by FY28",
        "We raised $2.5 billion last year",
        "a run-rate target for FY28",
    ],
)
def test_millions_and_labels_such_as_fy28_are_not_pay(text: str) -> None:
    assert find_salary(text, country="CA") is None


def test_a_pay_lines_bare_amount_is_in_the_currency_of_the_postings_country() -> None:
    found = find_salary("Salary: 15,600\nLocation: High Wycombe", country="GB")
    assert found is not None and found.salary.currency == "GBP"


def test_a_bare_amount_keeps_no_currency_where_the_country_is_unknown() -> None:
    found = find_salary("Salary: 15,600")
    assert found is not None and found.salary.currency is None
