"""PII stays home: the person's name, email, phone, street address and URLs are replaced by
placeholders such as [[CANDIDATE_NAME]] before any LLM call and put back in what comes back.

Matching is forgiving where people vary the form: any case for the email and address, any
separators for the phone's digits (and its national form), URLs with or without scheme, "www."
or a trailing slash. Names are matched as written, in Title Case or in capitals, as whole words,
so "Will" the name is replaced but "will" is not. A placeholder always maps back to the value as
given, so over-matching loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jobwise.ai.engine import PersonalFacts

PLACEHOLDER_NOTE = (
    "Text in double square brackets, such as [[CANDIDATE_NAME]], stands for a personal detail that is "
    "kept private. Copy such placeholders exactly where they belong; never replace or invent them."
)
_PLACEHOLDER = re.compile(r"\[\[\s*([A-Za-z_]+[0-9]*)\s*\]\]")
# The longest a placeholder can be while streaming before the held-back text is let through.
_HOLD_LIMIT = 40
_MIN_PHONE_DIGITS = 7


@dataclass(frozen=True)
class _Rule:
    placeholder: str
    value: str
    pattern: re.Pattern[str]


class Redactor:
    def __init__(self, personal: PersonalFacts) -> None:
        self._rules = _rules(personal)
        self._values = {rule.placeholder: rule.value for rule in self._rules}
        # Small models misspell the brackets ("[CANDIDATE_NAME", "[EMAIL]"): the names this
        # redactor handed out are recognised in those forms too, never left in a letter.
        names = sorted((key.strip("[]") for key in self._values), key=len, reverse=True)
        self._loose = (
            re.compile(r"\[\[?\s*(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9_])\s*\]{0,2}")
            if names
            else None
        )

    @property
    def active(self) -> bool:
        return bool(self._rules)

    def redact(self, text: str) -> str:
        for rule in self._rules:
            text = rule.pattern.sub(rule.placeholder, text)
        return text

    def restore(self, text: str) -> str:
        if not self._values:
            return text

        def put_back(match: re.Match[str]) -> str:
            key = f"[[{match.group(1).upper()}]]"
            return self._values.get(key, match.group(0))

        text = _PLACEHOLDER.sub(put_back, text)
        return self._loose.sub(put_back, text) if self._loose is not None else text

    def restore_value(self, value: Any) -> Any:
        """Restore every string inside a JSON-like value (dicts, lists, strings)."""
        if isinstance(value, str):
            return self.restore(value)
        if isinstance(value, Mapping):
            return {key: self.restore_value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.restore_value(item) for item in value]
        return value

    def stream_restorer(self) -> StreamRestorer:
        return StreamRestorer(self)


class StreamRestorer:
    """Restores placeholders in streamed text, holding back a chunk's tail that may be half of one."""

    def __init__(self, redactor: Redactor) -> None:
        self._redactor = redactor
        self._held = ""

    def feed(self, chunk: str) -> str:
        text = self._held + chunk
        cut = _unfinished_placeholder_start(text)
        self._held = text[cut:]
        return self._redactor.restore(text[:cut])

    def flush(self) -> str:
        text, self._held = self._held, ""
        return self._redactor.restore(text)


def _unfinished_placeholder_start(text: str) -> int:
    start = text.rfind("[")
    if start < 0:
        return len(text)
    if start > 0 and text[start - 1] == "[":
        start -= 1
    tail = text[start:]
    if "]]" in tail or len(tail) > _HOLD_LIMIT:
        return len(text)
    if re.fullmatch(r"\[(\[\s*[A-Za-z_0-9]*\s*\]?)?", tail) or re.fullmatch(r"\[[A-Z][A-Z_0-9]*", tail):
        # Half a placeholder, or one a model wrote with a single bracket ("[CANDIDATE_NAME").
        return start
    return len(text)


def _rules(personal: PersonalFacts) -> list[_Rule]:
    rules: list[_Rule] = []
    if personal.email:
        rules.append(_Rule("[[EMAIL]]", personal.email, _literal(personal.email, ignore_case=True)))
    for index, url in enumerate(_dedupe(personal.urls), start=1):
        pattern = _url_pattern(url)
        if pattern is not None:
            rules.append(_Rule(f"[[URL_{index}]]", url, pattern))
    if personal.phone:
        pattern = _phone_pattern(personal.phone)
        if pattern is not None:
            rules.append(_Rule("[[PHONE]]", personal.phone, pattern))
    if personal.address:
        rules.append(_Rule("[[ADDRESS]]", personal.address, _flexible(personal.address)))
        street = personal.address.split(",")[0].strip()
        if street != personal.address.strip() and any(ch.isdigit() for ch in street) and len(street) >= 5:
            rules.append(_Rule("[[STREET]]", street, _flexible(street)))
    if personal.name:
        rules.append(_Rule("[[CANDIDATE_NAME]]", personal.name, _name(personal.name)))
        parts = [part for part in re.split(r"\s+", personal.name.strip()) if len(part.strip(".")) >= 2]
        if len(parts) >= 2:
            rules.append(_Rule("[[CANDIDATE_FIRST_NAME]]", parts[0], _name(parts[0])))
            rules.append(_Rule("[[CANDIDATE_LAST_NAME]]", parts[-1], _name(parts[-1])))
    return rules


def _dedupe(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value.strip() for value in values if value and value.strip()))


def _literal(value: str, *, ignore_case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(value.strip()), re.IGNORECASE if ignore_case else 0)


def _flexible(value: str) -> re.Pattern[str]:
    """Case-insensitive, any run of spaces (or a comma and spaces) where the value has one."""
    words = [re.escape(word) for word in re.split(r"[\s,]+", value.strip()) if word]
    return re.compile(r"(?<![\w])" + r"[\s,]+".join(words) + r"(?![\w])", re.IGNORECASE)


def _name(value: str) -> re.Pattern[str]:
    """As written, Title Case or CAPITALS, whole words only: "will mark" is not Will Mark."""
    forms = dict.fromkeys([value.strip(), value.strip().title(), value.strip().upper()])
    alternatives = [r"\s+".join(re.escape(word) for word in form.split()) for form in forms]
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")


def _url_pattern(url: str) -> re.Pattern[str] | None:
    bare = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    bare = re.sub(r"^www\.", "", bare, flags=re.IGNORECASE).rstrip("/")
    if len(bare) < 4:
        return None
    return re.compile(
        r"(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?" + re.escape(bare) + r"/?(?![\w/])", re.IGNORECASE
    )


def _phone_pattern(phone: str) -> re.Pattern[str] | None:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < _MIN_PHONE_DIGITS:
        return None
    # The national part is enough to identify someone: match it whatever the separators, with or
    # without the country code in front.
    core = digits[-10:] if len(digits) > 10 else digits
    country = digits[: len(digits) - len(core)]
    separated = r"[\s().\-/]{0,3}".join(re.escape(d) for d in core)
    # With a country code the text may also use the national form with its trunk 0 ("020 ...")
    # or the mixed "+44 (0)20 ...".
    prefix = rf"(?:(?:\+|00)?\s*{country}[\s().\-/]{{0,3}}(?:\(0\)\s*)?|0)?" if country else r"\+?"
    return re.compile(r"(?<![\d+])" + prefix + r"\(?" + separated + r"(?![\d])")
