"""One layout for every format: a document becomes a flat list of blocks, and each renderer
(PDF, DOCX, Markdown, text) draws the same blocks. A fact therefore reads the same in every file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobwise.rendering.model import (
    AnyDocument,
    CoverLetterDocument,
    ResumeDocument,
    ResumeEntry,
    Span,
    TextDocument,
)

SEPARATOR = " · "


@dataclass(frozen=True)
class Name:
    text: str


@dataclass(frozen=True)
class ContactLine:
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    title: str


@dataclass(frozen=True)
class Entry:
    """A role, project or degree: a bold heading with its period on the right, details below."""

    heading: str
    period: str
    details: str
    bullets: tuple[tuple[Span, ...], ...] = ()


@dataclass(frozen=True)
class Subheading:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    # A letter's paragraphs stand apart by a blank line's height; a résumé's sit close.
    spaced: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Span, ...], ...]


LayoutBlock = Name | ContactLine | Section | Entry | Subheading | Paragraph | Bullets


@dataclass(frozen=True)
class Layout:
    title: str
    author: str
    blocks: tuple[LayoutBlock, ...]


def _plain(text: str) -> tuple[Span, ...]:
    return (Span(text),)


_SCHEME = re.compile(r"^https?://(www\.)?", re.IGNORECASE)


def short_url(url: str) -> str:
    """An address as people read it: "https://www.github.com/ada/" -> "github.com/ada"."""
    return _SCHEME.sub("", url.strip()).rstrip("/")


def _contact_parts(doc: ResumeDocument | CoverLetterDocument) -> tuple[str, ...]:
    contact = doc.contact
    parts = [contact.email, contact.phone, contact.location, *(short_url(link) for link in contact.links)]
    return tuple(part for part in parts if part)


def _entry(item: ResumeEntry) -> Entry:
    details = [part for part in (item.location, short_url(item.url) if item.url else None) if part]
    if item.technologies:
        details.append(", ".join(item.technologies))
    return Entry(
        heading=item.heading,
        period=item.period,
        details=SEPARATOR.join(details),
        bullets=tuple(_plain(bullet) for bullet in item.bullets),
    )


def _resume(doc: ResumeDocument) -> Layout:
    blocks: list[LayoutBlock] = [Name(doc.contact.name)]
    if doc.contact.headline:
        blocks.append(Subheading(_plain(doc.contact.headline)))
    if _contact_parts(doc):
        blocks.append(ContactLine(_contact_parts(doc)))
    if doc.summary:
        blocks += [Section("Summary"), Paragraph(_plain(doc.summary))]
    if doc.experiences:
        blocks.append(Section("Experience"))
        blocks += [_entry(item) for item in doc.experiences]
    if doc.projects:
        blocks.append(Section("Projects"))
        blocks += [_entry(item) for item in doc.projects]
    if doc.skill_groups:
        blocks.append(Section("Skills"))
        blocks += [
            Paragraph((Span(f"{group}:", bold=True), Span(" " + ", ".join(skills))))
            for group, skills in doc.skill_groups
        ]
    elif doc.skills:
        blocks += [Section("Skills"), Paragraph(_plain(", ".join(doc.skills)))]
    if doc.education:
        blocks.append(Section("Education"))
        blocks += [
            Entry(
                heading=item.heading,
                period=item.period,
                details=SEPARATOR.join(part for part in (item.location, item.details) if part),
            )
            for item in doc.education
        ]
    for section in doc.sections:
        if section.entries:
            blocks.append(Section(section.title))
            blocks += [_entry(item) for item in section.entries]
    if doc.languages:
        blocks += [Section("Languages"), Paragraph(_plain(", ".join(doc.languages)))]
    return Layout(title=f"Resume: {doc.contact.name}", author=doc.contact.name, blocks=tuple(blocks))


def _letter(doc: CoverLetterDocument) -> Layout:
    blocks: list[LayoutBlock] = [Name(doc.contact.name)]
    if _contact_parts(doc):  # as on the résumé: addresses shown short
        blocks.append(ContactLine(_contact_parts(doc)))
    if doc.date:
        blocks.append(Paragraph(_plain(doc.date), spaced=True))
    regarding = SEPARATOR.join(
        part.strip() for part in (doc.recipient, doc.job_title) if part and part.strip()
    )
    if regarding:
        blocks.append(Paragraph((Span(regarding, bold=True),), spaced=True))
    blocks += [Paragraph(_plain(paragraph), spaced=True) for paragraph in doc.paragraphs]
    title = f"Cover letter: {doc.contact.name}" + (f", {doc.recipient}" if doc.recipient else "")
    return Layout(title=title, author=doc.contact.name, blocks=tuple(blocks))


def _text(doc: TextDocument) -> Layout:
    blocks: list[LayoutBlock] = []
    bullets: list[tuple[Span, ...]] = []
    for block in doc.blocks:
        if block.kind == "bullet":
            bullets.append(block.spans)
            continue
        if bullets:
            blocks.append(Bullets(tuple(bullets)))
            bullets = []
        if block.kind == "title":
            blocks.append(Name(block.text))
        elif block.kind == "heading":
            blocks.append(Section(block.text))
        elif block.kind == "subheading":
            blocks.append(Subheading(block.spans))
        else:
            blocks.append(Paragraph(block.spans))
    if bullets:
        blocks.append(Bullets(tuple(bullets)))
    name = next((block.text for block in blocks if isinstance(block, Name)), "")
    return Layout(title=name or "Document", author=name, blocks=tuple(blocks))


def lay_out(document: AnyDocument) -> Layout:
    if isinstance(document, ResumeDocument):
        return _resume(document)
    if isinstance(document, CoverLetterDocument):
        return _letter(document)
    return _text(document)
