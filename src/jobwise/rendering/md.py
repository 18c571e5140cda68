"""Markdown: the format a resume's content_text is stored in, and parsed back after hand edits."""

from __future__ import annotations

import re

from jobwise.rendering.layout import (
    SEPARATOR,
    Bullets,
    ContactLine,
    Entry,
    Layout,
    Name,
    Paragraph,
    Section,
    Subheading,
)
from jobwise.rendering.model import Span

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
# Characters that would turn the start of a line into a heading, list item or rule.
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+[.)])(?=\s|$)")


def _escape_line(line: str) -> str:
    escaped = _INLINE_SPECIAL.sub(r"\\\1", " ".join(line.split()))
    return _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([#+\-.)])", r"\\\1", m.group(2)), escaped)


def escape(text: str) -> str:
    """User text as Markdown that reads back as exactly that text (no emphasis, links or HTML).

    A line break inside a paragraph (a letter's "Sincerely,\nName") becomes a hard break.
    """
    lines = [_escape_line(line) for line in text.split("\n") if line.strip()]
    return "\\\n".join(lines)


def spans(items: tuple[Span, ...]) -> str:
    out = []
    for span in items:
        text = escape(span.text)
        if span.bold and text.strip():
            text = f"**{text}**"
        elif span.italic and text.strip():
            text = f"*{text}*"
        # escape() trims each line; a space between spans ("**Backend:** Python") stays.
        if text and span.text[:1] == " ":
            text = " " + text
        if text and span.text[-1:] == " ":
            text += " "
        out.append(text)
    return "".join(out)


def render(document: Layout) -> str:
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Name):
            lines += [f"# {escape(block.text)}", ""]
        elif isinstance(block, ContactLine):
            lines += [escape(SEPARATOR.join(block.parts)), ""]
        elif isinstance(block, Section):
            lines += [f"## {escape(block.title)}", ""]
        elif isinstance(block, Subheading):
            lines += [f"### {spans(block.spans)}", ""]
        elif isinstance(block, Entry):
            lines.append(f"### {escape(block.heading)}")
            meta = SEPARATOR.join(part for part in (block.period, block.details) if part)
            if meta:
                lines.append(f"*{escape(meta)}*")
            lines.append("")
            if block.bullets:
                lines += [f"- {spans(item)}" for item in block.bullets]
                lines.append("")
        elif isinstance(block, Paragraph):
            lines += [spans(block.spans), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {spans(item)}" for item in block.items]
            lines.append("")
    return "\n".join(lines).strip() + "\n"
