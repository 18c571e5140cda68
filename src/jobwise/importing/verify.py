"""Is a string really in the document? Every value a draft holds must be.

Normalisation: Unicode compatibility forms (ligatures, full-width letters), case, and every
character that is not a letter or a digit are set aside, so a bullet joined from two wrapped
lines, a hyphenated line end or a curly apostrophe still matches the page. Short values (a skill
such as "C" or "Go") must match whole words. Bullets may also match closely (an LLM that
rewrote a word is caught; one that changed a quote mark is not refused) with rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from jobwise.importing.lines import ReadDocument

# Under this many letters and digits a value must be a whole word of the document.
SHORT = 4
# partial_ratio (0-100) a bullet needs when it is not found exactly.
BULLET_SIMILARITY = 92.0


def squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in text if char.isalnum())


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " " + " ".join(re.findall(r"\w+", text)) + " "


@dataclass
class DocumentText:
    squashed: str
    words: str
    lines: list[str]

    @classmethod
    def of(cls, read: ReadDocument) -> DocumentText:
        texts = [line.text for line in [*read.lines, *read.running_contact]] + read.link_targets
        joined = "\n".join(texts)
        return cls(squashed=squash(joined), words=_words(joined), lines=texts)

    def contains(self, value: str) -> bool:
        key = squash(value)
        if not key:
            return True  # punctuation only: nothing to invent
        if len(key) < SHORT:
            return _words(value) in self.words
        return key in self.squashed

    def contains_phrase(self, value: str) -> bool:
        """The words of `value` in a row, as whole words ("Go" is not in "Google")."""
        return _words(value) in self.words

    def contains_words(self, value: str) -> bool:
        """Each word on its own (a name set over two lines, "CHRIS" and "OH")."""
        return all(_words(word) in self.words for word in value.split())

    def contains_closely(self, value: str) -> bool:
        if self.contains(value):
            return True
        key = squash(value)
        if len(key) < 20:
            return False
        return fuzz.partial_ratio(key, self.squashed, score_cutoff=BULLET_SIMILARITY) >= BULLET_SIMILARITY


# Values a draft computes rather than copies: dates (re-read by code from the quoted text) and
# the name of a network recognised in a link.
COMPUTED_KEYS = frozenset({"startDate", "endDate", "date", "releaseDate", "network"})


def copied_strings(document: object, pointer: str = "") -> list[tuple[str, str]]:
    """(JSON pointer, string) for every string of a draft that must be found in the document."""
    found: list[tuple[str, str]] = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key not in COMPUTED_KEYS:
                found += copied_strings(value, f"{pointer}/{key}")
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += copied_strings(value, f"{pointer}/{index}")
    elif isinstance(document, str):
        found.append((pointer, document))
    return found


def is_found(text: DocumentText, pointer: str, value: str) -> bool:
    if pointer == "/basics/name":
        return text.contains(value) or text.contains_words(value)
    if "/highlights/" in pointer or pointer.endswith(("/summary", "/description")):
        return text.contains_closely(value)
    return text.contains(value)
