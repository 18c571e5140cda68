"""The skills vocabulary and its matcher.

The data (skills.json beside this module) is a hand-curated selection from O*NET Technology
Skills and ESCO, both CC BY 4.0 (see README.md here). Each skill has a canonical name, a category
and three kinds of surface form:

- aliases: matched case-insensitively ("postgres", "K8s", "Node.js");
- exact: matched only with the given capitalisation, because the lower-case form is an ordinary
  word ("Rust", "Swift", "Excel", "Slack");
- context: exact capitalisation and only next to other technologies or a technical cue, because
  even the capitalised form is ambiguous ("Go", "R", "C", "Spring", "Node").

All forms are compiled into one regular expression, longest form first, so "C++" wins over "C",
"Spring Boot" over "Spring" and "Node.js" over "Node"; boundaries are explicit because \\b does
not work around symbols (C#, .NET, CI/CD).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

DATA_FILE = Path(__file__).with_name("skills.json")

# Categories that name a person's trait rather than something they know; the truth check ignores
# them and keyword lists put them last.
SOFT_CATEGORIES = frozenset({"soft"})
# Categories whose members are know-how rather than a product (methods, business skills, spoken
# languages): still facts about a person, reported as "skill" rather than "technology".
SKILL_CATEGORIES = frozenset(
    {
        "practice",
        "business",
        "spoken_language",
        "care",
        "education",
        "culture",
        "finance",
        "logistics",
        "public_sector",
        "licence",
        "trades",
        "hospitality",
    }
)

_LEFT = r"(?<![A-Za-z0-9_.#+@])"
_RIGHT = r"(?![A-Za-z0-9_#+$])(?!\.[A-Za-z0-9])"
# A one- or two-letter ambiguous form after one of these is a grade, a series or a plan ("Series C").
_REJECT_BEFORE = re.compile(
    r"(?:series|vitamin|plan|type|grade|level|tier|class|section|part|option|round|phase|team|"
    r"block|stage|category|group|room|building|unit)\s+$",
    re.IGNORECASE,
)
# What makes an ambiguous form technical when no other technology shares its sentence.
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|with|using|use|uses|written in|knowledge of|proficiency in|proficient in|"
    r"experience in|experience with|expertise in|fluent in|familiarity with|skills in|"
    r"background in|and|or)\s+)$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"^(?:\s*/\s*\w|\s+(?:developer|developers|engineer|engineers|engineering|code|codebase|"
    r"services?|microservices|programming|language|experience|backend|back-end|applications?|"
    r"apps?|stack|ecosystem|libraries|library|modules?|tooling|framework|runtime|scripts?|"
    r"scripting|projects?|development|programmer|knowledge|skills|expertise|proficiency)\b)",
    re.IGNORECASE,
)
# Spoken languages are adjectives too ("a Dutch scale-up"): they count with a cue like these, or
# next to another language ("German and English").
_LANGUAGE_CUE = re.compile(
    r"\b(?:fluent|fluently|fluency|speak|speaks|speaking|spoken|written|native|mother tongue|languages?|"
    r"conversant|proficien\w*|bilingual|conversational|business[- ]level|working knowledge|[ABC][12]|asset|"
    r"plus|required|preferred|nice to have|advantage)\b",
    re.IGNORECASE,
)
_LANGUAGE_ADJECTIVE = re.compile(
    r"\b(?:good|very good|excellent|strong|basic|solid|professional|business|working|fluent|native|"
    r"written|spoken|perfect)\s+(?:and\s+\w+\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?:[.!?;](?=\s)|\n)")

FormKind = Literal["alias", "exact", "context", "listed"]

# "php, mysql, angular, bootstrap, ruby": a list of technologies written in lower case names the ones that
# are ordinary words too. A lower-case exact or context form counts as a list item between separators, next
# to another technology, in a sentence that names at least two.
_LIST_BEFORE = re.compile(r"(?:[,/(|•·]|\b(?:and|or|&))\s*$", re.IGNORECASE)
_LIST_AFTER = re.compile(r"^\s*(?:[,/)|•·]|(?:and|or|&|etc)\b|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Skill:
    name: str
    category: str

    @property
    def is_soft(self) -> bool:
        return self.category in SOFT_CATEGORIES

    @property
    def is_technology(self) -> bool:
        return self.category not in SOFT_CATEGORIES and self.category not in SKILL_CATEGORIES


@dataclass(frozen=True)
class SkillMatch:
    skill: Skill
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Form:
    skill: Skill
    text: str
    kind: FormKind
    reject_after: re.Pattern[str] | None


def _form_pattern(form: _Form) -> str:
    parts: list[str] = []
    for char in form.text:
        if char == " ":
            parts.append(r"\s+")
        elif char == "-":
            # "end-to-end" also as "end to end"; "T-SQL" also as "TSQL".
            parts.append(r"[-‐‑\s]?")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    if form.kind == "listed":
        return f"(?i:{body})"
    if form.kind == "alias":
        # Plurals of case-insensitive forms ("REST API" -> "REST APIs"); never for exact forms,
        # where a trailing s often makes a verb ("excels").
        if len(form.text) >= 3 and form.text[-1].isalpha():
            body += "(?:e?s)?"
        return f"(?i:{body})"
    return body


class Vocabulary:
    """Finds skills in text; one instance is shared (get_vocabulary), it holds no state per call."""

    def __init__(self, entries: Sequence[Mapping[str, Any]]) -> None:
        self._skills: list[Skill] = []
        self._forms: list[_Form] = []
        self._by_name: dict[str, Skill] = {}
        self._lookup_ci: dict[str, Skill] = {}
        self._lookup_exact: dict[str, Skill] = {}
        self._implied_by: dict[str, frozenset[str]] = {}
        self._aims: set[str] = set()
        for entry in entries:
            skill = Skill(name=str(entry["name"]), category=str(entry["category"]))
            if skill.name.casefold() in self._by_name:
                raise ValueError(f"duplicate skill {skill.name!r} in the vocabulary")
            self._skills.append(skill)
            self._by_name[skill.name.casefold()] = skill
            if entry.get("aim"):
                self._aims.add(skill.name)
            if entry.get("implied_by"):
                self._implied_by[skill.name] = frozenset(str(n) for n in entry["implied_by"])
            raw_reject = entry.get("reject_after")
            reject = re.compile(raw_reject, re.IGNORECASE) if raw_reject else None
            exact = [str(f) for f in entry.get("exact", [])]
            context = [str(f) for f in entry.get("context", [])]
            aliases = [str(f) for f in entry.get("aliases", [])]
            named = skill.name in exact or skill.name in context or skill.name in aliases
            if not named and entry.get("name_is_form", True):
                aliases.append(skill.name)
            # reject_after guards the ambiguous forms (exact, context); a skill named by aliases alone
            # ("teaching", not "teaching hospital") has it guard them.
            alias_reject = reject if not exact and not context else None
            for text in aliases:
                self._forms.append(_Form(skill, text, "alias", alias_reject))
                _claim(self._lookup_ci, _key(text), skill, text)
            for text in exact:
                self._forms.append(_Form(skill, text, "exact", reject))
                _claim(self._lookup_exact, text, skill, text)
            for text in context:
                self._forms.append(_Form(skill, text, "context", reject))
                _claim(self._lookup_exact, text, skill, text)
        # Lower-case variants of the technologies' one-word exact and context forms, for lists (see
        # _LIST_BEFORE); added last, so that at one length the exact form is tried first.
        for form in list(self._forms):
            if form.kind != "alias" and form.skill.is_technology and form.text.isalpha():
                self._forms.append(_Form(form.skill, form.text, "listed", form.reject_after))
        # One alternation per first word, longest form first (at one position the regex takes the
        # first alternative that matches): one big alternation would be tried at every character.
        grouped: dict[str, list[_Form]] = {}
        for form in self._forms:
            for key in _form_keys(form.text):
                grouped.setdefault(key, []).append(form)
        self._index: dict[str, tuple[re.Pattern[str], list[_Form]]] = {}
        for key, forms in grouped.items():
            forms.sort(key=lambda f: (-len(f.text), f.kind != "alias"))
            alternation = "|".join(f"({_form_pattern(form)})" for form in forms)
            self._index[key] = (re.compile(f"{_LEFT}(?:{alternation}){_RIGHT}"), forms)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Vocabulary:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["skills"])

    def __len__(self) -> int:
        return len(self._skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._skills)

    def get(self, name: str) -> Skill | None:
        """The skill with this canonical name (any case), or None."""
        return self._by_name.get(name.casefold())

    def implied_by(self, skill: Skill) -> frozenset[str]:
        """The tools that do this practice: "Git version control" names Git, the practice is its use."""
        return self._implied_by.get(skill.name, frozenset())

    def is_aim(self, skill: Skill) -> bool:
        """Whether the skill is a quality or discipline of the work ("scalability") rather than a method."""
        return skill.name in self._aims

    def canonical(self, term: str) -> Skill | None:
        """The skill a single term names ("postgres" -> PostgreSQL), or None.

        For keywords that come from elsewhere (an LLM, a profile's skill list): the whole term
        must be one form, so "Go" alone counts here even without a technical neighbour.
        """
        term = term.strip()
        if not term:
            return None
        found = self._lookup_exact.get(term) or self._lookup_ci.get(_key(term))
        if found is None and term.casefold().endswith("s"):
            found = self._lookup_ci.get(_key(term[:-1]))
        return found or self._by_name.get(term.casefold())

    def find(self, text: str) -> list[SkillMatch]:
        """Every skill mention in the text, in order; ambiguous forms only in a technical context."""
        found = self._find(text)
        return self._with_elided(text, found) if found else found

    def _with_elided(self, text: str, found: list[SkillMatch]) -> list[SkillMatch]:
        """Adds the skills a coordination names with a shared noun: "planned and reactive maintenance"
        names planned maintenance too, "unit and integration testing" unit testing."""
        extra: list[SkillMatch] = []
        for match in found:
            words = match.text.split()
            if len(words) < 2:
                continue
            modifier = _ELIDED_BEFORE.search(text, max(0, match.start - 30), match.start)
            # Not a word that is (or is inside) a mention already.
            if modifier is None or any(m.start <= modifier.start("word") < m.end for m in found):
                continue
            word = modifier.group("word")
            skill = self._lookup_ci.get(_key(" ".join([word, *words[1:]])))
            if skill is not None:
                extra.append(SkillMatch(skill, modifier.start("word"), modifier.end("word"), word))
        if not extra:
            return found
        return sorted([*found, *extra], key=lambda m: m.start)

    def _find(self, text: str) -> list[SkillMatch]:
        candidates: list[tuple[SkillMatch, _Form]] = []
        covered = 0
        for token in _TOKEN.finditer(text):
            best: tuple[re.Match[str], _Form] | None = None
            for start, key in _text_keys(text, token):
                if start < covered or key not in self._index:
                    continue
                pattern, forms = self._index[key]
                match = pattern.match(text, start)
                if match is None:
                    continue
                form = forms[(match.lastindex or 1) - 1]
                # Sliced, because "^" in a pattern does not anchor at a pos argument.
                if form.reject_after is not None and form.reject_after.match(
                    text[match.end() : match.end() + 40]
                ):
                    continue
                ambiguous = form.kind in ("context", "listed")
                if ambiguous and _REJECT_BEFORE.search(text[max(0, start - 20) : start]):
                    continue
                if best is None or (match.start(), -match.end()) < (best[0].start(), -best[0].end()):
                    best = (match, form)
            if best is not None:
                match, form = best
                candidates.append((SkillMatch(form.skill, match.start(), match.end(), match.group(0)), form))
                covered = match.end()
        breaks = [m.span() for m in _SENTENCE_BREAK.finditer(text)]
        needs_context = [
            f.kind in ("context", "listed")
            or f.skill.category == "spoken_language"
            # "React quickly", "Spark curiosity": an exact form that is an ordinary word is only
            # capitalised because it opens the sentence.
            or (f.kind == "exact" and m.text[1:].islower() and _opens_sentence(text, m.start, breaks))
            for m, f in candidates
        ]
        if not any(needs_context):
            return [m for m, _ in candidates]
        sure = [m for m, f in candidates if f.kind not in ("context", "listed") and m.skill.is_technology]
        languages = [m for m, _ in candidates if m.skill.category == "spoken_language"]
        accepted: list[SkillMatch] = []
        for (found, form), check in zip(candidates, needs_context, strict=True):
            if not check:
                accepted.append(found)
            elif form.kind == "listed":
                if _listed(text, found, sure, breaks):
                    accepted.append(found)
            elif found.skill.category == "spoken_language":
                if _language_context(text, found, languages, breaks):
                    accepted.append(found)
            elif _technical_context(text, found, sure, candidates, breaks):
                accepted.append(found)
        return accepted

    def skills_in(self, text: str) -> list[Skill]:
        """Distinct skills in order of first mention."""
        seen: dict[str, Skill] = {}
        for found in self.find(text):
            seen.setdefault(found.skill.name, found.skill)
        return list(seen.values())


_TOKEN = re.compile(r"[A-Za-z0-9]+")
# "planned and reactive maintenance": the first of two modifiers that share the noun after the second.
_ELIDED_BEFORE = re.compile(r"\b(?P<word>[A-Za-z][A-Za-z-]+)\s*(?:,|\band\b|\bor\b|&|/)\s*$")


def _claim(lookup: dict[str, Skill], key: str, skill: Skill, text: str) -> None:
    """Give a form to a skill. A form two skills claim would name whichever came first in the file,
    and the other skill could never be found by it ("Shell scripting" once named Bash)."""
    owner = lookup.setdefault(key, skill)
    if owner != skill:
        raise ValueError(f"the form {text!r} of {skill.name!r} already names {owner.name!r}")


def _form_keys(form: str) -> set[str]:
    """Index keys for a form: its first word, lower-cased, also without hyphens ("T-SQL": t, tsql)."""
    word = _TOKEN.search(form)
    if word is None:
        raise ValueError(f"skill form {form!r} has no letters or digits")
    keys = {word.group(0).lower()}
    joined = _TOKEN.match(form.replace("-", ""), word.start())
    if "-" in form and joined is not None:
        keys.add(joined.group(0).lower())
    # A symbol before the first word (".NET") is part of the match: keyed by the word, matched
    # from the symbol (see _text_keys).
    return {f"{form[: word.start()]}{key}" for key in keys}


def _text_keys(text: str, token: re.Match[str]) -> Iterator[tuple[int, str]]:
    """(start, key) pairs under which forms could begin at this word of the text."""
    word = token.group(0).lower()
    start = token.start()
    variants = [word]
    # Plural forms of the text ("microservices") are found under the singular key.
    if len(word) > 3 and word.endswith("s"):
        variants.append(word[:-1])
        if word.endswith("es"):
            variants.append(word[:-2])
    for variant in variants:
        yield start, variant
        if start > 0 and not text[start - 1].isalnum() and not text[start - 1].isspace():
            yield start - 1, f"{text[start - 1]}{variant}"


def _key(form: str) -> str:
    return re.sub(r"[\s\-‐‑]+", "", form.casefold())


def _sentence_bounds(breaks: Sequence[tuple[int, int]], start: int, length: int) -> tuple[int, int]:
    """The sentence around `start`, from the (start, end) spans of sentence breaks in a text of
    `length` characters."""
    index = bisect.bisect_right(breaks, (start, start))
    left = breaks[index - 1][1] if index > 0 else 0
    right = breaks[index][0] if index < len(breaks) else length
    return left, right


def _technical_context(
    text: str,
    found: SkillMatch,
    sure: Sequence[SkillMatch],
    candidates: Sequence[tuple[SkillMatch, _Form]],
    breaks: Sequence[tuple[int, int]],
) -> bool:
    left, right = _sentence_bounds(breaks, found.start, len(text))
    if any(left <= other.start < right and other is not found for other in sure):
        return True
    before = text[left : found.start]
    # Sentence-initial "Go ..." is a verb unless a cue follows ("Go developers wanted").
    if before.strip() and _CUE_BEFORE.search(before):
        return True
    if _CUE_AFTER.match(text[found.end : found.end + 40]):
        return True
    # Two ambiguous forms side by side in a list ("C, C++ and Go" has C++; "R or Go" has neither).
    others = [m for m, form in candidates if form.kind == "context" and m is not found]
    return any(left <= m.start < right for m in others) and "," in text[left:right]


def _listed(
    text: str, found: SkillMatch, sure: Sequence[SkillMatch], breaks: Sequence[tuple[int, int]]
) -> bool:
    left, right = _sentence_bounds(breaks, found.start, len(text))
    # A neighbouring item is a technology too ("sql server, oracle, mongodb", not "schemas, access, tags").
    beside = any(
        found.start - 6 <= other.end <= found.start or found.end <= other.start <= found.end + 6
        for other in sure
    )
    return (
        beside
        and sum(1 for other in sure if left <= other.start < right) >= 2
        and bool(_LIST_BEFORE.search(text[max(left, found.start - 8) : found.start]))
        and bool(_LIST_AFTER.match(text[found.end : min(right, found.end + 8)]))
    )


def _opens_sentence(text: str, start: int, breaks: Sequence[tuple[int, int]]) -> bool:
    left, _ = _sentence_bounds(breaks, start, len(text))
    return not re.sub(r"[\W_]+", "", text[left:start])


# "Norwegian citizenship is required", "UK and Irish nationals", "a German work permit": a nationality, not a
# language, even when the sentence says "required".
_NATIONALITY_AFTER = re.compile(
    r"\s+(?:citizenship|citizens?|nationals?|nationality|passports?|residents?|residency|work\s+permits?|"
    r"visas?|security\s+clearance)\b",
    re.IGNORECASE,
)


def _language_context(
    text: str, found: SkillMatch, languages: Sequence[SkillMatch], breaks: Sequence[tuple[int, int]]
) -> bool:
    if _NATIONALITY_AFTER.match(text, found.end):
        return False
    left, right = _sentence_bounds(breaks, found.start, len(text))
    if _LANGUAGE_CUE.search(text, left, right):
        return True
    if _LANGUAGE_ADJECTIVE.search(text[max(0, found.start - 30) : found.start]):
        return True
    return any(left <= other.start < right and other is not found for other in languages)


@cache
def get_vocabulary() -> Vocabulary:
    return Vocabulary.load()
