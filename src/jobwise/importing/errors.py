"""What can go wrong with an import beyond what any upload can (samples/errors.py)."""

from __future__ import annotations

from jobwise.errors import InvalidInput
from jobwise.samples.errors import NoTextFound


class ScannedDocument(NoTextFound):
    """A PDF of page images, or a Word document made of pictures: nothing to read without OCR."""

    code = "scanned_document"


class GarbledText(InvalidInput):
    """The text layer maps glyphs to the wrong characters (a font without a Unicode map)."""

    code = "garbled_text"


class NotAResume(InvalidInput):
    code = "not_a_resume"


class LLMNotConfigured(InvalidInput):
    """engine=llm on a server that runs the offline engine: the request asks for what is not here."""

    code = "llm_not_configured"
