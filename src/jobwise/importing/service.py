"""Import a résumé file into a JSON Resume draft. Nothing is stored: the person reviews the draft
and applies it with PUT /api/v1/profiles/me/json-resume.

1. The file goes through samples' defences (type from the bytes, size, the limited PDF child,
   the DOCX archive checks) and is read into lines (reading.py).
2. Files with nothing to read are refused before any parsing or model call: a scanned PDF, a Word
   document of pictures, or a text layer whose characters are garbage.
3. The offline parse (parser.py); with the LLM engine, the model then revises it (llm.py).
4. Every string of the draft must be found in the file (verify.py); what is not is dropped
   with a warning. A draft that does not look like a résumé at all is refused.
5. The draft is checked against the JSON Resume schema and JobWise's limits, so applying it
   works; a problem left (an end date before its start, as written) becomes a warning.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from jobwise.importing.errors import GarbledText, NotAResume, ScannedDocument
from jobwise.importing.lines import ReadDocument
from jobwise.importing.llm import LlmReviser
from jobwise.importing.parser import Draft, Source, parse
from jobwise.importing.reading import read_upload
from jobwise.importing.schemas import ImportEngineName, ImportRead, ResumeUpload, SourceRead
from jobwise.importing.verify import DocumentText, copied_strings, is_found
from jobwise.profiles import jsonresume
from jobwise.samples.errors import NoTextFound, TooMuchText
from jobwise.samples.extraction import MIN_TEXT_CHARS, Extractor, Kind, file_extension, identify

# Characters that stand for nothing readable: private-use glyphs and the replacement character.
_UNREADABLE = re.compile(r"[\ue000-\uf8ff\ufffd]")
# Above this share of unreadable characters, the text layer is garbage.
MAX_UNREADABLE = 0.2
# A picture covering this much of the pages, with no text, is a scan.
SCAN_IMAGE_AREA = 0.3


@dataclass
class ImportResult:
    draft: dict[str, Any]
    sources: dict[str, Source]
    warnings: list[str]
    engine: ImportEngineName
    read: ReadDocument = field(repr=False)

    def to_read(self) -> ImportRead:
        return ImportRead(
            draft=self.draft,
            sources={pointer: SourceRead(**source.as_json()) for pointer, source in self.sources.items()},
            warnings=self.warnings,
            engine=self.engine,
            pages=self.read.pages,
            layout={str(page): layout for page, layout in self.read.columns.items()},
        )


def import_extensions(allowed: list[str]) -> list[str]:
    """The upload's extensions, and Markdown wherever text files are allowed."""
    extensions = set(allowed)
    if "txt" in extensions:
        extensions.add("md")
    return sorted(extensions)


async def read_resume_file(
    upload: ResumeUpload, *, extractor: Extractor, allowed_extensions: list[str]
) -> ReadDocument:
    kind: Kind = await asyncio.to_thread(
        identify,
        upload.path,
        extension=file_extension(upload.file_name),
        allowed_extensions=import_extensions(allowed_extensions),
    )
    read = await read_upload(upload.path, kind=kind, extractor=extractor, charset=upload.charset)
    check_readable(read, max_chars=extractor.limits.max_text_chars)
    return read


async def import_resume(
    upload: ResumeUpload,
    *,
    extractor: Extractor,
    allowed_extensions: list[str],
    reviser: LlmReviser | None = None,
) -> ImportResult:
    """The offline reading, revised by the model when a reviser is given (engine=llm)."""
    read = await read_resume_file(upload, extractor=extractor, allowed_extensions=allowed_extensions)
    draft = await asyncio.to_thread(parse, read)
    if reviser is not None:
        draft = await reviser.revise(read, draft)
    return await asyncio.to_thread(finish, read, draft, draft.engine)


def finish(read: ReadDocument, draft: Draft, engine: ImportEngineName) -> ImportResult:
    """Verify, refuse a non-résumé, validate: the same last steps for every engine."""
    dropped = drop_unfound(draft, DocumentText.of(read))
    if dropped:
        draft.warnings.append(
            f"{dropped} value(s) were not found in your file and were left out: check the draft."
        )
    check_resume(read, draft)
    draft.warnings += schema_warnings(draft.document)
    return ImportResult(
        draft=draft.document,
        sources=draft.sources,
        warnings=_unique(draft.warnings),
        engine=engine,
        read=read,
    )


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def check_readable(read: ReadDocument, *, max_chars: int) -> None:
    text = read.text
    if len(text) > max_chars:
        raise TooMuchText(
            f"The file holds more than {max_chars:,} characters of text; a résumé is far shorter."
        )
    visible = sum(1 for char in text if char.isalnum())
    if visible < MIN_TEXT_CHARS:
        if (read.kind == "pdf" and read.image_area >= SCAN_IMAGE_AREA) or (
            read.kind == "docx" and read.image_area
        ):
            raise ScannedDocument(
                "This file has no text to read: its pages are pictures (a scan, or screenshots pasted "
                "into a document). Upload the original document, or a PDF exported from a word "
                "processor; JobWise does not read text inside pictures."
            )
        raise NoTextFound(
            "No text could be found in this file; upload your résumé as a PDF, Word document or text file."
        )
    unreadable = len(_UNREADABLE.findall(text))
    if unreadable / (visible + unreadable) > MAX_UNREADABLE:
        raise GarbledText(
            "The text inside this file is garbled (its fonts map letters to the wrong characters), so "
            "it cannot be read reliably. Export the PDF again from the original document, or upload "
            "the .docx."
        )
    letters = sum(1 for char in text if unicodedata.category(char).startswith("L"))
    if letters < MIN_TEXT_CHARS:
        raise GarbledText("The text inside this file has almost no letters; upload the original document.")


def check_resume(read: ReadDocument, draft: Draft) -> None:
    """Refuse a document that shows none of a résumé's marks (a letter, an article, an invoice)."""
    document = draft.document
    basics = document.get("basics") or {}
    signals = 0
    if basics.get("email") or basics.get("phone") or basics.get("profiles") or basics.get("url"):
        signals += 1
    if any(document.get(key) for key in ("work", "education", "projects", "volunteer")):
        signals += 1
    if document.get("skills"):
        signals += 1
    dated = sum(
        1
        for key in ("work", "education")
        for item in document.get(key) or []
        if item.get("startDate") or item.get("endDate")
    )
    if dated:
        signals += 1
    if signals < 2:
        raise NotAResume(
            "This does not look like a résumé: no experience, education or skills sections and no "
            "contact details were found. Upload your résumé (a cover letter or other document "
            "cannot be imported).",
            details={"signals": signals},
        )


def schema_warnings(document: dict[str, Any]) -> list[str]:
    try:
        jsonresume.validate(document)
    except jsonresume.InvalidJsonResume as exc:
        details = exc.details if isinstance(exc.details, list) else []
        return [
            f"{item.get('field')}: {item.get('message')} (as written in your file; fix it before applying)"
            for item in details
        ]
    except jsonresume.JsonResumeTooLarge:
        return ["The draft is larger than a profile can hold; remove some sections before applying."]
    return []


# --- dropping what the file does not say --------------------------------------------------------


def drop_unfound(draft: Draft, text: DocumentText) -> int:
    """Remove every copied string the file does not contain; return how many were removed."""
    missing = [
        pointer for pointer, value in copied_strings(draft.document) if not is_found(text, pointer, value)
    ]
    for pointer in sorted(missing, key=_pointer_key, reverse=True):
        _remove(draft, pointer)
    _prune(draft.document)
    return len(missing)


def _pointer_key(pointer: str) -> tuple[Any, ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in pointer.strip("/").split("/"))


def _remove(draft: Draft, pointer: str) -> None:
    parts = pointer.strip("/").split("/")
    parent: Any = draft.document
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent.get(part)
        if parent is None:
            return
    last = parts[-1]
    draft.sources.pop(pointer, None)
    if isinstance(parent, list):
        index = int(last)
        if index >= len(parent):
            return
        del parent[index]
        # Later items moved up one: so do their sources.
        prefix = "/" + "/".join(parts[:-1]) + "/"
        moved = {}
        for key in list(draft.sources):
            if key.startswith(prefix):
                rest = key[len(prefix) :].split("/", 1)
                if rest[0].isdigit() and int(rest[0]) > index:
                    tail = "/" + rest[1] if len(rest) > 1 else ""
                    moved[f"{prefix}{int(rest[0]) - 1}{tail}"] = draft.sources.pop(key)
        draft.sources.update(moved)
    elif isinstance(parent, dict):
        parent.pop(last, None)


def _prune(value: Any) -> None:
    """Empty lists and objects left behind by removals go too (an entry with no name, no title)."""
    if isinstance(value, dict):
        for key in list(value):
            _prune(value[key])
            if value[key] in ({}, []) and key != "basics":
                del value[key]
    elif isinstance(value, list):
        for item in value:
            _prune(item)
