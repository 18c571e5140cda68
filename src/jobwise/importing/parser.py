"""The offline parse: lines in reading order into a JSON Resume draft, each value with its line.

1. Name: the largest name-like line at the top of the first page (a Markdown `#` or a Word Title
   wins), joined with a second line of the same size when the name is set over two lines. Never
   the document naming itself ("One-page CV"), nor a line drawn like the section headings below
   the first of them; the first piece of a header row "Name / email / phone" counts.
2. Section headings: lines whose words are a heading in one of the known languages and that are
   set apart (bold, capitals, larger, letter-spaced, a heading style, or alone and short); then
   every other short line drawn exactly like them (a heading the word lists do not know).
3. Entries (work, education, projects...): header lines (bold, dated, short) followed by a body
   (bullets, their wrapped continuations, prose). A new entry starts at a header line after a
   body, at a line drawn like the section's entry openings, or at a second period.
4. In an entry's header, dates are read by dates.py; places are recognised and kept aside; the
   remaining parts are told apart by their words (job titles, organisations, degrees) and, when
   the words say nothing, by the order the rest of the section uses.

Every string in the draft is copied from the document (trimmed of separators and labels); the
caller checks that again (verify.py) before anything is returned.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from jobwise.importing import contact
from jobwise.importing.dates import PRESENT, DateSpan, date_text_share, find_dates
from jobwise.importing.lines import IDEOGRAPHS, Line, ReadDocument
from jobwise.importing.vocabulary import (
    SectionKind,
    has_degree_word,
    has_edu_org_word,
    has_org_word,
    has_title_word,
    heading_kind,
    is_name_particle,
    looks_like_location,
    looks_like_street,
    org_strength,
)
from jobwise.profiles.schemas import (
    MAX_BULLET_CHARS,
    MAX_BULLETS,
    MAX_ITEMS,
    MAX_NAME_CHARS,
    MAX_SKILL_KEYWORDS,
    MAX_SKILLS,
    MAX_SUMMARY_CHARS,
    MAX_TERM_CHARS,
)
from jobwise.text.verbs import is_verb
from jobwise.text.vocabulary import get_vocabulary

MARKERS = "•●○◦▪▫■□◆◇►▶➢➤➔→✓✔❖⁃‣∙·⦿⦾-–—*+"
_MARKER = re.compile(
    rf"^\s*(?:[{re.escape(MARKERS)}]|\(?\d{{1,2}}[.)]|\[\d{{1,3}}\])\s+"
    # "-Member of IT Club": a dash typed against its item's capital
    r"|^\s*[-•*](?=[A-Z][a-z])"
)
_PRIVATE_USE = re.compile(r"^[\ue000-\uf8ff]\s*")
_GPA = re.compile(
    r"(?i)(?:\b(?:c?gpa|cum\.?\s*gpa|grade point average|grade|grades|note|nota|média|betyg|moyenne|"
    r"notenschnitt|durchschnitt|promedio|score|cgpa)\b\s*[:=]?\s*)"
    r"(?P<value>\d{1,3}(?:[.,]\d{1,3})?(?:\s*/\s*\d{1,3}(?:[.,]\d{1,3})?)?(?:\s*\([^)]{1,30}\))?)"
)
# "2.81/4.00 GPA", "3.7 CGPA": the value before its label.
_GPA_AFTER = re.compile(
    r"(?i)(?P<value>\b\d(?:[.,]\d{1,2})?\s*/\s*\d{1,2}(?:[.,]\d{1,2})?|\b\d[.,]\d{1,2})\s*c?gpa\b"
)
# "TEDU UNIVERSITY 4'TH YEAR", "3rd year student": how far the studies have got, not the school.
_YEAR_OF_STUDY = re.compile(r"(?i)\s*\b\d(?:st|nd|rd|th|['’]th)\s+year(?:\s+student)?\b")
_DATE_LABEL = re.compile(
    r"(?i)(?:\b(?:date|dates|from|period|grad(?:uated|uation)?\.?|expected(?: graduation)?(?: date)?|"
    r"since|sedan|desde|depuis|seit|class of)\s*:?\s*)+$"
)
# An em dash against one of its words still separates ("CognitoFlow, Remote— Quality Assurance").
_STRONG_SEPARATORS = re.compile(
    r"\s+[|·•]\s+|\s*\|\s*|\s+[—–]\s+|(?<=\S)—\s+|\s+—(?=\S)|\s+-\s+|\s+@\s*|\s+at\s+|\s+chez\s+|;\s+"
    r"|\s+:\s+"
)
_LINE_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s*\|\s*|\s+@\s*|\s+at\s+|\s+chez\s+|;\s+")
# A school's line keeps its "at" ("University of Texas at Austin"); a degree at its school is
# parted by its words instead (`_header_pieces`).
_SCHOOL_LINE_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s*\|\s*|\s+@\s+|;\s+")
_PLACED = re.compile(r"\s+(?:@\s*|(?:at|chez)\s+)$")
# The words a language puts between a degree and its school ("at", "an der", "pela", "vid").
_DEGREE_AT = re.compile(
    r"\s+(?:at(?:\s+the)?|from(?:\s+the)?|an\s+der|an\s+dem|am|bei\s+der|pela|pelo|na|no"
    r"|en\s+la|en\s+el|por\s+la|por\s+el|presso(?:\s+l['’]|\s+la|\s+il)?|vid|på|aan\s+de|au)\s+(?=\S)"
)


_SCHOOL_OF = re.compile(
    r"(?i)(?<=\S)\s+(?=(?:university|college|institute|school|academy|universidad|universidade|"
    r"université|università|universität|universitat)\s+(?:of|de|do|da|di|del|des|der|für)\s+\S)"
)


def _degree_then_school(text: str) -> tuple[str, str] | None:
    """'BSCS UNIVERSITY OF LAHORE', 'MBA University of Leeds': a degree run on into the name of
    its school, which opens with 'University of' (or its kin in other languages)."""
    match = _SCHOOL_OF.search(text)
    if match is None:
        return None
    degree, school = text[: match.start()].strip(), text[match.end() :].strip()
    # Run on: nothing parts them (a comma would, and the line's other rules read that).
    if "," in degree or len(degree.split()) > 6:
        return None
    if has_degree_word(degree) and not has_edu_org_word(degree):
        return degree, school
    return None


def _degree_at(text: str) -> tuple[str, str] | None:
    """'BSc Computer Science at University of Leeds', 'Bachelor of Science an der Universität
    Wien', 'Mestrado em Engenharia pela Universidade de Lisboa', 'Kandidatexamen vid Lunds
    universitet': a degree at its school, parted at the first such word with a degree before it
    and a school after it ('University of Illinois at Chicago' keeps its 'at')."""
    for match in _DEGREE_AT.finditer(text):
        degree, school = text[: match.start()].strip(), text[match.end() :].strip()
        if degree and has_degree_word(degree) and not has_edu_org_word(degree) and has_edu_org_word(school):
            return degree, school
    return None


_SCHOOL_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s*\|\s*|\s+[—–]\s+|(?<=\S)—\s+|\s+-\s+|;\s+|\s+:\s+")
_STATUS_NOTE = re.compile(
    r"\(\s*(?:present|current|ongoing|continue|continuing|pågående|pågår|atual|em andamento|en cours|"
    r"aktuell|laufend|actual|expected|previsão|prévu|voraussichtlich)\s*\)",
    re.IGNORECASE,
)
_EXPECTED_NOTE = re.compile(
    r"^\s*\(?\s*(?:expected|anticipated|previsão|previsto|prevista|prévu|prévue|voraussichtlich|"
    r"beräknad|planned|ongoing|pågående|em andamento|en cours)\s*\)?",
    re.IGNORECASE,
)
_TRIM = " \t,;:|·•–—-()[]{}."


@dataclass
class Source:
    line: Line

    def as_json(self) -> dict[str, Any]:
        return {"page": self.line.page, "line": self.line.number, "text": self.line.text}


@dataclass
class Draft:
    document: dict[str, Any]
    sources: dict[str, Source] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    engine: Literal["offline", "llm"] = "offline"  # what produced the draft


@dataclass
class Section:
    kind: SectionKind | None  # None: the top of the document before any heading
    title: str
    heading: Line | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Part:
    text: str
    line: Line
    whole: bool = False  # the title sentence of "Title. Department, University.": never split
    # Written after "at", "@" or "chez" ("Teacher at Odaba Institute"): where the post was held.
    placed: bool = False


@dataclass
class Entry:
    header: list[Line] = field(default_factory=list)
    bullets: list[tuple[str, Line]] = field(default_factory=list)
    prose: list[Line] = field(default_factory=list)
    body_started: bool = False

    def lines(self) -> list[Line]:
        return [*self.header, *(line for _, line in self.bullets), *self.prose]


# --- small readings of a line ----------------------------------------------------------------


def bullet_text(line: Line) -> str | None:
    """The line without its marker, or None when it is not a list item."""
    text = line.text.strip()
    if len(text) > 2 and text[0] == text[-1] and not text[0].isalnum():
        return None  # "○  DETAILS  ○": a decoration around a heading
    if _PRIVATE_USE.match(text) and date_text_share(text) >= 0.4:
        return None  # an icon before a period ("\uf073 Sept 2013 – ongoing"): a header's dates
    if line.marker and date_text_share(text[1:]) >= 0.4:
        return None
    match = _MARKER.match(text) or _PRIVATE_USE.match(text)
    if match:
        rest = text[match.end() :].strip()
        return rest or None
    if line.list_level is not None or line.marker:
        rest = text[1:].strip() if line.marker and len(text) > 1 else text
        return rest or None
    return None


def _pictograph(char: str) -> bool:
    """An emoji or symbol set before a line as an icon ("📘 Ingeniería", "📅 2018")."""
    return unicodedata.category(char) == "So" or char in "\ufe0f\u200d"


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u200b", "")).strip()
    text = re.sub(r"[\ue000-\uf8ff]", " ", text)  # icon glyphs (a calendar, a map pin)
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    text = _STATUS_NOTE.sub(" ", text)  # "Medieinstitutet (Pågående)": the status is a date's
    text = re.sub(
        r"\(([^()]{2,40})\)", lambda m: " " if looks_like_location(m.group(1)) else m.group(0), text
    )
    text = re.sub(r"\s+", " ", text).strip()
    while text and (text[0] in _TRIM or _pictograph(text[0])):
        text = text[1:].strip()
    while text and _pictograph(text[-1]):
        text = text[:-1].strip()
    while text and text[-1] in _TRIM and not (text[-1] == ")" and "(" in text):
        if text[-1] == "." and re.search(r"(?:^|\s|\.)(?:[A-Z][a-z]{0,3}|[A-Z])\.$", text):
            break  # "Omnious. Co., Ltd.", "B.Sc.": the point belongs to the abbreviation
        text = text[:-1].strip()
    return text


def _plain(text: str) -> str:
    """A bullet or summary as written: only spaces, soft hyphens and zero-width marks tidied."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u200b", "")).strip()


def _style(line: Line) -> tuple[Any, ...]:
    return (round(line.size * 2) / 2, line.bold, line.italic, line.caps, line.spaced, line.heading_level)


def _alike(first: tuple[Any, ...], second: tuple[Any, ...]) -> bool:
    """Two styles the reader sees as one: the same emphasis, sizes within half a point (Word
    shrinks a long line's text to fit its table cell: 10.7 beside 11)."""
    return first[1:] == second[1:] and abs(first[0] - second[0]) <= 0.5


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


# --- name and headings -----------------------------------------------------------------------

_NAME_WORD = re.compile(r"^[\w'’‘`´.-]+$")  # apostrophes of several kinds: "O‘Neill", "o`g`li"


# Chinese, Japanese and Korean names are a few characters written together ("周润杰", "山田太郎",
# "김민준"; a transliterated name joins its parts with a middle dot): a longer run, or one mixed
# with Latin letters, is a title ("图联邦学习中数据的Non-IID分布").
_CJK_CHARS = IDEOGRAPHS + "\uac00-\ud7af"  # and Hangul syllables
_CJK = re.compile(f"[{_CJK_CHARS}]")
_CJK_NAME = re.compile(f"[{_CJK_CHARS}](?:[{_CJK_CHARS}]|[·・](?=[{_CJK_CHARS}])){{1,5}}")


def _name_like(text: str) -> bool:
    words = text.split()
    # A name's small words do not count ("Muhammad Ali bin Abdul Rahman Al-Khatib").
    if not 1 <= sum(not is_name_particle(word) for word in words) <= 5 or len(words) > 8 or len(text) > 60:
        return False
    if any(char.isdigit() for char in text) or "@" in text or "/" in text or ":" in text:
        return False
    if contact.URL.search(text):
        return False
    if heading_kind(text) is not None and len(words) <= 2:
        return False
    if contact.is_document_title(text):
        return False
    if any(_CJK.search(word) and not _CJK_NAME.fullmatch(word) for word in words):
        return False
    if words[0].endswith(",") and len(words) >= 2 and not looks_like_location(text):
        words = [words[0][:-1], *words[1:]]  # "ASHTARI, Babak": the family name first
    return all(_NAME_WORD.match(word) for word in words) and sum(c.isalpha() for c in text) >= 2


# Letters after a name: "Jasmine Smith BSN, RN, OCN", "Jane Doe, PhD", "John Roe MBA".
_CREDENTIAL = r"(?:[A-Z]{2,5}|Ph\.?\s?D\.?|M\.D\.|Ed\.?D\.?|M\.?Sc\.?|B\.?Sc\.?|Esq\.?|Dipl\.-\w+)"
_KNOWN_CREDENTIAL = re.compile(
    r"^(?:PhD|Ph\.D\.|MD|M\.D\.|MBA|RN|BSN|MSN|DNP|CPA|PMP|CFA|EdD|Ed\.D\.|MSc|BSc|Esq\.?)$"
)
_CREDENTIALS = re.compile(rf"^(?P<name>.*?[a-zà-ÿ].*?)(?P<tail>(?:,?\s+{_CREDENTIAL})+)\s*$")


def _without_credentials(text: str) -> str | None:
    """The name before the letters after it: a comma among them, or letters that are only ever
    credentials ("PhD"), so that a family name in capitals ("Bastien MATTHÄI") stays whole."""
    match = _CREDENTIALS.match(text.strip())
    if match is None or not _name_like(match.group("name").rstrip(",")):
        return None
    tail = match.group("tail")
    if "," in tail or all(_KNOWN_CREDENTIAL.match(word) for word in tail.split()):
        return match.group("name").rstrip(",").strip()
    return None


def _name_cell(line: Line) -> str | None:
    """The part of a line that can be a name: its first cell, or the first piece of a header row
    whose other pieces are contact details or a headline ("Anna Rowan / anna@example.com /
    07523 283011", "Jane Doe | Data Scientist"), or the name before its credentials."""
    first = line.cells[0]
    credited = _without_credentials(first)
    if credited is not None:
        return credited
    if _name_like(first):
        return first
    pieces = contact.header_pieces(first)
    # "CV – Jane Doe", "Curriculum Vitae | Jane Doe": the document's title beside the name.
    if len(pieces) == 2 and contact.is_document_title(pieces[0]) and _name_like(pieces[1]):
        return pieces[1]
    if len(pieces) >= 2 and _name_like(pieces[0]):
        rest = " ".join(pieces[1:])
        if contact.holds_contact(rest) or (len(pieces) == 2 and has_title_word(rest)):
            return pieces[0]
    return None


def _find_name(lines: list[Line], kind: str) -> list[Line]:
    found = _find_name_lines(lines, kind)
    if len(found) == 1 and _labelled_name(found[0]) is None:
        top = [line for line in lines if line.page == 1][:40]
        below = _rest_of_name(found[0], top)
        if below is not None:
            return [found[0], below]
    return found


def _rest_of_name(given: Line, top: list[Line]) -> Line | None:
    """The line right below a name of one word that holds the rest of it: a given name set large
    over the family name and patronymic in smaller type ("Abduqodir" over "Ubaydullayev Xojimurod
    o'g'li"). Every word capitalised or a name's own small word ("bin", "van der", "qizi"), so a
    headline, a place or contact details below a single name ("Madonna") stay apart."""
    words = (_name_cell(given) or "").split()
    index = top.index(given)
    if len(words) != 1 or index + 1 >= len(top):
        return None
    below = top[index + 1]
    text = below.cells[0].strip()
    rest = text.split()
    if len(below.cells) != 1 or below.page != given.page or not 1 <= len(rest) <= 4:
        return None
    if given.top and below.top and not 0 <= below.top - given.top <= 2.5 * max(given.size, 1.0):
        return None
    if not _name_like(text) or heading_kind(text) is not None or has_title_word(text):
        return None
    if looks_like_location(text) or contact.holds_contact(text):
        return None
    if not any(word[:1].isupper() for word in rest):
        return None
    return below if all(word[:1].isupper() or is_name_particle(word) for word in rest) else None


def _find_name_lines(lines: list[Line], kind: str) -> list[Line]:
    top = [line for line in lines if line.page == 1][:40]
    if not top:
        return []
    for line in top[:10]:
        if line.heading_level in (0, 1) and _name_cell(line) is not None:
            return [line]
    labelled = next((line for line in top if _labelled_name(line) is not None), None)
    if labelled is not None:
        return [labelled]
    # A header row "Name | headline" is the name only at the top ("Google | Software Engineer"
    # in the body is an entry).
    candidates = [
        line
        for line in top
        if _name_like(line.cells[0]) or (line in top[:5] and _name_cell(line) is not None)
    ]
    # Below the first section heading, a line drawn exactly like the headings ("COMPÉTENCES" in
    # 16 pt bold capitals) is a heading the word lists do not know ("EXPERIENCE PROFESSIONNELLE"),
    # not the name: a name stands above the sections, and may well be drawn like them there.
    body = _body_size(lines)
    known = [
        line
        for line in top
        if heading_kind(line.text) is not None and _heading_candidate(line) and _emphasised(line, body)
    ]
    if known:
        first_heading = top.index(known[0])
        styles = {_style(line) for line in known}
        candidates = [
            line for line in candidates if top.index(line) < first_heading or _style(line) not in styles
        ] or candidates
        # Nor is the first heading ("SUMMARY STATEMENT", set larger than the name) when a line
        # like a name drawn otherwise stands above it.
        candidates = [
            line
            for line in candidates
            if _style(line) not in styles
            or not any(
                top.index(other) < top.index(line) and _style(other) not in styles for other in candidates
            )
        ]
    if not candidates:
        return []
    if kind == "text":
        return [candidates[0]] if candidates[0] in top[:5] else []

    def size(line: Line) -> float:
        return line.cell_sizes[0] if line.cell_sizes else line.size

    biggest = max(size(line) for line in candidates)
    if biggest <= body * 1.05 and kind == "docx":
        first = candidates[0]
        return [first] if first in top[:4] else []
    chosen = [line for line in candidates if size(line) >= biggest - 0.1]
    first = chosen[0]
    # A name set over two lines ("CHRIS" / "OH"): the same size, close below.
    together = [first]
    for other in chosen[1:]:
        last = together[-1]
        if not (0 <= other.top - last.top <= 2.5 * max(size(last), 1.0) and other.page == last.page):
            break
        # "ARTUR SAMUEL" over "Desenvolvedor Full Stack" in the same type: the headline.
        if has_title_word(other.cells[0]) and len(" ".join(line.cells[0] for line in together).split()) >= 2:
            break
        together.append(other)
    return together if len(" ".join(line.cells[0] for line in together).split()) <= 5 else [first]


_NAME_LABEL = re.compile(
    r"(?i)^(?:full\s+)?(?:name|nombre(?:\s+completo)?|nome(?:\s+completo)?|nom(?:\s+complet)?|namn"
    r"|фио|ф\.\s?и\.\s?о\.|имя|ім'я|姓名|氏名|이름)\s*[:：]"
)


def _labelled_name(line: Line) -> str | None:
    """The name given after its label: "Name: Jane Doe", or in a row of personal details with
    the label in a cell of its own ("NAME   Adrian Kleimeier", Europass and Word forms)."""
    if _NAME_LABEL.match(line.text):
        return _clean(re.split(r"[:：]", line.text, maxsplit=1)[1])
    if len(line.cells) >= 2 and _NAME_LABEL.match(line.cells[0].strip() + ":") and _name_like(line.cells[1]):
        return _clean(line.cells[1])
    return None


def _name_text(lines: list[Line]) -> str:
    if len(lines) == 1 and (labelled := _labelled_name(lines[0])) is not None:
        return labelled
    return _clean(" ".join(_name_cell(line) or line.cells[0] for line in lines))


def _emphasised(line: Line, body: float) -> bool:
    return (
        line.bold
        or line.caps
        or line.spaced
        or line.heading_level is not None
        or (body > 0 and line.size >= body + 0.9)
    )


def _heading_candidate(line: Line) -> bool:
    text = line.text.strip()
    if not text or len(text.split()) > 6:
        return False
    # Long only when made of heading words ("ACADEMIC QUALIFICATION, TRAININGS AND PROFESSIONAL
    # CERTIFICATIONS").
    if len(text) > 50 and (len(text) > 80 or heading_kind(text) is None):
        return False
    if find_dates(text) or (
        bullet_text(line) is not None and line.list_level is None and _MARKER.match(text)
    ):
        return False
    if "@" in text or contact.URL.search(text):
        return False
    first = text.split()[0]
    if first[:1].islower() and (text.endswith(".") or first in ("and", "or", "of", "in", "to", "the")):
        return False  # the end of a sentence wrapped onto its own line ("and work experience.")
    return not text.endswith((",", ";")) and not (text.endswith(".") and len(text.split()) > 3)


def _find_headings(lines: list[Line], name: list[Line], kind: str) -> dict[int, SectionKind]:
    """Line index -> section kind for every heading."""
    body = _body_size(lines)
    found: dict[int, SectionKind] = {}
    styles: Counter[tuple[Any, ...]] = Counter()
    markup_levels = [line.heading_level for line in lines if line.heading_level is not None]
    section_level: int | None = None
    for index, line in enumerate(lines):
        if line in name or not _heading_candidate(line):
            continue
        known = heading_kind(line.text)
        if known is None:
            continue
        alone = kind == "text" or line.gap_above >= 0.6 or line.text.rstrip().endswith(":")
        if _emphasised(line, body) or alone or line.region == "side":
            found[index] = known
            styles[_style(line)] += 1
            if line.heading_level is not None:
                section_level = (
                    line.heading_level if section_level is None else min(section_level, line.heading_level)
                )
    # Markup: every heading of the level the known headings use is a section heading.
    if section_level is not None and markup_levels:
        for index, line in enumerate(lines):
            if line.heading_level == section_level and line not in name and _heading_candidate(line):
                if (
                    index - 1 in found
                    and heading_kind(line.text) is None
                    and _style(line) != _style(lines[index - 1])
                ):
                    continue  # the first line of the section above, in its style (a school's)
                found.setdefault(index, heading_kind(line.text) or "other")
        # Deeper markup levels are entries, not sections ("### Title | Employer").
        for index in list(found):
            level = lines[index].heading_level
            if level is not None and level > section_level and heading_kind(lines[index].text) is None:
                del found[index]
    # A page printed from HTML or Markdown has a hierarchy of sizes (h1 32 pt, h2 24 pt, h3 19 pt):
    # when the section headings are display-sized, a known word set smaller ("Projects" in body
    # italics under a job, an h2 "Strengths") is a sub-heading inside a section, not a section.
    display = Counter(round(lines[i].size) for i in found if body and lines[i].size >= 1.5 * body)
    if display and max(display.values()) >= 2:
        section_size = max(size for size, count in display.items() if count >= 2)
        for index in list(found):
            line = lines[index]
            if (
                line.size < 0.85 * section_size
                and line.heading_level is None
                and not (line.caps or line.spaced)
            ):
                del found[index]
    # Two tiers of known headings: set clearly smaller, under a larger one ("LANGUAGES" and
    # "TECHNOLOGIES" in 12 pt under "SKILLS" in 14 pt), they are sub-headings of its section.
    sized = [i for i in found if lines[i].heading_level is None and lines[i].size]
    if kind == "pdf" and sized:
        top = max(lines[i].size for i in sized)
        upper = [i for i in sized if lines[i].size >= top - 0.5]
        lower = [i for i in sized if lines[i].size < top - 1.0]

        # Within one column: a sidebar's larger headings ("PROFILE", "CONTACT") do not make the
        # main column's smaller ones ("EDUCATION") sub-headings.
        def above(upper_index: int, index: int) -> bool:
            column = lines[upper_index].column
            return upper_index < index and column in (0, lines[index].column)

        if len(upper) >= 2 and lower and all(any(above(u, i) for u in upper) for i in lower):
            for index in lower:
                styles[_style(lines[index])] -= 1
                del found[index]
            styles = +styles
    # Lines drawn exactly like the known headings are headings too ("LINKS", "COURSEWORK").
    if kind != "text":
        # Each column draws its own headings: a sidebar's heading style is not the main column's
        # once the main column shows headings of its own.
        regions: dict[tuple[Any, ...], set[str]] = {}
        for index in found:
            regions.setdefault(_style(lines[index]), set()).add(lines[index].region)
        for style, count in styles.items():
            if count < 2 and len(styles) > 1:
                continue
            if not (style[0] > body + 0.9 or style[3] or style[4] or style[5] is not None):
                continue  # a bold line of body size is too common to mean "heading"
            for index, line in enumerate(lines):
                if (
                    index not in found
                    and line not in name
                    and _style(line) == style
                    and (
                        line.region in regions.get(style, {line.region})
                        or not any(lines[i].region == line.region for i in found)
                    )
                    and _heading_candidate(line)
                    and not any(char.isdigit() for char in line.text)
                    and len(line.text.split()) <= 4
                    # Right under a heading it would leave that section empty: it is the
                    # section's first line ("Education" | "BElarusian State University").
                    and not (index - 1 in found and heading_kind(line.text) is None)
                ):
                    found[index] = heading_kind(line.text) or "other"
    # "Relevant Coursework:", "Key Projects:" under a degree: a label ending in a colon, set
    # smaller than the heading of the section it sits in, labels the items under it there.
    for index in sorted(found):
        line = lines[index]
        if not line.text.rstrip().endswith(":") or line.heading_level is not None or not line.size:
            continue
        heading = next(
            (
                i
                for i in sorted(found, reverse=True)
                if i < index and not lines[i].text.rstrip().endswith(":")
            ),
            None,
        )
        if heading is not None and lines[heading].size and line.size < lines[heading].size - 1.0:
            del found[index]
    return found


def _split_heading_cells(lines: list[Line]) -> list[Line]:
    """A heading in the first cell of a line ("EDUCATION ‖ University of X"): its own line."""
    result = []
    for line in lines:
        if len(line.cells) >= 2 and all(heading_kind(cell) is not None for cell in line.cells):
            # Two columns' headings on one row ("UTBILDNING    PROFIL"): the first is this one.
            result.append(
                Line(**{**line.__dict__, "text": line.cells[0], "cells": line.cells[:1], "cell_sizes": ()})
            )
        elif (
            len(line.cells) >= 2
            and heading_kind(line.cells[0]) is not None
            and (line.caps or line.bold or line.cells[0].isupper())
            # "LANGUAGES:  Java, C#" in plain type: a label run into its items, not a heading.
            and not (line.cells[0].rstrip().endswith(":") and not line.bold and line.heading_level is None)
        ):
            sizes = line.cell_sizes or (line.size,) * len(line.cells)
            head = Line(
                **{**line.__dict__, "text": line.cells[0], "cells": (line.cells[0],), "cell_sizes": sizes[:1]}
            )
            head.size = sizes[0]
            head.caps = line.cells[0].isupper() or line.caps
            rest_cells = line.cells[1:]
            rest = Line(
                **{
                    **line.__dict__,
                    "text": " ".join(rest_cells),
                    "cells": rest_cells,
                    "cell_sizes": sizes[1:],
                }
            )
            rest.size = statistics.median(sizes[1:]) if sizes[1:] else line.size
            rest.caps = False
            result += [head, rest]
        else:
            result.append(line)
    return result


def _indented_items(lines: list[Line]) -> list[Line]:
    """Short lines set in from the text's left edge, two or more together: a list drawn without
    glyphs in the text layer (a browser's printed bullets, a Word list exported as graphics).

    Each becomes a list item (nested when set in further), so it counts as a bullet. Long lines,
    dated lines and lone indented lines (a hanging indent, a date margin) are left alone.
    """
    # Each column of each page has its own edges.
    edges: dict[tuple[int, int, str], tuple[float, float]] = {}
    for line in lines:
        if line.size:
            key = (line.page, line.column, line.region)
            low, high = edges.get(key, (line.x0, line.x1))
            edges[key] = (min(low, line.x0), max(high, line.x1))
    with_prose = {
        key
        for key, (low, _) in edges.items()
        for line in lines
        if (line.page, line.column, line.region) == key and abs(line.x0 - low) < 1.5 and len(line.text) > 60
    }

    def candidate(line: Line, *, inside: bool = False) -> bool:
        key = (line.page, line.column, line.region)
        if key not in with_prose or line.region == "side":
            return False  # no prose at the left edge to be set in from
        left, right = edges[key]
        return (
            line.size > 0
            and line.x0 >= left + 1.2 * line.size
            and bullet_text(line) is None
            and line.heading_level is None
            and not line.bold
            and len(line.text) <= 90
            and line.x1 < right - 2 * line.size
            # A year inside an item ("Windows servers 2008-2012") once the list has begun.
            and (not find_dates(line.text) or (inside and date_text_share(line.text) < 0.5))
        )

    result = list(lines)
    index = 0
    while index < len(lines):
        if not candidate(lines[index]):
            index += 1
            continue
        x0 = lines[index].x0
        back = index - 1
        while back >= 0 and abs(lines[back].x0 - x0) < 1.5 and bullet_text(lines[back]) is None:
            back -= 1  # earlier lines of the same wrapped text, too long to be items themselves
        above = lines[back] if back >= 0 else None
        if above is not None and bullet_text(above) is not None and x0 > above.x0 + 1.0:
            # The hanging indent of a marked item wrapped over several lines ("• Admin
            # Dashboard: created ..." / "TailwindCSS. This ..." / "manage their events ..."):
            # its own words, however many lines.
            while (
                index < len(lines) and abs(lines[index].x0 - x0) < 1.5 and bullet_text(lines[index]) is None
            ):
                index += 1
            continue
        end = index
        while (
            end + 1 < len(lines)
            and candidate(lines[end + 1], inside=True)
            and lines[end + 1].x0 >= lines[index].x0 - 1.5
        ):
            end += 1
        if end > index:
            base = lines[index].x0
            for j in range(index, end + 1):
                level = 1 if lines[j].x0 > base + 1.5 else 0
                copy = Line(**{**lines[j].__dict__, "list_level": level})
                copy.page, copy.number = lines[j].page, lines[j].number
                result[j] = copy
        index = end + 1
    return result


def _sections(lines: list[Line], headings: dict[int, SectionKind]) -> list[Section]:
    sections = [Section(None, "", None)]
    index = 0
    while index < len(lines):
        line = lines[index]
        if index in headings:
            title, kind = _clean(line.text), headings[index]
            # A heading set over two lines ("Linguagens de" / "programação").
            if index + 1 < len(lines) and _continues_heading(line, lines[index + 1]):
                joined = _clean(f"{line.text} {lines[index + 1].text}")
                joined_kind = heading_kind(joined)
                if joined_kind is not None and (kind == "other" or index + 1 not in headings):
                    title, kind = joined, joined_kind
                    index += 1
            sections.append(Section(kind, title, line))
        else:
            sections[-1].lines.append(line)
        index += 1
    return sections


def _continues_heading(line: Line, following: Line) -> bool:
    return (
        (line.spaced or line.caps or line.bold or line.heading_level is not None)
        and following.region == line.region
        and _style(line) == _style(following)
        and following.gap_above < 0.6
    )


# --- entries ---------------------------------------------------------------------------------


def _is_continuation(
    line: Line, previous: Line | None, previous_kind: str | None, kind: str, right: float = 0.0
) -> bool:
    if previous is None or previous_kind not in ("bullet", "cont"):
        return False
    if kind == "pdf" and right and _wrapped_onto(line, previous, right):
        return True
    text = line.text.strip()
    if (
        kind == "pdf"
        and text[:1].islower()
        and bullet_text(line) is None
        and line.heading_level is None
        and -1.5 < line.x0 - previous.x0 < 3 * (line.size or 10.0)
        and abs(line.size - previous.size) <= 0.6
        and not previous.text.rstrip().endswith((".", "!", "?"))
        and date_text_share(text) < 0.5
    ):
        return True  # the sentence going on in lower case, whatever emphasis its first line had
    same_look = line.bold == previous.bold and line.italic == previous.italic
    if previous_kind == "cont" and kind == "pdf" and abs(line.x0 - previous.x0) < 1.5 and same_look:
        # The third line of a bullet lines up with its second; unless the second stopped short
        # with room for this line's first word: the item ended there.
        if right and _room_for(line, previous, right):
            return False
        return bullet_text(line) is None and not find_dates(line.text)
    if bullet_text(line) is not None or line.heading_level is not None:
        return False
    if kind == "docx":
        return False
    if find_dates(line.text) and (line.bold or date_text_share(line.text) > 0.5):
        return False
    if line.bold != previous.bold or line.italic != previous.italic or abs(line.size - previous.size) > 0.6:
        return False  # drawn differently: the next part of the entry, not the bullet going on
    if len(line.cells) >= 2 and any(date_text_share(cell) > 0.6 for cell in line.cells):
        return False
    if kind == "pdf" and abs(line.x0 - previous.x0) < 1.5 and line.text.strip()[:1].islower():
        return True  # no hanging indent ("- Member of the mobile application" / "programming ...")
    return line.x0 > previous.x0 + 1.5 or (kind == "text" and line.x0 > 0 and line.gap_above == 0)


def _room_for(line: Line, previous: Line, right: float) -> bool:
    """The line above stopped well before the right edge, with room for this line's first word."""
    text = line.text.strip()
    if not text:
        return False
    per_char = (line.x1 - line.x0) / max(len(text), 1)
    return previous.x1 + per_char * (len(text.split()[0]) + 1) < right - 2 * (line.size or 10.0)


def _wrapped_onto(line: Line, previous: Line, right: float) -> bool:
    """A line that goes on with the item above though it starts level with the marker and with a
    capital (German nouns, a name): its first word would not have fitted at the end of the line
    above, or that line broke off inside a quotation or after a word no phrase ends with."""
    text = line.text.strip()
    # Set in under the item's first word (a hanging indent), a line is the item's even when the
    # item's first line was emphasised: no header is set in under an item.
    hanging = bullet_text(previous) is not None and line.x0 > previous.x0 + 1.5
    if (
        not text
        or bullet_text(line) is not None
        or line.heading_level is not None
        or find_dates(text)
        or (not hanging and (line.bold != previous.bold or line.italic != previous.italic))
        or abs(line.size - previous.size) > 0.6
        or not -1.5 < line.x0 - previous.x0 < 3 * (line.size or 10.0)
    ):
        return False
    above = previous.text.rstrip()
    if above.endswith((".", "!", "?", ";")):
        return False
    unclosed = above.count("„") > above.count("“") or above.count("(") > above.count(")")
    if not above.endswith(":") and (unclosed or above.split()[-1].lower() in _DANGLING):
        return True
    first = text.split()[0]
    per_char = (line.x1 - line.x0) / max(len(text), 1)
    return previous.x1 + per_char * (len(first) + 1) > right + 1.0


_LABELLED = re.compile(r"^[\w][\w &/.-]{0,30}:\s+\S")


def _header_like(line: Line, section: SectionKind | None, body: float = 0.0) -> bool:
    text = line.text.strip()
    spans = find_dates(text)
    if _LABELLED.match(text) and not spans and not line.bold and line.heading_level is None:
        return False  # "Tech Stack: Ruby, Rails, ...": a detail of the entry
    if _achievement(line) and not spans:
        return False  # "Trained five new baristas": what was done, not who or where
    if spans:
        long_prose = len(text) > 160 and text.endswith(".") and date_text_share(text) < 0.2
        return not long_prose or spans[0].begin <= 3  # a line that opens with its dates heads an entry
    if line.heading_level is not None:
        return True
    if (line.bold or line.caps or (body and line.size >= body + 0.9)) and len(text) <= 120:
        return True
    if line.italic and len(text) <= 100:
        return True
    limit = 100 if section == "education" else 70
    return (len(text) <= limit and not text.endswith((".", "!", "?"))) or (
        section == "education" and len(text) <= 80
    )


def _classify(lines: list[Line], section: SectionKind | None, kind: str) -> list[str]:
    kinds: list[str] = []
    body = _body_size(lines)
    rights: dict[str, float] = {}
    for line in lines:
        rights[line.region] = max(rights.get(line.region, 0.0), line.x1)
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        previous_kind = kinds[-1] if kinds else None
        if bullet_text(line) is not None:
            kinds.append("bullet")
        elif _is_continuation(line, previous, previous_kind, kind, rights.get(line.region, 0.0)):
            kinds.append("cont")
        elif (
            kind == "text"
            and previous_kind == "prose"
            and line.gap_above == 0
            and line.heading_level is None
            and not find_dates(line.text)
        ):
            kinds.append("prose")  # a paragraph wrapped by hand
        elif (
            kind == "pdf"
            and previous_kind == "prose"
            and _continues_paragraph(line, previous, rights.get(line.region, 0.0))
        ):
            kinds.append("prose")  # the next line of a wrapped paragraph ("... roughly 2000 users")
        elif kind == "pdf" and previous_kind == "prose" and _runs_on(line, previous):
            kinds.append("prose")  # a sentence wrapped onto the next line ("... such as" / "layout, ...")
        elif previous_kind is not None and previous_kind != "head" and _link_only(line.text):
            kinds.append("prose")  # a link under the text it belongs to
        elif _header_like(line, section, body):
            kinds.append("head")
        else:
            kinds.append("prose")
    # Inside an entry, a lead-in ("These include:") or a known word set apart ("Projects",
    # "Technologies") before its list labels the list; it does not open a new entry.
    # A label ending in a colon is one even in bold ("Достижения:" between two lists).
    for index, line in enumerate(lines):
        if kinds[index] != "head" or find_dates(line.text):
            continue
        if not any(k in ("bullet", "prose") for k in kinds[:index]) and not (
            index and kinds[index - 1] == "head" and find_dates(lines[index - 1].text)
        ):
            continue
        listed = index + 1 < len(lines) and kinds[index + 1] == "bullet"
        text = line.text.strip()
        label = text.endswith(":") and len(text.split()) <= 4
        if listed and (
            label
            or (
                not line.bold
                and not line.caps
                and (text.endswith(":") or (heading_kind(text) is not None and len(text.split()) <= 3))
            )
        ):
            kinds[index] = "prose"
    # In a run of header lines, a plain line smaller than the dated line above it is the start
    # of the body ("6-month internship as part of ..." under "06/2005–12/2005 Media Designer").
    for index in range(1, len(lines)):
        line = lines[index]
        if kinds[index] != "head" or find_dates(line.text) or line.bold or line.italic or line.caps:
            continue
        above = next(
            (j for j in range(index - 1, -1, -1) if kinds[j] == "head" and find_dates(lines[j].text)), None
        )
        if above is None or any(kinds[j] != "head" for j in range(above, index)):
            continue
        if len(line.cells) >= 2 and any(looks_like_location(_clean(cell)) for cell in line.cells[1:]):
            continue  # "Ebryx (Pvt.) Ltd.   Lahore, Pakistan": an employer or degree with its place
        text = line.text.strip()
        if _organised(Part(text, line)) and not text.endswith(".") and len(text.split()) <= 8:
            continue  # "Institut für Mess- und Regelungstechnik (LUH)" under a large title: who
        if (
            section == "education"
            and index == above + 1
            and has_degree_word(text)
            and not text.endswith(".")
            and len(text.split()) <= 12
        ):
            continue  # "B.S. in Computer Engineering (CE)" right under the school's dated line
        if line.size and line.size < lines[above].size - 0.5 and line.heading_level is None:
            kinds[index] = "prose"
    # Under an emphasised first line, a plain sentence is the entry's text, not more of its
    # header ("Институт экономики, ... Отделение экономики." under the bold school line).
    for index in range(1, len(lines)):
        line = lines[index]
        if kinds[index] != "head" or kinds[index - 1] != "head" or find_dates(line.text):
            continue
        start = index
        while start > 0 and kinds[start - 1] == "head":
            start -= 1
        first = lines[start]
        text = line.text.strip()
        plain = not (line.bold or line.italic or line.caps) and line.heading_level is None
        last_word = text.rstrip(".").split()[-1] if text.rstrip(".").split() else ""
        if (
            plain
            and (first.bold or first.caps)
            and text.endswith(".")
            and len(text.split()) >= 4
            and len(last_word) > 3
            and line.size <= first.size + 0.5
            and not has_degree_word(text)
            and not has_edu_org_word(text)
        ):
            kinds[index] = "prose"
    if kind in ("pdf", "docx"):
        _unmarked_items(lines, kinds, kind)
    # A marked line that heads an entry ("• Google   Mountain View, CA" above "Software Engineer
    # Oct 2016 – Present"): its next line is a dated header and it has no date itself.
    for index, line in enumerate(lines):
        if kinds[index] != "bullet" or find_dates(line.text):
            continue
        following = next((j for j in range(index + 1, len(lines)) if kinds[j] != "cont"), None)
        if following is None or kinds[following] != "head" or not find_dates(lines[following].text):
            continue
        after = following + 1
        while after < len(lines) and kinds[after] in ("bullet", "cont"):
            after += 1
        under = [j for j in range(following + 1, after) if kinds[j] == "bullet"]
        # Its entry's items set in deeper than it: all of them, not a stray one indented by hand.
        deeper = bool(under) and all(lines[j].x0 > line.x0 + 2 for j in under)
        # The marker's own cell (a glyph set apart in an icon font) is no second field.
        cells = line.cells[1:] if line.marker and len(line.cells[0].strip()) == 1 else line.cells
        if len(cells) >= 2 or line.bold or deeper:
            kinds[index] = "head"
            for j in range(index + 1, following):
                kinds[j] = "head"
    if section in ("work", "education", "volunteer", "activities", "research"):
        _dated_items(lines, kinds)
    return kinds


def _opens_with_period(text: str) -> bool:
    """'2017 – 2019: French teacher at ...', '03/2019 - 06/2020 : Stage chez ...': an item that
    starts with its dates, set apart from the words after them."""
    spans = find_dates(text)
    if not spans or spans[0].begin > 2:
        return False
    rest = text[spans[0].finish :]
    return bool(re.match(r"\s*(?:[:|–—-]|\t|\s{2,})", rest)) or spans[0].is_range


def _dated_items(lines: list[Line], kinds: list[str]) -> None:
    """One list item per post or degree ('• 2019 – 2021: Translator at Kowsar', a numbered list of
    'YEAR: MA of ... from University'): items that each open with their dates, in a list with no
    header above it, are the entries themselves, not the bullets of one entry."""
    index = 0
    while index < len(lines):
        if kinds[index] != "bullet":
            index += 1
            continue
        end = index
        while end < len(lines) and kinds[end] in ("bullet", "cont"):
            end += 1
        marked = [j for j in range(index, end) if kinds[j] == "bullet"]
        # The outermost items only: nested ones ("○ Support technique") are what was done there.
        outer = min((lines[j].list_level or 0, round(lines[j].x0)) for j in marked)
        items = [j for j in marked if (lines[j].list_level or 0, round(lines[j].x0)) == outer]
        texts = [bullet_text(lines[j]) or lines[j].text for j in items]
        dated = [j for j, text in zip(items, texts, strict=True) if _opens_with_period(text)]
        # Under an entry's header ("Java developer, Dataprizma LLC") dated items are its bullets.
        under_header = "head" in kinds[:index]
        if len(dated) >= 2 and 2 * len(dated) >= len(items) and not under_header:
            for j in items:
                kinds[j] = "head"
        index = end


def _unmarked_items(lines: list[Line], kinds: list[str], kind: str) -> None:
    """List items without markers: two or more short undated lines drawn alike at one left edge,
    set in by an em or more from the header line above them. In a PDF (glyphs outside the text
    layer) they are also smaller than it; in a DOCX, paragraphs indented by hand under a bold or
    dated header. Lines of a header are never set in under it."""
    if not lines:
        return
    left = min(line.x0 for line in lines)
    index = 0
    while index < len(lines):
        first = lines[index]
        end = index
        while (
            end < len(lines)
            and kinds[end] == "head"
            and _style(lines[end]) == _style(first)
            and abs(lines[end].x0 - first.x0) < 1.5
            and not find_dates(lines[end].text)
        ):
            end += 1
        above = lines[index - 1] if index else None
        size = first.size or 10.0
        if kind == "docx":
            set_apart = above is not None and (above.bold or bool(find_dates(above.text)))
        else:
            set_apart = above is not None and first.size < above.size - 0.5
        if (
            end - index >= 2
            and above is not None
            and set_apart
            and kinds[index - 1] == "head"
            and not (first.bold or first.caps)
            and first.x0 > left + size
            and first.x0 > above.x0 + size
            # Items say what was done in a few words; a title or a place set in under an
            # employer ("Software Engineer", "London, UK") is still the header's.
            and all(len(lines[j].text.split()) >= 3 for j in range(index, end))
            and not any(looks_like_location(lines[j].text) for j in range(index, end))
        ):
            for j in range(index, end):
                text = lines[j].text.strip()
                kinds[j] = "cont" if j > index and text[:1].islower() else "bullet"
        index = max(end, index + 1)


def _runs_on(line: Line, previous: Line | None) -> bool:
    """The rest of a sentence: drawn like the line above, level with it, in lower case, after a
    line that did not end the sentence."""
    if previous is None or bullet_text(line) is not None or line.heading_level is not None:
        return False
    text = line.text.strip()
    return (
        _style(line) == _style(previous)
        and abs(line.x0 - previous.x0) < 1.5
        and text[:1].islower()
        and not previous.text.rstrip().endswith((".", "!", "?", ":"))
        and not find_dates(text)
    )


def _link_only(text: str) -> bool:
    words = text.split()
    return bool(words) and all(contact.URL.match(word) for word in words)


def _continues_paragraph(line: Line, previous: Line | None, right: float) -> bool:
    """A PDF line that goes on with the paragraph above: that one ran to the right edge."""
    if previous is None or line.heading_level is not None or bullet_text(line) is not None:
        return False
    if _style(line) != _style(previous) or abs(line.x0 - previous.x0) > 1.5 or line.gap_above >= 0.6:
        return False
    size = line.size or 10.0
    return previous.x1 >= right - 3 * size and date_text_share(line.text) < 0.3 and len(previous.text) > 60


# Words a phrase does not end with: a line ending in one goes on over the next.
_DANGLING = frozenset(
    [
        "in",
        "of",
        "and",
        "for",
        "the",
        "at",
        "&",
        "de",
        "en",
        "du",
        "des",
        "la",
        "le",
        "et",
        "und",
        "für",
        "och",
        "i",
        "för",
        "e",
        "do",
        "da",
        "em",
        "y",
        "del",
        "di",
        "der",
        "die",
        "das",
        "von",
        "zu",
        "mit",
    ]
)


def _unwrapped(lines: list[Line]) -> list[Line]:
    """Header lines a narrow column wrapped ("Bachelor of Science in" / "Computer Science",
    "University of British" / "Columbia"), one line again: drawn alike at one left edge, neither
    dated nor a list item, and the first either ends on a word no phrase ends with or stops
    where the next line's first word would not have fitted beside it."""
    if not lines:
        return lines
    right: dict[tuple[int, str], float] = {}
    for line in lines:
        key = (line.page, line.region)
        right[key] = max(right.get(key, 0.0), line.x1)
    joined = [lines[0]]
    for line in lines[1:]:
        previous = joined[-1]
        text, before = line.text.strip(), previous.text.strip()
        words = text.split()
        if not (
            words
            and before
            and previous.page == line.page
            and previous.region == line.region
            and _style(previous) == _style(line)
            and abs(previous.x0 - line.x0) < 1.5
            and len(previous.cells) == 1
            and len(line.cells) == 1
            and bullet_text(previous) is None
            and bullet_text(line) is None
            and not find_dates(before)
            and not find_dates(text)
            and not before.endswith((".", ":", ";", "!", "?", ","))
            and len(before) + len(text) <= 90
            and line.gap_above < 0.6
        ):
            joined.append(line)
            continue
        size = line.size or 10.0
        width = (line.x1 - line.x0) * len(words[0]) / max(len(text), 1)
        no_room = previous.x1 + 0.25 * size + width > right[(line.page, line.region)] + 0.5
        dangling = before.split()[-1].lower() in _DANGLING
        # A next line that names a thing by itself ("College of Arts and Sciences" under "BA in
        # Mathematical Physics") is the next field, though it would not have fitted either.
        named = (
            has_edu_org_word(text) or has_degree_word(text) or has_title_word(text) or org_strength(text) > 0
        )
        if not (dangling or (no_room and not named)):
            joined.append(line)
            continue
        merged = Line(**{**previous.__dict__, "text": f"{before} {text}", "cells": (f"{before} {text}",)})
        merged.x1, merged.page, merged.number = line.x1, previous.page, previous.number
        merged.cell_sizes = ()
        joined[-1] = merged
    return joined


def _entries(lines: list[Line], section: SectionKind | None, kind: str) -> list[Entry]:
    if kind == "pdf":
        lines = _unwrapped(lines)
    kinds = _classify(lines, section, kind)
    runs: list[list[int]] = []
    for index, line_kind in enumerate(kinds):
        if line_kind == "head":
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
    openings: Counter[tuple[Any, ...]] = Counter(_style(lines[run[0]]) for run in runs)
    head_count = sum(len(run) for run in runs)
    opening = None
    if openings:
        style, count = openings.most_common(1)[0]
        matching = sum(1 for i, k in enumerate(kinds) if k == "head" and _alike(_style(lines[i]), style))
        # Entries open the same way (bold school names...), and most header lines look different.
        if (count >= 2 or matching >= 2) and matching <= 0.6 * head_count:
            opening = style
    starts: set[int] = set()
    for run in runs:
        starts.add(run[0])
        # List items that head entries ('● 2017-2019 : Master ...'): one entry each.
        starts.update(
            i for i in run[1:] if bullet_text(lines[i]) is not None and bullet_text(lines[i - 1]) is not None
        )
        if opening is not None:
            # Not a line that finishes the one above ("AMRI (AGRICULTURAL ... RESEARCH" /
            # "INSTITUTE) 2021"): a parenthesis still open is a name still going on.
            starts.update(
                i
                for i in run[1:]
                if _alike(_style(lines[i]), opening)
                and lines[i - 1].text.count("(") <= lines[i - 1].text.count(")")
            )
        # Dates alone right after an entry's prose end that entry ("From: 2007-2010"): they are
        # no opening line of the entries after them.
        if (
            len(run) > 1
            and run[0] > 0
            and kinds[run[0] - 1] == "prose"
            and date_text_share(_DATE_LEAD.sub("", lines[run[0]].text)) >= 0.7
        ):
            run = run[1:]
        dated = [i for i in run if find_dates(lines[i].text) and not _date_in_name(lines[i], lines, run)]
        # Each dated line opens an entry, unless the entries were already found to open on lines
        # without their dates; openings found on dated lines only agree with it (a date margin
        # beside each degree, the degree drawn larger than its dates or not, by its length).
        if len(dated) >= 2 and all(i in dated for i in run[1:] if i in starts):
            offset = run.index(dated[0])
            for i in dated[1:]:
                position = run.index(i) - offset
                if position > 0:
                    starts.add(run[position])
    entries: list[Entry] = []
    current: Entry | None = None
    for index, (line, line_kind) in enumerate(zip(lines, kinds, strict=True)):
        if line_kind == "head":
            only_date = date_text_share(_DATE_LEAD.sub("", line.text)) >= 0.7
            has_date = any(find_dates(h.text) for h in current.header) if current else False
            if current is not None and current.body_started and only_date and not has_date:
                current.header.append(line)  # "From: 2007-2010" after the prose it dates
                continue
            if current is None or index in starts or current.body_started:
                current = Entry()
                entries.append(current)
            current.header.append(line)
        elif line_kind == "bullet":
            if current is None:
                current = Entry()
                entries.append(current)
            current.bullets.append((bullet_text(line) or line.text, line))
            current.body_started = True
        elif line_kind == "cont":
            if current is not None and current.bullets:
                text, first = current.bullets[-1]
                current.bullets[-1] = (_join(text, line.text), first)
        else:
            if current is None:
                current = Entry()
                entries.append(current)
            if current.prose and current.prose[-1] is lines[index - 1] and kind == "pdf":
                current.prose.append(line)
            else:
                current.prose.append(line)
            current.body_started = True
    return entries


def _set_apart(line: Line) -> bool:
    """Dates written as dates: a period, a cell of their own, or opening or filling the line."""
    spans = find_dates(line.text)
    return bool(spans) and (
        any(span.is_range for span in spans)
        or spans[0].begin <= 3
        or date_text_share(line.text) >= 0.5
        or any(date_text_share(cell) >= 0.5 for cell in line.cells)
    )


def _date_in_name(line: Line, lines: list[Line], run: list[int]) -> bool:
    """'UKRAINIAN FASHION WEEK SPRING/SUMMER 2019' under '2017 - 2018  FASHION DESIGNER': one year
    inside a name, while another line of the same header holds the entry's dates set apart."""
    spans = find_dates(line.text)
    # "Expected Graduate: August 2025" names no thing: it is a date line of its own.
    if not spans or _set_apart(line) or any(span.expected for span in spans):
        return False
    return any(lines[i] is not line and _set_apart(lines[i]) for i in run)


# "From: 2007-2010", "Dates: ...": a label before a period, which makes it no less a date line.
_DATE_LEAD = re.compile(r"(?i)^\s*(?:from|dates?|period|duration|since)\s*:?\s*")


def _join(first: str, second: str) -> str:
    if first.endswith("\u00ad"):
        return first[:-1] + second.strip()
    return f"{first.rstrip()} {second.strip()}"


def _achievement(line: Line) -> bool:
    """A plain line that opens with an action verb ("Managed the front desk for 300 guests")."""
    if line.bold or line.italic or line.caps or line.heading_level is not None:
        return False
    words = line.text.split()
    if len(words) < 4 or has_title_word(" ".join(words[:3])):
        return False
    if has_degree_word(words[0]):
        return False  # "Master of Data Science", "Doctor of Pharmacy": a degree, not a deed
    return words[0][:1].isupper() and is_verb(words[0].strip(",.;:").lower())


def _prose_bullets(entry: Entry, kind: str) -> list[tuple[str, Line]]:
    """Achievements written one per line without markers (a Google Docs export), or none when
    the body is a paragraph."""
    if entry.bullets or len(entry.prose) < 2:
        return []
    texts = [line.text.strip() for line in entry.prose]
    sentences = all(text.endswith((".", "!", "?")) and text[:1].isupper() for text in texts)
    if sentences or all(_achievement(line) for line in entry.prose):
        return [(text, line) for text, line in zip(texts, entry.prose, strict=True)]
    if kind == "pdf":
        return _wrapped_sentences(entry.prose)
    return []


def _wrapped_sentences(prose: list[Line]) -> list[tuple[str, Line]]:
    """One sentence per item, each starting on a new line and wrapping when long: every line that
    ends a sentence stops short of the text's right edge (a ragged end), the others run on."""
    right = max(line.x1 for line in prose)
    items: list[tuple[str, Line]] = []
    for line in prose:
        text = line.text.strip()
        if items and not items[-1][0].endswith((".", "!", "?")):
            items[-1] = (_join(items[-1][0], text), items[-1][1])
            continue
        if not text[:1].isupper():
            return []
        items.append((text, line))
    if len(items) < 2:
        return []
    if any(_MID_LINE_END.search(line.text) for line in prose):
        return []  # a sentence ends inside a line and the next runs on: a paragraph
    size = prose[0].size or 10.0
    ends = [line for line in prose if line.text.strip().endswith((".", "!", "?"))]
    if len(items) < 3 and not any(is_verb(text.split()[0].strip(",.;:")) for text, _ in items):
        # Two sentences of which none opens on a deed ("Data oriented tasks ...", "Experiences
        # with Scala, ..."): a description in two paragraphs, not achievements.
        return []
    if len(items) < 3 and any(line.x1 > right - 2 * size for line in ends[:-1]):
        # A sentence ends at the right edge: a justified paragraph, unless three sentences or
        # more each began on a line of their own, which a paragraph's seldom all do.
        return []
    return items


_MID_LINE_END = re.compile(r"[a-z)\]][.!?]\s+[A-Z]")


# --- header parts ----------------------------------------------------------------------------


def _split_outside_parentheses(text: str, pattern: re.Pattern[str] | _SentenceEnd) -> list[str]:
    parts, depth, last = [], 0, 0
    masked = []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        masked.append(char if depth == 0 else "\x00")
    flat = "".join(masked)
    for match in pattern.finditer(flat):
        if match.start() == 0:
            continue
        initials = text[last : match.start()].strip()
        if re.fullmatch(r"[A-Z]{2,6}", initials) and "-" in match.group(0) and not has_degree_word(initials):
            # "MIPT - Moscow Institute of ...": an acronym and what it stands for; a degree's
            # initials before its school ("PGCE - Leeds Beckett University") are no such thing.
            continue
        parts.append(text[last : match.start()])
        last = match.end()
    parts.append(text[last:])
    return parts


@dataclass
class Header:
    parts: list[Part]
    dates: DateSpan | None
    date_line: Line | None
    location: Part | None
    gpa: Part | None


# "~ 7 years", "(2 yrs 3 mos)", "· 1 yr": how long, which the dates already say.
_DURATION = re.compile(
    r"(?i)(?:[~·•(]\s*)?\b\d{1,2}\+?\s*(?:years?|yrs?)(?:\s*(?:and\s*)?\d{1,2}\s*(?:months?|mos?))?\b\)?"
    r"|(?:[~·•(]\s*)?\b\d{1,2}\s*(?:months?|mos?)\b\)?"
)


def _rejoined(entry: Entry) -> list[Line]:
    """A header line wrapped by the page ("Italian Research Center on ..., Big Data and Quantum"
    over "Computing (ICSC) & National Institute of ..."): one line again.

    Only a PDF line that runs to the entry's right edge, alone in its row, and a next line drawn
    the same way at the same left edge, neither of them dated, are joined.
    """
    header = entry.header
    if len(header) < 2 or not any(line.x1 for line in header):
        return header
    right = max(line.x1 for line in entry.lines())
    joined = [header[0]]
    for line in header[1:]:
        previous = joined[-1]
        size = previous.size or 10.0
        # A parenthesis opened on one line and closed on the next: one name wrapped
        # ("AMRI (AGRICULTURAL MECHANIZATION RESEARCH" / "INSTITUTE) 2021").
        unclosed = previous.text.count("(") > previous.text.count(")") and ")" in line.text
        if (
            unclosed
            and len(previous.cells) == 1
            and _style(previous) == _style(line)
            and abs(previous.x0 - line.x0) < 1.5
            and not find_dates(previous.text)
        ):
            first = _join(previous.text, line.cells[0])
            text = _join(previous.text, line.text)
            merged = Line(**{**previous.__dict__, "text": text, "cells": (first, *line.cells[1:])})
            merged.x1, merged.page, merged.number = line.x1, previous.page, previous.number
            joined[-1] = merged
        elif (
            len(previous.cells) == 1
            and len(line.cells) == 1
            and _style(previous) == _style(line)
            and abs(previous.x0 - line.x0) < 1.5
            and previous.x1 >= right - 3 * size
            and len(previous.text) >= 30
            and not previous.text.rstrip().endswith((".", ":", ";"))
            and not find_dates(previous.text)
            and not find_dates(line.text)
        ):
            text = _join(previous.text, line.text)
            merged = Line(**{**previous.__dict__, "text": text, "cells": (text,), "x1": line.x1})
            merged.page, merged.number = previous.page, previous.number
            joined[-1] = merged
        else:
            joined.append(line)
    return joined


def _until_planned(dates: DateSpan, planned: DateSpan) -> DateSpan:
    """ "2022  Doctorate of Nursing Practice" over "Expected Graduate: August 2025": begun in
    the year beside the degree, to end when planned."""
    if (
        dates.is_range
        or dates.end is None
        or planned.end is None
        or planned.is_range
        or not planned.expected
        or not dates.end < planned.end
    ):
        return dates
    return DateSpan(dates.end, planned.end, dates.begin, dates.finish, expected=True)


def _header(entry: Entry, *, school: bool = False) -> Header:
    dates: DateSpan | None = None
    planned: DateSpan | None = None
    date_line: Line | None = None
    gpa: Part | None = None
    texts: list[tuple[str, Line]] = []
    # Texts after another cell with words of its own on their line (not after a date alone).
    side_cells: set[int] = set()
    header_lines = _rejoined(entry)
    for line in header_lines:
        if _date_in_name(line, header_lines, list(range(len(header_lines)))):
            texts.append((line.text, line))  # the year is part of what the line names
            continue
        worded = False
        for cell in line.cells:
            if worded:
                side_cells.add(len(texts))
            undated = cell
            for span in reversed(find_dates(cell)):
                undated = undated[: span.begin] + undated[span.finish :]
            worded = worded or bool(re.search(r"[^\W\d_]{2,}", undated))
            text = bullet_text(Line(text=cell, page=line.page)) or cell
            if find_dates(line.text):
                text = _DURATION.sub(" ", text)
            gpa_match = _GPA.search(text) or _GPA_AFTER.search(text)
            if school:
                text = _YEAR_OF_STUDY.sub(" ", text)
            if gpa_match and gpa is None:
                gpa = Part(gpa_match.group("value").strip(), line)
                text = text[: gpa_match.start()] + " " + text[gpa_match.end() :]
            spans = find_dates(text)
            for span in reversed(spans):
                if span.expected and not span.is_range:
                    planned = planned or span
                if dates is None or (span.is_range and not dates.is_range):
                    dates, date_line = span, line
                head = _DATE_LABEL.sub("", text[: span.begin].rstrip(" :(")).rstrip()
                tail = _EXPECTED_NOTE.sub("", text[span.finish :]).lstrip(" )")
                # Dates between two things part them ("saisValéo07/16 – 12/16Cergy"): never
                # one string made of both, which the document does not hold.
                glued = (
                    text[span.begin - 1 : span.begin].isalpha()
                    and text[span.finish : span.finish + 1].isalpha()
                )
                text = head + (" | " if glued else " ") + tail
            texts.append((text, line))
    if school and dates is not None and planned is not None and dates is not planned:
        dates = _until_planned(dates, planned)
    # A header of several lines gives each thing its own line ("Software Engineer – Platform"
    # over "Acme Corp"): a dash inside a line is then part of it, unless a place follows it.
    # An icon left beside the dates ("📅 2018–2022") is no content of its own.
    # A distinction on its own line ("First Class Honours") leaves the degree's line as it was.
    content_lines = {
        id(line)
        for text, line in texts
        if re.search(r"[^\W\d_]", _clean(text))
        and not looks_like_location(_clean(text))
        and not (school and _honour_only(text))
    }
    several = len(content_lines) >= 2
    parts: list[Part] = []
    found: dict[str, Part] = {}
    for number_of_text, (text, line) in enumerate(texts):
        sentences = _sentences(text)
        for number, sentence in enumerate(sentences):
            if number == 0 and len(sentences) > 1 and _clean(sentence):
                parts.append(Part(_clean(sentence), line, whole=True))
                continue
            if number and "," in sentence:
                # "Title. Department, University, Country.": the organisation is the most
                # organisation-like piece of the sentences after the title.
                pieces = [p.strip() for p in _split_outside_parentheses(sentence, re.compile(r",\s+"))]
                ranked = sorted(pieces, key=lambda p: -org_strength(p))
                if ranked and org_strength(ranked[0]) > 0:
                    sentence = ranked[0]
            _header_pieces(
                sentence,
                line,
                parts,
                found,
                school=school,
                several=several,
                side=number_of_text in side_cells,
            )
    return Header(parts, dates, date_line, found.get("location"), gpa)


_LEGAL_FORM = re.compile(r"(?i)(co|inc|ltd|llc|corp|gmbh|ag|ab|s\.?a|plc|pty|limited)\.?")
_ABBREVIATIONS = frozenset(
    [
        "inc",
        "ltd",
        "corp",
        "dept",
        "univ",
        "co",
        "st",
        "sr",
        "jr",
        "dr",
        "mr",
        "mrs",
        "ms",
        "no",
        "vol",
        "ed",
        "eds",
        "prof",
        "approx",
        "est",
        "etc",
        "vs",
        "nr",
        "bros",
        "govt",
    ]
)


class _SentenceEnd:
    """A '. ' before a capital that ends a sentence, not an abbreviation ("Sr.", "B.Sc.", "U.")."""

    def __init__(self, commas: bool) -> None:
        self.pattern = re.compile(r",\s+|\.\s+(?=[A-Z])" if commas else r"\.\s+(?=[A-Z])")

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        for match in self.pattern.finditer(text):
            if match.group(0).startswith(","):
                yield match
                continue
            word = re.search(r"([^\W\d_]+)$", text[: match.start()])
            if word is None or len(word.group(1)) < 3 or word.group(1).lower() in _ABBREVIATIONS:
                continue
            before = text[: word.start()]
            if before.endswith("."):
                continue  # "B.Sc. Applied": the end of an abbreviation with points
            following = text[match.end() :].split()
            if following and _LEGAL_FORM.fullmatch(following[0].rstrip(",")):
                continue  # "Omnious. Co., Ltd.": a company's legal form, not a new sentence
            yield match


_SENTENCE = _SentenceEnd(commas=False)
_COMMA_OR_SENTENCE = _SentenceEnd(commas=True)


def _sentences(text: str) -> list[str]:
    """'2015 - 2018. Senior Research Fellow. Charles Perkins Centre, University of Sydney.'"""
    return [piece for piece in _split_outside_parentheses(text, _SENTENCE) if piece.strip()]


def _header_pieces(
    text: str,
    line: Line,
    parts: list[Part],
    found: dict[str, Part],
    *,
    school: bool = False,
    several: bool = False,
    side: bool = False,
) -> None:
    # "University of Illinois at Chicago": in a school's name "at" is part of it.
    separators = _SCHOOL_SEPARATORS if school else _STRONG_SEPARATORS
    if several:
        separators = _SCHOOL_LINE_SEPARATORS if school else _LINE_SEPARATORS
    if re.search(r"\s:\s", text):
        # "Golf Club : 10 Country Club drive, Purchase, New York: Course Management": a line that
        # parts its fields with a colon parts them all so, spaced or not.
        separators = re.compile(rf"{separators.pattern}|(?<=\w):\s+")
    pieces: list[str] = []
    within_org: set[int] = set()  # pieces split off after " in "
    for piece in _split_outside_parentheses(text, separators):
        at = (_degree_at(piece) or _degree_then_school(piece)) if school else None
        # "Licence informatique à l’UPEC", "Master ... à l’ETNA": French "at the" before a school.
        french = re.search(r"^(.*\S)\s+à\s+l[’']\s*([A-ZÀ-Ý].+)$", piece) if school else None
        if french and has_degree_word(french.group(1)) and not has_edu_org_word(french.group(1)):
            pieces += [french.group(1), french.group(2)]
            continue
        if at is not None:
            pieces += list(at)
            continue
        within = re.search(r"^(.*\S)\s+in\s+(.+)$", piece) if not school else None
        if (
            within
            and within.group(1).count("(") == within.group(1).count(")")
            and has_title_word(within.group(1))
            and org_strength(within.group(2)) > 0
            and not has_title_word(within.group(2))
            and not looks_like_location(_clean(within.group(2)))
        ):
            # "Java developer in Dataprizma LLC": a post in an organisation ("Intern in
            # Marketing" names no organisation and stays whole).
            pieces.append(within.group(1))
            within_org.add(len(pieces))
            pieces.append(within.group(2))
            continue
        # "Stage à l’ENSG (IGN)", "Werkstudent bei Siemens AG": a post at a named organisation.
        held = (
            None if school else re.search(r"^(.*\S)\s+(?:à\s+l[’']\s*|à\s+|au\s+|bei\s+)([A-ZÀ-Ý].*)$", piece)
        )
        if held and has_title_word(held.group(1)) and not has_title_word(held.group(2)):
            pieces.append(held.group(1))
            within_org.add(len(pieces))
            pieces.append(held.group(2))
            continue
        dash = re.search(r"^(.*\S)(?:\s+[-–—]|—)\s+(.+)$", piece) if several else None
        after = _clean(dash.group(2)) if dash else ""
        before = _clean(dash.group(1)) if dash else ""
        if dash and (
            looks_like_location(after)
            or (school and has_degree_word(after))
            or (not school and _two_fields(before, after, line))
        ):
            # "SES Satellites – Betzdorf, Luxembourg"; "Khulna University, Khulna — B.Sc"
            pieces += [dash.group(1), dash.group(2)]
        else:
            pieces.append(piece)
    placed: set[int] = set(within_org)
    if not school:
        cursor = 0
        for number, piece in enumerate(pieces):
            found_at = text.find(piece, cursor)
            if found_at < 0:
                continue
            if _PLACED.search(text[:found_at]):
                placed.add(number)
            cursor = found_at + len(piece)
    for number, piece in enumerate(pieces):
        piece = _clean(piece)
        if not piece or not re.search(r"\w", piece):
            continue
        if number in placed and number and text.find("@") >= 0 and looks_like_location(piece):
            # "Trendyol @Istanbul, Turkey": a place after "@", where the employer before it is.
            found.setdefault("location", Part(piece, line))
            continue
        if number in placed:
            # The organisation after "at": never a place, whatever its words.
            parts.append(Part(piece, line, placed=True))
            continue
        commas = [p.strip() for p in piece.split(",")]
        street = next((i for i, p in enumerate(commas) if i and looks_like_street(p)), None)
        if street is not None and not looks_like_location(commas[0]):
            # "CUT for Kings and Urban boutique, Belair rd, Baltimore, Maryland": the name, then
            # its address.
            parts.append(Part(_clean(", ".join(commas[:street])), line))
            found.setdefault("location", Part(", ".join(commas[street:]), line))
            continue
        if looks_like_location(piece):
            if side:
                # A place set apart on the right ("Lahore, Punjab, Pakistan"): all of it.
                found.setdefault("location", Part(piece, line))
                continue
            # "Klarna, Stockholm, Sweden": the organisation before the place stays.
            pieces = [p.strip() for p in piece.split(",")]
            for cut in range(1, len(pieces) if len(pieces) > 2 else 1):
                if looks_like_location(", ".join(pieces[cut:])) and not looks_like_location(pieces[0]):
                    parts.append(Part(_clean(", ".join(pieces[:cut])), line))
                    found.setdefault("location", Part(", ".join(pieces[cut:]), line))
                    break
            else:
                found.setdefault("location", Part(piece, line))
            continue
        named = next(
            (
                cut
                for cut in range(1, len(commas) - 1)
                if looks_like_location(", ".join(commas[cut:]))
                and not looks_like_location(commas[0])
                and org_strength(", ".join(commas[cut:])) == 0
                and not has_edu_org_word(", ".join(commas[cut:]))
                and (org_strength(", ".join(commas[:cut])) > 0 or has_edu_org_word(", ".join(commas[:cut])))
            ),
            None,
        )
        if named is not None:
            # "Giresun High School of Science, Giresun, Turkey": a name too long to be read as a
            # place with its place (a town and its country), the organisation's words before it.
            parts.append(Part(_clean(", ".join(commas[:named])), line))
            found.setdefault("location", Part(", ".join(commas[named:]), line))
            continue
        parts.append(Part(piece, line))


def _two_fields(before: str, after: str, line: Line) -> bool:
    """'Baraka Box — Project manager', 'School Of AI Algerie — Development Department Mentor': a
    dash between an organisation and a title, each named by its own evidence (the one set in its
    own font, or bearing an organisation's word, the other a title's), not a title and its
    specialty ("Software Engineer – Platform")."""
    if has_title_word(before) == has_title_word(after):
        return False
    organisation = after if has_title_word(before) else before
    return org_strength(organisation) > 0 or (bool(line.lead) and line.lead.strip() == organisation)


def _comma_split(part: Part) -> list[Part]:
    """'Software Engineer, Sony Interactive Entertainment LLC, Berlin' into its pieces."""
    pieces = [piece.strip() for piece in _split_outside_parentheses(part.text, _COMMA_OR_SENTENCE)]
    # "Omnious. Co., Ltd.": a legal form belongs to the name before it.
    merged: list[str] = []
    for piece in pieces:
        if merged and re.fullmatch(
            r"(?i)(co|inc|ltd|llc|corp|gmbh|ag|ab|s\.?a|plc|pty|limited)\.?", piece.strip(" .")
        ):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    pieces = [_clean(piece) for piece in merged if _clean(piece)]
    if len(pieces) <= 1:
        return [part]
    while len(pieces) > 1 and looks_like_location(pieces[-1]):
        pieces.pop()
    street = next((i for i, piece in enumerate(pieces) if i and looks_like_street(piece)), None)
    if street is not None:
        # "CUT for Kings, Belair rd, Baltimore": an address after the name, its town included.
        pieces = pieces[:street]
    pieces = [piece for piece in pieces if not looks_like_street(piece)] or pieces[:1]
    if len(pieces) > 2 and len(pieces[-1].split()) == 1 and not has_org_word(pieces[-1]):
        pieces.pop()  # a bare city at the end ("..., Berlin.")
    return [Part(piece, part.line) for piece in pieces]


@dataclass
class RoleGuess:
    employer: Part | None
    title: Part | None
    title_first: bool | None  # decided by the words (None: guessed from the section's habit)


def _bare(text: str) -> str:
    return re.sub(r"\([^)]*\)", " ", text)


def _titled(part: Part) -> bool:
    return has_title_word(_bare(part.text)) and org_strength(_bare(part.text)) < 2


def _organised(part: Part) -> bool:
    strength = org_strength(_bare(part.text))
    return strength >= 2 or (strength == 1 and not has_title_word(_bare(part.text)))


def _expand(parts: list[Part]) -> list[Part]:
    """Split 'Media Designer, ReflexMedia GmbH, Limburg.' when its pieces are of different kinds."""
    expanded = []
    for part in parts:
        pieces = [part] if part.whole else _comma_split(part)
        kinds = {(_titled(piece), _organised(piece)) for piece in pieces}
        # With the employer on a line of its own, a title's comma is the title's own
        # ("Undergraduate Research Assistant, Software Engineering").
        other_org = any(_organised(other) for other in parts if other.line is not part.line)
        keeps_whole = other_org and not any(_organised(piece) for piece in pieces)
        other_title = any(_titled(other) for other in parts if other.line is not part.line)
        if (
            other_title
            and not other_org
            and len(pieces) > 1
            and not any(_titled(piece) for piece in pieces)
            and sum(1 for piece in pieces if _organised(piece)) >= 1
            # Names only: no remark in parentheses, no dotted leaders before dates.
            and not any(re.search(r"^\(|…|\.\.", piece.text) for piece in pieces)
        ):
            # With the title on a line of its own, the employer's line is all employer, less its
            # place ("Data Analytics and Computational Social Science, University of
            # Massachusetts, Amherst, MA").
            expanded.append(Part(", ".join(piece.text for piece in pieces), part.line))
            continue
        expanded += pieces if len(pieces) > 1 and len(kinds) > 1 and not keeps_whole else [part]
    return expanded


def _role(parts: list[Part]) -> RoleGuess:
    if not parts:
        return RoleGuess(None, None, None)
    placed = [part for part in parts if part.placed]
    if len(parts) >= 2 and placed == parts[-1:] and parts[-2].line is parts[-1].line:
        # "French teacher at Odaba Zand Institute"; "En cours : Ingénieur chez CDVI": the words
        # right before "at" are the title.
        return RoleGuess(parts[-1], parts[-2], True)
    if len(parts) > 1:
        parts = _expand(parts)
    if len(parts) == 1:
        pieces = _comma_split(parts[0])
        if len(pieces) == 1 or parts[0].whole:
            only = parts[0]
            if _titled(only):
                return RoleGuess(None, only, True)
            return RoleGuess(only, None, None)
        rest = pieces[1:]
        if (
            len(rest) >= 2
            and _titled(pieces[0])
            and not any(_titled(piece) or looks_like_location(piece.text) for piece in rest)
            # Names: each piece capitalised, no dotted leaders, no remark but at the very end.
            and all(piece.text[:1].isupper() for piece in rest)
            and not any(re.search(r"^\(|…|\.\.", piece.text) for piece in rest)
            and not any(_REMARK.search(piece.text) for piece in rest[:-1])
        ):
            # "Analytical Lead, Medicines Analysis Team, NHSEI": the title, then where it was,
            # team and organisation together.
            return RoleGuess(Part(", ".join(piece.text for piece in rest), parts[0].line), pieces[0], True)
        parts = pieces
    titles = [p for p in parts if _titled(p)]
    orgs = sorted(
        (p for p in parts if _organised(p) and p not in titles),
        key=lambda p: -org_strength(_bare(p.text)),
    )
    if titles:
        title = titles[0]
        others = [p for p in parts if p is not title]
        candidates = orgs or [p for p in others if not has_title_word(_bare(p.text))] or others
        employer = candidates[0] if candidates else None
        if employer is not None and _titled(employer):
            # Two title-like parts: the first one is the title.
            return RoleGuess(None, None, None) if len(parts) > 2 else RoleGuess(parts[1], parts[0], None)
        first = parts.index(title) < parts.index(employer) if employer is not None else True
        return RoleGuess(employer, title, first)
    if orgs:
        employer = orgs[0]
        rest = [p for p in parts if p is not employer]
        return RoleGuess(employer, rest[0] if rest else None, parts.index(employer) > 0 if rest else None)
    return RoleGuess(parts[0], parts[1], None)


def _decide_roles(headers: list[Header]) -> list[RoleGuess]:
    guesses = [_role(header.parts) for header in headers]
    votes = Counter(g.title_first for g in guesses if g.title_first is not None)
    habit = votes.most_common(1)[0][0] if votes else None
    # How the entries the words decided draw a title and an employer on lines of their own
    # (the title in italics, the employer in bold): a post whose words decide nothing is read
    # by the same typography before the order of its lines.
    title_styles: Counter[tuple[Any, ...]] = Counter()
    employer_styles: Counter[tuple[Any, ...]] = Counter()
    for guess in guesses:
        if (
            guess.title_first is not None
            and guess.title is not None
            and guess.employer is not None
            and guess.title.line is not guess.employer.line
            and _style(guess.title.line) != _style(guess.employer.line)
        ):
            title_styles[_style(guess.title.line)] += 1
            employer_styles[_style(guess.employer.line)] += 1
    decided = []
    for header, guess in zip(headers, guesses, strict=True):
        by_style = None
        if guess.title_first is None and len(header.parts) >= 2:
            first, second = header.parts[0], header.parts[1]
            one, other = _style(first.line), _style(second.line)
            if first.line is not second.line and one != other:
                if title_styles[one] > employer_styles[one] and employer_styles[other] > title_styles[other]:
                    by_style = RoleGuess(second, first, True)
                elif (
                    title_styles[other] > employer_styles[other] and employer_styles[one] > title_styles[one]
                ):
                    by_style = RoleGuess(first, second, False)
        if by_style is not None:
            guess = by_style
        elif guess.title_first is None and len(header.parts) >= 2 and habit is not None:
            first, second = header.parts[0], header.parts[1]
            guess = RoleGuess(second, first, True) if habit else RoleGuess(first, second, False)
        elif guess.employer is None and guess.title is None and len(header.parts) >= 2:
            guess = RoleGuess(header.parts[1], header.parts[0], None)
        decided.append(guess)
    return decided


# --- the draft -------------------------------------------------------------------------------


class _Builder:
    def __init__(self, read: ReadDocument) -> None:
        self.read = read
        self.document: dict[str, Any] = {}
        self.sources: dict[str, Source] = {}
        self.warnings: list[str] = list(read.warnings)

    def put(self, pointer: str, value: Any, line: Line | None) -> None:
        if line is not None:
            self.sources[pointer] = Source(line)


def _dates_into(target: dict[str, Any], span: DateSpan | None, *, education: bool) -> None:
    if span is None:
        return
    if span.start is not None and span.end is not None and span.start == span.end and education:
        # One date on a school's entry is when it ended; "2022 - 2022" is written as a period.
        if span.two_ends:
            target["startDate"] = span.start
        target["endDate"] = span.end
        return
    if span.start is not None:
        target["startDate"] = span.start
    if span.end is not None and span.end != PRESENT:
        target["endDate"] = span.end


def _limited(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_RULE = re.compile(r"^\s*[_=‗]{5,}\s*(?=\S)|(?<=\S)\s*[_=‗]{5,}\s*$")


def _without_rules(line: Line) -> Line:
    """A rule typed as underscores runs into the heading after it ("_____ Professional Work
    Experience" in one Word paragraph): the rule is drawing, not text."""
    if "_" not in line.text and "=" not in line.text and "‗" not in line.text:
        return line
    text = _RULE.sub("", line.text)
    if text == line.text or not re.search(r"\w", text):
        return line
    cells = tuple(cell for cell in (_RULE.sub("", cell) for cell in line.cells) if cell.strip())
    return dataclasses.replace(line, text=text.strip(), cells=cells or (text.strip(),))


# A dotted leader after a name (moderncv's "Mahsan Co. . . . . ." running to the margin): four
# dots or more, spaced or not, to the end of the line or of a cell.
_LEADER = re.compile(r"(?:\s*\.){4,}\s*$")
_LEGAL_FORM_END = re.compile(r"\b(?:Ltd|Inc|LLC|Corp|GmbH|Co|Pty|PLC|Bros|Intl)$")


def _without_leader(text: str) -> str:
    bare = _LEADER.sub("", text)
    if bare == text or not re.search(r"\w", bare):
        return text
    # The leader swallowed the abbreviation's own dot ("Co.." + leader): give it back.
    return bare + "." if _LEGAL_FORM_END.search(bare) else bare


def _without_leaders(line: Line) -> Line:
    """The leader is drawing that joins a name to the margin, not part of the name."""
    if "...." not in line.text.replace(" ", ""):
        return line
    cells = tuple(_without_leader(cell) for cell in line.cells)
    text = " ".join(cell.strip() for cell in cells if cell.strip())
    if text == line.text:
        return line
    return dataclasses.replace(line, text=text, cells=cells)


def parse(read: ReadDocument) -> Draft:
    lines = _split_heading_cells(
        [_without_leaders(_without_rules(line)) for line in read.lines if line.text.strip()]
    )
    name_lines = _find_name(lines, read.kind)
    lines = _without_running_heads(lines, name_lines)
    headings = _find_headings(lines, name_lines, read.kind)
    sections = _sections(lines, headings)
    if read.kind == "pdf":
        for section in sections:
            if section.kind in ("work", "volunteer", "activities", "research", "projects"):
                section.lines = _indented_items(section.lines)
    build = _Builder(read)
    basics: dict[str, Any] = {}
    if name_lines:
        basics["name"] = _limited(_name_text(name_lines), MAX_NAME_CHARS)
        build.put("/basics/name", basics["name"], name_lines[0])
    _contact(build, basics, sections, lines, name_lines)
    document: dict[str, Any] = {"basics": basics}
    work: list[dict[str, Any]] = []
    volunteer: list[dict[str, Any]] = []
    education: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    skills: list[dict[str, Any]] = []
    languages: list[dict[str, Any]] = []
    summary_parts: list[tuple[str, Line]] = []
    awards: list[dict[str, Any]] = []
    certificates: list[dict[str, Any]] = []
    publications: list[dict[str, Any]] = []
    interests: list[dict[str, Any]] = []
    for section in sections:
        kind = section.kind
        if kind == "work":
            _roles(build, section, work, "/work", read.kind, pointer_name="name")
        elif kind in ("volunteer", "activities", "research"):
            _roles(build, section, volunteer, "/volunteer", read.kind, pointer_name="organization")
        elif kind in ("education", "projects") and _names_work_too(section.title, kind):
            posts, rest = _mixed_entries(section, read.kind)
            if posts:
                _roles(build, posts, work, "/work", read.kind, pointer_name="name")
            if rest.lines and kind == "education":
                _education(build, rest, education, read.kind)
            elif rest.lines:
                _projects(build, rest, projects, read.kind)
        elif kind == "education":
            _education(build, section, education, read.kind)
        elif kind == "projects":
            _projects(build, section, projects, read.kind)
        elif kind == "skills":
            _skills(build, section, skills)
        elif kind == "languages":
            _languages(build, section, languages)
        elif kind == "summary":
            summary_parts += [(bullet_text(line) or line.text, line) for line in section.lines]
        elif kind in ("awards", "certificates", "publications", "interests", "courses"):
            target = {"awards": awards, "certificates": certificates, "publications": publications}.get(
                kind or "", interests if kind == "interests" else None
            )
            if target is not None:
                _items(build, section, target, kind or "")
        elif kind == "references":
            if section.lines:
                build.warnings.append(
                    f"The section '{section.title}' was left out: referees' details are not yours to import."
                )
        elif kind == "other" and section.lines:
            build.warnings.append(
                f"The section '{section.title}' has no place in a profile and was left out."
            )
    if summary_parts:
        text = " ".join(_plain(part) for part, _ in summary_parts if _plain(part))
        if text:
            basics["summary"] = _limited(text, MAX_SUMMARY_CHARS)
            build.put("/basics/summary", text, summary_parts[0][1])
    for key, value in (
        ("work", work),
        ("volunteer", volunteer),
        ("education", education),
        ("awards", awards),
        ("certificates", certificates),
        ("publications", publications),
        ("skills", skills),
        ("languages", languages),
        ("interests", interests),
        ("projects", projects),
    ):
        if value:
            document[key] = value[:MAX_ITEMS]
    if not any(section.kind in ("work", "education", "skills") for section in sections):
        build.warnings.append(
            "No experience, education or skills heading was found; check the draft against your résumé."
        )
    return Draft(document=document, sources=build.sources, warnings=build.warnings)


# "Education & Teaching Experience", "Education and Experience": one heading over two kinds.
_HEADING_JOIN = re.compile(r"\s*(?:&|\+|/|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)


def _names_work_too(title: str, other: SectionKind) -> bool:
    """'Education & Teaching Experience', 'Projects and Experience': a heading over posts and
    another kind of entry alike."""
    kinds = {heading_kind(piece) for piece in _HEADING_JOIN.split(title) if piece.strip()}
    return "work" in kinds and other in kinds


def _heads_a_post(entry: Entry) -> bool:
    """A post, not a school: a piece of its header ends on a title's word ("... Tutor — Teacher
    and instructor", "School Of AI Algerie — Development Department Mentor"), as a title's last
    word is its head noun; a degree's words elsewhere in it ("Computer Science") do not count."""
    pieces = [
        piece
        for line in entry.header
        for piece in re.split(r"\s*[—–|,]\s*|\s+-\s+", line.text)
        if piece.strip() and not find_dates(piece)
    ]
    return any(has_title_word(piece.split()[-1]) for piece in pieces if piece.split())


def _mixed_entries(section: Section, kind: str) -> tuple[Section | None, Section]:
    """The entries of a heading over posts and another kind alike, each to its kind by its
    words: the section's own lines, parted where each entry begins."""
    starts: list[int] = []
    for entry in _entries(section.lines, section.kind, kind):
        first = entry.lines()[0] if entry.lines() else None
        if first is None:
            continue
        after = starts[-1] + 1 if starts else 0
        # Lines a column wrapped are joined into one for the entries: the first keeps its place.
        found = next(
            (
                index
                for index in range(after, len(section.lines))
                if (section.lines[index].page, section.lines[index].number) == (first.page, first.number)
            ),
            None,
        )
        if found is not None:
            starts.append(found)
    if not starts:
        return None, section
    starts[0] = 0
    posts: list[Line] = []
    others: list[Line] = []
    for start, end in itertools.pairwise([*starts, len(section.lines)]):
        part = section.lines[start:end]
        listed = next((i for i, line in enumerate(part) if bullet_text(line) is not None), len(part))
        header = Entry(header=part[: min(listed, 3)])
        (posts if _heads_a_post(header) else others).extend(part)
    work = Section("work", section.title, section.heading, posts) if posts else None
    return work, Section(section.kind, section.title, section.heading, others)


def _without_running_heads(lines: list[Line], name: list[Line]) -> list[Line]:
    """The name printed again at the top of a later page ("David M. Perry  website.com" over
    "github.com"), with the contact lines beside it: a running head, not the page's text."""
    if not name:
        return lines
    wanted = _clean(_name_cell(name[0]) or name[0].cells[0]).casefold()
    dropped: set[int] = set()
    for index, line in enumerate(lines):
        if line.page == 1 or line in name or _clean(line.cells[0]).casefold() != wanted:
            continue
        if index and lines[index - 1].page == line.page:
            continue  # not the first line of its page
        dropped.add(index)
        following = index + 1
        while (
            following < len(lines)
            and lines[following].page == line.page
            and contact.holds_contact(lines[following].text)
            and len(lines[following].text.split()) <= 6
        ):
            dropped.add(following)
            following += 1
    return [line for index, line in enumerate(lines) if index not in dropped]


def _contact(
    build: _Builder, basics: dict[str, Any], sections: list[Section], lines: list[Line], name: list[Line]
) -> None:
    header = sections[0].lines
    contact_lines = [line for s in sections if s.kind == "contact" for line in s.lines]
    side = [
        line for s in sections if s.kind not in ("references",) for line in s.lines if line.region == "side"
    ]
    first_page_top = [line for line in lines if line.page == 1][:12]
    # The header band is what stands above the first section heading on the page, whatever
    # column the reading order gave it to (Deedy's right-aligned links beside the name).
    headings_on_first = [s.heading for s in sections if s.heading is not None and s.heading.page == 1]
    band_bottom = min((line.top for line in headings_on_first), default=0.0)
    above = [line for line in lines if line.page == 1 and 0 < line.bottom <= band_bottom]
    referees = {id(line) for s in sections if s.kind == "references" for line in s.lines}
    pool = [
        line
        for line in dict.fromkeys([*header, *contact_lines, *side, *first_page_top, *above])
        if id(line) not in referees
    ]
    if name and len(header) > 8:
        # The contact block follows the name (a running head or a title may stand above it).
        start = header.index(name[0]) if name[0] in header else 0
        pool = [line for line in pool if line in header[: start + 10] or line not in header]
    pool += build.read.running_contact
    label = _label(header, name)
    if label is not None:
        basics["label"] = _limited(_clean(label.text), MAX_NAME_CHARS)
        build.put("/basics/label", basics["label"], label)
    found_email = contact.emails(pool) or contact.emails(
        [line for line in lines if id(line) not in referees][:60]
    )
    if found_email:
        basics["email"] = found_email[0].value
        build.put("/basics/email", found_email[0].value, found_email[0].line)
    phone_pool = pool + [
        line for line in lines if contact.is_phone_label_line(line) and id(line) not in referees
    ]
    found_phone = [
        found
        for found in contact.phones(list(dict.fromkeys(phone_pool)))
        # "Damavand ave, Tehran 1731783685": the postal code of an address line, not a phone
        # (which may open the line: "08142760118 Paramount Street").
        if contact.is_phone_label_line(found.line)
        or not looks_like_street(found.line.text)
        or found.line.text.lstrip().startswith(found.value)
    ]
    # "CNIC: 36302-5018729-7" above "Phone: +92 314...": a number under another label (an
    # identity card, a postcode) gives way to any other number the header gives.
    unlabelled = [found for found in found_phone if not contact.under_other_label(found)]
    found_phone = unlabelled or found_phone
    if found_phone:
        basics["phone"] = found_phone[0].value
        build.put("/basics/phone", found_phone[0].value, found_phone[0].line)
    links = contact.links(pool, shown_targets_only=build.read.kind == "pdf")
    profiles: list[dict[str, Any]] = []
    for link in links:
        network = contact.network_of(link.value)
        if network is None and "url" not in basics:
            basics["url"] = link.value
            build.put("/basics/url", link.value, link.line)
            continue
        entry: dict[str, Any] = {"url": link.value}
        if network:
            entry["network"] = network
            handle = re.split(r"[/:@]+", link.value.rstrip("/"))[-1].strip()
            # A bare "github.com" names the network, not an account.
            if handle and handle.lower().split(".")[0] != network.lower():
                entry["username"] = handle
        build.put(f"/basics/profiles/{len(profiles)}/url", link.value, link.line)
        profiles.append(entry)
    if profiles:
        basics["profiles"] = profiles[:20]


def _label(header: list[Line], name: list[Line]) -> Line | None:
    if not name or name[-1] not in header:
        return None
    index = header.index(name[-1]) + 1
    if index >= len(header):
        return None
    line = header[index]
    text = line.text.strip()
    if (
        len(text) <= 80
        and not contact.EMAIL.search(text)
        and not contact.URL.search(text)
        and not find_dates(text)
        and sum(char.isdigit() for char in text) < 4
        and not text.endswith(".")
        and len(line.cells) == 1
        and heading_kind(text) is None
        # The address's last line beside a name set over two lines ("New York") is no headline.
        and not (looks_like_location(text) and not has_title_word(text))
    ):
        return line
    return None


def _roles(
    build: _Builder,
    section: Section,
    target: list[dict[str, Any]],
    prefix: str,
    kind: str,
    *,
    pointer_name: str,
) -> None:
    entries = _stacked_titles(
        _anchored(
            [entry for entry in _entries(section.lines, section.kind, kind) if entry.header or entry.bullets]
        )
    )
    headers = [_header(entry) for entry in entries]
    roles = _decide_roles(headers)
    if any(role.employer is not None and role.employer.placed for role in roles):
        # The section writes "Title in/at Organisation": a title line alone that reads so names
        # its organisation too, whatever its words ("Intern as Java developer in Ace-craft copmany").
        for number, role in enumerate(roles):
            if role.employer is not None or role.title is None:
                continue
            match = re.search(r"^(.*\S)\s+(?:in|at|chez)\s+([A-ZÀ-Ý].*)$", role.title.text)
            if match and has_title_word(match.group(1)) and "(" not in match.group(1):
                line = role.title.line
                organisation = Part(_clean(match.group(2)), line, placed=True)
                roles[number] = RoleGuess(organisation, Part(_clean(match.group(1)), line), True)
    previous: RoleGuess | None = None
    previous_header: Header | None = None
    pending: Part | None = None  # an employer line above one title line per post held there
    for position, (entry, header, role) in enumerate(zip(entries, headers, roles, strict=True)):
        following = roles[position + 1] if position + 1 < len(roles) else None
        if (
            role.employer is not None
            and role.title is None
            and not entry.bullets
            and not entry.prose
            and following is not None
            and following.employer is None
            and following.title is not None
        ):
            pending = role.employer
            continue
        if pending is not None and role.title is not None and _SELF_EMPLOYED.match(role.title.text):
            pending = None  # the employer above holds no post held for oneself
        if pending is not None and role.employer is None and role.title is not None:
            role = RoleGuess(pending, role.title, role.title_first)
        elif role.employer is not None:
            pending = None
        if (
            role.employer is None
            and role.title is not None
            and previous is not None
            and previous.employer is not None
            and previous.title is not None
            and previous.employer.line is not previous.title.line
            and _style(previous.title.line) == _style(role.title.line)
            and not _SELF_EMPLOYED.match(role.title.text)
        ):
            # A second title under the same employer (an employer line, then one title line per
            # post held there): the employer carries over.
            role = RoleGuess(previous.employer, role.title, role.title_first)
        elif (
            role.title is None
            and role.employer is not None
            and previous is not None
            and previous.employer is not None
            and previous.title is not None
            and previous.employer.line is not previous.title.line
            and role.employer.line is not previous.employer.line
            and _style(previous.title.line) == _style(role.employer.line)
            and _style(previous.employer.line) != _style(role.employer.line)
        ):
            # Drawn like the title above, not like its employer ("Warehouse IT" under the h2 of
            # the company): another post at the same employer, whatever its words.
            role = RoleGuess(previous.employer, role.employer, role.title_first)
        elif (
            role.title is None
            and role.employer is not None
            and header.dates is None
            and entry.bullets
            and len(entry.header) == 1
            and previous is not None
            and previous_header is not None
            and previous_header.dates is not None
            and previous.employer is not None
            and previous.title is not None
            and previous.employer.line is not previous.title.line
            and role.employer.line is not previous.employer.line
            and _style(previous.employer.line) == _style(role.employer.line)
            and _organised(role.employer)
        ):
            # Drawn like the employer above, alone over its own items: the same post at a second
            # employer ("01/10/2017-31/01/2018  Research Assistant" over "Institute A" and its
            # items, then "Institute B" and its items). The title and the dates carry over.
            role = RoleGuess(role.employer, previous.title, previous.title_first)
            header.dates, header.date_line = previous_header.dates, previous_header.date_line
        if role.title is not None and role.title.line is not header.date_line:
            own = [span for span in find_dates(role.title.line.text)]
            if own:
                header.dates, header.date_line = own[0], role.title.line
        if role.employer is None and role.title is not None and header.location is not None:
            # Every post is held somewhere: with no employer found, a "place" whose first piece
            # is no place ("OOO EPAM Systems, Russia") is the employer and its place.
            pieces = [piece.strip() for piece in header.location.text.split(",")]
            if len(pieces) >= 2 and not looks_like_location(pieces[0]) and pieces[0][:1].isupper():
                employer_part = Part(pieces[0], header.location.line)
                role = RoleGuess(employer_part, role.title, role.title_first)
                rest = header.location.text.split(",", 1)[1].strip()
                header.location = Part(rest, header.location.line)
        if (
            role.title is not None
            and role.employer is not None
            and not role.employer.placed
            and _department(role.title.text)
        ):
            # "D&D Section (DESIGN AND DEVELOPMENT SECTION)" under the institute: where in the
            # organisation the post was, not what it was called.
            role = RoleGuess(role.employer, None, role.title_first)
        previous, previous_header = role, header
        if role.employer is None and role.title is None and header.dates is None:
            continued = bool(_CONTINUED.search(section.title))
            if continued and position == 0 and target and entry.bullets and not entry.header:
                # "EXPERIENCE (CONTINUED)" over the next page's first items: the last post's.
                last = len(target) - 1
                earlier: list[str] = target[last].setdefault("highlights", [])
                for text, line in entry.bullets[: max(MAX_BULLETS - len(earlier), 0)]:
                    cleaned = _plain(text)
                    if cleaned:
                        build.put(f"{prefix}/{last}/highlights/{len(earlier)}", cleaned, line)
                        earlier.append(_limited(cleaned, MAX_BULLET_CHARS))
                continue
            if target and entry.bullets and not entry.header:
                continue  # bullets with no heading of their own: nothing to attach them to safely
            if not entry.bullets:
                continue
        item: dict[str, Any] = {}
        index = len(target)
        if role.employer is not None:
            # "Imam Ali Military University (compulsory military service)": a remark in lower
            # case after the name is no part of it ("Accengage (Airship)" is).
            named = _REMARK.sub("", role.employer.text) or role.employer.text
            employer, place = _employer_and_place(named)
            item[pointer_name] = _limited(employer, MAX_NAME_CHARS)
            build.put(f"{prefix}/{index}/{pointer_name}", employer, role.employer.line)
            if place and header.location is None and prefix == "/work":
                header.location = Part(place, role.employer.line)
        position_key = "position"
        if role.title is not None:
            item[position_key] = _limited(role.title.text, MAX_NAME_CHARS)
            build.put(f"{prefix}/{index}/{position_key}", role.title.text, role.title.line)
        if header.location is not None and prefix == "/work":
            item["location"] = _limited(header.location.text, MAX_NAME_CHARS)
            build.put(f"{prefix}/{index}/location", header.location.text, header.location.line)
        _dates_into(item, header.dates, education=False)
        if header.dates is not None and header.date_line is not None:
            for key in ("startDate", "endDate"):
                if key in item:
                    build.put(f"{prefix}/{index}/{key}", item[key], header.date_line)
        bullets = entry.bullets or _prose_bullets(entry, kind)
        highlights: list[str] = []
        for text, line in bullets[:MAX_BULLETS]:
            cleaned = _plain(text)
            if cleaned:
                build.put(f"{prefix}/{index}/highlights/{len(highlights)}", cleaned, line)
                highlights.append(_limited(cleaned, MAX_BULLET_CHARS))
        if highlights:
            item["highlights"] = highlights
        if not entry.bullets and entry.prose and not highlights:
            summary = " ".join(_clean(line.text) for line in entry.prose)
            if summary:
                item["summary"] = _limited(summary, MAX_SUMMARY_CHARS)
                build.put(f"{prefix}/{index}/summary", summary, entry.prose[0])
        if header.dates is not None and header.dates.end == PRESENT and "endDate" not in item:
            pass  # JSON Resume: no endDate means the role goes on
        if item:
            target.append(item)


def _dated(entry: Entry) -> bool:
    return any(_set_apart(line) for line in entry.header)


def _anchored(entries: list[Entry]) -> list[Entry]:
    """Each post is anchored on its dates, where the section's entries are dated. The lines
    between the last post's body and a post's dates are all that post's header, whatever the
    layout drew like an entry's first line. An undated header after a post's body that names
    neither a post nor an organisation ("Data Lineage Dashboard", "AIPenPal – Intelligent Email
    Management (Internal Project)") heads a part of that post's work, whatever its emphasis, and
    its items are the post's. An undated line that does name one (an organisation alone over
    its items under a shared post, a title) still opens an entry."""
    dated = sum(1 for entry in entries if _dated(entry))
    if dated < 2 or 2 * dated < len(entries):
        return entries
    result: list[Entry] = []
    for entry in entries:
        previous = result[-1] if result else None
        if (
            previous is not None
            and not previous.bullets
            and not previous.prose
            and not _dated(previous)
            and not any(find_dates(line.text) for line in previous.header)
            and _dated(entry)
        ):
            # The lines between the last post's body and this post's dates are all this post's
            # header, whichever of them the layout drew like an entry's first line.
            entry.header = [*previous.header, *entry.header]
            result[-1] = entry
            continue
        if (
            previous is not None
            and _dated(previous)
            and (previous.bullets or previous.prose)
            and entry.header
            and not _dated(entry)
            and (entry.bullets or entry.prose)
            and not any(find_dates(line.text) for line in entry.header)
            and not any(
                has_title_word(line.text) or org_strength(line.text) > 0 or has_org_word(line.text)
                for line in entry.header
            )
            # A heading by the file's markup at the posts' own level ("### Previous") is a
            # post's heading still.
            and not (
                entry.header[0].heading_level is not None
                and entry.header[0].heading_level == previous.header[0].heading_level
            )
        ):
            # The sub-heading is the post's text, not a bullet: its items are the bullets.
            previous.prose += [*entry.header, *entry.prose]
            previous.bullets += entry.bullets
            continue
        result.append(entry)
    return result


def _dated_title_line(line: Line) -> bool:
    """'Assistant Professor (F3)  2007 – 2009': a title and its own dates, nothing else."""
    spans = find_dates(line.text)
    if len(spans) != 1:
        return False
    rest = _clean(line.text[: spans[0].begin] + " " + line.text[spans[0].finish :])
    return bool(rest) and has_title_word(rest) and org_strength(rest) == 0 and "," not in rest


def _stacked_titles(entries: list[Entry]) -> list[Entry]:
    """Posts held one after another at one employer, one line each with its own dates, over one
    list ("Professor (F5)  2019 – Present" ... "Instructor (F2)  2003 – 2007"): a post each. The
    list is the current post's, the first of the stack (a résumé lists the latest first)."""
    result: list[Entry] = []
    for entry in entries:
        stacked = len(entry.header) >= 2 and all(_dated_title_line(line) for line in entry.header)
        if not stacked:
            result.append(entry)
            continue
        run = [Entry(header=[line]) for line in entry.header]
        # Earlier lines of the same stack the entry splitting already parted, with no list.
        first = len(result)
        while (
            first > 0
            and not result[first - 1].bullets
            and not result[first - 1].prose
            and len(result[first - 1].header) == 1
            and _dated_title_line(result[first - 1].header[0])
        ):
            first -= 1
        if (
            first > 0
            and not result[first - 1].bullets
            and not result[first - 1].prose
            and result[first - 1].header
            and _dated_title_line(result[first - 1].header[-1])
        ):
            first -= 1  # the employer's line over the stack's first post
        owner = result[first] if first < len(result) else run[0]
        owner.bullets, owner.prose = entry.bullets, entry.prose
        result += run
    return result


# "Experience (continued)", "EXPERIENCE (CONT.)", "Expériences (suite)": one section over two pages.
_CONTINUED = re.compile(r"(?i)\b(?:continued|cont\.|cont'd|contd|suite|fortsättning|fortsetzung)")
_REMARK = re.compile(r"\s*\((?=[a-z])[^()]*\)\s*$")
# "Freelance Web Developer", "Self-employed tutor": a post held for oneself, under no employer.
_SELF_EMPLOYED = re.compile(r"(?i)^\s*(?:freelance|freelancer|self[- ]employed|independent)\b")
_DEPARTMENT = re.compile(r"(?i)\b(?:section|department|dept|division|directorate)\b")


def _department(text: str) -> bool:
    return bool(_DEPARTMENT.search(_bare(text))) and not has_title_word(text)


_PLACE_WORDS = re.compile(r"^(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,2}$")
_AFTER_LEGAL_FORM = re.compile(
    r"^(?P<org>.+\b(?:Ltd|Inc|LLC|Corp|GmbH|Co|Pty|PLC|Limited)\.?)\s+(?P<place>[A-Z][^,]*)$"
)


def _employer_and_place(text: str) -> tuple[str, str | None]:
    """'Skyscanner, Edinburgh' or 'New Modern Technology Ltd. Hong Kong': a town after the name.

    Only a short run of capitalised words with nothing of an organisation or a title in it
    counts as a place, so 'Smith, Jones & Partners' and 'Google, Inc.' stay whole.
    """
    match = _AFTER_LEGAL_FORM.match(text)
    if match and _PLACE_WORDS.match(match.group("place")) and not has_org_word(match.group("place")):
        return match.group("org"), match.group("place")
    head, comma, tail = text.rpartition(", ")
    if not comma or not head.strip() or "(" in tail or ")" in tail:
        return text, None
    tail = tail.strip()
    if (
        _PLACE_WORDS.match(tail)
        and not has_org_word(tail)
        and not has_title_word(tail)
        and not has_edu_org_word(tail)
        and not _LEGAL_FORM.fullmatch(tail)
        # "DfE", "NHSEI": initials, whatever their case, name an organisation, not a town.
        and not re.search(r"[a-z][A-Z]", tail)
        and (
            looks_like_location(tail)
            or (any(c.islower() for c in tail) and (org_strength(head) > 0 or len(tail.split()) <= 2))
        )
    ):
        return head.strip(), tail
    return text, None


def _capitalised(text: str) -> float:
    words = [word for word in re.findall(r"[^\W\d_]+", text) if len(word) > 3]
    return sum(1 for word in words if word[0].isupper()) / len(words) if words else 0.0


def _degree_items(lines: list[Line]) -> list[Entry] | None:
    """Degrees as list items, each over its school on an unmarked line ("• Master of Arts (M.A.)
    in Education" over "University of South Florida (St. Petersburg, FL)"): one entry per item.

    Only when every item of the section is a degree and the line after it names a school.
    """
    items = [index for index, line in enumerate(lines) if bullet_text(line) is not None]
    if not items or items[0] != 0:
        return None
    for position, index in enumerate(items):
        text = bullet_text(lines[index]) or ""
        following = index + 1
        nxt = items[position + 1] if position + 1 < len(items) else len(lines)
        if not has_degree_word(text) or following >= nxt or not has_edu_org_word(lines[following].text):
            return None
    entries = []
    for position, index in enumerate(items):
        nxt = items[position + 1] if position + 1 < len(items) else len(lines)
        text = bullet_text(lines[index]) or lines[index].text
        degree = Line(**{**lines[index].__dict__, "text": text, "cells": (text,), "list_level": None})
        degree.page, degree.number = lines[index].page, lines[index].number
        entries.append(Entry(header=[degree, *lines[index + 1 : nxt]]))
    return entries


def _education_entries(section: Section, kind: str) -> list[Entry]:
    table = _label_row_table(section.lines)
    if table is not None:
        first, stop = table
        parts = [
            Section(section.kind, section.title, section.heading, section.lines[:first]),
            Section(section.kind, section.title, section.heading, section.lines[stop:]),
        ]
        label = section.lines[first]
        rows = [Entry(header=[label, row]) for row in section.lines[first + 1 : stop]]
        return [*_education_entries(parts[0], kind), *rows, *_education_entries(parts[1], kind)]
    items = _degree_items(section.lines)
    if items is not None:
        return items
    entries: list[Entry] = []
    for entry in _entries(section.lines, "education", kind):
        if _one_per_line(entry):
            # "BSc Computing - LJMU - 2008-2011" under "IOSH Managing safety": one qualification
            # a line, with nothing under any; a line that names no degree, school or date (a
            # licence, a safety card) is no education entry.
            opened = len(entries)
            for line in entry.header:
                if _honour_only(line.text) and len(entries) > opened:
                    entries[-1].header.append(line)  # "First Class Honours": of the line above
                elif has_degree_word(line.text) or has_edu_org_word(line.text) or find_dates(line.text):
                    entries.append(Entry(header=[line]))
            continue
        complete = [i for i, line in enumerate(entry.header) if _whole_entry_line(line)]
        # A school's line right after a whole entry's line opens the next entry: the line above
        # needs no school more ("Universidad de Buenos Aires | Licenciatura | 2010 – 2015" over
        # "Technische Universität München" / "M.Sc. Informatik, 2018 – 2020").
        schools_after = [
            i
            for i in range(1, len(entry.header))
            if i - 1 in complete and i not in complete and _school_name(entry.header[i].text)
        ]
        if complete and complete[0] == 0 and len(complete) + len(schools_after) >= 2:
            # "Master in Business Administration (MBA), IE Business School, 2016" over "Bachelor
            # of Economics, Universidad Complutense, 2010 - 2014": a line that names a degree,
            # its school and its dates is an entry by itself; the lines under it are its own.
            bounds = [*sorted({*complete, *schools_after}), len(entry.header)]
            for start, stop in itertools.pairwise(bounds):
                last = stop == len(entry.header)
                entries.append(
                    Entry(
                        header=entry.header[start:stop],
                        bullets=entry.bullets if last else [],
                        prose=entry.prose if last else [],
                    )
                )
            continue
        if not entry.header and entry.bullets:
            # A list of schools, one per item: each item is an entry of its own.
            for text, line in entry.bullets:
                joined = Line(**{**line.__dict__, "text": text, "cells": (text,), "list_level": None})
                joined.page, joined.number = line.page, line.number
                entries.append(Entry(header=[joined]))
        elif (
            entries
            and entry.header
            and _planned_end_only(entry.header[0])
            # Dates first ("Expected May 2024" over "BSc, University"): the next entry's.
            and not any(has_degree_word(line.text) or has_edu_org_word(line.text) for line in entry.lines())
        ):
            # "Expected Graduate: August 2025" (and "GPA: 3.8") under a degree: its own.
            above = entries[-1]
            entries[-1] = Entry(
                header=[*above.header, *entry.header],
                bullets=[*above.bullets, *entry.bullets],
                prose=[*above.prose, *entry.prose],
            )
        else:
            entries.append(entry)
    entries = _field_records(entries)
    return [part for entry in _schools_with_their_degrees(entries) for part in _degrees_at_one_school(entry)]


def _degrees_at_one_school(entry: Entry) -> list[Entry]:
    """A school's line over two or more degrees, each on its own dated line ("University of
    Cambridge" over "PhD in Physics, 2015 - 2019" and "MPhil in Physics, 2014 - 2015"): one entry
    per degree, each at that school."""
    header = entry.header
    if len(header) < 3 or not _school_name(header[0].text) or has_degree_word(header[0].text):
        return [entry]
    if find_dates(header[0].text) or not all(
        has_degree_word(line.text) and find_dates(line.text) and not _school_name(line.text)
        for line in header[1:]
    ):
        return [entry]
    last = len(header) - 1
    return [
        Entry(
            header=[header[0], line],
            bullets=entry.bullets if number == last else [],
            prose=entry.prose if number == last else [],
        )
        for number, line in enumerate(header[1:], start=1)
    ]


def _label_row_table(lines: list[Line]) -> tuple[int, int] | None:
    """A row of column labels ("Degree  Institute  Year  CGPA") over two or more rows of as many
    cells: a table whose every row is an entry, read by the labels (`_column_labels`). Where the
    labels are and where the rows stop."""

    def labels(line: Line) -> list[str | None]:
        roles = [_column_role(cell) for cell in line.cells]
        return roles if len(roles) >= 2 and sum(role is not None for role in roles) >= 2 else []

    for index, line in enumerate(lines):
        if not {"school", "degree"} & set(labels(line)):
            continue
        stop = index + 1
        # Rows of values, up to a row of labels of its own (a school's table under each degree).
        while stop < len(lines) and len(lines[stop].cells) == len(line.cells) and not labels(lines[stop]):
            stop += 1
        if stop - index - 1 >= 2:
            return index, stop
    return None


def _planned_end_only(line: Line) -> bool:
    """A line holding a planned end and nothing else ("Expected Graduate: August 2025")."""
    spans = find_dates(line.text)
    if len(spans) != 1 or not spans[0].expected:
        return False
    rest = line.text[: spans[0].begin] + line.text[spans[0].finish :]
    rest = re.sub(
        r"(?i)\b(?:expected|anticipated|planned|graduat\w*|completion|date|end|finish\w*)\b", " ", rest
    )
    return not re.search(r"[^\W\d_]{2,}", _EXPECTED_NOTE.sub(" ", rest))


def _schools_with_their_degrees(entries: list[Entry]) -> list[Entry]:
    """A school's line left alone, nothing under it, goes with the entry after it when that one
    names no school ("Technische Universität München" over "M.Sc. Informatik, 2018 – 2020",
    which the dated lines of a mixed section put apart); and a degree's line alone goes with the
    school's entry under it when that one names no degree."""
    merged: list[Entry] = []
    index = 0
    while index < len(entries):
        entry = entries[index]
        following = entries[index + 1] if index + 1 < len(entries) else None
        if following is not None and following.header and _heads(entry, following):
            merged.append(
                Entry(
                    header=[entry.header[0], *following.header],
                    bullets=following.bullets,
                    prose=[*entry.prose, *following.prose],
                    body_started=following.body_started,
                )
            )
            index += 2
            continue
        merged.append(entry)
        index += 1
    return merged


def _grade_only(text: str) -> bool:
    """'GPA: 4.8/5', 'CGPA 8.7/10': a line that holds a grade and nothing else."""
    match = _GPA.search(text) or _GPA_AFTER.search(text)
    return match is not None and not re.search(r"[^\W\d_]{2,}", _GPA.sub(" ", _GPA_AFTER.sub(" ", text)))


def _heads(entry: Entry, following: Entry) -> bool:
    """Whether an entry of one line, nothing under it, is the head of the entry that follows."""
    # A grade under the school's line ("GPA: 4.8/5") keeps it the head of what follows.
    graded = all(_grade_only(line.text) for line in entry.prose)
    if len(entry.header) != 1 or entry.bullets or not graded:
        return False
    line = entry.header[0].text
    # A dated line ("Univeristy of Birmingham (2019-)") takes an undated one under it ("B.Sc.
    # Computer Science ..."); two dated lines are two entries.
    if find_dates(line) and any(find_dates(other.text) for other in following.header):
        return False
    if _school_name(line):
        return not any(_school_name(other.text) for other in following.header)
    if (
        find_dates(line)
        and not has_degree_word(line)
        and has_degree_word(following.header[0].text)
        and not any(_school_name(other.text) for other in following.header)
    ):
        # "Univeristy of Birmingham (2019-)" over "B.Sc. Computer Science ...": a dated name over
        # a degree that names no school is that degree's school, whatever its spelling.
        return True
    # "Ensino Médio Técnico em andamento" over "CEFET/RJ – Centro Federal ...": the degree over its
    # school, the school's entry naming no degree of its own.
    return (
        has_degree_word(line)
        and not has_edu_org_word(line)
        and _school_name(following.header[0].text)
        and not any(has_degree_word(other.text) for other in following.header)
    )


# Column labels of a school table ("Degree | University | Year | CGPA" over its values).
_COLUMN_ROLES = {
    "school": r"university|college|school|institute|institution|university/board|school/college|board",
    "degree": r"degree|qualification|programme|program|course|examination|exam",
    "score": r"c?gpa|marks|grade|percentage|division|result|score",
    "other": r"department|year|years|session|duration|passing year|year of passing|major|subject",
}
_COLUMN_LABEL = {role: re.compile(rf"(?i)(?:{words})\s*:?") for role, words in _COLUMN_ROLES.items()}


def _column_role(cell: str) -> str | None:
    return next((role for role, label in _COLUMN_LABEL.items() if label.fullmatch(cell.strip())), None)


# Labels of an entry's fields, one field a line ("Título: Licenciatura en Psicología",
# "Centro: Universidad de Salamanca", "Abschluss: Abitur", "Year: 2018").
_FIELD_ROLES = {
    "school": r"university|universidad|universidade|universität|université|school|college|institution|"
    r"institute|instituto|centro|centre|center|escuela|institución|instituição|établissement|école|"
    r"hochschule|schule|lärosäte|skola|учебное заведение|вуз",
    "degree": r"degree|qualification|título|titulo|titulación|titulação|grado|diploma|diplôme|abschluss|"
    r"studiengang|course|curso|programme|program|programa|examen|utbildning|специальность|"
    r"степень|квалификация",
    "dates": r"year|years|año|años|ano|anos|jahr|année|år|период|год|годы|periodo|período|zeitraum|"
    r"période|duration|dauer|duración|fecha|fechas|data",
}
_FIELD_LABEL = re.compile(r"^\s*(?P<label>[^\W\d_][^:\d]{0,30}?)\s*:\s*(?P<value>\S.*)$")


def _field_role(line: Line) -> str | None:
    match = _FIELD_LABEL.match(line.text)
    if match is None:
        return None
    label = match.group("label").strip().casefold()
    return next((role for role, words in _FIELD_ROLES.items() if re.fullmatch(rf"(?:{words})", label)), None)


def _field_records(entries: list[Entry]) -> list[Entry]:
    """Entries whose every line is a labelled field ("Título: ...", "Centro: ...", "Año: 2015")
    make one record, whatever lines the reading took for prose; a label seen again opens the
    next record."""
    records: list[Entry] = []
    current: list[Line] = []
    roles: set[str] = set()
    for entry in entries:
        lines = entry.lines()
        if not lines or any(_field_role(line) is None for line in lines):
            if current:
                records.append(Entry(header=current))
                current, roles = [], set()
            records.append(entry)
            continue
        for line in lines:
            role = _field_role(line) or ""
            if role in roles:
                records.append(Entry(header=current))
                current, roles = [], set()
            current.append(line)
            roles.add(role)
    if current:
        records.append(Entry(header=current))
    return records


def _field_value(role: str, value: str, line: Line, labelled: dict[str, Part]) -> None:
    """A labelled field's value, less the grade written after it ("Abitur (Note 1,7)")."""
    gpa = _GPA.search(value)
    if gpa is not None:
        labelled.setdefault("score", Part(gpa.group("value").strip(), line))
        value = value[: gpa.start()] + value[gpa.end() :]
    if _clean(value):
        labelled[role] = Part(_clean(value), line)


def _field_labels(entry: Entry) -> tuple[Entry, dict[str, Part]]:
    """An entry written as labelled fields, one a line: each value is what its label says, and
    the label itself no part of it (a year's label is dropped, its value's dates stay)."""
    labelled: dict[str, Part] = {}
    kept: list[Line] = []
    for line in entry.header:
        match = _FIELD_LABEL.match(line.text)
        role = _field_role(line)
        if match is None or role is None:
            kept.append(line)
            continue
        value = match.group("value").strip()
        if role == "dates":
            rebuilt = Line(**{**line.__dict__, "text": value, "cells": (value,), "cell_sizes": ()})
            rebuilt.page, rebuilt.number = line.page, line.number
            kept.append(rebuilt)
        elif role not in labelled:
            _field_value(role, value, line, labelled)
    # "Abschluss: Abitur (Note 1,7)" under the school's line: a field, though read as prose.
    prose: list[Line] = []
    for line in entry.prose:
        match = _FIELD_LABEL.match(line.text)
        role = _field_role(line)
        if match is None or role not in ("school", "degree") or role in labelled:
            prose.append(line)
            continue
        _field_value(role, match.group("value").strip(), line, labelled)
    if not labelled:
        return entry, {}
    return Entry(header=kept, bullets=entry.bullets, prose=prose, body_started=entry.body_started), labelled


def _column_labels(entry: Entry) -> tuple[Entry, dict[str, Part]]:
    """A row of column labels over a row of values, cell for cell ("Department  University  CGPA"
    over "Dept. of Agri. Engg.  BZU  3.34/04"): each value is what its label says, though its
    words alone would not tell ("BZU" is the school). The labels themselves are no part of the
    entry; the values under them are taken out, the other cells stay."""
    header = entry.header
    labelled: dict[str, Part] = {}
    kept: list[Line] = []
    index = 0
    while index < len(header):
        line = header[index]
        below = header[index + 1] if index + 1 < len(header) else None
        roles = [_column_role(cell) for cell in line.cells]
        if below is None or len(line.cells) < 2 or len(below.cells) != len(line.cells) or not any(roles):
            kept.append(line)
            index += 1
            continue
        top_cells, value_cells = [], []
        for role, label, value in zip(roles, line.cells, below.cells, strict=True):
            if role is None:
                top_cells.append(label)
                value_cells.append(value)
                continue
            text = _clean(value)
            if role == "other" and find_dates(value):
                # "2018" under "Year": the entry's dates, read from the row.
                top_cells.append(label)
                value_cells.append(value)
                continue
            if role == "score" and not any(char.isdigit() for char in text):
                continue  # "IN PROCESS" under "CGPA": no score yet
            if role in ("school", "degree", "score") and text and role not in labelled:
                labelled[role] = Part(text, below)
        for source, cells in ((line, top_cells), (below, value_cells)):
            if cells:
                rebuilt = Line(
                    **{**source.__dict__, "text": "  ".join(cells), "cells": tuple(cells), "cell_sizes": ()}
                )
                rebuilt.page, rebuilt.number = source.page, source.number
                kept.append(rebuilt)
        index += 2
    if not labelled:
        return entry, {}
    return Entry(
        header=kept, bullets=entry.bullets, prose=entry.prose, body_started=entry.body_started
    ), labelled


def _whole_entry_line(line: Line) -> bool:
    """'B.Sc. in Physics, University of Ghana, 2016': a degree, a school and dates on one line."""
    text = line.text
    return has_degree_word(text) and has_edu_org_word(text) and bool(find_dates(text))


def _one_per_line(entry: Entry) -> bool:
    """A list of qualifications without markers: three or more lines drawn alike at one left
    edge, nothing under them, and at least two of them each naming a degree by itself."""
    lines = entry.header
    if len(lines) < 3 or entry.bullets or entry.prose:
        return False
    if (
        len({_style(line) for line in lines}) > 1
        or max(line.x0 for line in lines) - min(line.x0 for line in lines) > 1.5
    ):
        return False
    return (
        sum(
            1
            for line in lines
            if has_degree_word(line.text) and not _school_name(line.text) and not _honour_only(line.text)
        )
        >= 2
    )


_TRAILING_PLACE = re.compile(r"\S,\s+[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+)?\s*$")


def _school_line_order(entries: list[Entry]) -> int | None:
    """Where the school's line sits in this section's entries (0 first, 1 later), by the entries
    whose words tell: entries of one section are laid out alike."""
    votes: Counter[int] = Counter()
    for entry in entries:
        lines = [line for line in entry.header if _clean(line.text)]
        if len(lines) < 2:
            continue
        named = [i for i, line in enumerate(lines) if has_edu_org_word(line.text)]
        if not named:
            # The school's line carries its place after a comma ("NABA, MILAN"); a degree's
            # line does not.
            named = [
                i
                for i, line in enumerate(lines)
                if _TRAILING_PLACE.search(line.text) and not has_degree_word(line.text)
            ]
        if len(named) == 1:
            votes[min(named[0], 1)] += 1
    if not votes:
        return None
    order, count = votes.most_common(1)[0]
    return order if count > sum(votes.values()) - count else None


def _degree_before_school(entries: list[Entry]) -> bool:
    """Whether the section's entries name the degree before the school on one line, by the
    entries whose words tell ("Master Studium Automatisierungstechnik, FH OÖ, Wels")."""
    votes: Counter[bool] = Counter()
    for entry in entries:
        for line in entry.header:
            pieces = [piece.strip() for cell in line.cells for piece in cell.split(",") if piece.strip()]
            schools = [i for i, piece in enumerate(pieces) if _school_name(piece)]
            degrees = [
                i for i, piece in enumerate(pieces) if has_degree_word(piece) and not has_edu_org_word(piece)
            ]
            if schools and degrees:
                votes[degrees[0] < schools[0]] += 1
    return votes[True] > votes[False]


def _education(build: _Builder, section: Section, target: list[dict[str, Any]], kind: str) -> None:
    entries = _education_entries(section, kind)
    school_order = _school_line_order(entries)
    degree_first = _degree_before_school(entries)
    # "Priyadarshini Institute of Engineering/Bachelor of Engineering": a school and its degree
    # parted by a slash; once one entry shows it, the section's others are written alike
    # ("Sarvodaya Vidyalaya/ Science").
    slashed = any(
        (pair := _slash_pair(entry.header[0].text)) is not None and has_edu_org_word(pair[0])
        for entry in entries
        if entry.header
    )
    for entry in entries:
        entry, labelled = _column_labels(entry)
        entry, fields = _field_labels(entry)
        # A value under its label is what the label says, whatever its words.
        labelled = {**fields, **labelled}
        header = _header(entry, school=True)
        # "Udemy - udemy.com": the school's web address beside its name is neither the school
        # nor a degree.
        named_parts = [p for p in header.parts if not _web_address(p.text)]
        if named_parts:
            header.parts = named_parts
        # "Key completed modules:", "Relevant coursework:": a label over the items under it,
        # no part of the degree (a degree or a school over its items stays what it is).
        header.parts = [
            p
            for p in header.parts
            if not (
                p.line.text.rstrip().endswith(":")
                and p.text == _clean(p.line.text)
                and not has_degree_word(p.text)
                and not has_edu_org_word(p.text)
            )
        ]
        # A part naming a school ("University of Engineering and Technology") is no degree,
        # whatever subject words it holds.
        degree_parts = [p for p in header.parts if has_degree_word(p.text) and not _school_name(p.text)]
        over_items = next(
            (
                line
                for line in entry.prose
                if line.text.rstrip().endswith(":")
                and has_degree_word(line.text)
                and not _school_name(line.text)
            ),
            None,
        )
        if over_items is not None and not degree_parts:
            # "BSc Computer Science:" over its modules, read as prose: the degree, not an item.
            degree_parts = [Part(_clean(over_items.text), over_items, whole=True)]
            header.parts.append(degree_parts[0])
        if entry.bullets and (header.dates is None or not degree_parts):
            # "Clayton State University - Morrow, Georgia" over "* Bachelor of Science, ...  2016".
            first_text, first_line = entry.bullets[0]
            spans = find_dates(first_text)
            if spans and header.dates is None:
                header.dates, header.date_line = spans[0], first_line
            degree_text = first_text
            for span in reversed(spans):
                degree_text = degree_text[: span.begin] + degree_text[span.finish :]
            # The item is the degree when it says so, or when the header holds the school alone
            # and the item stands alone: a list of several items without a degree word names the
            # subjects taken ("• Mathematics", "• English", "• Physics"), no programme.
            fits = has_degree_word(degree_text) or (len(header.parts) <= 1 and len(entry.bullets) == 1)
            if _clean(degree_text) and fits and not degree_parts:
                header.parts.append(Part(_clean(degree_text), first_line, whole=True))
        split_parts: list[Part] = []
        for part in header.parts:
            school, colon, rest = part.text.partition(": ")
            pair = _slash_pair(part.text) if slashed and part is header.parts[0] else None
            enclosed = _enclosed_pair(part.text)
            if colon and has_edu_org_word(school) and rest.strip():
                split_parts += [Part(_clean(school), part.line), Part(_clean(rest), part.line)]
            elif enclosed is not None:
                split_parts += [Part(_clean(enclosed[0]), part.line), Part(_clean(enclosed[1]), part.line)]
            elif pair is not None:
                split_parts += [Part(_clean(pair[0]), part.line), Part(_clean(pair[1]), part.line)]
            else:
                split_parts.append(part)
        # "FEDERAL POLYTECHNIC SCHOOL      Bida, Niger State": the school's town, set apart on
        # its line, whatever the gazetteer knows of it.
        split_parts = [p for p in split_parts if not any(_place_beside(p, q) for q in split_parts)]
        parents: dict[int, Part] = {}
        pieces = []
        for part in split_parts:
            for piece in [part] if part.whole else _comma_split(part):
                parents[id(piece)] = part
                pieces.append(piece)
        # A distinction on a part of its own is no school or degree; after the degree on its line
        # ("B.Sc. in Computer Science, Cum Laude") it stays with the degree, as written.
        pieces = [p for p in pieces if not (_honour_only(p.text) and parents[id(p)].text == p.text)]
        schools = [
            p
            for p in pieces
            if has_edu_org_word(p.text)
            and not _degree_first(p.text)
            # A school's name, not a sentence about it: short, or longer in title case
            # ("Govt. Degree College for Boys Sharaqpur Sharif").
            and (len(p.text.split()) <= 6 or (len(p.text.split()) <= 10 and _capitalised(p.text) >= 0.8))
        ]
        # "City University of New York, Lehman College": a university and its college, written
        # one after the other on one line, are one school.
        for first, second in itertools.pairwise(pieces):
            joined = f"{first.text}, {second.text}"
            if first in schools and second in schools and joined in parents[id(first)].text:
                both = Part(joined, first.line)
                parents[id(both)] = parents[id(first)]
                pieces[pieces.index(first) : pieces.index(second) + 1] = [both]
                schools = [both]
                break
        institution = max(schools, key=lambda p: _capitalised(p.text), default=None)
        if "school" in labelled:
            institution = labelled["school"]
        # "Graduated with Honours", "Elected as Head boy": what happened there, not a degree.
        pieces = [p for p in pieces if not _EVENT.match(p.text)]
        degree = labelled.get("degree") or next(
            (
                p
                for p in pieces
                if p is not institution and has_degree_word(p.text) and not _FACULTY.match(p.text)
            ),
            None,
        )
        others = [p for p in pieces if p is not institution and p is not degree]
        named = [p for p in others if not looks_like_location(p.text)]
        if institution is None and degree is None and degree_first and len(named) >= 2:
            # "Lehre mit Matura, HTBLA, Vöcklabruck" among "Master Studium ..., FH OÖ, Wels":
            # the section writes the degree first, whatever this entry's words.
            degree, institution = named[0], named[1]
            others = [p for p in others if p is not degree and p is not institution]
        if institution is None and others:
            bold = [p for p in others if p.line.bold]
            institution = (bold or others)[0]
            first_line = others[0].line
            later = [p for p in others if p.line is not first_line and not looks_like_location(p.text)]
            if school_order == 1 and later and degree is None:
                institution = later[0]  # the section puts the degree first, the school under it
            others = [p for p in others if p is not institution]
        if degree is None and others:
            # "The Faculty of Applied Mathematics", "(faculty: Applied mathematics ...)": a part
            # of the school, no degree.
            named = [p for p in others if not _FACULTY.match(p.text)]
            if named:
                degree = named[0]
                others.remove(degree)
        if degree is not None and institution is not None:
            parent = parents.get(id(degree))
            if (
                parent is not None
                and parent is not parents.get(id(institution))
                and parent.text != degree.text
            ):
                # The degree has a line of its own: keep all of it ("Bachelor of Arts in Computer
                # Science, Minor in Business"), less a place at its end.
                whole = [piece for piece in pieces if parents.get(id(piece)) is parent]
                degree = Part(", ".join(piece.text for piece in whole), degree.line)
                others = [piece for piece in others if parents.get(id(piece)) is not parent]
        area: list[Part] = []
        if degree is not None and " in " not in degree.text.lower():
            # What follows the degree until the school: its subject ("Zoology", "Computer Science").
            # The degree may be a whole line rebuilt from its pieces: follow on from its last one.
            same = [i for i, p in enumerate(pieces) if p is degree]
            positions = same or [i for i, p in enumerate(pieces) if p.line is degree.line]
            start = positions[-1] + 1 if positions else len(pieces)
            # The subject is on the degree's line or on the line right under it ("MASTER OF
            # SCIENCE" over "Computer Science"); a line further down, past the dates ("B.Sc" then
            # "Jan 2020 - Mar 2025" then "Computer Science and Engineering."), is no part of it.
            # A degree whose line names its subject already ("Curso – Design Gráfico") has a
            # description under it, not a subject.
            subject_lines = [degree.line]
            rows = [line for line in entry.header if line is degree.line]
            if rows and not re.search(r"\s[-–—]\s|,\s|:\s", degree.text):
                following = entry.header.index(rows[0]) + 1
                subject_lines += entry.header[following : following + 1]
            for piece in pieces[start:]:
                if piece is institution or looks_like_location(piece.text):
                    break
                parent = parents.get(id(piece))
                if parent is not None and looks_like_location(parent.text):
                    break  # a piece of a place ("Lahore" of "Lahore, Punjab, Pakistan")
                if piece.line is header.date_line and piece.line is not degree.line:
                    break  # "2015 – 2019, Nagpur, Maharashtra": what follows dates is a place
                if re.search(r"\((?:[A-E][*+-]?|\d{1,3}\s*%)\)", piece.text):
                    break  # "Mathematics (A*), Chemistry (A)": subjects with their grades
                if (
                    piece in others
                    and any(piece.line is line for line in subject_lines)
                    and not any(char.isdigit() for char in piece.text)
                    and len(piece.text.split()) <= 6
                ):
                    area.append(piece)
        if header.dates is not None:
            for line in [*(line for _, line in entry.bullets), *entry.prose]:
                planned = next((span for span in find_dates(line.text) if span.expected), None)
                if planned is not None:
                    header.dates = _until_planned(header.dates, planned)
                    break
        gpa = header.gpa or labelled.get("score")
        if gpa is None:
            for line in [*(line for _, line in entry.bullets), *entry.prose]:
                match = _GPA.search(line.text) or _GPA_AFTER.search(line.text)
                if match:
                    gpa = Part(match.group("value").strip(), line)
                    break
        if institution is None and degree is None:
            continue
        index = len(target)
        item: dict[str, Any] = {}
        if institution is not None:
            item["institution"] = _limited(institution.text, MAX_NAME_CHARS)
            build.put(f"/education/{index}/institution", institution.text, institution.line)
        if degree is not None:
            # "Ensino Médio Técnico em andamento": the degree, under way.
            degree = Part(_TRAILING_STATUS.sub("", degree.text) or degree.text, degree.line)
            # "1012: BA of English ..." among "2014: MA of ...": the number that labels the line,
            # a year mistyped, is no part of the degree.
            degree = Part(_LINE_LABEL.sub("", degree.text) or degree.text, degree.line)
            cut = degree.text.lower().find(" in ")
            study, subject = (degree.text[:cut], degree.text[cut + 4 :]) if cut > 0 else (degree.text, "")
            # "B.A. Economics, Minor in Data Science": the " in " of a minor after the degree does
            # not part the degree from its subject.
            if subject and has_degree_word(study) and "," not in study:
                item["studyType"] = _limited(study.strip(), MAX_NAME_CHARS)
                item["area"] = _limited(subject.strip(), MAX_NAME_CHARS)
                build.put(f"/education/{index}/area", subject, degree.line)
            else:
                item["studyType"] = _limited(degree.text, MAX_NAME_CHARS)
                if area:
                    item["area"] = _limited(", ".join(piece.text for piece in area), MAX_NAME_CHARS)
                    build.put(f"/education/{index}/area", item["area"], area[0].line)
            build.put(f"/education/{index}/studyType", degree.text, degree.line)
        if gpa is not None:
            item["score"] = gpa.text[:50]
            build.put(f"/education/{index}/score", gpa.text, gpa.line)
        _dates_into(item, header.dates, education=True)
        if header.date_line is not None:
            for key in ("startDate", "endDate"):
                if key in item:
                    build.put(f"/education/{index}/{key}", item[key], header.date_line)
        target.append(item)


_LINE_LABEL = re.compile(r"^\d{4}\s*:\s+(?=\S)")
_TRAILING_STATUS = re.compile(
    r"(?i)\s*[-–—,]?\s*(?:em andamento|em curso|en curso|in progress|ongoing|en cours|in corso|cursando)\s*$"
)


def _web_address(text: str) -> bool:
    """'udemy.com', 'www.coursera.org': a site, never a degree written with a dot ('B.Tech',
    whose letters a top-level domain shares)."""
    text = text.strip()
    return bool(contact.URL.fullmatch(text)) and not has_degree_word(text)


def _enclosed_pair(text: str) -> tuple[str, str] | None:
    """'Harvard University (B.A. Economics)', 'BSc Physics (University of Ghana)': a school and
    its degree, the one in parentheses after the other; never a school's initials ('(UET)') or a
    degree's subject ('Bachelor of Engineering (Computer Science)')."""
    match = re.fullmatch(r"\s*([^()]*\S)\s*\(([^()]+)\)\s*", text)
    if match is None:
        return None
    outer, inner = match.group(1), match.group(2).strip()
    school_then_degree = _school_name(outer) and has_degree_word(inner) and not has_edu_org_word(inner)
    degree_then_school = has_degree_word(outer) and not has_edu_org_word(outer) and _school_name(inner)
    return (outer, inner) if school_then_degree or degree_then_school else None


def _slash_pair(text: str) -> tuple[str, str] | None:
    """'School of Arts/Bachelor of Music' parted at its one slash between words of several
    letters (never 'B.Sc/M.Sc', 'CS/IT' or a URL)."""
    if text.count("/") != 1 or "//" in text:
        return None
    left, right = (piece.strip() for piece in text.split("/"))
    if len(left.split()) < 2 or not re.match(r"[^\W\d_]{3,}", right) or not re.search(r"[^\W\d_]{3,}$", left):
        return None
    return left, right


_FACULTY = re.compile(r"(?i)^\W*(?:the\s+)?(?:faculty|department|dept|school)\b(?:\s+of\b|\s*:)")
# Distinctions a student earned ("First Class Honours", "magna cum laude", "Dean's List",
# "Excellent student of the school"): said of a degree, never the degree.
_HONOUR = re.compile(
    r"(?i)\b(?:(?:first|second|third|upper|lower|1st|2nd|3rd)[- ](?:class|division)(?:\s+honou?rs)?"
    r"|(?:summa\s+|magna\s+)?cum\s+laude|with\s+(?:high(?:est)?\s+|first\s+class\s+)?(?:honou?rs|distinction|merit)"
    r"|dean['’]?s\s+(?:list|honou?r\s+list)|honou?r\s+roll|valedictorian|salutatorian"
    r"|(?:excellent|outstanding|best|top|distinguished)\s+(?:student|pupil|graduate)s?)"
)


def _honour_only(text: str) -> bool:
    """A line or piece that names a distinction and no degree ("First Class Honours"), unlike
    "BA in Mathematics, First Class Honours"."""
    if not _HONOUR.search(text):
        return False
    return not has_degree_word(_HONOUR.sub(" ", text))


_EVENT = re.compile(r"^[A-Z][a-z]+ed\s+(?:with|as|to|for|from|the|a|an|best|top|first)\b")
_TOWN_REGION = re.compile(
    r"^[A-ZÀ-Ý][\w.'’-]*(?: [A-ZÀ-Ý][\w.'’-]*){0,2}, [A-ZÀ-Ý][\w.'’-]*(?: [A-ZÀ-Ý][\w.'’-]*){0,2}$"
)


def _place_beside(piece: Part, school: Part) -> bool:
    """A 'Town, Region' in a cell of its own after the school's on the school's line."""
    line = piece.line
    return (
        line is school.line
        and piece is not school
        and _school_name(school.text)
        and len(line.cells) >= 2
        and any(_clean(cell) == piece.text for cell in line.cells[1:])
        and bool(_TOWN_REGION.match(piece.text))
        and not has_degree_word(piece.text)
        and not has_edu_org_word(piece.text)
    )


def _school_name(text: str) -> bool:
    """'Hanoi University of Engineering and Technology (UET)': a school's name, even with a
    subject in it; 'Bachelor of Engineering, University of X' opens with its degree."""
    return has_edu_org_word(text) and not _degree_first(text)


def _degree_first(text: str) -> bool:
    """'Bachelor of Science, University of X' reads as a degree even with a school's name in it,
    and so does a qualification named by its last word ('High School Diploma', 'Secondary School
    Certificate')."""
    if re.search(r"(?i)\b(?:diploma|certificate|degree|ged)\s*$", _bare(text).strip()):
        return True
    return bool(re.match(r"(?i)^\s*(bachelor|master|doctor|b\.?s|m\.?s|ph\.?d|diploma|associate)", text))


def _projects(build: _Builder, section: Section, target: list[dict[str, Any]], kind: str) -> None:
    for entry in _entries(section.lines, "projects", kind):
        header = _header(entry)
        bullets = list(entry.bullets)
        name: Part | None = header.parts[0] if header.parts else None
        if name is None and bullets:
            text, line = bullets.pop(0)
            head, sep, rest = text.partition(":")
            name = (
                Part(_clean(head), line)
                if sep and len(head) <= 60
                else Part(_clean(text)[:MAX_NAME_CHARS], line)
            )
            if sep and rest.strip() and len(head) <= 60:
                bullets.insert(0, (rest.strip(), line))
                bullets.pop(0)
        if name is None or not name.text:
            continue
        index = len(target)
        item: dict[str, Any] = {"name": _limited(name.text, MAX_NAME_CHARS)}
        build.put(f"/projects/{index}/name", name.text, name.line)
        _dates_into(item, header.dates, education=False)
        highlights: list[str] = []
        for text, line in bullets[:MAX_BULLETS]:
            cleaned = _plain(text)
            if cleaned:
                build.put(f"/projects/{index}/highlights/{len(highlights)}", cleaned, line)
                highlights.append(_limited(cleaned, MAX_BULLET_CHARS))
        if highlights:
            item["highlights"] = highlights
        if entry.prose:
            # One paragraph: prose lines parted by the entry's items are not one text, and a
            # description made of both would be a string the document does not hold.
            paragraph = [entry.prose[0]]
            for line in entry.prose[1:]:
                if line.page != paragraph[-1].page or line.number != paragraph[-1].number + 1:
                    break
                paragraph.append(line)
            description = " ".join(_clean(line.text) for line in paragraph)
            item["description"] = _limited(description, MAX_SUMMARY_CHARS)
            build.put(f"/projects/{index}/description", description, entry.prose[0])
        target.append(item)


_LABEL = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<rest>.*)$")
_SKILL_SPLIT = re.compile(r"\s*(?:,|;|•|·|∙|\|)\s*|\s{3,}")


# "Erlang - developing applications. Most of my code...": a skill, a spaced dash, what it means.
_DESCRIBED = re.compile(r"^(?P<label>[^:]{1,40}?)\s+[-–—]\s+(?P<rest>\S.*)$")


# The word before a list's last item, in the languages of the corpus ("Word, Excel e
# PowerPoint", "Python, R y SQL", "C, C++ und Java", "Git, SVN et Mercurial").
_CONJUNCTION = r"(?:and|or|e|y|und|oder|et|ou|och|eller|i|и|или)"
_LAST_ITEM = re.compile(rf"^(?P<left>\S.*?)\s+{_CONJUNCTION}\s+(?P<right>\S.*)$")
_OXFORD = re.compile(rf"^{_CONJUNCTION}\s+(?P<item>\S.*)$")


def _serial_last(pieces: list[str]) -> list[str]:
    """A list written "A, B and C": its last piece is two items, each as short as the others."""
    if len(pieces) < 2:
        return pieces
    oxford = _OXFORD.match(pieces[-1].strip())
    if oxford is not None:
        return [*pieces[:-1], oxford.group("item")]  # "Java, C#, and Python"
    match = _LAST_ITEM.match(pieces[-1].strip())
    if match is None:
        return pieces
    left, right = match.group("left").strip(), match.group("right").strip()
    # Named things (products, languages), not a phrase in the list's last place ("data analysis
    # and visualization" is one item as written).
    named = all(side[:1].isupper() or not side[:1].isalpha() for side in (left, right))
    short = max(len(piece.split()) for piece in [*pieces[:-1], left, right]) <= 2
    if not (named and short) or _LAST_ITEM.match(right):
        return pieces
    return [*pieces[:-1], left, right]


def _skill_items(text: str) -> list[str]:
    items = []
    pieces = _split_outside_parentheses(text, _SKILL_SPLIT)
    # Only a list's commas make a last "and" part two items (cells apart are joined with ";").
    if re.search(r",[^,;]*$", text):
        pieces = _serial_last(pieces)
    for piece in pieces:
        piece = _clean(piece)
        # What parentheses hold explains the skill ("Yocto (for kernel building)"); the words
        # outside them tell a skill from a sentence.
        outside = re.sub(r"\([^()]*\)", " ", piece)
        if piece and len(piece) <= MAX_TERM_CHARS and len(outside.split()) <= 8:
            items.extend(_joined_skills(piece))
    return items


def _joined_skills(item: str) -> list[str]:
    """ "R and Python" is two skills when each side is a technology of its own; "Git and continuous
    integration environments" is one item as written."""
    left, sep, right = item.partition(" and ")
    if not sep or " and " in right:
        return [item]
    sides = [side.strip() for side in (left, right)]
    # Read together, so that "R" counts beside "Python" as the vocabulary's context rule wants.
    matches = get_vocabulary().find(item)
    if [match.text for match in matches] != sides or not all(m.skill.is_technology for m in matches):
        return [item]
    return sides


def _describes(text: str) -> bool:
    """A sentence saying what a skill means or how it was used, not a list of skills: it ends
    with a full stop or runs over several sentences, and one of its pieces is prose, six words or
    more with small words among them ("working with a number of people on large scale projects.",
    not "Windows 10/ 8/ 7/ Vista/ XP.")."""
    text = text.strip()
    if not (text.endswith(".") and not text.endswith("etc.")) and len(_sentences(text)) < 2:
        return False
    for piece in _split_outside_parentheses(text, _SKILL_SPLIT):
        words = re.sub(r"\([^()]*\)", " ", piece).split()
        if len(words) >= 6 and sum(word[:1].islower() for word in words) >= 3:
            return True
    return False


def _opens_items(following: list[tuple[str, Line]]) -> bool:
    """A "Label:" with nothing after it heads the rows below when the next row holds items; when
    the next row is another bare "Label:" (or there is none), it was a skill itself."""
    if not following:
        return False
    match = _LABEL.match(following[0][0])
    return not (match and not match.group("rest").strip())


def _skill_rows(lines: list[Line]) -> list[tuple[str, Line]]:
    """The section's rows, a list item wrapped over several lines joined back into one: an
    unmarked line indented past the item that goes on with it (in lower case, or inside a
    parenthesis left open) is the rest of the item, not a row of its own."""
    rows: list[tuple[str, Line]] = []
    for line in lines:
        if rows:
            text, first = rows[-1]
            goes_on = line.text[:1].islower() or line.text[:1] == "(" or text.count("(") > text.count(")")
            if (
                bullet_text(first) is not None
                and bullet_text(line) is None
                and line.x0 > first.x0 + 2
                and line.region == first.region
                and goes_on
            ):
                rows[-1] = (_join(text, line.text), first)
                continue
        rows.append((bullet_text(line) or line.text, line))
    return rows


def _skills(build: _Builder, section: Section, target: list[dict[str, Any]]) -> None:
    group: dict[str, Any] | None = None
    rows = _skill_rows(section.lines)
    lines = [line for _, line in rows]
    for index, (text, line) in enumerate(rows):
        cells = line.cells
        if (
            len(cells) >= 2
            and not bullet_text(line)
            and (
                cells[0].rstrip().endswith(":")
                or (len(cells) == 2 and "," in cells[1] and "," not in cells[0])
            )
        ):
            # "LANGUAGES:  OS/390  Java, C#": the label, then its items in cells apart.
            label_text, rest = cells[0].rstrip(" :"), "; ".join(cells[1:])
        elif len(cells) >= 2 and not bullet_text(line):
            # Cells apart are items each ("Good Communicator   Delegation and Empowerment"):
            # a tab, not a list's commas, parts them.
            label_text, rest = "", "; ".join(cells)
        else:
            match = _LABEL.match(text)
            label_text, rest = (match.group("label"), match.group("rest")) if match else ("", text)
            if not match and line.lead and text.startswith(line.lead) and _SKILL_SPLIT.search(text):
                # "Computing  R, Git, Unix": a label set in its own font before a list.
                label_text, rest = line.lead, text[len(line.lead) :]
        if re.match(r"(?i)^\s*(certifications?|certificates?|licen[cs]es?)\b", label_text):
            continue  # certifications listed among skills are not skills
        following = lines[index + 1] if index + 1 < len(lines) else None
        is_label_line = (
            not label_text
            and following is not None
            and len(text) <= 40
            # Cells apart are items ("JavaScript  HTML  CSS" centred above a shorter row).
            and len(_skill_items(rest)) == 1
            and (
                (bullet_text(following) is not None and bullet_text(line) is None)
                or (following.x0 > line.x0 + 2 and line.region != "side")
                or line.heading_level is not None
            )
        )
        if label_text and not rest.strip() and not _opens_items(rows[index + 1 :]):
            # "Java:" then "MySql:", each rated by drawn stars: skills, not categories.
            label_text, rest = "", label_text
        if is_label_line or (label_text and not rest.strip()):
            group = {"name": _clean(label_text or text), "keywords": []}
            target.append(group)
            continue
        described = None if label_text or len(cells) > 1 else _DESCRIBED.match(text)
        if described is not None:
            label_text, rest = described.group("label"), described.group("rest")
        if label_text and _describes(rest) and len(_skill_items(label_text)) == 1:
            # "Teamwork : working with...", "Erlang - developing applications...": the skill is
            # the name; what follows describes it.
            items, label_text = _skill_items(label_text), ""
        elif described is not None:
            items, label_text = _skill_items(text), ""  # "English - Read docs, ...": as written
        else:
            prose = len(text) > 120 and text.rstrip().endswith(".") and "," not in text[:60]
            if prose:
                continue
            items = _skill_items(rest)
        if not items:
            continue
        if label_text:
            group = {"name": _clean(label_text), "keywords": []}
            target.append(group)
        elif group is None:
            group = {"name": _clean(section.title) or "Skills", "keywords": []}
            target.append(group)
        for item in items:
            if len(group["keywords"]) >= MAX_SKILL_KEYWORDS:
                group = {"name": group["name"], "keywords": []}
                target.append(group)
            skill_index = target.index(group)
            build.put(f"/skills/{skill_index}/keywords/{len(group['keywords'])}", item, line)
            group["keywords"].append(item)
    target[:] = [group for group in target if group["keywords"]][:MAX_SKILLS]
    # Pointers were written with indexes before empty groups were removed: rewrite them.
    _renumber_skill_sources(build, target)


def _renumber_skill_sources(build: _Builder, groups: list[dict[str, Any]]) -> None:
    old = {key: value for key, value in build.sources.items() if key.startswith("/skills/")}
    for key in old:
        del build.sources[key]
    lookup: dict[str, list[Source]] = {}
    for key, value in old.items():
        lookup.setdefault(key.rsplit("/", 1)[0], []).append(value)
    by_text = {src.line.text: src for src in old.values()}
    for group_index, group in enumerate(groups):
        for keyword_index, keyword in enumerate(group["keywords"]):
            # An item wrapped over lines has the line it starts on.
            match = next((src for text, src in by_text.items() if keyword in text), None) or next(
                (src for text, src in by_text.items() if keyword[:20] in text), None
            )
            if match is not None:
                build.sources[f"/skills/{group_index}/keywords/{keyword_index}"] = match


def _languages(build: _Builder, section: Section, target: list[dict[str, Any]]) -> None:
    for line in section.lines:
        text = bullet_text(line) or line.text
        for piece in _skill_items(text) if len(line.cells) == 1 and "," in text else [text]:
            if len(line.cells) >= 2 and piece == text:
                language, fluency = line.cells[0], " ".join(line.cells[1:])
            else:
                language, _, fluency = piece.partition(":")
                if not fluency:
                    words = piece.split()
                    language, fluency = (words[0], " ".join(words[1:])) if len(words) >= 2 else (piece, "")
            language = _clean(language)
            if not language or len(language) > 40:
                continue
            item: dict[str, Any] = {"language": language}
            if _clean(fluency):
                item["fluency"] = _clean(fluency)[:50]
            build.put(f"/languages/{len(target)}/language", language, line)
            target.append(item)


def _items(build: _Builder, section: Section, target: list[dict[str, Any]], kind: str) -> None:
    key = {"awards": "title", "certificates": "name", "publications": "name", "interests": "name"}.get(kind)
    if key is None:
        return
    collected: list[tuple[str, Line]] = []
    for line in section.lines:
        text = bullet_text(line) or " ".join(line.cells)
        if (
            collected
            and bullet_text(line) is None
            and line.x0 > collected[-1][1].x0 + 1.5
            and kind != "interests"
        ):
            collected[-1] = (_join(collected[-1][0], text), collected[-1][1])
            continue
        collected.append((text, line))
    for text, line in collected:
        pieces = _skill_items(text) if kind == "interests" else [_clean(text)]
        for piece in pieces:
            if not piece:
                continue
            item: dict[str, Any] = {key: _limited(piece, MAX_NAME_CHARS)}
            spans = find_dates(piece)
            if spans and kind in ("awards", "certificates", "publications") and spans[0].start:
                item["date"] = spans[0].start
            build.put(f"/{kind}/{len(target)}/{key}", piece, line)
            target.append(item)


def all_strings(document: Any, pointer: str = "") -> Iterable[tuple[str, str]]:
    """(JSON pointer, string) for every string in a draft."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield from all_strings(value, f"{pointer}/{key}")
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from all_strings(value, f"{pointer}/{index}")
    elif isinstance(document, str):
        yield pointer, document


def median_size(lines: list[Line]) -> float:
    sizes = [line.size for line in lines if line.size]
    return statistics.median(sizes) if sizes else 0.0
