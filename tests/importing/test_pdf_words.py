"""The words of a PDF page as pdfium draws them: every glyph a reader sees, ideographs kept
together as their script writes them."""

from __future__ import annotations

from pathlib import Path

from jobwise.importing.pdf_words import extract

DEV = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev"


def test_text_marked_as_reading_as_nothing_is_still_read() -> None:
    """An editor's `/ActualText ()` left over the name and the first school line: the glyphs are
    drawn, so they are the text (pdfium alone keeps the first glyph of each span)."""
    words = [word[0] for word in extract(str(DEV / "html_cn_zhou.pdf"), 10, 10**7)["pages"][0]["words"]]
    assert "周润杰" in words
    assert "山东大学" in words


def test_ideographs_drawn_letter_spaced_are_one_word() -> None:
    """'周 润 杰': a name drawn with letter-spacing is one word, not three."""
    words = extract(str(DEV / "html_cn_zhou.pdf"), 10, 10**7)["pages"][0]["words"]
    assert not any(word[0] in ("周", "润", "杰") for word in words)
