"""PDF through Typst (the `typst` package: a compiler in the wheel, no browser, no system fonts).

The template (document.typ) is fixed; the document travels as JSON in `sys.inputs`, so user text
is data, never markup. Characters no stored text may hold (text/safe.py) are removed first: a
lone surrogate in a document stored before that rule could not even be handed to Typst. Only the
fonts embedded in the typst wheel are used, so a PDF looks the same on every machine. Compilers
are kept per thread: a warm compiler reuses its caches (a page compiles in a few milliseconds
instead of tens), and rendering runs in worker threads.
"""

from __future__ import annotations

import io
import json
import logging
import threading
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from typing import Any, Literal

import typst
from pypdf import PdfReader

from jobwise.rendering.layout import (
    Bullets,
    ContactLine,
    Entry,
    Layout,
    LayoutBlock,
    Name,
    Paragraph,
    Section,
    Subheading,
)
from jobwise.rendering.model import Span
from jobwise.text.safe import strip_unsafe_in

Paper = Literal["a4", "us-letter"]

logger = logging.getLogger("jobwise.documents.pdf")
_TEMPLATE = resources.files("jobwise.rendering").joinpath("document.typ").read_bytes()
_local = threading.local()
# Without a creation date (a render that only counts pages) a fixed one; a document exported says
# when it was generated, which also keeps its bytes identical from one export to the next.
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


class RenderError(RuntimeError):
    """Typst refused the document: a bug in the template, never the person's text."""


def _compiler() -> typst.Compiler:
    compiler: typst.Compiler | None = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = typst.Compiler(ignore_system_fonts=True)
        _local.compiler = compiler
    return compiler


def _spans(items: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [asdict(span) for span in items]


def _block(block: LayoutBlock) -> dict[str, Any]:
    if isinstance(block, Name):
        return {"type": "name", "text": block.text}
    if isinstance(block, ContactLine):
        return {"type": "contact", "parts": list(block.parts)}
    if isinstance(block, Section):
        return {"type": "section", "title": block.title}
    if isinstance(block, Subheading):
        return {"type": "subheading", "spans": _spans(block.spans)}
    if isinstance(block, Entry):
        return {
            "type": "entry",
            "heading": block.heading,
            "period": block.period,
            "details": block.details,
            "bullets": [_spans(item) for item in block.bullets],
        }
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "spans": _spans(block.spans), "spaced": block.spaced}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": [_spans(item) for item in block.items]}
    raise TypeError(f"unknown block {block!r}")


def _compile(document: Layout, fmt: Literal["pdf", "svg"], paper: Paper, created: datetime | None) -> Any:
    document = strip_unsafe_in(document)
    data = {
        "title": document.title,
        "author": document.author,
        "paper": paper,
        "blocks": [_block(block) for block in document.blocks],
    }
    try:
        output, warnings = _compiler().compile_with_warnings(
            input=_TEMPLATE,
            format=fmt,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            # Typst takes whole seconds.
            timestamp=(created or _EPOCH).astimezone(UTC).replace(microsecond=0),
        )
    except typst.TypstError as exc:
        raise RenderError(f"Typst could not render the document: {exc.diagnostic or exc.message}") from exc
    for warning in warnings:
        # Typically a glyph none of the embedded fonts has; the PDF is still produced.
        logger.debug("typst: %s", warning.message)
    return output


def render(document: Layout, *, paper: Paper = "a4", created: datetime | None = None) -> bytes:
    output = _compile(document, "pdf", paper, created)
    if not isinstance(output, bytes):
        raise RenderError("Typst returned no PDF")
    return output


def render_svg(document: Layout, *, paper: Paper = "a4") -> list[bytes]:
    """The pages the PDF has, each as an SVG image: the same template, compiler and fonts."""
    output = _compile(document, "svg", paper, None)
    # Typst gives one SVG for a one-page document, a list for more.
    pages = [output] if isinstance(output, bytes) else list(output)
    if not pages or not all(isinstance(page, bytes) for page in pages):
        raise RenderError("Typst returned no pages")
    return pages


def count_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
