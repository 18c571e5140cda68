"""Contact details: the applicant's email, phone and links, as written.

Emails and links are found by pattern (a Markdown link's hidden `mailto:` target counts: the
person wrote it). Phones are found with `phonenumbers` in lines that can hold contact details
(the header, a contact section, a sidebar), never in dates, and are kept exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import phonenumbers
from rapidfuzz import fuzz

from jobwise.importing.dates import find_dates
from jobwise.importing.lines import Line

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_TLDS = (
    "com|org|net|io|dev|me|co|de|se|br|fr|es|pt|uk|in|ai|app|tech|xyz|info|eu|ch|nl|us|ca|au|page|"
    "site|blog|edu|gov|ru|it|pl|no|dk|fi|jp|kr|cn|tv|cc|gg|sh|so|id|to|ly|gl|be|at|ie|nz|za"
)
# A bare host ends on a top-level domain in lower case unless a path follows: "ASP.NET", "VB.NET"
# and "B.Tech" are a framework, a language and a degree, "janedoe.com" and "GitHub.com/ada" links.
URL = re.compile(
    rf"(?:https?://|www\.)[^\s|,;<>()\[\]\"']+"
    rf"|(?<![@\w./-])(?:[A-Za-z0-9-]+\.)+(?:(?:{_TLDS})(?=/)|(?-i:{_TLDS}))"
    rf"(?:/[^\s|,;<>()\[\]\"']*)?(?![\w@-])",
    re.IGNORECASE,
)
NETWORKS = (
    "github",
    "gitlab",
    "linkedin",
    "twitter",
    "x",
    "facebook",
    "instagram",
    "youtube",
    "quora",
    "stackoverflow",
    "stack overflow",
    "medium",
    "kaggle",
    "behance",
    "dribbble",
    "mastodon",
    "bitbucket",
    "leetcode",
    "hackerrank",
    "codepen",
    "scholar",
    "orcid",
    "researchgate",
    "xing",
)
HANDLE = re.compile(
    r"(?i)(?<![\w.])("
    + "|".join(re.escape(n) for n in NETWORKS)
    + r")\s*(?::\s*/{0,2}|/{2})\s*(@?[\w][\w.-]*(?:/[\w.-]+)*)"
)
_PHONE_REGIONS = ("US", "GB", "DE", "FR", "SE", "BR", "ES", "PT", "IN", "AU")
# What a résumé calls itself, in the languages the headings know: a line holding one of these is
# the document's title ("One-page CV", "Curriculum Vitae", "Résumé de Jean"), never the name.
_DOCUMENT_TITLE = re.compile(
    r"(?i)(?<!\w)(?:cv|c\.v\.|r[eé]sum[eé]|curriculum(?:\s+vit(?:ae|æ|e))?|curr[ií]culo|curr[ií]culum"
    r"|lebenslauf|hoja\s+de\s+vida|meritförteckning|резюме|简历|簡歷|履歴書)(?!\w)"
)
# Pieces of a header row: "Anna Rowan / anna@example.com / 07523 283011".
_HEADER_SEPARATOR = re.compile(r"\s+[/|•·◦–—]\s+|\s*\|\s*|\s+-\s+")
_PHONE_LABEL = re.compile(
    r"(?i)\b(?:phone|tel|mobile|mob|cell|telefon|telefone|téléphone|tél|móvil|celular|handy)\b"
)


@dataclass(frozen=True)
class Found:
    value: str
    line: Line


# The end of a line that stops inside an address ("jane.doe@", "jane.doe@example-", "jane.doe"
# before "@example.com"), and the start of the next line that can finish it.
_EMAIL_HEAD = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+(?:@[A-Za-z0-9.-]*)?$")
_EMAIL_TAIL = re.compile(r"^@?[A-Za-z0-9.-]+(?![\w@])")


def _wrapped_email(line: Line, following: Line) -> str | None:
    """An address a narrow column broke after its "@", a dot or a hyphen, or before its "@":
    read whole when the two pieces make one address and neither is one alone."""
    head = _EMAIL_HEAD.search(line.text.rstrip())
    tail = _EMAIL_TAIL.match(following.text.lstrip())
    if head is None or tail is None or line.page != following.page:
        return None
    if ("@" in head.group(0)) == tail.group(0).startswith("@"):
        return None  # one "@" between the two pieces
    if tail.group(0).startswith("@") and not re.search(r"[._%+\d-]", head.group(0)):
        return None  # a word above a handle ("Twitter" over "@john.doe"), no address's start
    joined = head.group(0) + tail.group(0)
    if EMAIL.fullmatch(joined) is None or EMAIL.search(head.group(0)) or EMAIL.search(tail.group(0)):
        return None
    return joined


def emails(lines: list[Line]) -> list[Found]:
    found = []
    for index, line in enumerate(lines):
        for match in EMAIL.finditer(line.text):
            found.append(Found(match.group(0), line))
        if index + 1 < len(lines) and (joined := _wrapped_email(line, lines[index + 1])) is not None:
            found.append(Found(joined, line))
        for target in line.links:
            if target.lower().startswith("mailto:"):
                address = target[7:].split("?")[0]
                if EMAIL.fullmatch(address):
                    found.append(Found(address, line))
    return found


def phones(lines: list[Line]) -> list[Found]:
    found = []
    for line in lines:
        text = line.text
        for span in find_dates(text):
            text = text[: span.begin] + " " * (span.finish - span.begin) + text[span.finish :]
        text = EMAIL.sub(lambda m: " " * len(m.group(0)), text)
        text = URL.sub(lambda m: " " * len(m.group(0)), text)
        if sum(char.isdigit() for char in text) < 7:
            continue
        best: tuple[int, str] | None = None
        for region in _PHONE_REGIONS:
            for match in phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.POSSIBLE
            ):
                start, raw = match.start, match.raw_string
                count = sum(char.isdigit() for char in raw)
                if count < 7 or count > 15:
                    continue
                # "(+49) 152 ...": the matcher starts after an opening parenthesis it did not need.
                if start > 0 and text[start - 1] == "(" and raw.count(")") > raw.count("("):
                    start, raw = start - 1, "(" + raw
                if best is None or len(raw) > len(best[1]) or (len(raw) == len(best[1]) and start < best[0]):
                    best = (start, raw.strip())
                break
        if best is not None:
            found.append(Found(best[1], line))
    return found


def is_phone_label_line(line: Line) -> bool:
    return bool(_PHONE_LABEL.search(line.text))


# A label and its colon right before a value: "CNIC: ", "Zip code: ".
_LABEL_BEFORE = re.compile(r"([^\W\d_][^\W\d_ .]*(?:[ .][^\W\d_]+){0,2})\s*:\s*$")


def under_other_label(found: Found) -> bool:
    """The number follows a label of its own that is not a phone's ("CNIC: 36302-5018729-7")."""
    before = found.line.text.split(found.value, 1)[0]
    label = _LABEL_BEFORE.search(before)
    return label is not None and not (_PHONE_LABEL.search(label.group(1)) or _REACH.search(label.group(1)))


# Labels that name a way of reaching the person: the number after them is a phone.
_REACH = re.compile(r"(?i)\b(?:contact|whats\s?app|signal|viber|number)\b")


def _named_by(target: str, text: str) -> str | None:
    """What of a link's target the line shows: its last path segment (the handle "12yuens2" for
    "https://github.com/12yuens2") or, for a bare site, its host; None when the line shows
    neither (a name linked to somebody's blog, "CV PDF" linked to a download)."""
    parts = urlsplit(target)
    segment = parts.path.strip("/").rsplit("/", 1)[-1]
    shown = segment or parts.netloc.lower().removeprefix("www.")
    return shown if len(shown) >= 3 and shown.lower() in text.lower() else None


def links(lines: list[Line], *, shown_targets_only: bool = False) -> list[Found]:
    """URLs and network handles, in reading order, each once: what a line shows first, then
    where its links point, unless that link was already found: the same, nearly the same (a
    visible typo), or the same handle on the same network ("GitHub: @posquit0").

    A Markdown or Word link's words were written by the person for it ("[GitHub](...)"); a PDF's
    link annotation is drawn over text and may be a template's (a name linked to somebody's blog),
    so with `shown_targets_only` a target counts only when the line shows its handle (an icon and
    "12yuens2" linked to "https://github.com/12yuens2")."""
    found: list[Found] = []
    seen: set[str] = set()

    def key_of(value: str) -> str:
        return value.lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")

    def add(value: str, line: Line) -> None:
        value = value.rstrip(".:;")
        key = key_of(value)
        if key and key not in seen:
            seen.add(key)
            found.append(Found(value, line))

    for index, line in enumerate(lines):
        text = EMAIL.sub(lambda m: " " * len(m.group(0)), line.text)
        if index > 0 and _wrapped_email(lines[index - 1], line) is not None:
            tail = _EMAIL_TAIL.match(text.lstrip())
            if tail is not None:  # the domain of an address wrapped from the line above
                start = len(text) - len(text.lstrip())
                text = text[:start] + " " * len(tail.group(0)) + text[start + len(tail.group(0)) :]
        for match in URL.finditer(text):
            if not re.fullmatch(r"(?i)[\w-]+\.js", match.group(0)):
                add(match.group(0), line)
        for match in HANDLE.finditer(text):
            if match.group(2).lower() in ("http", "https", "www"):
                continue
            if not any(match.group(0) in f.value or f.value in match.group(0) for f in found):
                add(match.group(0), line)
        for match in _LABELLED_HANDLE.finditer(text):
            if _misspelt_network(match.group(1)) is not None:
                add(match.group(0), line)
        for target in line.links:
            if not target.lower().startswith(("http://", "https://")):
                continue
            handle = _named_by(target, text)  # not inside an email address
            network = network_of(target)
            # Drawn over words that name its network ("LinkedIn"): the person's own profile.
            named = network is not None and _names_network(text, target)
            if (handle is None and shown_targets_only and not named) or any(
                fuzz.ratio(key_of(target), key) >= 90 for key in seen
            ):
                continue
            if handle is None and named:
                _add_named_target(found, target, line, add)
            elif handle is None or not any(
                f.value.lower().endswith(handle.lower()) and network_of(f.value) == network for f in found
            ):
                add(target, line)
    return found


def _add_named_target(found: list[Found], target: str, line: Line, add: Callable[[str, Line], None]) -> None:
    """A link drawn over its network's name, beside what the line wrote after that name: the
    same handle is found once ("Facebook:// dd" over "https://facebook/dd"); a handle that is
    only one word of the link's ("Linkedin: Yasser Assoul" over ".../in/assoul-yasser") was the
    person's name cut short, and the link replaces it; a handle of its own is kept beside it."""
    network = network_of(target)
    slug = urlsplit(target).path.strip("/").rsplit("/", 1)[-1].lower()
    for index, item in enumerate(found):
        written = HANDLE.fullmatch(item.value)
        if item.line is not line or written is None or network_of(item.value) != network:
            continue
        shown = written.group(2).lstrip("@").lower()
        if shown == slug:
            return
        if shown in re.split(r"[-_.]", slug):
            del found[index]
            break
    add(target, line)


def _names_network(text: str, target: str) -> bool:
    """The line writes the name of the network the link points to ("Linkedin: Yasser Assoul")."""
    host = urlsplit(target).netloc.lower()
    return any(
        len(network) > 1
        and network.replace(" ", "") in host
        and re.search(rf"(?i)(?<![\w.]){re.escape(network)}(?![\w.])", text) is not None
        for network in NETWORKS
    )


# "Linker In: VinhTuong", "Git Hub: ada-l": a handle under a label that is a network's name
# misspelt (an exact name is HANDLE's).
_LABELLED_HANDLE = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z ]{2,14}?)\s*:\s*(?:/{2}\s*)?(@?\w[\w.-]*)")
_MISSPELT = 85.0  # rapidfuzz ratio to a network's name: a letter off ("Researcher" is no "ResearchGate")


def _misspelt_network(label: str) -> str | None:
    key = label.replace(" ", "").lower()
    if len(key) < 5 or label.strip().lower() in NETWORKS:
        return None
    names = [network for network in NETWORKS if len(network) >= 5]
    best = max(names, key=lambda network: fuzz.ratio(key, network.replace(" ", "")))
    return best if fuzz.ratio(key, best.replace(" ", "")) >= _MISSPELT else None


def network_of(link: str) -> str | None:
    labelled = _LABELLED_HANDLE.match(link)
    misspelt = _misspelt_network(labelled.group(1)) if labelled is not None else None
    if misspelt is not None:
        link = misspelt
    lowered = link.lower()
    for network in NETWORKS:
        if len(network) > 1 and network.replace(" ", "") in lowered.replace(" ", ""):
            return (
                {"stack overflow": "StackOverflow"}.get(network, network.capitalize())
                if network != "linkedin"
                else "LinkedIn"
            )
    return None


def is_document_title(text: str) -> bool:
    """'CV', 'Résumé', 'One-page CV', 'Lebenslauf': the document naming itself."""
    return bool(_DOCUMENT_TITLE.search(text))


def holds_contact(text: str) -> bool:
    """An email, a link or a phone number's worth of digits."""
    return bool(EMAIL.search(text) or URL.search(text)) or sum(char.isdigit() for char in text) >= 7


def header_pieces(text: str) -> list[str]:
    """A header row cut at its separators: the name first, then the contact details."""
    return [piece.strip() for piece in _HEADER_SEPARATOR.split(text) if piece.strip()]
