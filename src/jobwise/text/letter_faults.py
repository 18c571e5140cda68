"""What makes a cover letter one a person could not send without editing (issue 16).

Each fault is something a reader notices at once, and each is measurable without a model:

- `junk`: a placeholder or parse debris ("Unknown company", "{name}", "None", ",,", a sentence
  that starts in lower case, a skill written out of its proper case such as "postgreSQL");
- `copied`: a run of COPY_RUN (9) or more consecutive words taken from the posting that the
  person's own texts do not hold;
- `long_sentence`: a sentence of more than MAX_SENTENCE_WORDS (40) words;
- `repeated_opener`: the same two words open three or more sentences;
- `length`: fewer than MIN_WORDS (150) or more than MAX_WORDS (450) words.

bench/generation.py counts letters with any of them over a matrix of profiles and real postings;
the offline letter's tests assert there are none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jobwise.text.quotes import PostingQuotes
from jobwise.text.vocabulary import get_vocabulary

COPY_RUN = 9
MAX_SENTENCE_WORDS = 40
MAX_OPENER_REPEATS = 2
MIN_WORDS = 150
MAX_WORDS = 450

_WORD = re.compile(r"[\w'’-]+")
# A sentence ends at a full stop (or ! ?) before a space or the end: "Lexroom.ai" and "3.5" are
# one word, not two sentences.
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+(?=\s|$)|$)")
_JUNK = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\bunknown company\b",
        r"\buntitled position\b",
        r"[{}\[\]<>]",
        r"\b(?:None|null|undefined|NaN|TODO|TBD|XXX|lorem ipsum)\b",
        r"[,;:]\s*[,;:.]",
        r"\s[,.;:]",
        r"\.\.(?!\.)",
        r"\b(?P<word>\w+)\s+(?P=word)\b",
        r"\bthis:\s",
    )
]
_SIGN_OFF_LINES = 3


@dataclass(frozen=True)
class Fault:
    kind: str
    detail: str


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def body_sentences(text: str, names: Sequence[str] = ()) -> list[str]:
    """The letter's sentences, without the greeting (its first line) and the sign-off (a short
    last paragraph). A name with a full stop inside or at its end ("Oracuz InfoTech Pvt Ltd.")
    does not end a sentence where it stands."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if paragraphs and len(paragraphs[0].split()) <= 6:
        paragraphs = paragraphs[1:]
    if paragraphs and len(paragraphs[-1].split()) <= 8 and paragraphs[-1].count("\n") < _SIGN_OFF_LINES:
        paragraphs = paragraphs[:-1]
    dotted = {name: name.replace(".", "\0") for name in names if name and "." in name}
    sentences: list[str] = []
    for paragraph in paragraphs:
        flat = paragraph.replace("\n", " ")
        for name, kept in dotted.items():
            # The name's own stop stays, unless the sentence ends on it ("... at Acme Ltd.").
            flat = re.sub(rf"{re.escape(name)}(?=\s+[a-z])", lambda _, kept=kept: kept, flat)
        sentences.extend(s.strip().replace("\0", ".") for s in _SENTENCE.findall(flat) if s.strip())
    return sentences


def letter_faults(
    text: str,
    *,
    posting: Iterable[str | None] = (),
    own: Iterable[str | None] = (),
    names: Iterable[str | None] = (),
) -> list[Fault]:
    named = [name for name in names if name]
    faults: list[Fault] = []
    for pattern in _JUNK:
        match = pattern.search(text)
        if match is not None:
            faults.append(Fault("junk", match.group(0)))
    faults.extend(Fault("junk", f"skill case: {word}") for word in _miscased_skills(text))
    sentences = body_sentences(text, named)
    for sentence in sentences:
        if sentence[:1].isalpha() and sentence[:1].islower():
            faults.append(Fault("junk", f"starts in lower case: {sentence[:40]}"))
    quotes = PostingQuotes(posting, own=own, names=named, words=COPY_RUN)
    faults.extend(Fault("copied", passage) for passage in quotes.in_text(text))
    for sentence in sentences:
        if word_count(sentence) > MAX_SENTENCE_WORDS:
            faults.append(Fault("long_sentence", sentence[:60]))
    openers = Counter(_opener(sentence) for sentence in sentences)
    for opener, times in openers.items():
        if opener and times > MAX_OPENER_REPEATS:
            faults.append(Fault("repeated_opener", f"{opener!r} x{times}"))
    words = word_count(text)
    if not MIN_WORDS <= words <= MAX_WORDS:
        faults.append(Fault("length", f"{words} words"))
    return faults


def _opener(sentence: str) -> str:
    words = _WORD.findall(sentence.lower())
    return " ".join(words[:2]) if len(words) >= 2 else ""


def _miscased_skills(text: str) -> Sequence[str]:
    """Skills written in a case their canonical name does not have ("postgreSQL")."""
    vocabulary = get_vocabulary()
    found = []
    for match in re.finditer(r"\b[A-Za-z][A-Za-z0-9+#.]*[A-Za-z0-9+#]", text):
        word = match.group(0)
        if word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower()):
            continue  # plain words, acronyms and capitalised words are cased by the sentence
        skill = vocabulary.canonical(word)
        if (
            skill is not None
            and " " not in skill.name
            and skill.name.lower() == word.lower()
            and skill.name != word
        ):
            found.append(word)
    return found
