"""Render a structured document to PDF, DOCX, Markdown or plain text.

Every format draws the same layout (layout.py), so what a PDF says, the DOCX, the Markdown and
the text say too. Rendering is CPU-bound: async callers run `render` in a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from jobwise.rendering import docx, md, pdf, txt
from jobwise.rendering.layout import lay_out
from jobwise.rendering.model import AnyDocument
from jobwise.rendering.pdf import Paper, RenderError, count_pages
from jobwise.text.safe import strip_unsafe

ExportFormat = Literal["pdf", "docx", "md", "txt"]


@dataclass(frozen=True)
class FormatInfo:
    media_type: str
    extension: str


FORMATS: dict[ExportFormat, FormatInfo] = {
    "pdf": FormatInfo("application/pdf", "pdf"),
    "docx": FormatInfo("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "md": FormatInfo("text/markdown; charset=utf-8", "md"),
    "txt": FormatInfo("text/plain; charset=utf-8", "txt"),
}


def render(
    document: AnyDocument, fmt: ExportFormat, *, paper: Paper = "a4", created: datetime | None = None
) -> bytes:
    """`created`: the date the file's metadata gives (the document's generation)."""
    drawn = lay_out(document)
    if fmt == "pdf":
        return pdf.render(drawn, paper=paper, created=created)
    if fmt == "docx":
        return docx.render(drawn, paper=paper, created=created)
    return _text_file(md.render(drawn) if fmt == "md" else txt.render(drawn))


def render_pages_svg(document: AnyDocument, *, paper: Paper = "a4") -> list[bytes]:
    """The pages as the PDF prints them, one SVG image each (for a preview)."""
    return pdf.render_svg(lay_out(document), paper=paper)


def _text_file(text: str) -> bytes:
    # Like the PDF and DOCX renderers, drop what the text rule refuses: a document stored before
    # the rule may hold some, and a lone surrogate cannot even be encoded.
    return strip_unsafe(text).encode("utf-8")


def render_markdown(document: AnyDocument) -> str:
    return md.render(lay_out(document))


def render_text(document: AnyDocument) -> str:
    return txt.render(lay_out(document))


__all__ = [
    "FORMATS",
    "ExportFormat",
    "FormatInfo",
    "Paper",
    "RenderError",
    "count_pages",
    "render",
    "render_markdown",
    "render_text",
]
