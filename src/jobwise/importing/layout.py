"""A PDF page's words into lines in reading order, columns and sidebars included.

1. Words sharing a baseline form a row; a row splits into segments where the gap between two
   words is wider than a space can be (a column gutter, a right-aligned date, a tab stop).
2. A page has columns when some vertical line (the gutter) crosses no segment over a long run of
   rows, with text on both sides. The rows above that run are a top band (the name and contact
   details), the rows below a bottom band.
3. Not every gutter makes columns: a margin of dates (moderncv) or of section names (a Google Docs
   table) has few segments, each level with a line on the other side. Those pages are read row by
   row, the margin's text first.
4. Reading order: top band, left column top to bottom, right column, bottom band; page by page.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from jobwise.importing.contact import holds_contact
from jobwise.importing.lines import Line, ReadDocument, Region, number_lines
from jobwise.importing.vocabulary import heading_kind

# A gap wider than this many font sizes separates segments (LaTeX stretches a space to ~0.6).
SEGMENT_GAP = 1.1
# A column run needs this many rows on each side, and this share of the page's rows.
MIN_COLUMN_ROWS = 4
MIN_COLUMN_SHARE = 0.3
# A margin: its segments are level with the other side's lines, and it has far fewer of them.
MARGIN_ALIGNED = 0.7
MARGIN_DENSITY = 0.6
MARGIN_LABELLED = 0.8  # ... or denser when every one of its rows is level with a body line
SIDEBAR_WIDTH = 0.4  # a column narrower than this share of the text width is a sidebar
_SYMBOL_FONT = re.compile(r"sym|dingbat|wingding|cmsy|fontawesome|marvosym|webdings|zapf", re.IGNORECASE)
_SMALL_CAPS = re.compile(r"csc|smallcaps|caps|-sc\b|sc\d", re.IGNORECASE)

Layout = Literal["one", "two", "sidebar", "margin"]


@dataclass
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: int
    baseline: float
    spaced: bool = False  # letter-spaced in the file (a kind of emphasis)


@dataclass
class Segment:
    words: list[Word]
    row: int = 0

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def baseline(self) -> float:
        return statistics.median(word.baseline for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass
class _Row:
    segments: list[Segment] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(segment.top for segment in self.segments)


@dataclass(frozen=True)
class _Columns:
    gutter: float
    first: int  # first row of the run
    last: int  # last row of the run (inclusive)
    layout: Layout


def _unspace(group: list[Word]) -> list[Word]:
    """Letter-spaced text ("L u i z  F i l h o") back into words: a space between words is
    wider than the tracking between letters. A row holding another column's words as well
    ("F o r m a t i o n" beside a sentence of the right column) is read run by run, a run
    ending at a gap wide enough to part segments."""
    runs: list[list[Word]] = [[group[0]]] if group else []
    for previous, word in pairwise(group):
        if word.x0 - previous.x1 > SEGMENT_GAP * max(word.size, previous.size):
            runs.append([])
        runs[-1].append(word)
    if len(runs) > 1:
        return [word for run in runs for word in _unspace_run(run)]
    return _unspace_run(group)


def _unspace_run(group: list[Word]) -> list[Word]:
    singles = sum(1 for word in group if len(word.text) == 1)
    if len(group) < 4 or singles < 0.7 * len(group):
        return group
    gaps = [b.x0 - a.x1 for a, b in pairwise(group)]
    small = sorted(gaps)[len(gaps) // 4]
    threshold = max(small * 1.8, small + 0.12 * group[0].size)
    merged = [group[0]]
    for gap, word in zip(gaps, group[1:], strict=True):
        last = merged[-1]
        if gap <= threshold and gap < SEGMENT_GAP * word.size:
            merged[-1] = Word(
                last.text + word.text,
                last.x0,
                min(last.top, word.top),
                word.x1,
                max(last.bottom, word.bottom),
                last.size,
                last.font,
                last.baseline,
            )
            merged[-1].spaced = True
        else:
            merged.append(word)
    return merged


def _words(raw: list[list[Any]]) -> list[Word]:
    words = []
    for text, x0, top, x1, bottom, size, font, baseline in raw:
        if str(text).strip():
            words.append(Word(str(text), x0, top, x1, bottom, max(float(size), 1.0), int(font), baseline))
    return _kerned(words)


def _kerned(words: list[Word]) -> list[Word]:
    """The TeX and LaTeX logos set their letters raised, lowered and kerned into each other
    ("L", "A", "T", "E", "X"): short pieces drawn one after the other, each starting inside the
    one before, are one word, written without spaces as the text layer has it."""
    merged: list[Word] = []
    for word in words:
        last = merged[-1] if merged else None
        if (
            last is not None
            and len(word.text) <= 3
            and len(last.text) <= 5
            and not last.text.endswith(word.text)  # a word drawn twice, a hair apart (faux bold)
            and last.x0 < word.x0 < last.x1 - 0.5
            # On one line: their heights overlap by most of the smaller one (a name set over two
            # right-aligned lines overlaps by a sliver).
            and min(last.bottom, word.bottom) - max(last.top, word.top)
            >= 0.6 * min(last.bottom - last.top, word.bottom - word.top)
        ):
            merged[-1] = Word(
                last.text + word.text,
                last.x0,
                min(last.top, word.top),
                max(last.x1, word.x1),
                max(last.bottom, word.bottom),
                last.size,
                last.font,
                last.baseline,
            )
            continue
        merged.append(word)
    return merged


def _rows(words: list[Word], fonts: list[list[Any]] | None = None) -> list[_Row]:
    """Words on one baseline (within a third of their size), split into segments at wide gaps.

    A bold run followed at once by an italic one is two things as well ("Skyscanner, Edinburgh"
    in bold, then "Software Engineering Intern" in italics): the font tells them apart.
    """
    words = sorted(words, key=lambda word: (word.baseline, word.x0))
    groups: list[list[Word]] = []
    for word in words:
        if groups:
            last = groups[-1]
            reference = statistics.median(w.baseline for w in last[-4:])
            if abs(word.baseline - reference) <= 0.3 * min(word.size, last[-1].size):
                last.append(word)
                continue
        groups.append([word])
    groups = _level_groups(groups)
    for index, group in enumerate(groups):
        group.sort(key=lambda word: word.x0)
        groups[index] = _unspace(group)
    # Where many rows start is a column's (or a table cell's) left edge: a word that starts
    # there after a gap begins a new segment even when the gap is narrow (a moderncv date margin,
    # a Google Docs table of section names).
    starts = Counter(round(group[0].x0) for group in groups)
    edges = {x for x, count in starts.items() if count >= MIN_COLUMN_ROWS}
    rows = []
    for group in groups:
        row = _Row()
        current = [group[0]]
        for previous, word in pairwise(group):
            gap = word.x0 - previous.x1
            size = max(word.size, previous.size)
            smaller = min(word.size, previous.size)
            at_edge = gap > 0.45 * size and round(word.x0) in edges
            # A name in 29 pt beside contact details in 16 pt: two things, even close together.
            resized = smaller < 0.75 * size and gap > 0.3 * smaller
            restyled = fonts is not None and _bold_then_italic(current, word, fonts)
            if (gap > SEGMENT_GAP * size or at_edge or resized or restyled) and not _is_marker(current):
                row.segments.append(Segment(current))
                current = []
            current.append(word)
        row.segments.append(Segment(current))
        rows.append(row)
    for index, row in enumerate(rows):
        for segment in row.segments:
            segment.row = index
    return rows


def _level_groups(groups: list[list[Word]]) -> list[list[Word]]:
    """Two neighbouring rows side by side, level with each other, are one row: a 14 pt heading in
    a margin beside a 10 pt line of the body shares its top, not its baseline."""
    merged: list[list[Word]] = []
    for group in groups:
        if merged:
            last = merged[-1]
            top, bottom = min(w.top for w in last), max(w.bottom for w in last)
            new_top, new_bottom = min(w.top for w in group), max(w.bottom for w in group)
            overlap = min(bottom, new_bottom) - max(top, new_top)
            taller = max(bottom - top, new_bottom - new_top, 1.0)
            left, right = min(w.x0 for w in last), max(w.x1 for w in last)
            new_left, new_right = min(w.x0 for w in group), max(w.x1 for w in group)
            apart = new_left > right + 2.0 or new_right < left - 2.0
            sizes = {round(w.size) for w in last} ^ {round(w.size) for w in group}
            if apart and sizes and overlap >= 0.6 * taller:
                last.extend(group)
                continue
        merged.append(group)
    return merged


def _bold_then_italic(current: list[Word], word: Word, fonts: list[list[Any]]) -> bool:
    def style(item: Word) -> tuple[bool, bool]:
        entry = fonts[item.font] if 0 <= item.font < len(fonts) else None
        return (bool(entry[1]), bool(entry[2])) if entry else (False, False)

    letters = sum(1 for item in current for char in item.text if char.isalpha())
    return (
        letters >= 2
        and all(style(item) == (True, False) for item in current)
        and style(word) == (False, True)
    )


def _is_marker(words: list[Word]) -> bool:
    return len(words) == 1 and len(words[0].text) == 1 and not words[0].text.isalnum()


def _crosses(segment: Segment, gutter: float) -> bool:
    return segment.x0 < gutter - 1.0 and segment.x1 > gutter + 1.0


def _find_columns(rows: list[_Row]) -> _Columns | None:
    segments = [segment for row in rows for segment in row.segments]
    if len(rows) < 2 * MIN_COLUMN_ROWS:
        return None
    left_edge = min(segment.x0 for segment in segments)
    right_edge = max(segment.x1 for segment in segments)
    width = right_edge - left_edge
    candidates = _gutter_candidates(rows, left_edge, right_edge)
    best: tuple[int, _Columns] | None = None
    for gutter in candidates:
        run_start = 0
        for index in range(len(rows) + 1):
            crossing = index == len(rows) or any(_crosses(s, gutter) for s in rows[index].segments)
            if not crossing:
                continue
            run = rows[run_start:index]
            left = sum(1 for row in run if any(s.x1 <= gutter + 1.0 for s in row.segments))
            right = sum(1 for row in run if any(s.x0 >= gutter - 1.0 for s in row.segments))
            sparse = min(left, right)
            aligned = sum(
                1
                for row in run
                if any(s.x1 <= gutter + 1.0 for s in row.segments)
                and any(s.x0 >= gutter - 1.0 for s in row.segments)
            )
            # A margin may hold only a few dates, each level with a line of the body.
            enough = sparse >= MIN_COLUMN_ROWS or (sparse >= 2 and aligned >= sparse)
            if (
                enough
                and max(left, right) >= MIN_COLUMN_ROWS
                and len(run) >= MIN_COLUMN_SHARE * len(rows)
                and (best is None or len(run) > best[0])
            ):
                best = (len(run), _Columns(gutter, run_start, index - 1, "two"))
            run_start = index + 1
    if best is None:
        return None
    columns = _without_top_band(rows, best[1])
    return _Columns(columns.gutter, columns.first, columns.last, _kind(rows, columns, width, left_edge))


def _without_top_band(rows: list[_Row], columns: _Columns) -> _Columns:
    """The run's first rows hold text on one side only, lie wholly above the other side's first
    text and come before any section heading: a header band (the name, a job title) that happens
    not to cross the gutter, read before the columns and as wide as the page, not as the top of
    one column. A heading set a few points higher than the other column's stays in the run: it
    overlaps the other side's text."""
    gutter = columns.gutter
    run = rows[columns.first : columns.last + 1]
    left = [s for row in run for s in row.segments if s.x1 <= gutter + 1.0]
    right = [s for row in run for s in row.segments if s.x0 >= gutter - 1.0]
    if not left or not right:
        return columns
    first = columns.first
    for index in range(columns.first, columns.last + 1):
        segments = rows[index].segments
        on_left = any(s.x1 <= gutter + 1.0 for s in segments)
        on_right = any(s.x0 >= gutter - 1.0 for s in segments)
        # A section's heading opens the columns: the band holds what comes before any section.
        if on_left == on_right or any(heading_kind(s.text) is not None for s in segments):
            break
        other_top = min(s.top for s in (right if on_left else left))
        if max(s.bottom for s in segments) > other_top:
            break
        first = index + 1
    # The band must leave a column run behind it, with text on both sides.
    rest = rows[first : columns.last + 1]
    if (
        columns.last - first + 1 < MIN_COLUMN_ROWS
        or not any(s.x1 <= gutter + 1.0 for row in rest for s in row.segments)
        or not any(s.x0 >= gutter - 1.0 for row in rest for s in row.segments)
    ):
        return columns
    return _Columns(gutter, first, columns.last, columns.layout)


def _gutter_candidates(rows: list[_Row], left_edge: float, right_edge: float) -> list[float]:
    """Where a gutter may run: just left of an x0 shared by several segments (a column's lines
    start there), and along the emptiest strip of each band of whitespace between the page's
    segments beside a column of centred lines. A designed sidebar whose lines are centred shares
    no left edge; the blank strip beside it is its gutter all the same."""
    width = right_edge - left_edge
    low, high = left_edge + 0.1 * width, right_edge - 0.1 * width
    starts = Counter(round(segment.x0) for row in rows for segment in row.segments)
    found = {x - 2.0 for x, count in starts.items() if count >= MIN_COLUMN_ROWS and low < x < high}
    origin = int(low)
    coverage = [0] * (int(high) - origin + 1)
    for row in rows:
        covered: set[int] = set()
        for segment in row.segments:
            covered.update(
                range(max(int(segment.x0), origin), min(int(segment.x1) + 1, origin + len(coverage)))
            )
        for x in covered:
            coverage[x - origin] += 1
    # A band of bins that fewer than half the rows cover, at least a wide space across; the gutter
    # goes through its middle where the fewest rows cross it.
    sizes = [word.size for row in rows for segment in row.segments for word in segment.words]
    least = SEGMENT_GAP * statistics.median(sizes)
    band: list[int] = []
    for index, count in enumerate([*coverage, len(rows)]):
        if count * 2 < len(rows):
            band.append(index)
            continue
        if len(band) >= least:
            fewest = min(coverage[i] for i in band)
            emptiest = [i for i in band if coverage[i] == fewest]
            gutter = float(origin + emptiest[len(emptiest) // 2])
            if _centred_beside(rows, gutter, (left_edge + right_edge) / 2, width):
                found.add(gutter)
        band = []
    return sorted(found)


def _centred_beside(rows: list[_Row], gutter: float, centre: float, width: float) -> bool:
    """Lines on one side of the gutter centred on an axis of their own, away from the page's
    centre: a column set centred. Right-aligned dates and a page of centred headings share no
    such axis, and a blank strip beside them is no gutter."""
    for side in (
        [s for row in rows for s in row.segments if s.x1 <= gutter],
        [s for row in rows for s in row.segments if s.x0 >= gutter],
    ):
        axes = Counter(round((s.x0 + s.x1) / 4) for s in side)  # 2 pt bins
        for axis, _ in axes.most_common(3):
            around = [s for s in side if abs((s.x0 + s.x1) / 4 - axis) <= 1.5]
            # Centred, not left-aligned lines of about one length: they start at many places.
            starts = {round(s.x0 / 2) for s in around}
            if len(starts) >= MIN_COLUMN_ROWS and abs(axis * 2 - centre) > 0.1 * width:
                return True
    return False


def _kind(rows: list[_Row], columns: _Columns, width: float, left_edge: float) -> Layout:
    run = rows[columns.first : columns.last + 1]
    left = [row for row in run if any(s.x1 <= columns.gutter + 1.0 for s in row.segments)]
    right = [row for row in run if any(s.x0 >= columns.gutter - 1.0 for s in row.segments)]
    sparse, dense = (left, right) if len(left) <= len(right) else (right, left)
    # A section heading alone in the margin ("Experience" left of its entries, the dates under
    # it level with each entry) is the margin's too: it has no body line beside it to align with.
    aligned = sum(
        1
        for row in sparse
        if row in dense or (len(row.segments) == 1 and heading_kind(row.segments[0].text) is not None)
    )
    # ... and a margin is the narrower side, its rows spread down the body with body lines between
    # them (a date beside each entry's first line). A short column beside a longer one (a main
    # column ending halfway down beside a long sidebar of one-word lines) is level with it row for
    # row, yet its rows follow one another: it is a column of its own.
    left_text = [s for row in left for s in row.segments if s.x1 <= columns.gutter + 1.0]
    right_text = [s for row in right for s in row.segments if s.x0 >= columns.gutter - 1.0]
    left_extent = max((s.x1 for s in left_text), default=0.0) - min((s.x0 for s in left_text), default=0.0)
    right_extent = max((s.x1 for s in right_text), default=0.0) - min((s.x0 for s in right_text), default=0.0)
    sparse_extent, dense_extent = (
        (left_extent, right_extent) if sparse is left else (right_extent, left_extent)
    )
    sparse_ids = {id(row) for row in sparse}
    spread = (
        sum(1 for row in run[run.index(sparse[0]) : run.index(sparse[-1]) + 1] if id(row) not in sparse_ids)
        if sparse
        else 0
    )
    if (
        len(sparse) <= MARGIN_DENSITY * len(dense)
        and aligned >= MARGIN_ALIGNED * len(sparse)
        and sparse_extent < dense_extent
        and spread >= len(sparse) / 2
    ):
        return "margin"
    left_width = columns.gutter - left_edge
    # A narrow margin of labels and dates, one beside each entry's first line (Europass's "NAME"
    # beside the name, a date range beside each title), is nearly as dense as the body, yet every
    # one of its rows is level with a body line, and the body has lines of its own between them
    # (the employer, the items): a sidebar's lines keep their own pitch, and two columns of
    # posts side by side have as many lines each.
    sparse_width = left_width if sparse is left else width - left_width
    if (
        aligned == len(sparse)
        and len(sparse) <= MARGIN_LABELLED * len(dense)
        and sparse_width < SIDEBAR_WIDTH * width
    ):
        return "margin"
    if min(left_width, width - left_width) < SIDEBAR_WIDTH * width:
        return "sidebar"
    return "two"


def _line(segments: list[Segment], page: int, fonts: list[list[Any]]) -> Line:
    words = [word for segment in segments for word in segment.words]
    letters = sum(len(word.text) for word in words) or 1
    bold = sum(len(w.text) for w in words if fonts[w.font][1]) / letters >= 0.6
    italic = sum(len(w.text) for w in words if fonts[w.font][2]) / letters >= 0.6
    small_caps = sum(len(w.text) for w in words if _SMALL_CAPS.search(str(fonts[w.font][0]))) / letters >= 0.6
    sizes = Counter[float]()
    for word in words:
        sizes[round(word.size, 1)] += len(word.text)
    if _justified(segments):
        segments = [Segment([word for segment in segments for word in segment.words], segments[0].row)]
    cells = tuple(segment.text for segment in segments)
    cell_sizes = tuple(max(word.size for word in segment.words) for segment in segments)
    text = " ".join(cells)
    alpha = [char for char in text if char.isalpha()]
    caps = len(alpha) >= 2 and all(char.isupper() for char in alpha)
    spaced = sum(len(w.text) for w in words if w.spaced) / letters >= 0.6
    first = words[0]
    # An icon font maps its glyphs to any code point (moderncv's "○" reads as "f" in Font
    # Awesome): a lone glyph in such a font opens a list item whatever letter it reads as.
    marker = (
        len(words) > 1
        and len(first.text) == 1
        and bool(_SYMBOL_FONT.search(str(fonts[first.font][0])))
        and (not first.text.isalnum() or fonts[first.font][0] != fonts[words[1].font][0])
    )
    return Line(
        lead=_lead(words),
        marker=marker,
        cell_sizes=cell_sizes,
        spaced=spaced,
        text=text,
        page=page,
        cells=cells,
        x0=min(s.x0 for s in segments),
        x1=max(s.x1 for s in segments),
        top=min(s.top for s in segments),
        bottom=max(s.bottom for s in segments),
        size=sizes.most_common(1)[0][0],
        bold=bold,
        italic=italic,
        caps=caps or small_caps,
    )


def _lead(words: list[Word]) -> str:
    """One to three words of letters in one font, followed by words in another: a run-in label
    ("Computing" before "R, Git, Unix"). A word ending in a comma is an item, not a label."""
    count = next((index for index, word in enumerate(words) if word.font != words[0].font), 0)
    if not 1 <= count <= 3:
        return ""
    lead = words[:count]
    if not all(any(char.isalpha() for char in word.text) for word in lead):
        return ""
    if lead[-1].text.endswith((",", ";", ":")):
        return ""
    return " ".join(word.text for word in lead)


def _justified(segments: list[Segment]) -> bool:
    """'Member   of   the   mobile   application': a justified line spread word by word, not
    cells. Three or more one-word pieces with even gaps between them."""
    if len(segments) < 3 or any(len(segment.words) > 2 for segment in segments):
        return False
    # Prose has its small words; a row of tags ("Docker  Kubernetes  Git") has none.
    if not any(word.text in _FUNCTION_WORDS for segment in segments for word in segment.words):
        return False
    gaps = [after.x0 - before.x1 for before, after in pairwise(segments)]
    return min(gaps) > 0 and max(gaps) <= 1.5 * min(gaps)


_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "or",
        "is",
        "are",
        "was",
        "were",
        "that",
        "this",
    ]
)


def _page_lines(page: dict[str, Any], number: int, fonts: list[list[Any]]) -> tuple[list[Line], Layout]:
    rows = _rows(_words(page.get("words") or []), fonts)
    if not rows:
        return [], "one"
    columns = _find_columns(rows)
    lines: list[Line] = []
    if columns is None:
        for row in rows:
            lines.append(_line(row.segments, number, fonts))
        return _measure_gaps(lines), "one"
    if columns.layout == "margin":
        # Read row by row: the margin's text is the first cell of its row's line.
        lines = [_line(row.segments, number, fonts) for row in rows]
        _measure_gaps(lines)
        return lines, columns.layout
    blocks = [(columns.first, columns.last)]
    blocks += _blocks_beside(rows, columns.gutter, 0, columns.first)
    blocks += _blocks_beside(rows, columns.gutter, columns.last + 1, len(rows))
    starts = {first: last for first, last in blocks}
    # The page's main block decides which side is the sidebar; blocks above or below it that
    # share its gutter (columns inside sections) keep the same sides.
    main_rows = rows[columns.first : columns.last + 1]
    main_left = [s for row in main_rows for s in row.segments if s.x1 <= columns.gutter + 1.0]
    main_right = [s for row in main_rows for s in row.segments if s.x1 > columns.gutter + 1.0]
    left_width = columns.gutter - min((s.x0 for s in main_left), default=columns.gutter)
    right_width = max((s.x1 for s in main_right), default=columns.gutter) - columns.gutter
    regions: tuple[Region, Region] = ("main", "main")
    if columns.layout == "sidebar":
        regions = ("side", "main") if left_width < right_width else ("main", "side")
    index = 0
    while index < len(rows):
        if index not in starts:
            lines.append(_line(rows[index].segments, number, fonts))
            index += 1
            continue
        last = starts[index]
        left_lines = []
        right_lines = []
        for row in rows[index : last + 1]:
            left = [s for s in row.segments if s.x1 <= columns.gutter + 1.0]
            right = [s for s in row.segments if s not in left]
            if left:
                left_lines.append(_line(left, number, fonts))
            if right:
                right_lines.append(_line(right, number, fonts))
        for column, (region, part) in enumerate(zip(regions, (left_lines, right_lines), strict=True), 1):
            for line in part:
                line.region = region
                line.column = column
            lines += _measure_gaps(part)
        index = last + 1
    return lines, columns.layout


def _blocks_beside(rows: list[_Row], gutter: float, first: int, stop: int) -> list[tuple[int, int]]:
    """Runs of rows between `first` and `stop` split by the page's gutter too: columns inside
    sections ("Experience" over two posts side by side, "Education" over two schools side by
    side), where a full-width heading between them ends the main run. A run counts when two rows
    or more hold text on both sides of the gutter and no row crosses it."""
    blocks = []
    run_start = first
    for index in range(first, stop + 1):
        crossing = index == stop or any(_crosses(s, gutter) for s in rows[index].segments)
        if not crossing:
            continue
        run = rows[run_start:index]
        both = sum(
            1
            for row in run
            if any(s.x1 <= gutter + 1.0 for s in row.segments)
            and any(s.x0 >= gutter - 1.0 for s in row.segments)
        )
        if both >= 2:
            blocks.append((run_start, index - 1))
        run_start = index + 1
    return blocks


def _measure_gaps(lines: list[Line]) -> list[Line]:
    previous: Line | None = None
    for line in lines:
        if previous is not None and line.top >= previous.top:
            line.gap_above = max(0.0, line.top - previous.bottom) / max(line.size, 1.0)
        previous = line
    return lines


def read_pdf_pages(result: dict[str, Any]) -> ReadDocument:
    """The child's words (pdf_words.py) as a document of lines."""
    fonts: list[list[Any]] = result.get("fonts") or [["", False, False]]
    pages: list[dict[str, Any]] = result.get("pages") or []
    lines: list[Line] = []
    layouts: dict[int, Layout] = {}
    for number, page in enumerate(pages, 1):
        page_lines, layout = _page_lines(page, number, fonts)
        _attach_links(page_lines, page.get("links") or [])
        lines += page_lines
        layouts[number] = layout
    heights = {number: float(page.get("height") or 0.0) for number, page in enumerate(pages, 1)}
    running: list[Line] = []
    lines = _without_running_heads(lines, len(pages), heights, running)
    area = sum(float(page.get("image_area") or 0.0) for page in pages) / max(len(pages), 1)
    document = ReadDocument(kind="pdf", lines=number_lines(lines), pages=len(pages), columns=layouts)
    document.image_area = area
    document.running_contact = running
    if any(page.get("rotated_chars") for page in pages):
        document.warnings.append("Some text is set at an angle; it was left out.")
    return document


_PAGE_NUMBER = re.compile(
    r"^\W*(?:page|seite|sida|página|pagina)?\s*\d{1,3}\s*(?:(?:/|of|von|av|de|sur)\s*\d{1,3})?\W*$", re.I
)


def _without_running_heads(
    lines: list[Line], pages: int, heights: dict[int, float], running: list[Line] | None = None
) -> list[Line]:
    """Drop page numbers, and lines repeated at the top or bottom of several pages (a running
    footer with the name and date), which would otherwise land inside the last section. The
    first copy of a running line holding contact details goes to `running`: moderncv prints the
    phone and email only there."""
    if not lines:
        return lines

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip().lower())

    edge: dict[str, set[int]] = {}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page, page_lines in by_page.items():
        ordered = sorted(page_lines, key=lambda line: line.top)
        for line in ordered[:2] + ordered[-2:]:
            edge.setdefault(key(line), set()).add(page)
    repeated = {text for text, seen in edge.items() if len(seen) >= 2 and pages >= 2}
    kept = []
    taken: set[str] = set()
    for line in lines:
        height = heights.get(line.page, 0.0)
        # Running heads live in the top or bottom band of the page, not among the content.
        in_band = height > 0 and (line.top < 0.08 * height or line.bottom > 0.92 * height)
        # A header repeated at the top of every page (Deedy's email and phone) is the header on
        # the first page: only its copies on later pages are running heads.
        first_header = line.page == 1 and line.top < 0.08 * height
        if in_band and (
            (key(line) in repeated and not first_header) or _PAGE_NUMBER.match(line.text.strip())
        ):
            if (
                running is not None
                and key(line) not in taken
                and not _PAGE_NUMBER.match(line.text.strip())
                and holds_contact(line.text)
            ):
                taken.add(key(line))
                running.append(line)
            continue
        kept.append(line)
    return kept


def _attach_links(lines: list[Line], links: list[list[Any]]) -> None:
    """A link annotation belongs to the line it is drawn over: most of the link's height within
    the line's, and the two side by side overlapping."""
    for uri, x0, top, x1, bottom in links:
        height = max(float(bottom) - float(top), 1.0)
        for line in lines:
            shared = min(line.bottom, float(bottom)) - max(line.top, float(top))
            if shared >= 0.5 * min(height, line.bottom - line.top) and line.x0 < x1 and x0 < line.x1:
                if uri not in line.links:
                    line.links = (*line.links, str(uri))
                break
