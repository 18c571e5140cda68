"""A pasted posting made plain before it is read: what a person copies from a job page is more than
the posting.

- Line endings, invisible characters and non-breaking spaces are normalised.
- Job-board chrome is dropped: a cookie banner, "Sign in" / "Apply" / "Show more" buttons, "23 hours
  ago · 44 applicants", and everything from a "Similar jobs" or "People also viewed" list on, so
  that no figure or title of another job is read as this one's.
- reStructuredText is turned into the markdown the parser reads: an underlined line becomes a
  heading, directives and comment blocks (an HTML form kept in a comment) go.
- Single-star emphasis (``*Requirements*:``) loses its stars; a bullet's star stays.
- A pictograph opening a line (``🚀 Deine Mission``, ``📍 Düsseldorf / Hybrid``) goes: a short line is then
  the heading or field it decorated; a sentence it opened becomes a list item, as the emoji marked it.
- A heading a job board glued to the first item of its list (``Responsibilities* Design ...``,
  ``**Required Skills:*** Strong Python ...``, as JobSpy's markdown of Glassdoor pages has it) is put back
  on a line of its own, above the item.
"""

from __future__ import annotations

import re
import unicodedata

# Where the posting ends and the page's lists of other jobs begin.
_END_OF_POSTING = re.compile(
    r"^(?:similar jobs|people also viewed|similar searches|(?:see |show )?more jobs like this|"
    r"jobs you may (?:be interested in|like)|jobs similar to .{0,80}|other jobs you may like|"
    r"(?:recommended|related|other|more|similar|featured) (?:jobs|vacancies|roles|positions)(?: for you)?|"
    r"you (?:may|might) also like|more searches|explore (?:top content|collaborative articles|more).*|"
    r"referrals increase your chances of interviewing at .+|sign in to set job alerts.*|"
    r"get notified about new .+ jobs.*|looking for talent\?|job search smarter.*|"
    # An application form below the posting (Greenhouse, Lever, Workable): its fields and questions.
    r"\*?\s*indicates a required field|submit (?:your )?application|(?:first|last|full) name\s*\*)\W*$",
    re.IGNORECASE,
)
# Whole lines that are buttons, counters and links of a job page, never part of the posting.
_CHROME = re.compile(
    r"^(?:show more|show less|see more|see less|easy apply|apply for this job|apply now|"
    r"full job description|report job|hiring insights|(?:jobs )?powered by \w+|"
    r"(?:posted|employer active) (?:\d+\+? days? ago|today|just now)|"
    r"apply on company website|save|save job|saved|report this job|report job|report|share|sign in|join now|"
    r"set alert|see who you know|expand search|clear text|accept|reject|skip to main content|"
    r"email or phone|password|show|forgot password\??|sign in with email|or|new to linkedin\??|"
    r"user agreement|privacy policy|cookie policy|cookie settings|settings|learn more|"
    r"join or sign in to find your next job|join to apply for the|role at|"
    r"get notified when a new job is posted\.?|"
    r"this button displays the currently selected search type\..*|"
    r"be among the first \d+ applicants|over \d+ applicants|\d+ applicants|"
    r"\d+\s+(?:minute|hour|day|week|month|year)s?\s+ago|"
    r"reposted \d+\s+(?:minute|hour|day|week|month)s?\s+ago|"
    r"see who .{1,80} has hired for this role|actively hiring|promoted|"
    r"[,.;]|, and|by clicking .{0,40}(?:continue|agree).*|linkedin|jobs|people|learning|games|"
    r"job search|messaging|notifications|for business|"
    r".{0,40} respects your privacy|.{0,60}\buses? (?:essential and non-essential )?cookies\b.*|"
    r"select accept to consent.*|\) on and off .*)$",
    re.IGNORECASE,
)
# A job site's rating of the employer after its name: "3.9 ★", "4.1 out of 5 stars", "(1,234 reviews)".
_RATING = re.compile(
    r"\s*\d(?:[.,]\d+)?\s*(?:★|☆|⭐|out\s+of\s+5(?:\s+stars?)?)\s*(?:\(?[\d,.]+[kK]?\s+reviews?\)?)?\s*$"
)
# The header of a forwarded message, in the first lines of a paste.
_EMAIL_HEADER = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message)\s*-{2,}|"
    r"(?:from|to|cc|bcc|date|sent|subject)\s*:.*)$",
    re.IGNORECASE,
)
_EMAIL_HEADER_LINES = 12
_EMAIL_FROM = re.compile(r"^\s*(?:-{2,}\s*(?:forwarded message|original message)|from\s*:.*@)", re.IGNORECASE)
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_RST_DIRECTIVE = re.compile(r"^\s*\.\.(?:\s+\S.*)?$|^\s*:(?:orphan|nosearch|tocdepth):.*$")
_STAR_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def normalize(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Word's bullets in its Symbol and Wingdings fonts come through a copy as private-use characters
    # ("\uf0b7 Help lead a team"): they are list markers.
    return _SYMBOL_FONT_BULLET.sub(r"\1• ", text)


_SYMBOL_FONT_BULLET = re.compile(r"(?m)^([ \t]*)[\uf0a7\uf0a8\uf0b7\uf0d8\uf0fc\uf076][ \t]*")


def _drop_rst(lines: list[str]) -> list[str]:
    out: list[str] = []
    skipping_block = False
    for index, line in enumerate(lines):
        if skipping_block:
            # A comment or directive body is indented; it ends at the first unindented line.
            if not line.strip() or line[:1].isspace():
                continue
            skipping_block = False
        if _RST_DIRECTIVE.match(line):
            body_follows = index + 1 < len(lines) and (
                not lines[index + 1].strip() or lines[index + 1][:1].isspace()
            )
            skipping_block = body_follows and line.strip() == ".."
            continue
        if _RST_UNDERLINE.match(line) and out and out[-1].strip() and len(line.strip()) >= 3:
            # "Title\n=====": the line above is a heading; a line of "---" alone is a rule.
            if not out[-1].lstrip().startswith(("#", "-", "*", "•")):
                out[-1] = "# " + out[-1].strip()
            continue
        out.append(line)
    return out


_BULLET_START = re.compile(r"^(\s*(?:[-*•·]|\d{1,2}[.)])\s+)(.*)$")


def _emphasis(line: str) -> str:
    bullet = _BULLET_START.match(line)
    if bullet is not None:  # a bullet: keep its marker, clean the rest
        return bullet.group(1) + _STAR_EMPHASIS.sub(r"\1", bullet.group(2).replace("**", ""))
    return _STAR_EMPHASIS.sub(r"\1", line)


def _unquote_email(lines: list[str]) -> list[str]:
    """A posting forwarded by email: the forwarded message's header lines go, and the "> " that quotes
    every line of it when most of the text is quoted."""
    top = lines[:_EMAIL_HEADER_LINES]
    # "Subject: Mathematics" alone is a teaching post's label; with "From:" it is a message's header.
    forwarded = any(_EMAIL_FROM.match(line) for line in top)
    out = [
        line
        for index, line in enumerate(lines)
        if not (forwarded and index < _EMAIL_HEADER_LINES and _EMAIL_HEADER.match(line))
    ]
    filled = [line for line in out if line.strip()]
    quoted = [line for line in filled if line.lstrip().startswith(">")]
    if filled and len(quoted) * 2 > len(filled):
        out = [_QUOTE.sub("", line) for line in out]
    return out


# "Responsibilities* Design ...", "**Required Skills:*** Strong ...": a short heading (bold or capitalised,
# no sentence) with the first list item's star right after it.
_GLUED_HEADING = re.compile(
    r"(?m)^([ \t]*(?:>[ \t]?)*[ \t]*)(\*\*[^*\n]{2,40}?\*\*|[A-Z][A-Za-z &/'()-]{2,40}?:?)\*[ \t]+(?=\S)"
)


def _unglue_heading(match: re.Match[str]) -> str:
    indent = match.group(1)
    quote = indent.strip(" \t")  # an email's "> " goes on the item's line too
    return f"{indent}{match.group(2)}\n{quote + ' ' if quote else ''}* "


def clean_posting(raw: str) -> str:
    """The posting's own text, one line per line, without the page around it."""
    raw = _GLUED_HEADING.sub(_unglue_heading, raw)
    # "Sterke kennis van\nSQL\n.": a link inside a sentence, which a copied page puts on a line of
    # its own, with the rest of the sentence (a full stop, ", ETL-processen ...") on the next.
    lines = _drop_rst(_unquote_email(_LINK_LINE.sub(_rejoin_link, normalize(raw)).split("\n")))
    out: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index > 3 and _END_OF_POSTING.match(stripped):
            break
        if _CHROME.match(stripped):
            continue
        rated = _RATING.sub("", line)
        if rated != line:
            # "Acme 3.9 ★", "Acme 4.1 out of 5 stars": the employer without its rating.
            line = rated
            stripped = line.strip()
            if not stripped:
                continue
        if " · " in stripped:
            # LinkedIn's job card: "Acme · London, UK · 2 weeks ago · Over 100 applicants": the
            # counters go, the employer and the place stay.
            parts = [part for part in stripped.split(" · ") if not _CHROME.match(part.strip())]
            if not parts:
                continue
            line = " · ".join(parts)
        out.append(_emphasis(_without_pictograph(line.rstrip())))
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    # "excellent communication, numeracy and\n\nliteracy skills": a sentence that a copied page broke
    # into two paragraphs; a line ending on a joining word goes on in the next, lower-case one.
    text = _BROKEN_SENTENCE.sub(r"\1 \2", text)
    # "# Marylhurst University, Assistant or Associate Professor of English and" / "Digital
    # Humanities": a heading or title an email client wrapped; a line cannot end on "and".
    text = _DANGLING_HEADING.sub(r"\1 \2", text)
    return text.strip()


# Emoji (the pictographs of the supplementary planes, with their variation selectors and joiners) opening a
# line, as LinkedIn and jobs-board posts decorate their headings and list items; not "✔" or "•", which are
# marks the list reader knows.
_PICTOGRAPH = re.compile(r"^(\s*)(?:[\U0001F000-\U0001FAFF][\uFE0F\u200D\U0001F3FB-\U0001F3FF]*\s*)+(?=\S)")
# A line this long, or ending as a sentence does, is an item rather than a heading or a field.
_HEADING_CHARS = 60


def _without_pictograph(line: str) -> str:
    match = _PICTOGRAPH.match(line)
    if match is None:
        return line
    rest = line[match.end() :]
    if len(rest) <= _HEADING_CHARS and not rest.rstrip().endswith("."):
        return match.group(1) + rest
    return f"{match.group(1)}- {rest}"


_DANGLING_HEADING = re.compile(
    r"(?m)^((?:#{1,6}[ \t]+)?[A-Z][^\n.!?:;]{25,}?\b(?:and|or|of|for|the|to|with|in|&))[ \t]*\n"
    r"([A-Z][^\n.!?:;]{1,40})$"
)
_LINK_LINE = re.compile(
    # Neither the link nor the rest is an item of a list marked with Word's hollow bullet ("o Train ...").
    r"(?m)^(?P<before>[^\n]*\w)\n(?!o\s+[A-Z])(?P<link>[^\s\n][^\n]{0,38}[^\s.;:!?\n])\n"
    r"(?!o\s+[A-Z])(?P<after>[,.;:)](?:[^\n]*)|[a-z][^\s\n]*(?:[ \t]+[^\s\n]+){2,}[^\n]*)$"
)


def _rejoin_link(match: re.Match[str]) -> str:
    after = match.group("after")
    joint = "" if after[0] in ",.;:)" else " "
    return f"{match.group('before')} {match.group('link')}{joint}{after}"


_BROKEN_SENTENCE = re.compile(
    r"(?m)^(\S[^\n]{30,}?\b(?:and|or|of|the|a|an|to|with|in|for|by|on|at|as|your|our|their))"
    r"[ \t]*\n\n([a-z][^\n]*)"
)
