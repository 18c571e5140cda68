"""Salary figures in job postings: "$120k–$150k", "€60.000 - €75.000", "£50,000 per annum",
"USD 80,000 to 100,000 a year", "$65–$80/hour", "CHF 160,000 – 190,000 p.a.", "£9.21ph - £16.85ph",
"₹12,50,000 a year", "8-12 LPA", "$90 to $120k".

A figure counts as a salary when it carries a currency or stands on a line that talks about pay,
and is not a budget, a stipend or a funding round. When a posting states several, the best
candidate wins: a pay keyword on the line, then a range, then a currency, then a stated period;
ties go to the first. Base pay beats on-target earnings and total compensation.

A bare "$" is the posting's country's dollar (CAD in a Canadian posting), and an amount without a
currency on a pay line of an Indian posting is in rupees: find_salary takes the country. Amounts in
lakhs ("8 LPA", "5.5 lakh") are multiplied out; small amounts with no period on a pay line
("£10.64 - £19.69") are hourly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from jobwise.ai.engine import Salary

_SYMBOLS = {
    "US$": "USD",
    "USD$": "USD",
    "CAD$": "CAD",
    "$CAD": "CAD",
    "Rs.": "INR",
    "Rs": "INR",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "HK$": "HKD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "zł": "PLN",
}
_CODES = "USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|JPY|INR|SGD|HKD|ZAR|BRL|MXN|ILS|AED"
_WORDS = {"euro": "EUR", "euros": "EUR", "dollars": "USD", "pounds": "GBP", "francs": "CHF"}

_CUR = (
    r"(?:USD\$|CAD\$|\$CAD|US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|HK\$|R\$|Rs\.?|[$€£¥₹]|zł|(?:"
    + _CODES
    + r")\b|euros?\b|dollars\b|pounds\b)"
)
# 12,50,000 (Indian grouping) | 120,000 | 120.000 | 120 000 | 120'000 (Swiss) | 120000 | 45.50 | 120k | 1.2k
_NUM = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?|\d{1,3}(?:[,.\s\u00a0\u202f'’]\d{3})+(?:[.,]\d{1,2})?|"
    r"\d+(?:[.,]\d{1,2})?"
)
_INDIAN_GROUPING = re.compile(r"^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?$")
_AMOUNT = (
    rf"(?P<@cur1>{_CUR})?\s?(?P<@num>{_NUM})"
    # "10L" (a capital L glued to the number) is lakhs too, as Indian postings write "₹10L - ₹14L".
    r"(?:\s?(?P<@k>[kK])\b|\s?(?P<@lakh>lakhs?|lacs?|lpa)\b|(?P<@lakhl>(?-i:L))\b|\s?(?P<@crore>crores?|cr)\b)?"
    rf"(?:\s?(?P<@cur2>{_CUR}))?(?P<@per>\s?(?:ph|p/h|p\.h\.)(?![\w/]))?"
    r"(?P<@unit>\s?(?:per\s+(?:year|annum|hour|month)|/\s?(?:yr|year|hr|hour|month|mo)\b|a\s+year|an\s+hour)"
    r"(?=\s*(?:-|–|—|to)\s*\S))?"
)
_SEP = r"\s*(?:-|–|—|to|and|bis|à)\s*"
_CANDIDATE = re.compile(
    r"(?P<lead>\b(?:between|from|up\s+to|starting\s+at|max(?:imum)?\.?|min(?:imum)?\.?)\s+)?"
    + _AMOUNT.replace("@", "a")
    + rf"(?:{_SEP}"
    + _AMOUNT.replace("@", "b")
    + r")?",
    re.IGNORECASE,
)
_PERIODS = [
    ("hour", r"(?:/\s?(?:hour|hr|h)\b|per\s+hour|an\s+hour|hourly|p/h|ph\b|/hora|pro\s+stunde)"),
    ("day", r"(?:/\s?day\b|per\s+day|a\s+day|daily|day\s+rate|per\s+diem)"),
    ("week", r"(?:/\s?(?:week|wk)\b|per\s+week|a\s+week|weekly)"),
    ("month", r"(?:/\s?(?:month|mo)\b|per\s+month|a\s+month|monthly|pro\s+monat|/\s?monat)"),
    (
        "year",
        r"(?:/\s?(?:year|yr|annum|a|jahr|año)\b|per\s+(?:year|annum)|a\s+year|annually|yearly|"
        r"p\.?\s?a\.?(?!\w)|annual|pro\s+jahr|brutto(?:jahresgehalt)?|gross\s+annual)",
    ),
]
_PERIOD_AFTER = re.compile(
    r"^\s*(?:\+\s*\w+\s*)?(?:\(?\s*(?:gross|brutto|brut|net|base|bruto|brutos)\s*\)?\s*)?[,]?\s*(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PERIODS)
    + ")",
    re.IGNORECASE,
)
_PERIOD_BEFORE = {
    "hour": re.compile(r"\b(?:hourly|per\s+hour|rate)\b", re.IGNORECASE),
    "day": re.compile(r"\b(?:day\s+rate|daily\s+rate)\b", re.IGNORECASE),
    "month": re.compile(r"\b(?:monthly|per\s+month)\b", re.IGNORECASE),
    "year": re.compile(r"\b(?:annual|yearly|per\s+annum|annually|salary)\b", re.IGNORECASE),
}
_PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|compensation|pay|paid|pays|rate|wage|wages|remuneration|ote|base|"
    r"gehalt|brutto|gross|per\s+annum|p\.a\.|hourly|stipend\s+of|ctc|package)\b",
    re.IGNORECASE,
)
# Figures that are money but not pay: a budget, a round of funding, revenue.
_NOT_PAY = re.compile(
    r"\b(?:budget|stipend|allowance|reimburse\w*|funding|raised|raise|revenue|valuation|arr|"
    r"investment|series\s+[a-e]|customers|users|employees|people|orders|members|sites|match|"
    r"bonus\s+of|credits?|voucher|grant|fund|equity\s+of|savings|saved)\b",
    re.IGNORECASE,
)
# On-target earnings and total compensation are not base pay.
_NOT_BASE = re.compile(
    r"\b(?:ote|on[- ]target|total\s+(?:comp|compensation|earnings|package|rewards?)|commission|"
    r"uncapped|with\s+bonus|including\s+bonus|variable)\b",
    re.IGNORECASE,
)
_DOLLAR_COUNTRIES = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}
# The currency of the countries the gazetteer (places.py) places postings in.
_COUNTRY_CURRENCY = {
    **_DOLLAR_COUNTRIES,
    "US": "USD",
    "GB": "GBP",
    "IN": "INR",
    "CH": "CHF",
    "NO": "NOK",
    "SE": "SEK",
    "DK": "DKK",
    "PL": "PLN",
    **{code: "EUR" for code in ("IE", "DE", "FR", "NL", "BE", "ES", "IT", "PT", "AT", "FI", "LU", "GR")},
}
_CLAUSE_BREAK = re.compile(r"[;|·•()\n]|,\s(?!\d{3}\b)|\s\+\s|\bplus\b", re.IGNORECASE)


@dataclass(frozen=True)
class SalaryMatch:
    text: str
    salary: Salary
    start: int


def _currency(raw: str | None) -> str | None:
    if not raw:
        return None
    upper = raw.strip()
    if upper in _SYMBOLS:
        return _SYMBOLS[upper]
    if upper.upper() in _CODES.split("|"):
        return upper.upper()
    return _WORDS.get(upper.lower())


def _number(raw: str, k: bool) -> float:
    text = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if _INDIAN_GROUPING.match(text):
        value = float(text.replace(",", ""))
        return value * 1000 if k else value
    # A separator followed by exactly three digits groups thousands (120,000 / 120.000 / 120 000 / 120'000);
    # otherwise it is a decimal point (45.50 / 45,50).
    text = re.sub(r"[,.\s'’](?=\d{3}(?:\D|$))", "", text)
    text = text.replace(",", ".")
    value = float(text)
    return value * 1000 if k else value


_CLAUSE_WINDOW = 80
# A posting states its pay among its first few hundred figures; a text of nothing but figures
# must not cost seconds.
_MAX_FIGURES = 300


def _clause(line: str, breaks: list[tuple[int, int]], start: int, end: int) -> str:
    """The part of the line between the clause breaks around [start, end)."""
    index = bisect.bisect_left(breaks, (start, start))
    left = breaks[index - 1][1] if index > 0 else 0
    after = bisect.bisect_left(breaks, (end, end))
    right = breaks[after][0] if after < len(breaks) else len(line)
    # At most a window around the figure: a line without breaks must not make every figure
    # search the whole line.
    return line[max(left, start - _CLAUSE_WINDOW) : min(right, end + _CLAUSE_WINDOW)]


def _period(line: str, end: int, start: int, value: float) -> tuple[str | None, int]:
    after = _PERIOD_AFTER.match(line[end : end + 40])
    if after is not None:
        for name, _ in _PERIODS:
            if after.group(name):
                return name, end + after.end()
    before = line[max(0, start - 40) : start]
    for name, pattern in _PERIOD_BEFORE.items():
        if pattern.search(before) and (name != "year" or value >= 1000):
            return name, end
    return None, end


def _pick_currency(groups: dict[str, str | None], country: str | None) -> tuple[str | None, bool]:
    """The currency a figure is in, and whether it was inferred from the country."""
    raws = [groups[name] for name in ("acur1", "acur2", "bcur1", "bcur2") if groups[name]]
    # "$80,000 CAD": the code says more than the symbol.
    codes = [raw for raw in raws if raw and raw.strip() != "$"]
    cur = _currency(codes[0] if codes else (raws[0] if raws else None))
    if raws and not codes and cur == "USD" and country in _DOLLAR_COUNTRIES:
        return _DOLLAR_COUNTRIES[country], True
    return cur, False


def _multiplier(groups: dict[str, str | None], bound: str) -> float:
    if groups[f"{bound}lakh"] or groups[f"{bound}lakhl"]:
        return 100_000
    if groups[f"{bound}crore"]:
        return 10_000_000
    return 1


def _candidates(text: str, country: str | None) -> list[tuple[tuple[int, ...], SalaryMatch]]:
    found: list[tuple[tuple[int, ...], SalaryMatch]] = []
    offset = 0
    examined = 0
    for line in text.splitlines(keepends=True):
        has_pay_word = _PAY_WORDS.search(line) is not None
        breaks: list[tuple[int, int]] = [m.span() for m in _CLAUSE_BREAK.finditer(line)]
        for match in _CANDIDATE.finditer(line):
            examined += 1
            if examined > _MAX_FIGURES:
                return found
            groups = match.groupdict()
            # "FY28", "Q3", "H1": a number glued to a word is a label, not an amount.
            start = match.start("anum")
            if not groups["acur1"] and start > 0 and line[start - 1].isalpha():
                continue
            cur, _ = _pick_currency(groups, country)
            is_range = groups["bnum"] is not None
            lead = (groups["lead"] or "").lower()
            if is_range and lead.startswith(("from", "up", "starting", "max", "min")):
                continue
            if not is_range and "between" in lead:
                continue
            in_lakhs = bool(
                groups["alakh"]
                or groups["blakh"]
                or groups["alakhl"]
                or groups["blakhl"]
                or groups["acrore"]
                or groups["bcrore"]
            )
            # "to"/"and" between two bare numbers is prose ("2 to 3 days"), not a salary range; "5L" with no
            # rupee sign and no pay word may be litres.
            spelled = in_lakhs and not (groups["alakhl"] or groups["blakhl"])
            if cur is None and not has_pay_word and not spelled:
                continue
            try:
                low = _number(groups["anum"], bool(groups["ak"])) * _multiplier(groups, "a")
                high = (
                    _number(groups["bnum"], bool(groups["bk"])) * _multiplier(groups, "b")
                    if is_range
                    else low
                )
            except ValueError:
                continue
            if is_range and groups["bk"] and not groups["ak"] and low < 1000:
                low *= 1000
            if (
                is_range
                and (groups["blakh"] or groups["blakhl"] or groups["bcrore"])
                and not (groups["alakh"] or groups["alakhl"] or groups["acrore"])
            ):
                low *= _multiplier(groups, "b")
            if is_range and high < low:
                continue
            indian_grouping = any(
                groups[key] and _INDIAN_GROUPING.match(groups[key]) for key in ("anum", "bnum")
            )
            if in_lakhs or (cur is None and indian_grouping):
                # "4,20,000": only rupee amounts are grouped in lakhs.
                cur = cur or "INR"
            elif cur is None and country == "IN" and has_pay_word:
                # Indian job boards write salaries without a symbol.
                cur = "INR"
            # "$160MM+ annual run-rate", "$2.5 billion": an amount in millions or billions is not pay.
            if re.match(r"\s?(?:mm|m|mn|million|bn|b|billion)\b", line[match.end() : match.end() + 12], re.I):
                continue
            clause = _clause(line, breaks, match.start(), match.end())
            if _NOT_PAY.search(clause) and not _PAY_WORDS.search(clause):
                continue
            period, end = _period(line, match.end(), match.start(), high)
            if groups["aper"] or groups["bper"]:
                period, end = "hour", max(end, match.end())
            elif groups["aunit"] and period is None:
                # "CAD$175,000 per year - CAD$194,000 per year": the period stated on the first bound.
                unit = groups["aunit"].lower()
                period = "hour" if re.search(r"h(?:ou)?r|hour", unit) else "month" if "mo" in unit else "year"
            if period is None and in_lakhs:
                period = "year"
            if period is None and high >= 10_000:
                period = "year"
            # "Salary: £10.64 - £19.69": a small amount of money on a pay line is an hourly rate.
            if period is None and 5 <= high < 200 and cur is not None and (has_pay_word or is_range):
                period = "hour"
            # Bare small numbers are counts and years are dates, not pay.
            if period is None and high < 1000:
                continue
            if cur is None and 1900 <= high <= 2100 and not groups["ak"]:
                continue
            if period == "hour" and not 5 <= high <= 2000:
                continue
            if period == "year" and high < 1000:
                continue
            salary = Salary(min=low, max=high, currency=cur, period=period)
            if lead.startswith(("up", "max")):
                salary = Salary(min=None, max=high, currency=cur, period=salary.period)
            elif lead.startswith(("from", "starting", "min")):
                salary = Salary(min=low, max=None, currency=cur, period=salary.period)
            shown = line[match.start() : end].strip(" ,;:")
            score = (
                int(_NOT_BASE.search(clause) is None),
                int(has_pay_word),
                int(is_range),
                int(cur is not None),
                int(period is not None and _period_stated(line, match.end())),
                -(offset + match.start()),
            )
            found.append((score, SalaryMatch(text=shown, salary=salary, start=offset + match.start())))
        offset += len(line)
    return found


def _period_stated(line: str, end: int) -> bool:
    return _PERIOD_AFTER.match(line[end : end + 40]) is not None


def find_salary(text: str, *, country: str | None = None) -> SalaryMatch | None:
    """The posting's salary, or None when it states none; country ("CA", "IN"...) is where the
    posting is, for a bare "$" or an amount without a currency."""
    # "70'000  CHF a  year": text justified by a PDF or a word processor puts runs of spaces between words.
    candidates = _candidates(re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text), country)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c[0])[1]
    if best.salary.currency is None and country in _COUNTRY_CURRENCY and (best.salary.min or 0) >= 1000:
        # "Salary: 15,600" under a place in High Wycombe: the posting's pay, chosen without a currency, is
        # in the currency of the country the posting is in (a figure too small for a year's pay may be
        # anything); with no country it keeps none.
        best = replace(best, salary=best.salary.model_copy(update={"currency": _COUNTRY_CURRENCY[country]}))
    return best
