"""A Word document into lines: paragraphs, table cells and text boxes, with their emphasis.

The body is walked in document order. A table is read row by row, each cell once (a merged cell
spans several grid columns); a text box is read where it is anchored. Word keeps a second copy of
every text box for old readers (`mc:Fallback`, VML), which is skipped so nothing is read twice;
so are field instructions (`HYPERLINK "mailto:..."`: its target, like a hyperlink's, is kept in
the line's `links`), deleted text and footnotes.

Emphasis comes from the run, then its character style, then the paragraph style and the styles
it is based on, then the document defaults: bold, size, caps. A paragraph is a list item when it
or its style has numbering whose format is not "none"; a heading when its style has an outline
level (Heading 1..9, Title). Pages are counted from the page breaks Word recorded when it last
laid the document out (`w:lastRenderedPageBreak`) and from hard page breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobwise.importing.lines import Line, ReadDocument, number_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SKIPPED = {f"{W}delText", f"{W}instrText", f"{W}delInstrText", f"{MC}Fallback"}
# A field that links its text: HYPERLINK "https://..." (or \l for a place in the document).
_FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')
_OFF = {"0", "false", "off", "none"}
# A Letter page's width in EMU: where a box aligned to the right or centre stands when the
# section does not say how wide its page is.
_PAGE_WIDTH = 7_772_400


@dataclass
class _Style:
    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None
    caps: bool | None = None
    numbered: bool | None = None
    outline: int | None = None
    based_on: str | None = None
    name: str = ""


def _flag(props: Any, tag: str) -> bool | None:
    element = props.find(f"{W}{tag}") if props is not None else None
    if element is None:
        return None
    return element.get(f"{W}val", "true").lower() not in _OFF


def _size(props: Any) -> float | None:
    element = props.find(f"{W}sz") if props is not None else None
    value = element.get(f"{W}val") if element is not None else None
    return int(value) / 2 if value and value.isdigit() else None


@dataclass
class _Styles:
    styles: dict[str, _Style] = field(default_factory=dict)
    default_paragraph: str | None = None
    default_size: float = 11.0
    _resolved: dict[str, _Style] = field(default_factory=dict)

    def resolve(self, style_id: str | None) -> _Style:
        style_id = style_id or self.default_paragraph or ""
        if style_id in self._resolved:
            return self._resolved[style_id]
        chain: list[_Style] = []
        current: str | None = style_id
        while current and current in self.styles and len(chain) < 20:
            chain.append(self.styles[current])
            current = self.styles[current].based_on
        resolved = _Style(name=chain[0].name if chain else "")
        for style in reversed(chain):
            for name in ("bold", "italic", "size", "caps", "numbered", "outline"):
                value = getattr(style, name)
                if value is not None:
                    setattr(resolved, name, value)
        self._resolved[style_id] = resolved
        return resolved


def _load_styles(document: Any) -> _Styles:
    result = _Styles()
    try:
        root = document.styles.element
    except Exception:  # a document without a styles part
        return result
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    result.default_size = _size(defaults) or 10.0
    for element in root.findall(f"{W}style"):
        style_id = element.get(f"{W}styleId") or ""
        r_pr = element.find(f"{W}rPr")
        p_pr = element.find(f"{W}pPr")
        based = element.find(f"{W}basedOn")
        name = element.find(f"{W}name")
        outline = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
        style_name = (name.get(f"{W}val") or "") if name is not None else ""
        level: int | None = None
        if outline is not None and (outline.get(f"{W}val") or "").isdigit():
            level = int(outline.get(f"{W}val") or 0) + 1
        elif re.fullmatch(r"(?i)heading\s*\d", style_name):
            level = int(style_name[-1])
        elif style_name.lower() == "title":
            level = 0
        num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
        result.styles[style_id] = _Style(
            bold=_flag(r_pr, "b"),
            italic=_flag(r_pr, "i"),
            size=_size(r_pr),
            caps=_flag(r_pr, "caps") or _flag(r_pr, "smallCaps"),
            numbered=True if num_pr is not None and num_pr.find(f"{W}numId") is not None else None,
            outline=level,
            based_on=based.get(f"{W}val") if based is not None else None,
            name=style_name,
        )
        if element.get(f"{W}type") == "paragraph" and element.get(f"{W}default") in ("1", "true"):
            result.default_paragraph = style_id
    return result


def _numbering_formats(document: Any) -> dict[tuple[str, int], str]:
    """(numId, level) -> numFmt ("bullet", "decimal", "none"...)."""
    try:
        root = document.part.numbering_part.element
    except Exception:  # no numbering part: no lists
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for element in root.findall(f"{W}abstractNum"):
        levels = {}
        for level in element.findall(f"{W}lvl"):
            fmt = level.find(f"{W}numFmt")
            index = level.get(f"{W}ilvl") or "0"
            levels[int(index) if index.isdigit() else 0] = (
                fmt.get(f"{W}val") if fmt is not None else ""
            ) or ""
        abstract[element.get(f"{W}abstractNumId") or ""] = levels
    formats: dict[tuple[str, int], str] = {}
    for element in root.findall(f"{W}num"):
        ref = element.find(f"{W}abstractNumId")
        levels = abstract.get(ref.get(f"{W}val") or "" if ref is not None else "", {})
        for index, fmt in levels.items():
            formats[(element.get(f"{W}numId") or "", index)] = fmt
    return formats


@dataclass
class _Reader:
    styles: _Styles
    numbering: dict[tuple[str, int], str]
    lines: list[Line] = field(default_factory=list)
    page: int = 1
    pictures: int = 0
    # Where the document's external relationships point, by id: a hyperlink's target.
    targets: dict[str, str] = field(default_factory=dict)
    page_width: int = _PAGE_WIDTH  # EMU

    def block(self, element: Any, column: int = 0, in_box: bool = False) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child, column, in_box)
            elif tag == f"{W}tbl":
                self.table(child, in_box, column)
            elif tag in (f"{W}sdt",):
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.block(content, column, in_box)
            elif tag in (f"{W}customXml", f"{W}sdtContent"):
                self.block(child, column, in_box)

    def table(self, element: Any, in_box: bool, column: int = 0) -> None:
        """Row by row, except a table used to lay out the page (few rows, cells of several
        paragraphs, as in a sidebar résumé), which is read column by column. A table inside a
        column of the page's layout (dates beside roles in the main column) stays in that
        column: its own cells are not the page's columns."""
        grid: list[list[tuple[int, Any]]] = []
        for row in element.findall(f"{W}tr"):
            cells = []
            position = 0
            for cell in row.findall(f"{W}tc"):
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                width = span.get(f"{W}val") if span is not None else "1"
                cells.append((position, cell))
                position += int(width) if width and width.isdigit() else 1
            grid.append(cells)
        filled = [cell for row in grid for _, cell in row if _has_text(cell)]
        paragraphs = sum(len(cell.findall(f".//{W}p")) for cell in filled)
        columns = sorted({position for row in grid for position, cell in row if _has_text(cell)})
        per_column = [
            sum(1 for row in grid for pos, cell in row if pos == column and _has_text(cell))
            for column in columns
        ]
        # A sidebar table: each column a few long blocks. A table of entries (a date cell beside
        # each role) has a filled cell per row and is read row by row.
        layout = (
            len(columns) >= 2
            and len(grid) <= 12
            and max(per_column) <= 3
            and paragraphs >= 3 * max(len(filled), 1)
        ) or (len(columns) >= 2 and _merged_down(grid))
        number = {position: index for index, position in enumerate(columns, 1)}
        if layout:
            for position in columns:
                for row in grid:
                    for cell_position, cell in row:
                        if cell_position == position:
                            self.block(cell, column=column or number[position], in_box=in_box)
            return
        for row in grid:
            for position, cell in row:
                own = number.get(position, 1) if len(columns) >= 2 else 0
                self.block(cell, column=column or own, in_box=in_box)

    def paragraph(self, element: Any, column: int, in_box: bool) -> None:
        p_pr = element.find(f"{W}pPr")
        style_element = p_pr.find(f"{W}pStyle") if p_pr is not None else None
        style = self.styles.resolve(style_element.get(f"{W}val") if style_element is not None else None)
        level = self._list_level(p_pr, style)
        indent = 0.0
        ind = p_pr.find(f"{W}ind") if p_pr is not None else None
        if ind is not None:
            raw = ind.get(f"{W}left") or ind.get(f"{W}start") or "0"
            indent = int(raw) / 20 if raw.lstrip("-").isdigit() else 0.0
        pieces: list[tuple[str, bool, bool, float, bool]] = []  # text, bold, italic, size, caps
        boxes: list[Any] = []
        self._runs(element, style, pieces, boxes, in_box)
        # Text boxes anchored here are read before the paragraph's own text (a sidebar is
        # usually anchored in the first paragraph of the page).
        placed = sorted(boxes, key=lambda box: _box_left(box, self.page_width))
        widths = [_box_width(box) for box in placed]
        for box, width in zip(placed, widths, strict=True):
            start = len(self.lines)
            self.block(box, column=column or 1, in_box=True)
            if len(placed) >= 2 and width and width < 0.6 * max(widths):
                for line in self.lines[start:]:
                    line.region = "side"
        first = len(self.lines)
        self._emit(pieces, style, level, indent, column)
        links = self._links(element)
        if links and len(self.lines) > first:
            # "LinkedIn | GitHub" linked to the profiles: where the words point, not text.
            for line in self.lines[first:]:
                line.links = (*line.links, *links)

    def _links(self, element: Any) -> tuple[str, ...]:
        """The targets of the paragraph's own hyperlinks (not those of its text boxes)."""
        found: list[str] = []
        for link in element.iter(f"{W}hyperlink"):
            if any(parent.tag == f"{W}txbxContent" for parent in link.iterancestors()):
                continue
            target = self.targets.get(link.get(f"{R}id") or "")
            if target:
                found.append(target)
        for instruction in element.iter(f"{W}instrText"):
            match = _FIELD_LINK.search(instruction.text or "")
            if match:
                found.append(match.group(1))
        return tuple(dict.fromkeys(found))

    def _list_level(self, p_pr: Any, style: _Style) -> int | None:
        num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
        if num_pr is not None:
            num_id = num_pr.find(f"{W}numId")
            ilvl = num_pr.find(f"{W}ilvl")
            num = num_id.get(f"{W}val") if num_id is not None else None
            level = int(ilvl.get(f"{W}val") or 0) if ilvl is not None else 0
            if num is None or num == "0":
                return None
            if self.numbering.get((num, level), "bullet") == "none":
                return None
            return level
        return 0 if style.numbered else None

    def _runs(self, element: Any, style: _Style, pieces: list[Any], boxes: list[Any], in_box: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == f"{W}txbxContent":
                boxes.append(child)
                continue
            if tag == f"{W}r":
                self._run(child, style, pieces, boxes, in_box)
            elif tag != f"{W}pPr":
                self._runs(child, style, pieces, boxes, in_box)

    def _run(self, run: Any, style: _Style, pieces: list[Any], boxes: list[Any], in_box: bool) -> None:
        r_pr = run.find(f"{W}rPr")
        char_style = None
        if r_pr is not None and r_pr.find(f"{W}rStyle") is not None:
            char_style = self.styles.resolve(r_pr.find(f"{W}rStyle").get(f"{W}val"))

        def pick(name: str, flag: bool | float | None) -> Any:
            if flag is not None:
                return flag
            if char_style is not None and getattr(char_style, name) is not None:
                return getattr(char_style, name)
            return getattr(style, name)

        bold = bool(pick("bold", _flag(r_pr, "b")))
        italic = bool(pick("italic", _flag(r_pr, "i")))
        caps = bool(pick("caps", _flag(r_pr, "caps") or _flag(r_pr, "smallCaps")))
        size = float(pick("size", _size(r_pr)) or self.styles.default_size)
        for child in _walk(run):
            tag = child.tag
            if tag == f"{W}t":
                pieces.append((child.text or "", bold, italic, size, caps))
            elif tag == f"{W}tab" and child.getparent() is run:
                pieces.append(("\t", bold, italic, size, caps))
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") == "page" and not in_box:
                    self.page += 1
                pieces.append(("\n", bold, italic, size, caps))
            elif tag == f"{W}noBreakHyphen":
                pieces.append(("-", bold, italic, size, caps))
            elif tag == f"{W}lastRenderedPageBreak" and not in_box:
                self.page += 1
            elif tag == f"{W}sym":
                code = child.get(f"{W}char") or ""
                pieces.append((_symbol(code), bold, italic, size, caps))
            elif tag == f"{W}txbxContent":
                boxes.append(child)
            elif tag in (f"{W}drawing", f"{W}pict") and child.find(f".//{W}txbxContent") is None:
                self.pictures += 1

    def _emit(self, pieces: list[Any], style: _Style, level: int | None, indent: float, column: int) -> None:
        # One line per soft line break; cells at tabs.
        current: list[Any] = []
        for piece in [*pieces, ("\n", False, False, 0.0, False)]:
            if piece[0] != "\n":
                current.append(piece)
                continue
            text = "".join(part[0] for part in current)
            cells = tuple(cell.strip() for cell in re.split(r"\t+", text) if cell.strip())
            if cells:
                letters = [part for part in current if part[0].strip()]
                # Letters and digits decide how the line looks: a rule of underscores typed
                # before a bold heading is no part of it.
                worded = [part for part in letters if not _RULE_RUN.match(part[0])] or letters
                bold = _share(worded, 1) >= 0.6
                italic = _share(worded, 2) >= 0.6
                caps_style = _share(worded, 4) >= 0.6
                sizes: dict[float, int] = {}
                for part in letters:
                    sizes[part[3]] = sizes.get(part[3], 0) + len(part[0])
                size = max(sizes.items(), key=lambda item: item[1])[0] if sizes else self.styles.default_size
                joined = " ".join(cells)
                alpha = [char for char in joined if char.isalpha()]
                self.lines.append(
                    Line(
                        text=joined,
                        page=self.page,
                        cells=cells,
                        x0=indent,
                        size=size,
                        bold=bold,
                        italic=italic,
                        caps=caps_style or (len(alpha) >= 2 and all(c.isupper() for c in alpha)),
                        list_level=level,
                        heading_level=style.outline,
                        column=column,
                        region="main" if column else "full",
                    )
                )
            current = []


def _walk(element: Any) -> Any:
    """Descendants in document order, without the fallback copies, deleted text and field
    instructions, and without descending into text boxes (the box itself is yielded)."""
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        yield child
        if tag != f"{W}txbxContent":
            yield from _walk(child)


def _anchor(box: Any) -> Any:
    for ancestor in box.iterancestors():
        if ancestor.tag in (f"{WP}anchor", f"{WP}inline"):
            return ancestor
    return None


def _box_left(box: Any, page_width: int = _PAGE_WIDTH) -> int:
    """Where the box's left edge stands across the page: its offset, or where its alignment puts
    it (a sidebar aligned to the right margin has no offset, and stands right of the body), plus
    its place inside its group when several boxes share one anchor (a template's grouped shapes)."""
    anchor = _anchor(box)
    if anchor is None:
        return _vml_box(box)[0]
    inside = _in_group(box)
    shift = inside[0] if inside is not None else 0
    offset = anchor.find(f"{WP}positionH/{WP}posOffset")
    text = (offset.text or "").strip() if offset is not None else ""
    if text.lstrip("-").isdigit():
        return int(text) + shift
    align = anchor.find(f"{WP}positionH/{WP}align")
    where = (align.text or "").strip().lower() if align is not None else ""
    if where in ("right", "outside"):
        return page_width - _anchor_width(anchor) + shift
    if where == "center":
        return (page_width - _anchor_width(anchor)) // 2 + shift
    return shift


def _box_width(box: Any) -> int:
    inside = _in_group(box)
    if inside is not None:
        return inside[1]
    anchor = _anchor(box)
    return _anchor_width(anchor) if anchor is not None else _vml_box(box)[1]


# VML's CSS lengths, in EMU per unit.
_EMU = {"pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525}
_VML_LENGTH = re.compile(r"(?i)(?:^|;)\s*(margin-left|left|width)\s*:\s*(-?[\d.]+)\s*(pt|in|cm|mm|px)?")


def _vml_box(box: Any) -> tuple[int, int]:
    """An old text box (VML, no DrawingML anchor) is placed by its shape's CSS style:
    "position:absolute;margin-left:380pt;width:150pt"."""
    shape = next((a for a in box.iterancestors() if a.get("style") and "position:" in a.get("style")), None)
    if shape is None:
        return 0, 0
    found = {
        name.lower(): round(float(value) * _EMU[(unit or "px").lower()])
        for name, value, unit in _VML_LENGTH.findall(shape.get("style"))
    }
    return found.get("margin-left", found.get("left", 0)), found.get("width", 0)


def _anchor_width(anchor: Any) -> int:
    extent = anchor.find(f"{WP}extent")
    value = extent.get("cx") if extent is not None else None
    return int(value) if value and value.isdigit() else 0


def _in_group(box: Any) -> tuple[int, int] | None:
    """A grouped box's left edge from its group's and its width, in EMU on the page: shapes in a
    group are placed in the group's own coordinates (chOff, chExt), scaled to the group's size."""
    shape = next((a for a in box.iterancestors() if a.tag == f"{WPS}wsp"), None)
    group = next((a for a in box.iterancestors() if a.tag in (f"{WPG}wgp", f"{WPG}grpSp")), None)
    if shape is None or group is None:
        return None
    own = shape.find(f"{WPS}spPr/{A}xfrm")
    frame = group.find(f"{WPG}grpSpPr/{A}xfrm")
    if own is None or frame is None:
        return None

    def number(element: Any, path: str, name: str) -> int | None:
        found = element.find(path)
        value = found.get(name) if found is not None else None
        return int(value) if value is not None and value.lstrip("-").isdigit() else None

    x, cx = number(own, f"{A}off", "x"), number(own, f"{A}ext", "cx")
    child_x, child_cx = number(frame, f"{A}chOff", "x"), number(frame, f"{A}chExt", "cx")
    group_cx = number(frame, f"{A}ext", "cx")
    if x is None or cx is None or child_x is None or not child_cx or group_cx is None:
        return None
    scale = group_cx / child_cx
    return round((x - child_x) * scale), round(cx * scale)


def _merged_down(grid: list[list[tuple[int, Any]]]) -> bool:
    """A column whose first cell is merged down through every row: the main column of a page
    laid out as a table, the sidebar's sections in the rows beside it. Read row by row, each
    sidebar section but the first would follow the whole main column."""
    if len(grid) < 2:
        return False

    def merge(cell: Any) -> str | None:
        element = cell.find(f"{W}tcPr/{W}vMerge")
        return None if element is None else (element.get(f"{W}val") or "continue")

    for position, cell in grid[0]:
        if merge(cell) != "restart" or not _has_text(cell):
            continue
        below = [next((c for p, c in row if p == position), None) for row in grid[1:]]
        if all(c is not None and merge(c) == "continue" for c in below):
            return True
    return False


def _has_text(cell: Any) -> bool:
    return any((t.text or "").strip() for t in cell.iter(f"{W}t"))


# Word's Symbol and Wingdings fonts put their glyphs in the private use area.
_SYMBOLS = {"F0B7": "•", "F0A7": "▪", "F076": "❖", "F0D8": "➢", "F0FC": "✓", "F0A8": "◦", "F06E": "■"}


def _symbol(code: str) -> str:
    return _SYMBOLS.get(code.upper(), "•")


def read_docx(path: Path) -> ReadDocument:
    """The lines of a .docx; call only after samples' archive checks (check_docx_archive)."""
    import docx  # deferred: python-docx is only needed when someone uploads a .docx

    document = docx.Document(str(path))
    reader = _Reader(_load_styles(document), _numbering_formats(document))
    reader.targets = {rel_id: rel.target_ref for rel_id, rel in document.part.rels.items() if rel.is_external}
    if document.sections and document.sections[0].page_width:
        reader.page_width = int(document.sections[0].page_width)
    reader.block(document.element.body)
    lines = [line for line in reader.lines if line.text.strip()]
    lines = _page_header_lines(document, reader) + lines
    _regions(lines)
    pages = _stored_pages(document) or reader.page
    for line in lines:  # Word also records a "rendered page break" at column breaks
        line.page = min(line.page, pages)
    read = ReadDocument(kind="docx", lines=number_lines(lines), pages=max(pages, 1))
    read.image_area = float(reader.pictures)
    return read


# A rule typed as a run of underscores (or equals signs): drawing, not text.
_RULE_RUN = re.compile(r"^\s*[_=‗]{3,}\s*$")


def _share(pieces: list[Any], flag: int) -> float:
    """How much of the pieces' text has the flag (bold, italic, caps) set."""
    total = sum(len(piece[0]) for piece in pieces) or 1
    return sum(len(piece[0]) for piece in pieces if piece[flag]) / total


def _page_header_lines(document: Any, body: _Reader) -> list[Line]:
    """What the first page's header holds, read as the top of page 1.

    Some résumés keep the name (and phone, email) in the page header, not the body; a header
    that repeats a body line adds nothing and is left out.
    """
    if not document.sections:
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header is None or header.is_linked_to_previous:
        return []
    reader = _Reader(body.styles, body.numbering)
    reader.block(header._element)
    seen = {line.text.strip() for line in body.lines}
    return [line for line in reader.lines if line.text.strip() and line.text.strip() not in seen]


def _stored_pages(document: Any) -> int | None:
    """The page count Word stored when it last saved (docProps/app.xml), if any."""
    try:
        for rel in document.part.package.rels.values():
            if rel.reltype.endswith("/extended-properties"):
                match = re.search(rb"<(?:\w+:)?Pages>(\d+)</", rel.target_part.blob)
                return int(match.group(1)) if match else None
    except Exception:  # an odd package: fall back to the page breaks
        return None
    return None


def _regions(lines: list[Line]) -> None:
    """A table whose first or last column is narrow in text is a sidebar."""
    columns = {line.column for line in lines if line.column}
    if len(columns) < 2:
        return
    chars = {column: sum(len(line.text) for line in lines if line.column == column) for column in columns}
    total = sum(chars.values()) or 1
    for column, count in chars.items():
        if count / total < 0.4:
            for line in lines:
                if line.column == column:
                    line.region = "side"
