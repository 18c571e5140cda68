"""Reading an uploaded file into lines, with the defences samples/ applies to every upload.

The kind comes from the bytes (samples.extraction.identify); a PDF is read in samples' limited
child process, here by pdf_words.py (pypdfium2: words with their boxes and fonts); a DOCX only
after samples' archive checks; a text file with samples' decoding rules. Reading takes one of
the extractor's slots, so imports and sample uploads share the same concurrency budget.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from jobwise.importing.docx_lines import read_docx
from jobwise.importing.layout import read_pdf_pages
from jobwise.importing.lines import ReadDocument
from jobwise.importing.text_lines import read_text
from jobwise.samples.errors import CorruptFile, UnsafeFile
from jobwise.samples.extraction import Extractor, Kind, check_docx_archive, decode_text, tidy

PDF_WORDS = Path(__file__).with_name("pdf_words.py")
# Words come with boxes and fonts: about 60 bytes of JSON for each word of text.
PDF_OUTPUT_PER_CHAR = 24


async def read_upload(
    path: Path, *, kind: Kind, extractor: Extractor, charset: str | None = None, markdown: bool = True
) -> ReadDocument:
    if kind == "pdf":
        result = await extractor.run_pdf_child(
            path, script=PDF_WORDS, output_cap=extractor.limits.max_text_chars * PDF_OUTPUT_PER_CHAR
        )
        return await asyncio.to_thread(read_pdf_pages, result)
    async with extractor.slot():
        if kind == "docx":
            return await asyncio.to_thread(_docx, path)
        data = await asyncio.to_thread(path.read_bytes)
        return await asyncio.to_thread(_text, data, charset, markdown)


def _docx(path: Path) -> ReadDocument:
    check_docx_archive(path)
    try:
        return read_docx(path)
    except (UnsafeFile, CorruptFile):
        raise
    except Exception:  # python-docx and lxml raise many types for broken parts
        raise CorruptFile(
            "This Word document is damaged and cannot be read; open it in Word, save a fresh copy "
            "(or export a PDF) and upload that."
        ) from None


def _text(data: bytes, charset: str | None, markdown: bool) -> ReadDocument:
    return read_text(tidy(decode_text(data, charset)), markdown=markdown)


def read_local(path: Path) -> ReadDocument:
    """The same reading in this process and without limits: for tests and benchmarks on trusted
    files only."""
    import importlib.util

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        spec = importlib.util.spec_from_file_location("jobwise_pdf_words", PDF_WORDS)
        assert spec is not None and spec.loader is not None
        module: Any = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return read_pdf_pages(module.extract(str(path), 200, 10_000_000))
    if suffix == ".docx":
        return _docx(path)
    return _text(path.read_bytes(), None, True)


def visible_text(read: ReadDocument) -> str:
    return re.sub(r"[ \t]+", " ", read.text)
