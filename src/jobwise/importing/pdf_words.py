"""Runs in the limited PDF child (samples/pdf_worker.py): the words of each page with their box
and font, read with pypdfium2.

Loaded by file path inside `python -I`, so it imports nothing from the app: standard library and
pypdfium2 only. The parent (reading.py) turns words into lines.

Output: {"status": "ok", "pages": [{"width", "height", "image_area", "rotated_chars",
"words": [[text, x0, top, x1, bottom, size, font, baseline]], "links": [[uri, x0, top, x1, bottom]]}],
"fonts": [[name, bold, italic]]}; a font is an index into "fonts". `top` and `bottom` are measured
down from the top of the page. "links" are the page's link annotations that open a URI (an icon
or a handle in the header pointing to "https://github.com/..." or "mailto:...").
"""

from __future__ import annotations

import ctypes
import re
from typing import Any

from jobwise.importing.lines import is_ideograph

# Characters pdfium reports for nothing visible, and spaces that separate words.
_SKIP = {0xFFFE, 0xFFFF, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x0000}
_SPACES = {0x20, 0xA0, 0x09, 0x2002, 0x2003, 0x2009, 0x202F, 0x3000, 0x0D, 0x0A}
_BOLD_NAME = re.compile(
    r"bold|black|heavy|demi|semibold|extrabold|ultrabold|^cm\w*bx|^lmroman\w*bx|bx\d|-bd|,b$"
)
_ITALIC_NAME = re.compile(r"italic|oblique|^cmti|^cmsl|^lmroman\w*it|-it$|,i$|slant")
_FORCE_BOLD = 1 << 18  # PDF font flag 19
_FILL_STROKE = 2  # text render mode: filled and outlined, how a printer fakes bold
_STROKED = " (stroked)"
_ITALIC_FLAG = 1 << 6  # PDF font flag 7
# A hostile file may hold thousands of links or very long ones: a résumé needs a few, short.
_MAX_LINKS = 200
_MAX_URI = 500


def _font_style(name: str, weight: int, flags: int) -> tuple[bool, bool]:
    base = name.split("+", 1)[-1].lower()
    bold = weight >= 600 or bool(flags & _FORCE_BOLD) or bool(_BOLD_NAME.search(base))
    italic = bool(flags & _ITALIC_FLAG) or bool(_ITALIC_NAME.search(base))
    return bold, italic


class _Fonts:
    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.table: list[list[Any]] = []
        self._by_key: dict[tuple[str, bool, bool], int] = {}
        self._by_pointer: dict[int, int] = {}
        self._buffer = ctypes.create_string_buffer(256)

    def index(self, font: Any) -> int:
        pointer = ctypes.cast(font, ctypes.c_void_p).value or 0
        known = self._by_pointer.get(pointer)
        if known is not None:
            return known
        raw = self.raw
        length = raw.FPDFFont_GetBaseFontName(font, self._buffer, 256) if pointer else 0
        name = self._buffer.raw[: max(length - 1, 0)].decode("utf-8", "replace") if length else ""
        name = name.split("\x00", 1)[0]  # the buffer may keep a longer name's tail after a NUL
        weight = raw.FPDFFont_GetWeight(font) if pointer else -1
        flags = raw.FPDFFont_GetFlags(font) if pointer else 0
        bold, italic = _font_style(name, weight, flags)
        key = (name.split("+", 1)[-1], bold, italic)
        index = self._by_key.get(key)
        if index is None:
            index = self._by_key[key] = len(self.table)
            self.table.append([key[0], bold, italic])
        self._by_pointer[pointer] = index
        return index

    def stroked(self, index: int) -> int:
        """The font drawn filled and stroked: a bold made by the printer (Word through TCPDF)."""
        name, _, italic = self.table[index]
        key = (f"{name}{_STROKED}", True, italic)
        known = self._by_key.get(key)
        if known is None:
            known = self._by_key[key] = len(self.table)
            self.table.append(list(key))
        return known


def _without_empty_actual_text(raw: Any, page: Any) -> None:
    """Drop marks that say the text they wrap reads as nothing (`/ActualText ()`), before pdfium
    reads the page: an editor's left-over (Acrobat's TouchUp) over glyphs a reader sees, which
    makes pdfium keep the first glyph of the span and drop the rest ("周" of "周润杰")."""
    value = (ctypes.c_ushort * 4)()
    length = ctypes.c_ulong()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=4):
        for index in reversed(range(raw.FPDFPageObj_CountMarks(obj.raw))):
            mark = raw.FPDFPageObj_GetMark(obj.raw, index)
            found = raw.FPDFPageObjMark_GetParamStringValue(
                mark, b"ActualText", value, ctypes.sizeof(value), ctypes.byref(length)
            )
            if found and length.value <= 2:  # UTF-16 with its terminator: empty
                raw.FPDFPageObj_RemoveMark(obj.raw, mark)


def _page_words(raw: Any, document: Any, page: Any, fonts: _Fonts) -> dict[str, Any]:
    width, height = page.get_size()
    _without_empty_actual_text(raw, page)
    textpage = page.get_textpage()
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    words: list[list[Any]] = []
    rect = raw.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    current: list[Any] | None = None
    last_object: int | None = None
    size = 0.0
    font = 0
    rotated = 0
    colour: tuple[int, int, int] = (0, 0, 0)
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    text = textpage.get_text_range(0, count) if count else ""
    for index in range(min(count, len(text))):
        code = ord(text[index])
        if code in _SKIP:
            continue
        if code in _SPACES:
            following = text[index + 1 : index + 2]
            # A space pdfium made for letter-spacing between ideographs ("周 润 杰" for a name
            # drawn spaced out): Chinese and Japanese put no spaces between words.
            letter_spaced = (
                current is not None
                and is_ideograph(current[0][-1])
                and bool(following)
                and is_ideograph(following)
                and raw.FPDFText_IsGenerated(handle, index) == 1
            )
            if not letter_spaced:
                current = None
            continue
        if code in (0x00AD, 0x2010, 0x2011) and raw.FPDFText_IsHyphen(handle, index) != 1:
            code = 0x2D  # a hyphen the font maps to the soft hyphen ("Co‐founder"): a hyphen
        obj = raw.FPDFText_GetTextObject(handle, index)
        pointer = ctypes.cast(obj, ctypes.c_void_p).value or 0
        if pointer != last_object:
            last_object = pointer
            mode = raw.FPDFTextObj_GetTextRenderMode(obj) if pointer else 0
            if mode == 3:  # invisible (an OCR layer)
                size = -1.0
            else:
                size = float(raw.FPDFText_GetFontSize(handle, index))
                # The font size is in text space: a PDF that sets every font at 1 and scales the
                # text matrix (PDF24, Canva, some Word printers) draws at size x the matrix scale.
                if pointer and raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
                    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                    if scale > 0.05:
                        size *= scale
                font = fonts.index(raw.FPDFTextObj_GetFont(obj) if pointer else None)
                if pointer and raw.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha):
                    colour = (red.value, green.value, blue.value)
                if mode == _FILL_STROKE:
                    font = fonts.stroked(font)
        if size < 0:
            continue
        angle = raw.FPDFText_GetCharAngle(handle, index)
        if 0.05 < angle < 6.23:
            rotated += 1
            current = None
            continue
        raw.FPDFText_GetLooseCharBox(handle, index, rect)
        raw.FPDFText_GetCharOrigin(handle, index, origin_x, origin_y)
        x0, x1 = rect.left, rect.right
        y0, y1 = height - rect.top, height - rect.bottom
        baseline = height - origin_y.value
        char = chr(code) if code == 0x2D else text[index]
        if current is not None:
            gap = x0 - current[3]
            # A capital in another colour right after a small letter starts a word of its own:
            # a name drawn in two shades with no space between ("Arash" grey, "Eslami" black).
            recoloured = colour != current[8] and char.isupper() and current[0][-1:].islower()
            if (
                not recoloured
                and abs(baseline - current[7]) < max(size, 1.0) * 0.3
                and -size * 1.2 < gap < max(size, 1.0) * (0.6 if is_ideograph(char) else 0.2)
            ):
                # The same word, even across a font change (a bold label, a ligature's font).
                current[0] += char
                current[3] = max(current[3], x1)
                current[2] = min(current[2], y0)
                current[4] = max(current[4], y1)
                continue
        current = [char, x0, y0, x1, y1, size, font, baseline, colour]
        words.append(current)
    for word in words:
        del word[8:]  # the colour parts words only; the parent reads eight fields
        word[1:6] = [round(value, 2) for value in word[1:6]]
        word[7] = round(word[7], 2)
    image_area = 0.0
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        if raw.FPDFPageObj_GetBounds(obj.raw, fl, fb, fr, ft):
            image_area += max(0.0, fr.value - fl.value) * max(0.0, ft.value - fb.value)
    return {
        "width": round(width, 2),
        "height": round(height, 2),
        "image_area": round(min(image_area / max(width * height, 1.0), 1.0), 3),
        "rotated_chars": rotated,
        "words": words,
        "links": _page_links(raw, document, page, height),
    }


def _page_links(raw: Any, document: Any, page: Any, height: float) -> list[list[Any]]:
    links: list[list[Any]] = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while len(links) < _MAX_LINKS and raw.FPDFLink_Enumerate(
        page.raw, ctypes.byref(position), ctypes.byref(link)
    ):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(document.raw, action, None, 0)
        if not 1 < length <= _MAX_URI or not raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFAction_GetURIPath(document.raw, action, buffer, length)
        uri = buffer.value.decode("utf-8", "replace").strip()
        if uri:
            box = [rect.left, height - rect.top, rect.right, height - rect.bottom]
            links.append([uri, *(round(value, 2) for value in box)])
    return links


def extract(path: str, max_pages: int, max_chars: int) -> dict[str, Any]:
    import pypdfium2
    import pypdfium2.raw as raw

    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            return {"status": "encrypted"}
        return {"status": "corrupt", "reason": type(exc).__name__}
    pages = len(document)
    if pages > max_pages:
        return {"status": "too_many_pages", "pages": pages}
    fonts = _Fonts(raw)
    result = []
    total = 0
    for number in range(pages):
        page = document[number]
        words = _page_words(raw, document, page, fonts)
        total += sum(len(word[0]) + 1 for word in words["words"]) + sum(
            len(link[0]) for link in words["links"]
        )
        if total > max_chars:
            return {"status": "too_much_text"}
        result.append(words)
    return {"status": "ok", "pages": result, "fonts": _named_weights(fonts.table)}


def _named_weights(table: list[list[Any]]) -> list[list[Any]]:
    """A font the file names without a weight ("Arial") beside the same family named bold
    ("Arial,Bold") is the regular one, whatever weight its descriptor claims (TCPDF writes 695)."""
    families_named_bold = {
        re.split(r"[,-]", str(name), maxsplit=1)[0].lower()
        for name, _, _ in table
        if _BOLD_NAME.search(str(name).lower())
    }
    for row in table:
        name = str(row[0]).lower()
        family = re.split(r"[,-]", name, maxsplit=1)[0]
        stroked = name.endswith(_STROKED)
        if row[1] and family in families_named_bold and not _BOLD_NAME.search(name) and not stroked:
            row[1] = False
    return table
