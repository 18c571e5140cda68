"""Plain text: what a person pastes into an application form."""

from __future__ import annotations

from jobwise.rendering.layout import (
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


def _text(spans: tuple[Span, ...]) -> str:
    lines = "".join(span.text for span in spans).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def render(document: Layout) -> str:
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Name):
            lines.append(block.text)
        elif isinstance(block, ContactLine):
            lines += [" | ".join(block.parts), ""]
        elif isinstance(block, Section):
            if lines and lines[-1]:
                lines.append("")
            lines.append(block.title.upper())
        elif isinstance(block, Subheading):
            lines.append(_text(block.spans))
        elif isinstance(block, Entry):
            lines.append(" | ".join(part for part in (block.heading, block.period) if part))
            if block.details:
                lines.append(block.details)
            lines += [f"- {_text(item)}" for item in block.bullets]
            lines.append("")
        elif isinstance(block, Paragraph):
            lines += [_text(block.spans), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_text(item)}" for item in block.items]
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
