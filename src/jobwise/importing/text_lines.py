"""A text or Markdown file into lines.

Markdown's own marks say what a word processor's styles would: `#` headings, `**bold**` lines,
`-`/`*`/`+`/`1.` list items (indentation gives the depth), Setext underlines (`===`, `---`, and
`+++` that some plain-text résumés use for a level below). A link shows its text and keeps its
target aside (`[Email](mailto:...)`). Inside a fenced code block the text is taken as it is.
Runs of three or more spaces or a tab split a line into cells (fixed-width columns).
"""

from __future__ import annotations

import re

from jobwise.importing.lines import Line, ReadDocument, number_lines

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^\s*(=+|-+|\++|~+|\*+|_+)\s*$")
_LIST = re.compile(r"^(\s*)([-*+•◦▪‣]|\d{1,2}[.)])\s+(.*)$")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])")
_CELLS = re.compile(r"\t+| {3,}")
_UNDERLINE_LEVEL = {"=": 1, "-": 2, "+": 3, "~": 3}


def _inline(text: str, markdown: bool) -> tuple[str, tuple[str, ...], bool, bool]:
    """Visible text, link targets, and whether the whole line is bold or italic."""
    if not markdown:
        return text, (), False, False
    targets: list[str] = []

    def link(match: re.Match[str]) -> str:
        # An image's source ("![Photo](https://avatars...)") is shown, not linked to.
        if not match.group(0).startswith("!"):
            targets.append(match.group(2))
        label = match.group(1).strip()
        return label if label else match.group(2)

    def autolink(match: re.Match[str]) -> str:
        targets.append(match.group(1))
        return match.group(1).removeprefix("mailto:")

    text = _LINK.sub(link, text)
    text = _AUTOLINK.sub(autolink, text)
    stripped = text.strip()
    bold = bool(re.fullmatch(r"(\*\*|__)(.+)\1", stripped))
    italic = not bold and bool(re.fullmatch(r"([*_])(?!\s)(.+)(?<!\s)\1", stripped))
    text = _EMPHASIS.sub(r"\2", text)
    text = _ITALIC.sub(r"\2", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text).replace("`", "")
    return text, tuple(targets), bold, italic


def read_text(text: str, *, markdown: bool) -> ReadDocument:
    raw_lines = text.split("\n")
    lines: list[Line] = []
    in_code = False
    blank_before = False
    for index, raw in enumerate(raw_lines):
        if re.match(r"^\s*(```|~~~)", raw):
            in_code = not in_code
            continue
        if not raw.strip():
            blank_before = True
            continue
        following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
        if _UNDERLINE.match(raw) and lines and not blank_before and len(raw.strip()) >= 3:
            # A Setext underline: the line above is a heading of this level.
            mark = raw.strip()[0]
            if mark in _UNDERLINE_LEVEL:
                lines[-1].heading_level = _UNDERLINE_LEVEL[mark]
            continue
        if _UNDERLINE.match(raw) and len(raw.strip()) >= 3:
            blank_before = True  # a rule between sections
            continue
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip(" "))
        body = raw.strip()
        heading: int | None = None
        level: int | None = None
        if (not in_code and markdown) or not in_code:
            atx = _ATX.match(body) if markdown or body.startswith("#") else None
            if atx:
                heading = len(atx.group(1))
                body = atx.group(2)
            else:
                listed = _LIST.match(raw.expandtabs(4))
                if listed and not _UNDERLINE.match(following or "x"):
                    level = len(listed.group(1)) // 2
                    body = listed.group(3).strip()
        visible, targets, bold, italic = _inline(body, markdown and not in_code)
        cells = tuple(cell.strip() for cell in _CELLS.split(visible) if cell.strip())
        if not cells:
            blank_before = False
            continue
        joined = " ".join(cells)
        alpha = [char for char in joined if char.isalpha()]
        lines.append(
            Line(
                text=joined,
                page=1,
                cells=cells,
                x0=float(indent),
                bold=bold,
                italic=italic,
                caps=len(alpha) >= 2 and all(char.isupper() for char in alpha),
                list_level=level,
                heading_level=heading,
                gap_above=1.0 if blank_before else 0.0,
                links=targets,
            )
        )
        blank_before = False
    return ReadDocument(kind="text", lines=number_lines(lines), pages=1)
