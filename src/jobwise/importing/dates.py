"""Dates as a résumé writes them, read with the precision they have and never more.

"2019" stays a year, "Aug 2012" is 2012-08, "Summer 2012" is 2012 (a season is not a month),
and "Present", "Current", "Pågående", "bis heute", "since 07/2022" or an open "2024 –" end in
"present". A range that writes its year once ("June – August 2017") gives the year to both ends;
a missing month is never invented. Month and season names and the words for "now" are known in
English, Swedish, Portuguese, French, German and Spanish (months in Italian and Russian too).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

PRESENT: Final = "present"

_MONTH_NAMES: Final[dict[int, tuple[str, ...]]] = {
    1: (
        "january",
        "jan",
        "januari",
        "janeiro",
        "janvier",
        "janv",
        "januar",
        "jänner",
        "enero",
        "ene",
        "gennaio",
        "gen",
    ),
    2: (
        "february",
        "feb",
        "februari",
        "fevereiro",
        "fev",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "februar",
        "febrero",
        "febbraio",
    ),
    3: ("march", "mar", "mars", "março", "marco", "märz", "maerz", "marzo", "mrz", "mär"),
    4: ("april", "apr", "abril", "abr", "avril", "avr", "aprile"),
    5: ("may", "maj", "maio", "mai", "mayo", "maggio", "mag"),
    6: ("june", "jun", "juni", "junho", "juin", "junio", "giugno", "giu"),
    7: ("july", "jul", "juli", "julho", "juillet", "juil", "julio", "luglio", "lug"),
    8: ("august", "aug", "augusti", "agosto", "ago", "août", "aout"),
    9: ("september", "sep", "sept", "setembro", "set", "septembre", "septiembre", "setiembre", "settembre"),
    10: ("october", "oct", "oktober", "okt", "outubro", "out", "octobre", "octubre", "ottobre", "ott"),
    11: ("november", "nov", "novembro", "novembre", "noviembre"),
    12: (
        "december",
        "dec",
        "dezembro",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "dezember",
        "diciembre",
        "dic",
        "dicembre",
    ),
}
# Russian, nominative and genitive ("Июнь 2024", "с июня 2024").
_RUSSIAN_MONTHS: Final[dict[int, tuple[str, ...]]] = {
    1: ("январь", "января", "янв"),
    2: ("февраль", "февраля", "фев"),
    3: ("март", "марта", "мар"),
    4: ("апрель", "апреля", "апр"),
    5: ("май", "мая"),
    6: ("июнь", "июня", "июн"),
    7: ("июль", "июля", "июл"),
    8: ("август", "августа", "авг"),
    9: ("сентябрь", "сентября", "сен", "сент"),
    10: ("октябрь", "октября", "окт"),
    11: ("ноябрь", "ноября", "ноя"),
    12: ("декабрь", "декабря", "дек"),
}
MONTHS: Final[dict[str, int]] = {
    name: number
    for table in (_MONTH_NAMES, _RUSSIAN_MONTHS)
    for number, names in table.items()
    for name in names
}
SEASONS: Final = (
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "vår",
    "vt",
    "ht",
    "sommar",
    "höst",
    "vinter",
    "primavera",
    "verão",
    "весна",
    "лето",
    "осень",
    "зима",
    "verao",
    "outono",
    "inverno",
    "printemps",
    "été",
    "ete",
    "automne",
    "hiver",
    "frühling",
    "frühjahr",
    "sommer",
    "herbst",
    "verano",
    "otoño",
    "invierno",
)
PRESENT_WORDS: Final = (
    "present",
    "настоящее время",
    "н.в.",
    "current",
    "currently",
    "now",
    "today",
    "ongoing",
    "continue",
    "continuing",
    "to date",
    "till date",
    "nu",
    "pågående",
    "idag",
    "i dag",
    "hittills",
    "tills vidare",
    "atual",
    "atualmente",
    "presente",
    "o momento",
    "hoje",
    "em andamento",
    "em curso",
    "en curso",
    "cursando",
    "in corso",
    "aujourd'hui",
    "aujourd’hui",
    "présent",
    "actuel",
    "actuellement",
    "en cours",
    "à ce jour",
    "heute",
    "aktuell",
    "derzeit",
    "laufend",
    "andauernd",
    "fortlaufend",
    "jetzt",
    "dato",
    "actualidad",
    "actual",
    "la fecha",
    "hoy",
    "actualmente",
)
SINCE_WORDS: Final = ("since", "sedan", "från", "desde", "depuis", "seit", "ab", "с")
EXPECTED_WORDS: Final = (
    "expected",
    "anticipated",
    "previsão",
    "prevista",
    "previsto",
    "prévu",
    "prévue",
    "voraussichtlich",
    "prevista",
    "beräknad",
    "planned",
)


def _alternation(words: object) -> str:
    items = sorted({str(word) for word in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(item) for item in items)


_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH_WORD = rf"(?:{_alternation(MONTHS)})\.?"
_SEASON_WORD = rf"(?:{_alternation(SEASONS)})"
_PRESENT_WORD = rf"(?:{_alternation(PRESENT_WORDS)})"
# A month or season word starts a word: "Chicago, 2020" is no August ("ago"), "Layout 2019" no
# October ("out").
# One date: "Aug 2012", "August, 2012", "Aug '12" alone is not read (a two-digit year is guesswork),
# "08/2012", "2012-08", "2012.08", "Summer 2012", "2012", and a day before or inside is allowed.
_ATOM = re.compile(
    rf"""
    (?P<month_year>(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+)?(?<![^\W\d_])(?P<m1>{_MONTH_WORD})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s*(?:de\s+|del\s+|/\s*)?(?P<y1>{_YEAR})\b)
    |(?P<numeric>\b(?:\d{{1,2}}[./-])?(?P<m2>0?[1-9]|1[0-2])\s?[./-]\s?(?P<y2>{_YEAR})\b)
    |(?P<iso>\b(?P<y3>{_YEAR})[-/.](?P<m3>0[1-9]|1[0-2])(?:[-/.]\d{{1,2}})?\b)
    |(?P<cjk>(?<!\d)(?P<y7>{_YEAR})\s*年\s*(?P<m7>1[0-2]|0?[1-9])\s*月)
    |(?P<season>(?<![^\W\d_])(?P<s>{_SEASON_WORD})\.?\s*(?P<y4>{_YEAR})\b)
    |(?P<month>(?<![\w@])(?P<m5>{_MONTH_WORD})(?![\w@]))
    |(?P<year>(?<![\d$€£.,/+#])(?P<y6>{_YEAR})(?![\d%+]|\.\d|,\d))
    |(?P<present>(?<![\w])(?P<p>{_PRESENT_WORD})(?![\w]))
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SEPARATOR = re.compile(
    r"^\s*(?:[-–—‒―~～〜>→]+|to|till|until|through|thru|bis|à|au|a|até|hasta|al|по|-\s*>"
    # "2018 – по настоящее время": a dash and the word for "until" both written.
    r"|[-–—]\s*(?:по|до|to|until|bis|hasta|até)"
    # "Aug 2021 – Expected May 2025": the end is a planned one.
    r"|[-–—]\s*(?:expected|anticipated|planned|voraussichtlich|prévu|prévue|previsão|previsto|prevista)\s*:?)"
    r"\s*$",
    re.IGNORECASE,
)
_CONJUNCTION = re.compile(r"^\s*(?:and|&|och|e|et|und|y)\s*$", re.IGNORECASE)
_OPEN_END = re.compile(r"^\s*(?:[-–—~]\s*(?:$|[|,;)\]])|onwards?\b)", re.IGNORECASE)

Precision = Literal["year", "month"]


@dataclass(frozen=True)
class Atom:
    kind: Literal["date", "month", "present"]
    year: int | None
    month: int | None
    start: int  # character offsets in the text
    end: int

    @property
    def value(self) -> str | None:
        if self.kind == "present":
            return PRESENT
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


@dataclass(frozen=True)
class DateSpan:
    """A period (or one date) found in a line: its values and where it was written."""

    start: str | None  # "YYYY" or "YYYY-MM"
    end: str | None  # "YYYY", "YYYY-MM", "present", or None when not written
    begin: int  # offsets of the whole span in the text
    finish: int
    expected: bool = False  # "Expected May 2024": a planned end
    # Both ends written, even when they are one date ("2022 - 2022"): a period, not one date.
    two_ends: bool = False

    @property
    def is_range(self) -> bool:
        return self.start is not None and self.end is not None and self.start != self.end


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_FULL_MONTHS: Final = {name: number for name, number in MONTHS.items() if len(name) >= 4}
_LETTERS = re.compile(r"(?<![\w@])([^\W\d_]{4,10})(?![\w@])")


def _misspelt_months(text: str, taken: list[Atom]) -> list[Atom]:
    """'AprilL – JINE 2017': a month name with one letter wrong, next to a date or a dash."""
    from rapidfuzz.distance import Levenshtein

    found = []
    for match in _LETTERS.finditer(text):
        word = match.group(1).lower()
        if word in MONTHS or any(a.start <= match.start() < a.end for a in taken):
            continue
        if word in SINCE_WORDS:
            continue  # "seit 2019": German "since", one letter from "sept"
        near = text[max(0, match.start() - 4) : match.end() + 8]
        if not re.search(r"[-–—]|\d{4}", near.replace(match.group(1), "")):
            continue
        close = [
            n for name, n in _FULL_MONTHS.items() if Levenshtein.distance(word, name, score_cutoff=1) <= 1
        ]
        if len(set(close)) != 1:
            continue
        year = re.match(rf"\s*,?\s*({_YEAR})\b", text[match.end() :])
        if year:
            end = match.end() + year.end()
            found.append(Atom("date", int(year.group(1)), close[0], match.start(), end))
        else:
            found.append(Atom("month", None, close[0], match.start(), match.end()))
    return found


# "04/19 - 08/10": two-digit years, read only as a pair of month/year dates around a dash.
_SHORT_RANGE = re.compile(r"(?<![\d/.])(0?[1-9]|1[0-2])/(\d{2})\s*[-–—]\s*(0?[1-9]|1[0-2])/(\d{2})(?![\d/])")
_CENTURY_PIVOT = 40  # 00-39 are 2000s, 40-99 the 1900s


def _short_year(value: str) -> int:
    year = int(value)
    return 2000 + year if year < _CENTURY_PIVOT else 1900 + year


# "May '19 – Aug '19", "Jan ’20 – Present": a month with an apostrophed year, read only in a range
# (like the numeric pair above), where the dash says both ends are dates.
_APOSTROPHE_YEAR = rf"(?P<{{m}}>{_MONTH_WORD})\s*['’‘](?P<{{y}}>\d{{{{2}}}})(?!\d)"
_NAMED_SHORT_RANGE = re.compile(
    _APOSTROPHE_YEAR.format(m="ma", y="ya")
    + r"\s*[-–—]\s*(?:"
    + _APOSTROPHE_YEAR.format(m="mb", y="yb")
    + rf"|(?P<now>{_PRESENT_WORD})(?![\w]))",
    re.IGNORECASE,
)


def _named_short_range(text: str) -> list[Atom] | None:
    match = _NAMED_SHORT_RANGE.search(text)
    if match is None:
        return None
    first = Atom(
        "date",
        _short_year(match.group("ya")),
        MONTHS[match.group("ma").lower().rstrip(".")],
        match.start(),
        match.end("ya"),
    )
    if match.group("now"):
        second = Atom("present", None, None, match.start("now"), match.end())
    else:
        month = MONTHS[match.group("mb").lower().rstrip(".")]
        second = Atom("date", _short_year(match.group("yb")), month, match.start("mb"), match.end())
    blank = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return sorted([*_atoms(blank), first, second], key=lambda atom: atom.start)


# "2019/2020", "2018/19": an academic year, from the first year to the next.
_ACADEMIC_YEAR = re.compile(rf"(?<![\d/.])(?P<a>{_YEAR})\s?/\s?(?P<b>\d{{4}}|\d{{2}})(?![\d/.])")
_DASH_AFTER = re.compile(r"\s*[-–—]")
_DASH_BEFORE = re.compile(r"[-–—]\s*$")


def _academic_years(text: str) -> list[Atom] | None:
    """An academic year alone is a period of its two years; as one end of a range
    ("2018/2019 – 2020/2021") it is its first year at the start, its last at the end."""
    atoms: list[Atom] = []
    for match in _ACADEMIC_YEAR.finditer(text):
        first = int(match.group("a"))
        second = (
            int(match.group("b"))
            if len(match.group("b")) == 4
            else first // 100 * 100 + int(match.group("b"))
        )
        # "2010/11" could as well be November 2010: a month-like second half is left to that.
        if second != first + 1 or (len(match.group("b")) == 2 and int(match.group("b")) <= 12):
            continue
        if _DASH_AFTER.match(text[match.end() :]):
            atoms.append(Atom("date", first, None, match.start(), match.end()))
        elif _DASH_BEFORE.search(text[: match.start()]):
            atoms.append(Atom("date", second, None, match.start(), match.end()))
        else:
            # Two dates side by side: a range (`_find_dates`).
            atoms.append(Atom("date", first, None, match.start(), match.start("b") - 1))
            atoms.append(Atom("date", second, None, match.start("b") - 1, match.end()))
    if not atoms:
        return None
    blank = text
    for atom in atoms:
        blank = blank[: atom.start] + " " * (atom.end - atom.start) + blank[atom.end :]
    return sorted([*_atoms(blank), *atoms], key=lambda atom: atom.start)


# "2015 – 19": the end's century left out, as the start's.
_SHORT_END = re.compile(
    rf"(?<![\d/.])(?P<a>{_YEAR})(?P<dash>\s*[-–—]\s*)(?P<b>\d{{2}})(?![\d%]|[.,/]\d|\s*%)"
)


def _short_end(text: str) -> list[Atom] | None:
    match = _SHORT_END.search(text)
    if match is None:
        return None
    first = int(match.group("a"))
    second = first // 100 * 100 + int(match.group("b"))
    if second <= first:
        second += 100  # "1998 – 02"
    if not first < second <= first + 15:
        return None
    blank = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    atoms = [
        Atom("date", first, None, match.start(), match.end("a")),
        Atom("date", second, None, match.start("b"), match.end()),
    ]
    return sorted([*_atoms(blank), *atoms], key=lambda atom: atom.start)


def _atoms(text: str) -> list[Atom]:
    academic = _academic_years(text)
    if academic is not None:
        return academic
    short_end = _short_end(text)
    if short_end is not None:
        return short_end
    named = _named_short_range(text)
    if named is not None:
        return named
    short = _SHORT_RANGE.search(text)
    if short:
        first = Atom(
            "date", _short_year(short.group(2)), int(short.group(1)), short.start(), short.start(2) + 2
        )
        second = Atom("date", _short_year(short.group(4)), int(short.group(3)), short.start(3), short.end())
        rest = [
            a
            for a in _atoms(text[: short.start()] + " " * (short.end() - short.start()) + text[short.end() :])
        ]
        return sorted([*rest, first, second], key=lambda atom: atom.start)
    atoms = []
    for match in _ATOM.finditer(text):
        if match.group("month_year"):
            month = MONTHS[match.group("m1").lower().rstrip(".")]
            atoms.append(Atom("date", int(match.group("y1")), month, match.start(), match.end()))
        elif match.group("numeric"):
            atoms.append(
                Atom("date", int(match.group("y2")), int(match.group("m2")), match.start(), match.end())
            )
        elif match.group("iso"):
            atoms.append(
                Atom("date", int(match.group("y3")), int(match.group("m3")), match.start(), match.end())
            )
        elif match.group("cjk"):
            # "2019年9月": year 年, month 月 (Chinese, Japanese).
            atoms.append(
                Atom("date", int(match.group("y7")), int(match.group("m7")), match.start(), match.end())
            )
        elif match.group("season"):
            atoms.append(Atom("date", int(match.group("y4")), None, match.start(), match.end()))
        elif match.group("month"):
            word = match.group("m5").lower().rstrip(".")
            # Short words that are also ordinary words count only next to a range.
            atoms.append(Atom("month", None, MONTHS[word], match.start(), match.end()))
        elif match.group("year"):
            atoms.append(Atom("date", int(match.group("y6")), None, match.start(), match.end()))
        elif match.group("present"):
            atoms.append(Atom("present", None, None, match.start(), match.end()))
    if any(atom.kind == "date" for atom in atoms):
        extra = _misspelt_months(text, atoms)
        if extra:
            # A misspelt month before a year replaces the bare year it was read as.
            atoms = [a for a in atoms if not any(e.start <= a.start < e.end for e in extra)] + extra
            atoms.sort(key=lambda atom: atom.start)
        atoms = sorted([*atoms, *_misspelt_present(text, atoms)], key=lambda atom: atom.start)
    return atoms


def _misspelt_present(text: str, atoms: list[Atom]) -> list[Atom]:
    """'2019 – Preset', '2020 - Curent': the word for now with one letter wrong, after a date and
    a dash (where nothing else can stand)."""
    from rapidfuzz.distance import Levenshtein

    found = []
    for atom in atoms:
        if atom.kind != "date" or any(other.start >= atom.end for other in atoms if other is not atom):
            continue
        match = re.match(r"\s*[-–—]\s*([^\W\d_]{5,8})\b", text[atom.end :])
        if not match:
            continue
        word = match.group(1).lower()
        if any(Levenshtein.distance(word, known, score_cutoff=1) <= 1 for known in ("present", "current")):
            found.append(Atom("present", None, None, atom.end + match.start(1), atom.end + match.end(1)))
    return found


def _word_before(text: str, index: int, words: tuple[str, ...]) -> int | None:
    """The offset of one of `words` right before `index` (spaces and a colon between)."""
    head = text[:index].rstrip(" :\t")
    for word in words:
        if head.lower().endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalnum()):
            return len(head) - len(word)
    return None


def find_dates(text: str) -> list[DateSpan]:
    """Every period or single date in a line, left to right."""
    return list(_find_dates(text))


@lru_cache(maxsize=8192)
def _find_dates(text: str) -> tuple[DateSpan, ...]:
    text = _fold(text)
    atoms = _atoms(text)
    spans: list[DateSpan] = []
    index = 0
    while index < len(atoms):
        first = atoms[index]
        second = atoms[index + 1] if index + 1 < len(atoms) else None
        between = text[first.end : second.start] if second else ""
        # Dates side by side with nothing between are a range whose dash was drawn, not written.
        adjacent = (
            not between.strip() and first.kind == "date" and second is not None and second.kind != "month"
        )
        if (
            second is not None
            and first.kind != "present"
            and second.kind != "month"
            and (
                _SEPARATOR.match(between)
                or (_CONJUNCTION.match(between) and first.kind == "date")
                or adjacent
            )
        ):
            start_year = first.year if first.year is not None else second.year
            if first.kind == "month" and second.kind == "present":
                start_year = None  # "May – Present": no year was written for the start
            start = _value(start_year, first.month) if start_year is not None else None
            end = second.value
            if start is not None:
                spans.append(DateSpan(start, end, first.start, second.end, two_ends=True))
            index += 2
            continue
        if first.kind == "date":
            begin = first.start
            since = _word_before(text, first.start, SINCE_WORDS)
            expected = _word_before_any(text, first.start, EXPECTED_WORDS)
            if since is not None:
                spans.append(DateSpan(first.value, PRESENT, since, first.end))
            elif open_end := _OPEN_END.match(text[first.end :]):
                finish = first.end + len(text[first.end :]) - len(text[first.end :].lstrip(" -–—~"))
                if open_end.group(0).strip()[:1].isalpha():
                    finish = first.end + open_end.end()  # "2019 onwards": the word is the dates'
                spans.append(DateSpan(first.value, PRESENT, begin, finish))
            else:
                spans.append(DateSpan(first.value, first.value, begin, first.end, expected=expected))
        index += 1
    return tuple(_listed_together(text, spans))


_LISTED = re.compile(r"^\s*(?:,|and|&|och|et|und|y)\s*$", re.IGNORECASE)


def _listed_together(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """'Summer 2014, 2015', 'June – August 2021 and 2022': periods listed one after the other
    span from the first's start to the last's end (each written with its own precision)."""
    merged: list[DateSpan] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and _LISTED.match(text[last.finish : span.begin])
            and last.start is not None
            and last.end not in (None, PRESENT)
            and span.start is not None
            and span.start[:4] > last.end[:4]
        ):
            merged[-1] = DateSpan(last.start, span.end, last.begin, span.finish)
            continue
        merged.append(span)
    return merged


def _word_before_any(text: str, index: int, words: tuple[str, ...]) -> bool:
    head = text[:index].lower()
    window = head[-40:]
    return any(word in window for word in words)


def _value(year: int | None, month: int | None) -> str | None:
    if year is None:
        return None
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def date_text_share(text: str) -> float:
    """How much of a line its dates take (a line that is only a period is 1.0)."""
    spans = find_dates(text)
    letters = len(re.sub(r"[\W_]", "", text))
    if not letters:
        return 0.0
    covered = sum(len(re.sub(r"[\W_]", "", text[span.begin : span.finish])) for span in spans)
    return covered / letters
