"""How an applicant tracking system reads a document: the exported file, parsed back.

The document is exported exactly as it is sent (the same stored PDF or DOCX), then read with the
résumé importer (importing) as any uploaded file would be: the PDF in samples' limited
child process. What the parser recovers is compared with what the document holds:
- every field (name, email, phone, links; each role's title, employer, dates and bullets; each
  school and degree; each skill; the summary): found where it belongs, or lost;
- the job's keywords present in the extracted text;
- warnings: text drawn as pictures, columns (a parser may read them out of order), a section
  whose heading was not recognised, entries read in another order than written.
"""

from __future__ import annotations

import asyncio
import os
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.documents import service
from jobwise.importing.lines import ReadDocument
from jobwise.importing.parser import Draft, parse
from jobwise.importing.reading import read_upload
from jobwise.importing.schemas import AtsCheckRead, AtsField, AtsKeywords
from jobwise.importing.verify import DocumentText, squash
from jobwise.importing.vocabulary import heading_kind
from jobwise.models import Document, Job
from jobwise.rendering.model import ResumeDocument, TextDocument, format_date
from jobwise.samples.extraction import Extractor
from jobwise.storage import Storage

AtsFormat = Literal["pdf", "docx"]
_SECTION_TITLES = {"summary": "Summary", "work": "Experience", "projects": "Projects", "skills": "Skills"}


@dataclass
class _Report:
    fields: list[AtsField] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def check(
        self, name: str, expected: str | None, read_as: str | None, *, found: bool | None = None
    ) -> None:
        if not expected:
            return
        ok = found if found is not None else _same(expected, read_as)
        self.fields.append(AtsField(field=name, expected=expected, found=ok, read_as=read_as))


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def _address(url: str) -> str:
    # A résumé shows links short ("github.com/ada"); a reader gets them back without the scheme.
    text = _norm(url).removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return text.rstrip("/")


def _same(expected: str, read_as: str | None) -> bool:
    return _norm(expected) == _norm(read_as)


async def ats_check(
    session: AsyncSession, document: Document, fmt: AtsFormat, *, storage: Storage, extractor: Extractor
) -> AtsCheckRead:
    exported = await service.export_document(document, fmt, storage=storage)
    read = await _read(exported.content, fmt, storage=storage, owner=document.user_id, extractor=extractor)
    draft = await asyncio.to_thread(parse, read)
    source = service.renderable(document)
    report = _Report()
    if isinstance(source, ResumeDocument):
        _compare_resume(report, source, draft)
        _heading_warnings(report, source, draft)
    else:
        name = source.contact.name if not isinstance(source, TextDocument) else _text_name(source)
        report.check("name", name, (draft.document.get("basics") or {}).get("name"))
        if isinstance(source, TextDocument):
            for block in source.blocks:
                if block.kind == "heading" and heading_kind(block.text) is None:
                    report.warnings.append(
                        f"The heading '{block.text}' is not one parsers know (Experience, Education, "
                        "Skills...): what follows it may be filed under the section before or dropped."
                    )
    _layout_warnings(report, read)
    job = await session.get(Job, document.job_id) if document.job_id else None
    keywords = _keywords(job, DocumentText.of(read))
    found = sum(1 for item in report.fields if item.found)
    return AtsCheckRead(
        document_id=document.id,
        format=fmt,
        pages=read.pages,
        fields=report.fields,
        found=found,
        lost=len(report.fields) - found,
        keywords=keywords,
        warnings=report.warnings,
        extracted_text=read.text,
    )


async def _read(
    content: bytes, fmt: AtsFormat, *, storage: Storage, owner: int, extractor: Extractor
) -> ReadDocument:
    fd, path = await asyncio.to_thread(storage.new_temp, storage.user_dir(owner) / "imports")
    try:
        await asyncio.to_thread(_write, fd, content)
        return await read_upload(path, kind=fmt, extractor=extractor)
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def _write(fd: int, content: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


def _text_name(document: TextDocument) -> str | None:
    return next((block.text for block in document.blocks if block.kind == "title"), None)


def _best(items: list[dict[str, Any]], *wanted: tuple[str, str | None]) -> dict[str, Any] | None:
    """The parsed entry most like the one written (same employer and title, or school)."""
    best, best_score = None, 0
    for item in items:
        score = sum(2 if _same(value or "", item.get(key)) else 0 for key, value in wanted if value)
        if score > best_score:
            best, best_score = item, score
    return best


def _compare_resume(report: _Report, source: ResumeDocument, draft: Draft) -> None:
    document = draft.document
    basics: dict[str, Any] = document.get("basics") or {}
    contact = source.contact
    report.check("name", contact.name, basics.get("name"))
    report.check("email", contact.email, basics.get("email"))
    report.check("phone", contact.phone, basics.get("phone"))
    links = [basics.get("url")] + [p.get("url") for p in basics.get("profiles") or []]
    for index, link in enumerate(contact.links):
        match = next((found for found in links if found and _address(found) == _address(link)), None)
        report.check(f"links[{index}]", link, match, found=match is not None)
    if source.summary:
        summary = basics.get("summary")
        report.check(
            "summary", source.summary, summary, found=squash(source.summary) == squash(summary or "")
        )
    work: list[dict[str, Any]] = document.get("work") or []
    order: list[int] = []
    for index, entry in enumerate(source.experiences):
        item = _best(work, ("name", entry.organization), ("position", entry.title))
        prefix = f"experiences[{index}]"
        if item is not None:
            order.append(work.index(item))
        got = item or {}
        report.check(f"{prefix}.title", entry.title, got.get("position"))
        report.check(f"{prefix}.employer", entry.organization, got.get("name"))
        written = entry.period
        read_period = _period(got) if item is not None else None
        report.check(f"{prefix}.dates", written, read_period)
        highlights = [squash(text) for text in got.get("highlights") or []]
        for number, bullet in enumerate(entry.bullets):
            report.check(
                f"{prefix}.bullets[{number}]", bullet, bullet if squash(bullet) in highlights else None
            )
    if order != sorted(order):
        report.warnings.append("Roles were read in another order than they are written.")
    projects: list[dict[str, Any]] = document.get("projects") or []
    for index, entry in enumerate(source.projects):
        item = _best(projects, ("name", entry.title))
        report.check(f"projects[{index}].name", entry.title, (item or {}).get("name"))
    education: list[dict[str, Any]] = document.get("education") or []
    for index, school in enumerate(source.education):
        item = _best(education, ("institution", school.institution))
        got = item or {}
        report.check(f"education[{index}].institution", school.institution, got.get("institution"))
        degree = got.get("studyType")
        report.check(f"education[{index}].degree", school.degree, degree)
    keywords = {_norm(word) for group in document.get("skills") or [] for word in group.get("keywords") or []}
    for index, skill in enumerate(source.skills):
        report.check(f"skills[{index}]", skill, skill if _norm(skill) in keywords else None)


def _period(item: dict[str, Any]) -> str:
    start, end = item.get("startDate"), item.get("endDate")
    first = format_date(start)
    last = format_date(end) if end else ("Present" if start else "")
    return first if first == last else f"{first} – {last}" if first and last else first or last


def _heading_warnings(report: _Report, source: ResumeDocument, draft: Draft) -> None:
    document = draft.document
    present = {
        "summary": bool(source.summary),
        "work": bool(source.experiences),
        "projects": bool(source.projects),
        "skills": bool(source.skills),
    }
    read = {
        "summary": bool((document.get("basics") or {}).get("summary")),
        "work": bool(document.get("work")),
        "projects": bool(document.get("projects")),
        "skills": bool(document.get("skills")),
    }
    for kind, holds in present.items():
        if holds and not read[kind]:
            report.warnings.append(
                f"The '{_SECTION_TITLES[kind]}' section was not recognised: a parser may file its content "
                "under another heading or drop it."
            )


def _layout_warnings(report: _Report, read: ReadDocument) -> None:
    if read.kind == "pdf" and read.image_area > 0.02:
        report.warnings.append(
            "Part of the pages is a picture: text inside pictures is invisible to a parser."
        )
    if read.kind == "docx" and read.image_area:
        report.warnings.append("The document holds pictures: text inside them is invisible to a parser.")
    columns = sorted({page for page, layout in read.columns.items() if layout in ("two", "sidebar")})
    if columns:
        report.warnings.append(
            "Pages " + ", ".join(map(str, columns)) + " are set in columns: many parsers read straight "
            "across the page and mix the columns."
        )
    report.warnings += [warning for warning in read.warnings if warning not in report.warnings]


def _keywords(job: Job | None, text: DocumentText) -> AtsKeywords:
    words = list(dict.fromkeys((job.parsed_keywords or []) if job is not None else []))
    present: list[str] = []
    missing: list[str] = []
    for word in words:
        # Short keywords ("Go", "SQL") must be whole words; longer ones may be spelled apart.
        found = text.contains_phrase(word) if len(squash(word)) < 6 else squash(word) in text.squashed
        (present if found else missing).append(word)
    return AtsKeywords(present=present, missing=missing)
