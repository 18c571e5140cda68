"""DOCX through python-docx: real Word headings, paragraphs and list bullets, one column.

Section titles use the built-in "Heading 2" style and bullets "List Bullet", so Word's navigation
pane and applicant tracking systems see the structure; the look (sizes, colours, the rule under a
section title) is set on those styles rather than faked with tables or text boxes.

Text is XML here, so characters XML 1.0 cannot hold (NUL and other control characters, lone
surrogates, U+FFFE/U+FFFF) are removed first: input refuses them (text/safe.py), but a document
stored before that rule may hold some, and one such character must not fail every later export.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Literal

from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

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
from jobwise.text.safe import strip_unsafe, strip_unsafe_in

INK = RGBColor(0x1F, 0x23, 0x28)
ACCENT = RGBColor(0x1D, 0x3F, 0x6E)
MUTED = RGBColor(0x57, 0x60, 0x6A)
FONT = "Calibri"
PAPER = {"a4": (Cm(21.0), Cm(29.7)), "us-letter": (Cm(21.59), Cm(27.94))}
# python-docx refuses a longer core property (title, author); a document's first heading may be.
CORE_PROPERTY_MAX = 255


def _style(document: Document, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def _set_font(style: ParagraphStyle, *, size: float, bold: bool = False, color: RGBColor = INK) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = color
    # East-Asian and complex-script slots too, or Word keeps the theme font for those runs.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    for theme_slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_slot), None)


def _bottom_rule(style: ParagraphStyle) -> None:
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "4", "w:space": "1", "w:color": "8EA3BF"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _prepare(document: Document, paper: Literal["a4", "us-letter"]) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAPER[paper]
    section.left_margin = section.right_margin = Cm(1.9)
    section.top_margin = section.bottom_margin = Cm(1.6)

    normal = _style(document, "Normal")
    _set_font(normal, size=10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1

    name = _style(document, "Title")
    _set_font(name, size=21, bold=True, color=ACCENT)
    name.paragraph_format.space_after = Pt(2)
    # The default template draws a rule under "Title"; the name stands alone.
    p_pr = name.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):
        p_pr.remove(border)

    heading = _style(document, "Heading 2")
    _set_font(heading, size=10.5, bold=True, color=ACCENT)
    heading.font.all_caps = True
    heading.paragraph_format.space_before = Pt(11)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True
    _bottom_rule(heading)

    subheading = _style(document, "Heading 3")
    _set_font(subheading, size=10.5, bold=True)
    subheading.paragraph_format.space_before = Pt(8)
    subheading.paragraph_format.space_after = Pt(2)
    subheading.paragraph_format.keep_with_next = True

    bullet = _style(document, "List Bullet")
    _set_font(bullet, size=10.5)
    bullet.paragraph_format.space_after = Pt(2)


def _styled(document: Document, style_id: str) -> DocxParagraph:
    """A new paragraph in a built-in style, by its id: python-docx's lookup by name searches the
    whole style sheet for every paragraph (most of the render time of a long resume)."""
    paragraph = document.add_paragraph()
    paragraph._p.style = style_id
    return paragraph


def _runs(paragraph: DocxParagraph, spans: tuple[Span, ...]) -> None:
    for span in spans:
        run = paragraph.add_run()
        run.bold = span.bold or None
        run.italic = span.italic or None
        for index, line in enumerate(span.text.split("\n")):
            if index:
                run.add_break()
            run.add_text(line)


def _entry(document: Document, block: Entry, text_width: int) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(7)
    heading.paragraph_format.space_after = Pt(1)
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    heading.add_run(block.heading).bold = True
    if block.period:
        heading.add_run("\t")
        heading.add_run(block.period).font.color.rgb = MUTED
    if block.details:
        details = document.add_paragraph()
        details.paragraph_format.space_after = Pt(2)
        details.paragraph_format.keep_with_next = bool(block.bullets)
        run = details.add_run(block.details)
        run.italic = True
        run.font.size = Pt(9.5)
        run.font.color.rgb = MUTED
    for item in block.bullets:
        _runs(_styled(document, "ListBullet"), item)


def _core_property(text: str) -> str:
    text = " ".join(strip_unsafe(text).split())
    return text if len(text) <= CORE_PROPERTY_MAX else text[: CORE_PROPERTY_MAX - 1].rstrip() + "…"


def render(
    document: Layout, *, paper: Literal["a4", "us-letter"] = "a4", created: datetime | None = None
) -> bytes:
    document = strip_unsafe_in(document)
    out = new_document()
    _prepare(out, paper)
    section = out.sections[0]
    assert section.page_width is not None and section.left_margin is not None
    assert section.right_margin is not None
    text_width = section.page_width - section.left_margin - section.right_margin
    out.core_properties.title = _core_property(document.title)
    out.core_properties.author = _core_property(document.author)
    if created is not None:
        out.core_properties.created = created.replace(microsecond=0)

    for block in document.blocks:
        if isinstance(block, Name):
            _styled(out, "Title").add_run(block.text)
        elif isinstance(block, ContactLine):
            contact = out.add_paragraph()
            contact.paragraph_format.space_after = Pt(8)
            run = contact.add_run("  |  ".join(block.parts))
            run.font.size = Pt(9.5)
            run.font.color.rgb = MUTED
        elif isinstance(block, Section):
            _styled(out, "Heading2").add_run(block.title)
        elif isinstance(block, Subheading):
            _runs(_styled(out, "Heading3"), block.spans)
        elif isinstance(block, Entry):
            _entry(out, block, text_width)
        elif isinstance(block, Paragraph):
            paragraph = out.add_paragraph()
            if block.spaced:
                paragraph.paragraph_format.space_after = Pt(10)
            _runs(paragraph, block.spans)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(_styled(out, "ListBullet"), item)

    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
