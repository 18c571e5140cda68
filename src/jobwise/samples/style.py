"""The writing-style profile of a sample: a versioned schema and the deterministic analyser.

Stored in `sample_documents.extracted_style` as `StyleProfile.model_dump(mode="json")`; the
enhancement and cover-letter steps read it back with `StyleProfile.model_validate`. The same
text always gives the same profile (fixed word lists, ties broken alphabetically, floats
rounded to two decimals). Changing a field's meaning means a new `schema_version`; adding an
optional field does not.

Shares are 0–1 fractions; rates are per 100 words. A metric that cannot be measured (no
bullets, no sentences) is null rather than zero, so a reader can tell "never" from "unknown".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from statistics import fmean
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jobwise.models import RESUME_SAMPLE, SampleType
from jobwise.samples.vocabulary import (
    ACTION_VERBS,
    CLOSINGS,
    COMMON_WORDS,
    CONTRACTION_SUFFIXES,
    FIRST_PERSON,
    FIRST_PERSON_SINGULAR,
    GENERIC_ADDRESSEES,
    GREETING_OPENERS,
    IRREGULAR_PAST,
    S_CONTRACTIONS,
    SECTION_WORDS,
    STOPWORDS,
)

STYLE_SCHEMA_VERSION: Literal[1] = 1
Tense = Literal["past", "present", "mixed", "unknown"]
HeadingCase = Literal["upper", "title", "sentence", "mixed"]

MAX_PHRASES = 10
MAX_WORDS = 10
MAX_HEADINGS = 20
PHRASE_MAX_CHARS = 120


class ResumeStyle(BaseModel):
    """How a resume sample is laid out and how its bullets are written."""

    model_config = ConfigDict(extra="forbid")

    section_headings: list[str] = Field(
        max_length=MAX_HEADINGS,
        description="Section headings in the order they appear, as written (trailing colon removed).",
    )
    heading_case: HeadingCase | None = Field(
        description="How headings are capitalised: 'upper' (EXPERIENCE), 'title' (Work Experience), "
        "'sentence' (Work experience) or 'mixed'; null without headings."
    )
    bullet_marker: str | None = Field(
        description="The bullet character used most, e.g. '•' or '-'; null when there are no bullets. "
        "Word list paragraphs are read as '•'."
    )
    bullet_count: int = Field(ge=0)
    role_count: int = Field(ge=0, description="Runs of consecutive bullets: about one per role or project.")
    bullets_per_role: float | None = Field(description="Mean bullets per run.")
    words_per_bullet: float | None = Field(description="Mean words per bullet.")
    action_verb_share: float | None = Field(description="Share of bullets that open with an action verb.")
    numbers_share: float | None = Field(description="Share of bullets that contain a number.")
    period_share: float | None = Field(description="Share of bullets that end with a full stop.")
    tense: Tense = Field(
        description="Tense of the bullets' opening verbs: 'past' or 'present' when 70% or more agree, "
        "'mixed' otherwise, 'unknown' when no bullet opens with a recognisable verb."
    )
    first_person_share: float | None = Field(
        description="Share of bullets (or lines, without bullets) that use I, me, my, we, our or us."
    )
    date_format: str | None = Field(
        description="The date style used most: 'Month YYYY', 'Mon YYYY', 'MM/YYYY', 'MM.YYYY', "
        "'YYYY-MM' or 'YYYY'; null when no dates were found."
    )
    date_range_separator: str | None = Field(
        description="What joins two dates in a range, as written with its spaces (e.g. ' – ', '-', ' to ')."
    )
    ongoing_word: str | None = Field(description="How a current role ends its range, e.g. 'Present'.")


class CoverLetterStyle(BaseModel):
    """How a cover-letter sample opens, closes and flows."""

    model_config = ConfigDict(extra="forbid")

    greeting: str | None = Field(description="The greeting line as written, e.g. 'Dear Ms. Rivera,'.")
    greeting_template: str | None = Field(
        description="The greeting with a person's name replaced by '{name}' (e.g. 'Dear {name},'); "
        "equal to the greeting when it names no one ('Dear Hiring Manager,')."
    )
    closing: str | None = Field(description="The sign-off line as written, e.g. 'Best regards,'.")
    paragraph_count: int = Field(ge=0, description="Body paragraphs between the greeting and the closing.")
    words_per_paragraph: float | None
    words_per_sentence: float | None
    first_person_per_100_words: float = Field(ge=0, description="I, me, my, mine, myself per 100 words.")
    contractions_per_100_words: float = Field(ge=0)
    uses_contractions: bool
    recurring_phrases: list[str] = Field(
        max_length=MAX_PHRASES, description="Phrases of 2–4 words used more than once, most frequent first."
    )
    favoured_words: list[str] = Field(
        max_length=MAX_WORDS,
        description="Uncommon words the writer uses more than once (names of people and companies left out).",
    )


class StyleProfile(BaseModel):
    """The writing style of one sample. `resume` or `cover_letter` is set, by document_type."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = STYLE_SCHEMA_VERSION
    document_type: SampleType
    word_count: int = Field(ge=0)
    characteristic_phrases: list[str] = Field(
        max_length=MAX_PHRASES,
        description="The writer's own recurring phrases (2–4 words, used at least twice, with at least "
        "one word that is not common English or stock job-application vocabulary), most "
        "distinctive first: what later steps imitate instead of a generic voice.",
    )
    resume: ResumeStyle | None = None
    cover_letter: CoverLetterStyle | None = None


def build_style_profile(text: str, document_type: SampleType) -> StyleProfile:
    lines = [line.strip() for line in text.split("\n")]
    if document_type == RESUME_SAMPLE:
        resume = analyse_resume(lines)
        return StyleProfile(
            document_type=document_type,
            word_count=len(words(text)),
            characteristic_phrases=characteristic_phrases(text),
            resume=resume,
        )
    letter, body = analyse_cover_letter(lines)
    return StyleProfile(
        document_type=document_type,
        word_count=len(words(text)),
        characteristic_phrases=characteristic_phrases(body),
        cover_letter=letter,
    )


# -- words and phrases -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 2) if total else None


def _mean(values: Sequence[int]) -> float | None:
    return round(fmean(values), 2) if values else None


def _segments(text: str) -> list[list[str]]:
    """Runs of words that a phrase may not cross: lines, then clauses within them."""
    out: list[list[str]] = []
    for line in text.split("\n"):
        for clause in re.split(r"[.!?;:,()\[\]\"“”•|]+|\s[–—-]\s", line):
            tokens = [_norm(token) for token in words(clause)]
            if tokens:
                out.append(tokens)
    return out


def _lowercase_seen(text: str) -> set[str]:
    """Words that occur at least once in lower case: the others are names (people, companies)."""
    return {_norm(word) for word in words(text) if word[:1].islower()}


def _ngram_counts(text: str) -> Counter[tuple[str, ...]]:
    counts: Counter[tuple[str, ...]] = Counter()
    for tokens in _segments(text):
        for size in (2, 3, 4):
            for start in range(len(tokens) - size + 1):
                gram = tuple(tokens[start : start + size])
                first, last = gram[0], gram[-1]
                if last in STOPWORDS or (first in STOPWORDS and first not in FIRST_PERSON):
                    continue
                if all(token in STOPWORDS for token in gram) or any(token.isdigit() for token in gram):
                    continue
                counts[gram] += 1
    return counts


def _drop_contained(ranked: Iterable[tuple[tuple[str, ...], int]]) -> list[str]:
    """Keep a phrase unless a phrase already kept contains it and recurs as often."""
    kept: list[tuple[str, int]] = []
    for gram, count in ranked:
        phrase = " ".join(gram)
        if len(phrase) > PHRASE_MAX_CHARS:
            continue
        if any(f" {phrase} " in f" {other} " and other_count >= count for other, other_count in kept):
            continue
        kept.append((phrase, count))
        if len(kept) == MAX_PHRASES:
            break
    return [phrase for phrase, _ in kept]


def recurring_phrases(text: str) -> list[str]:
    counts = _ngram_counts(text)
    ranked = sorted(
        ((gram, count) for gram, count in counts.items() if count >= 2),
        key=lambda item: (-item[1], -len(item[0]), item[0]),
    )
    return _drop_contained(ranked)


def characteristic_phrases(text: str) -> list[str]:
    """Recurring phrases with a word that generic text would not use, most distinctive first.

    Distinctiveness = occurrences × uncommon words in the phrase: "shipped boring software"
    twice beats "cross-team" anything once, and stock phrases never qualify.
    """
    lowercase = _lowercase_seen(text)
    counts = _ngram_counts(text)
    scored: list[tuple[int, tuple[str, ...], int]] = []
    for gram, count in counts.items():
        if count < 2:
            continue
        unusual = [token for token in gram if token not in COMMON_WORDS and token in lowercase]
        if not unusual:
            continue
        scored.append((count * len(unusual), gram, count))
    scored.sort(key=lambda item: (-item[0], -len(item[1]), item[1]))
    return _drop_contained((gram, count) for _, gram, count in scored)


def favoured_words(text: str) -> list[str]:
    lowercase = _lowercase_seen(text)
    counts = Counter(
        token
        for token in (_norm(word) for word in words(text))
        if len(token) >= 3 and token.isalpha() and token not in COMMON_WORDS and token in lowercase
    )
    ranked = sorted((item for item in counts.items() if item[1] >= 2), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:MAX_WORDS]]


# -- resumes -------------------------------------------------------------------------------------

_BULLET = re.compile(r"^([•▪‣◦●■□◆◇►▸▹✓✔➢➤○♦·*\-–—])\s+(\S.*)$")
_MONTHS_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATE_FORMATS: tuple[tuple[str, str], ...] = (
    ("Month YYYY", rf"\b(?:{_MONTHS_FULL})\s+(?:19|20)\d\d\b"),
    ("Mon YYYY", rf"\b(?:{_MONTHS_SHORT})\.?\s+(?:19|20)\d\d\b"),
    ("MM/YYYY", r"\b(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\b"),
    ("MM.YYYY", r"\b(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d\b"),
    ("YYYY-MM", r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])\b"),
)
_YEAR = r"\b(?:19|20)\d\d\b"
_ANY_DATE = "|".join(pattern for _, pattern in _DATE_FORMATS) + "|" + _YEAR
_ONGOING = r"Present|present|PRESENT|Current|current|Now|now|Today|today"
_RANGE = re.compile(rf"(?:{_ANY_DATE})(\s*(?:–|—|-|\bto\b|\buntil\b)\s*)(?:(?:{_ANY_DATE})|({_ONGOING})\b)")


def _is_heading(line: str) -> bool:
    stripped = line.rstrip(":").strip()
    tokens = [_norm(token) for token in words(stripped)]
    if not tokens or len(tokens) > 5 or len(stripped) > 40 or stripped.endswith("."):
        return False
    if _BULLET.match(line) or any(char.isdigit() for char in stripped):
        return False
    return tokens[-1] in SECTION_WORDS or (tokens[0] in SECTION_WORDS and len(tokens) <= 2)


def _case_of(heading: str) -> str:
    letters = [word for word in words(heading) if word[:1].isalpha()]
    if heading.isupper():
        return "upper"
    if not letters or not letters[0][:1].isupper():
        return "mixed"
    rest = [word for word in letters[1:] if word.lower() not in STOPWORDS]
    if not rest:
        return "either"  # "Experience", "Skills and Tools": title and sentence case look alike
    if all(word[:1].isupper() for word in rest):
        return "title"
    if not any(word[:1].isupper() for word in rest):
        return "sentence"
    return "mixed"


def _heading_case(headings: list[str]) -> HeadingCase | None:
    if not headings:
        return None
    cases = {_case_of(heading) for heading in headings} - {"either"}
    if not cases:
        return "title"
    if cases == {"upper"}:
        return "upper"
    if cases == {"title"}:
        return "title"
    if cases == {"sentence"}:
        return "sentence"
    return "mixed"


def _bullets_and_runs(lines: list[str]) -> tuple[list[tuple[str, str]], list[int]]:
    """(marker, text) per bullet, with wrapped continuation lines joined, and the run lengths."""
    bullets: list[tuple[str, str]] = []
    runs: list[int] = []
    run = 0
    in_bullet = False
    for line in lines:
        if not line:
            continue
        match = _BULLET.match(line)
        if match:
            bullets.append((match.group(1), match.group(2).strip()))
            run += 1
            in_bullet = True
        elif in_bullet and (line[0].islower() or line[0] in "(%&+"):
            # A PDF wraps long bullets: a line that starts mid-sentence continues the bullet.
            marker, text = bullets[-1]
            bullets[-1] = (marker, f"{text} {line}")
        else:
            if run:
                runs.append(run)
            run = 0
            in_bullet = False
    if run:
        runs.append(run)
    return bullets, runs


def _verb_base(word: str) -> tuple[str | None, Tense]:
    """The action verb a bullet opens with, and its tense ('unknown' when it is not one)."""
    word = _norm(word)
    if word in IRREGULAR_PAST:
        return IRREGULAR_PAST[word], "past"
    if word in ACTION_VERBS:
        return word, "present"
    if word.endswith("ed"):
        stem = word[:-2]
        candidates = [word[:-1], stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""]
        if word.endswith("ied"):
            candidates.append(word[:-3] + "y")
        for candidate in candidates:
            if candidate in ACTION_VERBS:
                return candidate, "past"
    if word.endswith("s"):
        for candidate in (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else ""):
            if candidate in ACTION_VERBS:
                return candidate, "present"
    if word.endswith("ing"):
        stem = word[:-3]
        for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
            if candidate in ACTION_VERBS:
                return candidate, "present"
    return None, "unknown"


def _tense(tenses: list[Tense]) -> Tense:
    past = tenses.count("past")
    present = tenses.count("present")
    known = past + present
    if not known:
        return "unknown"
    if past / known >= 0.7:
        return "past"
    if present / known >= 0.7:
        return "present"
    return "mixed"


def _uses_first_person(text: str) -> bool:
    return any(_norm(word).split("'")[0] in FIRST_PERSON for word in words(text))


def _dates(text: str) -> tuple[str | None, str | None, str | None]:
    counts = {label: len(re.findall(pattern, text)) for label, pattern in _DATE_FORMATS}
    best = max(counts.items(), key=lambda item: (item[1], item[0]))
    date_format = best[0] if best[1] else ("YYYY" if re.search(_YEAR, text) else None)
    separators: Counter[str] = Counter()
    ongoing: Counter[str] = Counter()
    for match in _RANGE.finditer(text):
        separators[match.group(1)] += 1
        if match.group(2):
            ongoing[match.group(2)] += 1
    separator = min(separators.items(), key=lambda item: (-item[1], item[0]))[0] if separators else None
    ongoing_word = min(ongoing.items(), key=lambda item: (-item[1], item[0]))[0] if ongoing else None
    return date_format, separator, ongoing_word


def analyse_resume(lines: list[str]) -> ResumeStyle:
    headings: list[str] = []
    for line in lines:
        if line and _is_heading(line):
            heading = line.rstrip(":").strip()
            if heading not in headings:
                headings.append(heading)
    bullets, runs = _bullets_and_runs(lines)
    texts = [text for _, text in bullets]
    verbs = [_verb_base(words(text)[0]) if words(text) else (None, "unknown") for text in texts]
    markers = Counter(marker for marker, _ in bullets)
    marker = min(markers.items(), key=lambda item: (-item[1], item[0]))[0] if markers else None
    first_person_units = texts or [line for line in lines if line]
    date_format, separator, ongoing_word = _dates("\n".join(lines))
    tenses: list[Tense] = [tense for _, tense in verbs]
    return ResumeStyle(
        section_headings=headings[:MAX_HEADINGS],
        heading_case=_heading_case(headings),
        bullet_marker=marker,
        bullet_count=len(bullets),
        role_count=len(runs),
        bullets_per_role=_mean(runs),
        words_per_bullet=_mean([len(words(text)) for text in texts]),
        action_verb_share=_share(sum(1 for verb, _ in verbs if verb is not None), len(texts)),
        numbers_share=_share(sum(1 for text in texts if re.search(r"\d", text)), len(texts)),
        period_share=_share(sum(1 for text in texts if text.endswith(".")), len(texts)),
        tense=_tense(tenses),
        first_person_share=_share(
            sum(1 for unit in first_person_units if _uses_first_person(unit)), len(first_person_units)
        ),
        date_format=date_format,
        date_range_separator=separator,
        ongoing_word=ongoing_word,
    )


# -- cover letters -------------------------------------------------------------------------------

_GREETING = re.compile(rf"^(?:{'|'.join(re.escape(opener) for opener in GREETING_OPENERS)})\b", re.IGNORECASE)
_CLOSING = re.compile(
    rf"^(?:{'|'.join(re.escape(closing) for closing in CLOSINGS)})\s*[,.!—-]?$", re.IGNORECASE
)
_GREETING_NAME = re.compile(r"^(dear|hello|hi|hey|greetings)\s+(.+?)\s*([,:;!]?)$", re.IGNORECASE)
# Without blank lines, a line this long is a whole paragraph (DOCX, unwrapped text), not a
# visual line of a PDF.
_UNWRAPPED_LINE_CHARS = 120


def _greeting_template(greeting: str) -> str:
    match = _GREETING_NAME.match(greeting)
    if not match:
        return greeting
    opener, addressee, punctuation = match.groups()
    if addressee.lower().rstrip(".") in GENERIC_ADDRESSEES:
        return greeting
    return f"{opener} {{name}}{punctuation}"


def _paragraphs(lines: list[str]) -> list[str]:
    """Body paragraphs: split on blank lines, else one per long line, else re-flowed PDF lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if len(blocks) > 1 or not blocks:
        return [" ".join(block) for block in blocks]
    only = blocks[0]
    if max(len(line) for line in only) > _UNWRAPPED_LINE_CHARS:
        return only
    # Wrapped lines are nearly full; a paragraph ends on a short line that ends a sentence.
    width = max(len(line) for line in only)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in only:
        current.append(line)
        if line.endswith((".", "!", "?", "”", '"')) and len(line) < 0.8 * width:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _sentences(paragraph: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_END.split(paragraph) if words(sentence)]


def _contractions(tokens: list[str]) -> int:
    count = 0
    for token in (_norm(token) for token in tokens):
        if token in S_CONTRACTIONS or token.endswith(CONTRACTION_SUFFIXES):
            count += 1
    return count


def analyse_cover_letter(lines: list[str]) -> tuple[CoverLetterStyle, str]:
    """The cover-letter metrics and the body text they were measured on."""
    greeting_at = next(
        (index for index, line in enumerate(lines) if len(line) <= 80 and _GREETING.match(line)), None
    )
    start = 0 if greeting_at is None else greeting_at + 1
    closing_at = next(
        (
            index
            for index in range(len(lines) - 1, start - 1, -1)
            if len(lines[index]) <= 30 and _CLOSING.match(lines[index])
        ),
        None,
    )
    end = len(lines) if closing_at is None else closing_at
    paragraphs = _paragraphs(lines[start:end])
    body = "\n\n".join(paragraphs)
    body_words = words(body)
    sentences = [sentence for paragraph in paragraphs for sentence in _sentences(paragraph)]
    per_100 = 100 / len(body_words) if body_words else 0.0
    contractions = _contractions(body_words)
    # "I'm", "I've" and "I'd" count as "I".
    first_person = sum(1 for word in body_words if _norm(word).split("'")[0] in FIRST_PERSON_SINGULAR)
    greeting = lines[greeting_at] if greeting_at is not None else None
    letter = CoverLetterStyle(
        greeting=greeting,
        greeting_template=_greeting_template(greeting) if greeting else None,
        closing=lines[closing_at] if closing_at is not None else None,
        paragraph_count=len(paragraphs),
        words_per_paragraph=_mean([len(words(paragraph)) for paragraph in paragraphs]),
        words_per_sentence=_mean([len(words(sentence)) for sentence in sentences]),
        first_person_per_100_words=_round(first_person * per_100) or 0.0,
        contractions_per_100_words=_round(contractions * per_100) or 0.0,
        uses_contractions=contractions > 0,
        recurring_phrases=recurring_phrases(body),
        favoured_words=favoured_words(body),
    )
    return letter, body
