"""Dates as résumés write them: the precision they have, never more; "now" in six languages."""

from __future__ import annotations

import pytest

from jobwise.importing.dates import find_dates


def period(text: str) -> tuple[str | None, str | None]:
    spans = find_dates(text)
    assert spans, text
    return spans[0].start, spans[0].end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aug 2012 – Dec 2013", ("2012-08", "2013-12")),
        ("2004–2006", ("2004", "2006")),
        ("2017-2019", ("2017", "2019")),
        ("12/2020-06/2022", ("2020-12", "2022-06")),
        ("2019-05 to 2020-01", ("2019-05", "2020-01")),
        ("Sep. 2023 Mar. 2024", ("2023-09", "2024-03")),  # the dash drawn, not written
        ("15 janvier 2020 – 3 mars 2021", ("2020-01", "2021-03")),
    ],
)
def test_a_period_keeps_the_precision_it_is_written_with(text: str, expected: tuple[str, str]) -> None:
    assert period(text) == expected


def test_a_missing_month_is_never_invented() -> None:
    assert period("2019") == ("2019", "2019")
    assert period("Summer 2012 and 2013") == ("2012", "2013")  # a season is not a month


def test_a_year_written_once_belongs_to_both_ends() -> None:
    assert period("June - August 2017") == ("2017-06", "2017-08")


@pytest.mark.parametrize(
    "text",
    [
        "Oct 2016 – Present",
        "Jan 2020 - current",
        "Sept. 2019 – Pågående",  # Swedish
        "mars 2020 - nu",
        "Jan 2020 - atual",  # Portuguese
        "janvier 2020 – aujourd’hui",  # French
        "Juni 2019 bis heute",  # German
        "01/10/2018–andauernd",  # German: lasting, under way
        "enero 2020 - actualidad",  # Spanish
        "2024 – En curso",  # Spanish: a course under way
        "2021 – in corso",  # Italian
        "since 07/2022",
        "2024 –",
        "Sep. 2024 ~",  # an open range drawn with a tilde
        "January, 2024 – Continue",
    ],
)
def test_the_words_for_now_end_a_period_in_the_present(text: str) -> None:
    assert period(text)[1] == "present"


def test_a_month_misspelt_by_one_letter_is_still_read() -> None:
    assert period("AprilL – JINE 2017") == ("2017-04", "2017-06")


@pytest.mark.parametrize(
    "text", ["52 out of 2500 applicants", "+1-123-456-7890", "Cut costs by $2019", "ISO 27001"]
)
def test_numbers_that_are_not_dates_are_not_read_as_dates(text: str) -> None:
    assert find_dates(text) == []


def test_russian_months_nominative_and_genitive() -> None:
    assert period("Июнь 2024 - Август 2024") == ("2024-06", "2024-08")
    assert period("с января 2021 по настоящее время") == ("2021-01", "present")


def test_months_with_apostrophed_years_are_read_as_a_range_only() -> None:
    # "May '19 – Aug '19" (American résumés): the dash says both ends are dates; "Aug '12" alone
    # is not read, a two-digit year being guesswork without it.
    assert period("Jan '19 – Mar '21") == ("2019-01", "2021-03")
    assert period("May ’19 - Present") == ("2019-05", "present")
    assert find_dates("Aug '12") == []


def test_a_month_name_at_the_end_of_another_word_is_no_month() -> None:
    # "Chicago, 2020" ends in "ago" (agosto), "Layout 2019" in "out" (outubro): a year only.
    assert period("University of Illinois at Chicago, 2020") == ("2020", "2020")
    assert period("Layout 2019") == ("2019", "2019")
    assert period("Jan2019 - Mar2020") == ("2019-01", "2020-03")


def test_periods_listed_one_after_another_span_from_the_first_to_the_last() -> None:
    # "Summer 2014, 2015": two summers, from the first's start to the last's end.
    assert [(s.start, s.end) for s in find_dates("Summer 2014, 2015 | Lexington, MA")] == [("2014", "2015")]
    # Each end keeps the precision written for it: "2022" gets no month of 2021's.
    assert [(s.start, s.end) for s in find_dates("June – August 2021 and 2022")] == [("2021-06", "2022")]
    # Not when they go back in time, nor after an open end.
    assert len(find_dates("2019, 2018")) == 2
    assert len(find_dates("Jan 2019 - Present, 2020")) == 2


def test_the_word_for_now_misspelt_by_one_letter_after_a_dash_is_still_now() -> None:
    spans = find_dates("2019 – Preset: full-time translator")
    assert [(s.start, s.end) for s in spans] == [("2019", "present")]
    assert [(s.start, s.end) for s in find_dates("2020 - Curent")] == [("2020", "present")]
    # A word two letters off stays a word ("Parent company").
    assert [(s.start, s.end) for s in find_dates("Jan 2019 - Parent company")] == [("2019-01", "2019-01")]


def test_german_seit_is_since_not_a_misspelt_september() -> None:
    assert period("seit 2019") == ("2019", "present")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mar/2019 – atual", ("2019-03", "present")),
        ("set/2019 – jun/2021", ("2019-09", "2021-06")),
        ("Mar/2019 - Jun/2021", ("2019-03", "2021-06")),
    ],
)
def test_a_month_name_and_its_year_parted_by_a_slash(text: str, expected: tuple[str, str]) -> None:
    assert period(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019/2020", ("2019", "2020")),
        ("Laurea 2016/17, Università di Bologna", ("2016", "2017")),
        ("2018/2019 – 2020/2021", ("2018", "2021")),
        ("2010/11 – 2012/03", ("2010-11", "2012-03")),
    ],
)
def test_an_academic_year_is_its_two_years_and_the_ends_of_a_range_of_them(
    text: str, expected: tuple[str, str]
) -> None:
    assert period(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("febrero 2018 – actualmente", ("2018-02", "present")),
        ("2018 – по настоящее время", ("2018", "present")),
        ("с 2018 года", ("2018", "present")),
    ],
)
def test_now_and_since_in_spanish_and_russian(text: str, expected: tuple[str, str]) -> None:
    assert period(text) == expected


@pytest.mark.parametrize("text", ["2019年9月 - 2021年6月", "2019年9月～2021年6月"])
def test_chinese_and_japanese_year_and_month_marks(text: str) -> None:
    assert period(text) == ("2019-09", "2021-06")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aug 2021 – Expected May 2025", ("2021-08", "2025-05")),
        ("2020 - Expected 2024", ("2020", "2024")),
        ("ott 2019 – giu 2020", ("2019-10", "2020-06")),
        ("gennaio 2018 – dicembre 2019", ("2018-01", "2019-12")),
        ("2019 onwards", ("2019", "present")),
    ],
)
def test_a_planned_end_after_the_dash_italian_months_and_onwards(
    text: str, expected: tuple[str, str]
) -> None:
    assert period(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015 – 19", ("2015", "2019")),
        ("2015 – 19, Berlin", ("2015", "2019")),
        ("1998 – 02", ("1998", "2002")),
    ],
)
def test_an_end_year_written_without_its_century(text: str, expected: tuple[str, str]) -> None:
    assert period(text) == expected


def test_a_share_after_a_year_is_no_end_year() -> None:
    assert period("2019 - 20%") == ("2019", "2019")
