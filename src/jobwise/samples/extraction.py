"""Text from an uploaded sample: the type from the content, then one reader per type.

- The type comes from the bytes (the PDF header, a ZIP holding a Word document, or text that
  decodes cleanly); the file's extension must be allowed and must agree with it.
- pdf: pypdf in a child process with CPU, memory and wall-clock limits (pdf_worker.py); the
  event loop only awaits the child, so the server keeps answering while a hostile PDF burns
  its budget. bench/extraction.py compares pypdf with pypdfium2; docs/decisions.md says why pypdf.
- docx: the archive is checked first (member count, total uncompressed size, compression
  ratio, and no DOCTYPE or ENTITY declaration in any XML part), then python-docx reads the
  body's paragraphs and tables in reading order. python-docx's own parser already has
  resolve_entities=False; refusing declarations outright also stops entity-expansion tricks
  that do not need resolution (and libxml2's DTD loading).
- text: a BOM (UTF-8, UTF-16, UTF-32), else UTF-8, else the charset the client declared for
  the part, else cp1252 (what Windows editors write); no NULs or other binary control bytes.
Every reader ends in the same tidy-up: newlines normalised, characters no stored text may hold
removed (text/safe.py), trailing spaces and runs of blank lines removed.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import json
import logging
import os
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jobwise.samples.errors import (
    CorruptFile,
    EncryptedFile,
    FileTooComplex,
    FileTypeMismatch,
    NoTextFound,
    TooMuchText,
    UnsafeFile,
    UnsupportedFileType,
)
from jobwise.text.safe import strip_unsafe

logger = logging.getLogger("jobwise.samples")

Kind = Literal["pdf", "docx", "text"]

# Extensions that may carry each kind (further narrowed by ALLOWED_EXTENSIONS).
EXTENSIONS: dict[Kind, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "docx": frozenset({"docx"}),
    "text": frozenset({"txt", "text", "md"}),
}
MEDIA_TYPES: dict[Kind, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text": "text/plain",
}

# Fewer visible characters than this is "no text" (a scanned page yields none or a few stray ones).
MIN_TEXT_CHARS = 20

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, and password-protected .docx

# DOCX archive limits. A real resume is a few dozen members and well under 10 MB unpacked;
# python-docx loads every part into memory, so the total is also the memory bound.
DOCX_MAX_MEMBERS = 1_000
DOCX_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
DOCX_MAX_XML_PART_BYTES = 20 * 1024 * 1024
# Deflated XML rarely compresses past 30:1; bombs reach 1000:1. Tiny members are ignored.
DOCX_MAX_RATIO = 100
DOCX_RATIO_FLOOR_BYTES = 1024 * 1024
_XML_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_SCAN_CHUNK = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
TEXT_FALLBACK_ENCODING = "cp1252"
# Control characters that never occur in text: their presence means a binary file.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_WORKER = Path(__file__).with_name("pdf_worker.py")
# Environment passed to the PDF child: enough to run Python, none of the app's secrets.
_CHILD_ENV_KEYS = ("PATH", "SYSTEMROOT", "LANG", "LC_ALL", "TMPDIR")


@dataclass(frozen=True)
class ExtractionLimits:
    """Budgets for reading one file; the PDF ones apply to the child process."""

    cpu_seconds: int = 15
    memory_bytes: int = 512 * 1024 * 1024
    wall_seconds: float = 30.0
    max_pages: int = 50
    max_text_chars: int = 200_000
    # Files read at once per process; the others wait their turn.
    concurrency: int = 2


@dataclass(frozen=True)
class Extracted:
    kind: Kind
    text: str


def file_extension(file_name: str) -> str:
    _, dot, extension = file_name.rpartition(".")
    return extension.lower() if dot else ""


def identify(path: Path, *, extension: str, allowed_extensions: list[str]) -> Kind:
    """The kind of file by its content; 415 unless its extension is allowed and agrees."""
    allowed = sorted(set(allowed_extensions))
    if extension not in allowed:
        what = (
            f"Files ending in '.{extension}' are not accepted"
            if extension
            else "The file name has no extension"
        )
        raise UnsupportedFileType(
            f"{what}; upload one of: " + ", ".join(f".{ext}" for ext in allowed),
            details={"allowed_extensions": allowed},
        )
    with path.open("rb") as handle:
        head = handle.read(1024)
    kind: Kind
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path, extension)
    elif head.startswith(_OLE2_MAGIC):
        if extension == "docx":
            raise EncryptedFile(
                "This Word document is password-protected; open it in Word, remove the password "
                "(File > Info > Protect Document) and upload it again."
            )
        raise UnsupportedFileType(
            "This is an old-style Office file (.doc); save it as .docx or PDF and upload that."
        )
    else:
        kind = "text"
    if extension not in EXTENSIONS[kind]:
        raise FileTypeMismatch(
            f"The file's content is {_describe(kind)} but its name ends in '.{extension}'; "
            "rename it to match its content, or export it in the format its name says.",
            details={"detected": kind, "extension": extension},
        )
    return kind


def _describe(kind: Kind) -> str:
    return {"pdf": "a PDF", "docx": "a Word (.docx) document", "text": "plain text"}[kind]


def _zip_kind(path: Path, extension: str) -> Kind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        if extension == "docx":
            raise CorruptFile(
                "This Word document is damaged and cannot be opened; open it in Word, save a "
                "fresh copy (or export a PDF) and upload that."
            ) from None
        raise UnsupportedFileType("This is a damaged ZIP archive, not a document we can read.") from None
    if {"word/document.xml", "[Content_Types].xml"} <= names:
        return "docx"
    raise UnsupportedFileType(
        "This is a ZIP archive but not a Word document; upload a .docx, .pdf or .txt file."
    )


class Extractor:
    """Reads uploaded files within `limits`; one per app (it holds the concurrency slots)."""

    def __init__(self, limits: ExtractionLimits | None = None) -> None:
        self.limits = limits or ExtractionLimits()
        self._slots = asyncio.Semaphore(self.limits.concurrency)

    async def extract(self, path: Path, *, kind: Kind, charset: str | None = None) -> Extracted:
        async with self._slots:
            if kind == "pdf":
                text = await self._pdf_text(path)
            elif kind == "docx":
                text = await asyncio.to_thread(docx_text, path)
            else:
                text = await asyncio.to_thread(plain_text, path, charset)
        text = tidy(text)
        if len(text) > self.limits.max_text_chars:
            raise _too_much_text(self.limits.max_text_chars)
        if len(re.sub(r"\s+", "", text)) < MIN_TEXT_CHARS:
            raise _no_text(kind)
        return Extracted(kind=kind, text=text)

    def slot(self) -> asyncio.Semaphore:
        """One of the concurrency slots, for readers that run here rather than in the child."""
        return self._slots

    async def _pdf_text(self, path: Path) -> str:
        result = await self._run_child(path, script=None, output_cap=None)
        text = result.get("text")
        if not isinstance(text, str):
            raise _too_complex()
        return text

    async def run_pdf_child(self, path: Path, *, script: Path, output_cap: int) -> dict[str, Any]:
        """Another PDF reader (`script`, with pdf_worker's `extract` signature) in the same limited
        child process; its result when its status is "ok", else the same errors as samples."""
        async with self._slots:
            return await self._run_child(path, script=script, output_cap=output_cap)

    async def _run_child(self, path: Path, *, script: Path | None, output_cap: int | None) -> dict[str, Any]:
        limits = self.limits
        env = {key: os.environ[key] for key in _CHILD_ENV_KEYS if key in os.environ}
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-I",  # isolated: no PYTHON* variables, no user site, no current directory on the path
            str(_WORKER),
            str(path),
            str(limits.cpu_seconds),
            str(limits.memory_bytes),
            str(limits.max_pages),
            str(limits.max_text_chars),
            *([str(script)] if script is not None else []),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=env,
        )
        # JSON of the longest text allowed, with room for escapes.
        cap = output_cap or limits.max_text_chars * 6 + 4096
        try:
            output = await asyncio.wait_for(_read_capped(process, cap), timeout=limits.wall_seconds)
        except TimeoutError:
            logger.warning("PDF extraction timed out after %ss", limits.wall_seconds)
            raise _too_complex() from None
        finally:
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):  # it may have just exited
                    process.kill()
                await process.wait()
        return _pdf_result(output, process.returncode, limits)


async def _read_capped(process: asyncio.subprocess.Process, cap: int) -> bytes | None:
    """The child's stdout, or None if it wrote more than `cap` bytes."""
    assert process.stdout is not None
    chunks: list[bytes] = []
    size = 0
    while chunk := await process.stdout.read(64 * 1024):
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
    await process.wait()
    return b"".join(chunks)


def _pdf_result(output: bytes | None, returncode: int | None, limits: ExtractionLimits) -> dict[str, Any]:
    result: Any = {}
    if output is not None and returncode == 0:
        try:
            result = json.loads(output)
        except ValueError:
            result = {}
    if not isinstance(result, dict):
        result = {}
    status = result.get("status")
    if status == "ok":
        ok: dict[str, Any] = result
        return ok
    if status == "encrypted":
        raise EncryptedFile(
            "This PDF is password-protected; open it, save or print a copy without a password "
            "(or export it again from the original document) and upload that."
        )
    if status == "corrupt":
        raise CorruptFile(
            "This PDF is damaged and cannot be read; export it again from the original document "
            "(or upload a .docx or .txt copy)."
        )
    if status == "too_many_pages":
        raise FileTooComplex(
            f"This PDF has {result.get('pages')} pages; a sample should be one resume or one cover "
            f"letter (at most {limits.max_pages} pages).",
            code="too_many_pages",
        )
    if status == "too_much_text":
        raise _too_much_text(limits.max_text_chars)
    logger.warning("PDF extraction failed: exit %s, status %s", returncode, status)
    raise _too_complex()


def _too_complex() -> FileTooComplex:
    return FileTooComplex(
        "This PDF could not be read within the time and memory allowed; export it again from the "
        "original document (a plain export, without embedded attachments), or upload a .docx or "
        ".txt copy."
    )


def _too_much_text(max_chars: int) -> TooMuchText:
    return TooMuchText(
        f"The file holds more than {max_chars:,} characters of text; a sample should be one resume "
        "or one cover letter."
    )


def _no_text(kind: Kind) -> NoTextFound:
    if kind == "pdf":
        return NoTextFound(
            "No text could be found in this PDF: it looks scanned or made of images. Upload the "
            "original document (.docx), a PDF exported from a word processor, or a .txt copy."
        )
    return NoTextFound("The file contains no text; upload your resume or cover letter with its text.")


def tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Vertical tab and form feed are how PDFs and Word exports often break a line or a page.
    text = text.replace("\x0b", "\n").replace("\x0c", "\n\n").replace("\ufeff", "")
    # A file may hold characters no stored text may (text/safe.py): they go, the upload stays.
    text = strip_unsafe(text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# -- text ------------------------------------------------------------------------------------


def plain_text(path: Path, declared_charset: str | None = None) -> str:
    return decode_text(path.read_bytes(), declared_charset)


def decode_text(data: bytes, declared_charset: str | None = None) -> str:
    text = _decode(data, declared_charset)
    if _BINARY_CONTROLS.search(text):
        raise UnsupportedFileType(
            "This file is not plain text (it contains binary data); upload a .txt, .docx or .pdf file."
        )
    return text


def _decode(data: bytes, declared_charset: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                raise UnsupportedFileType(
                    f"This text file starts with a {encoding.upper()} byte-order mark but is not "
                    "valid in that encoding; save it again as UTF-8."
                ) from None
    candidates = ["utf-8", declared_charset, TEXT_FALLBACK_ENCODING]
    for encoding in filter(None, candidates):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnsupportedFileType("This file is not text in an encoding we can read; save it as UTF-8.")


# -- docx ------------------------------------------------------------------------------------


def check_docx_archive(path: Path) -> None:
    """Refuse zip bombs and XML declarations before any parser sees the archive.

    The sizes come from the central directory; zipfile stops reading a member at its declared
    size (and fails its CRC), so a member that lies about its size cannot inflate past it.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > DOCX_MAX_MEMBERS:
                raise _unsafe(f"it holds {len(members)} files (at most {DOCX_MAX_MEMBERS})")
            total = sum(member.file_size for member in members)
            if total > DOCX_MAX_UNCOMPRESSED_BYTES:
                raise _unsafe(f"it unpacks to {total:,} bytes (at most {DOCX_MAX_UNCOMPRESSED_BYTES:,})")
            for member in members:
                if member.file_size > DOCX_RATIO_FLOOR_BYTES and member.file_size > DOCX_MAX_RATIO * max(
                    member.compress_size, 1
                ):
                    raise _unsafe(f"'{member.filename[:80]}' is compressed {DOCX_MAX_RATIO}+ times")
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    if member.file_size > DOCX_MAX_XML_PART_BYTES:
                        raise _unsafe(f"'{member.filename[:80]}' is larger than a document part can be")
                    _refuse_declarations(archive, member)
    except zipfile.BadZipFile:
        raise _corrupt_docx() from None


def _refuse_declarations(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    overlap = max(len(marker) for marker in _XML_DECLARATIONS)
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _XML_DECLARATIONS):
                raise UnsafeFile(
                    "This Word document contains XML DOCTYPE or ENTITY declarations, which Word "
                    "never writes; open it in Word, save a fresh copy and upload that.",
                    details={"part": member.filename[:200]},
                )
            tail = window[-overlap:]


def _unsafe(reason: str) -> UnsafeFile:
    return UnsafeFile(
        f"This Word document looks like a zip bomb: {reason}. Open it in Word, save a fresh copy "
        "(or export a PDF) and upload that."
    )


def _corrupt_docx() -> CorruptFile:
    return CorruptFile(
        "This Word document is damaged and cannot be read; open it in Word, save a fresh copy "
        "(or export a PDF) and upload that."
    )


def docx_text(path: Path) -> str:
    check_docx_archive(path)
    import docx  # deferred: python-docx is only needed when someone uploads a .docx

    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        _block_lines(document.iter_inner_content(), lines)
    except (UnsafeFile, CorruptFile):
        raise
    except Exception:  # python-docx and lxml raise many types for broken parts
        logger.info("unreadable docx", exc_info=True)
        raise _corrupt_docx() from None
    return "\n".join(lines)


def _block_lines(blocks: Any, lines: list[str]) -> None:
    """Paragraphs and tables in reading order; a table row by row, each cell once."""
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    # A merged cell appears once per grid column it spans.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    _block_lines(cell.iter_inner_content(), lines)
        else:
            lines.append(_paragraph_line(block))


def _paragraph_line(paragraph: Any) -> str:
    text: str = paragraph.text
    # Word's lists carry no marker character; write one so the style profile sees the bullets.
    # The style id ("ListBullet") is read directly: resolving the style by name costs a search of
    # styles.xml per paragraph.
    p_pr = paragraph._p.pPr
    style_id = (p_pr.style or "") if p_pr is not None else ""
    is_list = (p_pr is not None and p_pr.numPr is not None) or style_id.lower().startswith("list")
    if is_list and text.strip():
        return f"• {text.strip()}"
    return text
