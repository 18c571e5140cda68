"""One line model for every kind of file: what the parser reads, whatever the file was.

A PDF's words, a DOCX's paragraphs, table cells and text boxes, and a text file's lines all
become `Line`s in reading order, each knowing where it came from (page, line number) and how it
looked (size, bold, indentation, list level), so the parser can use emphasis and layout without
knowing the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

# Kana and Han ideographs: scripts written without spaces between words (as a regex class body).
IDEOGRAPHS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")


def is_ideograph(char: str) -> bool:
    return _IDEOGRAPH.fullmatch(char) is not None


FileKind = Literal["pdf", "docx", "text"]
Region = Literal["full", "main", "side"]


@dataclass(eq=False)  # a line is itself: two lines with the same text are still two
class Line:
    text: str
    page: int  # 1-based
    # Pieces of the line separated by a wide gap, a tab or a table cell ("Google", "Mountain View").
    cells: tuple[str, ...] = ()
    cell_sizes: tuple[float, ...] = ()  # the font size of each cell (PDF); empty when unknown
    x0: float = 0.0  # left edge in points (PDF), or an indentation (DOCX, text)
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0  # the font size most of the line is set in; 0 when unknown
    bold: bool = False  # most of the line's letters are bold
    italic: bool = False
    caps: bool = False  # set in capitals (typed or by the font's small caps)
    spaced: bool = False  # letter-spaced ("E X P E R I E N C E"), read back into words
    marker: bool = False  # starts with a bullet glyph drawn in a symbol font (moderncv's "{")
    list_level: int | None = None  # a list paragraph (DOCX) or Markdown list item, and its depth
    heading_level: int | None = None  # a heading by the file's own markup (DOCX style, Markdown '#')
    region: Region = "full"  # where a column layout put the line
    column: int = 0  # 0 full width; 1, 2 left to right
    number: int = 0  # 1-based on its page, in reading order (set by `number_lines`)
    gap_above: float = 0.0  # space above the line, in multiples of its size (0 when unknown)
    # Where the line's links point (a Markdown link's target, "mailto:..."): not visible text.
    links: tuple[str, ...] = ()
    # The first words when they are set in another font than the rest (PDF): a run-in label, as
    # in a LaTeX CV's "Computing  R, Git, Unix" with "Computing" in the heading font.
    lead: str = ""

    def __post_init__(self) -> None:
        if not self.cells:
            self.cells = (self.text,)


@dataclass
class ReadDocument:
    """A file read into lines: what the parser and every check see."""

    kind: FileKind
    lines: list[Line]
    pages: int
    # Columns found, per page (PDF): how the reading order was built, for the warnings.
    columns: dict[int, Literal["one", "two", "sidebar", "margin"]] = field(default_factory=dict)
    image_area: float = 0.0  # share of the pages covered by pictures (PDF), or pictures found (DOCX)
    warnings: list[str] = field(default_factory=list)
    # Contact details printed in a running footer or head (moderncv's address, phone and email
    # at the foot of every page): kept out of the reading order, where they would land inside
    # the page's last section, and read with the header's contact details.
    running_contact: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def link_targets(self) -> list[str]:
        return [target for line in [*self.lines, *self.running_contact] for target in line.links]


def number_lines(lines: list[Line]) -> list[Line]:
    counts: dict[int, int] = {}
    for line in lines:
        counts[line.page] = counts.get(line.page, 0) + 1
        line.number = counts[line.page]
    return lines
