"""What a document says, independent of how it is drawn.

A resume or cover letter is compiled once into one of these dataclasses; every output format
(PDF through Typst, DOCX, Markdown, plain text) renders the same structure, so the formats cannot
disagree. They round-trip through plain JSON (`to_dict` / `from_dict`) so a stored document keeps
its structure in its metadata and exports it later exactly as it was generated.

`TextDocument` is the fallback for text a person edited by hand: a small Markdown subset
(headings, bullets, paragraphs, **bold**, *italic*) parsed into blocks, rendered with the same look.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def format_date(value: str | None) -> str:
    """'2019-03' -> 'Mar 2019', '2019' -> '2019'; anything unexpected is shown as given."""
    if not value:
        return ""
    match = _DATE.match(value.strip())
    if match is None:
        return value.strip()
    year, month = match.group(1), match.group(2)
    if month and 1 <= int(month) <= 12:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return year


def format_date_range(start: str | None, end: str | None, *, is_current: bool = False) -> str:
    """The one way every format writes a period, so a reader (and an ATS) sees the same text."""
    first = format_date(start)
    last = "Present" if is_current else format_date(end)
    if first and last:
        return first if first == last else f"{first} – {last}"
    return first or last


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None
    # The headline under the name (JSON Resume basics.label), e.g. "Backend engineer".
    headline: str | None = None
    phone: str | None = None
    location: str | None = None
    links: tuple[str, ...] = ()

    def parts(self) -> list[str]:
        """The contact line, in reading order, without empty fields."""
        return [part for part in (self.email, self.phone, self.location, *self.links) if part]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contact:
        return cls(
            name=str(data.get("name") or ""),
            email=data.get("email"),
            headline=data.get("headline"),
            phone=data.get("phone"),
            location=data.get("location"),
            links=tuple(data.get("links") or ()),
        )


@dataclass(frozen=True)
class ResumeEntry:
    """One experience, project, volunteering role, certificate, award or publication, with the
    bullets chosen for this job in relevance order."""

    item_id: str
    kind: str
    title: str
    organization: str | None = None
    location: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    is_current: bool = False
    bullets: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    url: str | None = None

    @property
    def period(self) -> str:
        return format_date_range(self.start_date, self.end_date, is_current=self.is_current)

    @property
    def heading(self) -> str:
        """'Title, Company' for a role; the project name for a project."""
        return f"{self.title}, {self.organization}" if self.organization else self.title

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResumeEntry:
        return cls(
            item_id=str(data["item_id"]),
            kind=data["kind"],
            title=str(data["title"]),
            organization=data.get("organization"),
            location=data.get("location"),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            is_current=bool(data.get("is_current", False)),
            bullets=tuple(data.get("bullets") or ()),
            technologies=tuple(data.get("technologies") or ()),
            url=data.get("url"),
        )


@dataclass(frozen=True)
class EducationEntry:
    item_id: str
    institution: str
    degree: str
    field_of_study: str | None = None
    location: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    gpa: float | None = None
    honors: str | None = None
    # A score given as text ("First-class honours", a dissertation title) when it is no number.
    score: str | None = None

    @property
    def period(self) -> str:
        # A degree begun and not ended is under way.
        return format_date_range(
            self.start_date, self.end_date, is_current=bool(self.start_date and not self.end_date)
        )

    @property
    def heading(self) -> str:
        degree = f"{self.degree} in {self.field_of_study}" if self.field_of_study else self.degree
        return f"{degree}, {self.institution}"

    @property
    def details(self) -> str:
        parts = []
        if self.gpa is not None:
            parts.append(f"GPA {self.gpa:g}")
        elif self.score:
            parts.append(self.score)
        if self.honors:
            parts.append(self.honors)
        return "; ".join(parts)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EducationEntry:
        return cls(
            item_id=str(data["item_id"]),
            institution=str(data["institution"]),
            degree=str(data["degree"]),
            field_of_study=data.get("field_of_study"),
            location=data.get("location"),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            gpa=data.get("gpa"),
            honors=data.get("honors"),
            score=data.get("score"),
        )


@dataclass(frozen=True)
class ResumeSection:
    """Volunteering, certifications, awards or publications: entries under one heading."""

    title: str
    entries: tuple[ResumeEntry, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResumeSection:
        return cls(
            title=str(data.get("title") or ""),
            entries=tuple(ResumeEntry.from_dict(e) for e in data.get("entries") or ()),
        )


@dataclass(frozen=True)
class ResumeDocument:
    contact: Contact
    summary: str | None = None
    experiences: tuple[ResumeEntry, ...] = ()
    projects: tuple[ResumeEntry, ...] = ()
    skills: tuple[str, ...] = ()
    education: tuple[EducationEntry, ...] = ()
    # After education, in this order: volunteering, certifications, awards, publications.
    sections: tuple[ResumeSection, ...] = ()
    # "Group: skill, skill" lines, when the person grouped their skills; then `skills` is empty.
    skill_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    languages: tuple[str, ...] = ()
    kind: Literal["resume"] = "resume"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResumeDocument:
        return cls(
            contact=Contact.from_dict(data.get("contact") or {}),
            summary=data.get("summary"),
            experiences=tuple(ResumeEntry.from_dict(e) for e in data.get("experiences") or ()),
            projects=tuple(ResumeEntry.from_dict(e) for e in data.get("projects") or ()),
            skills=tuple(data.get("skills") or ()),
            education=tuple(EducationEntry.from_dict(e) for e in data.get("education") or ()),
            sections=tuple(ResumeSection.from_dict(s) for s in data.get("sections") or ()),
            skill_groups=tuple(
                (str(group[0]), tuple(group[1]))
                for group in data.get("skill_groups") or ()
                if len(group) == 2
            ),
            languages=tuple(data.get("languages") or ()),
        )


@dataclass(frozen=True)
class CoverLetterDocument:
    contact: Contact
    # The letter itself, paragraphs separated by blank lines, greeting and closing included.
    body: str
    date: str | None = None
    recipient: str | None = None
    job_title: str | None = None
    kind: Literal["cover_letter"] = "cover_letter"

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CoverLetterDocument:
        return cls(
            contact=Contact.from_dict(data.get("contact") or {}),
            body=str(data.get("body") or ""),
            date=data.get("date"),
            recipient=data.get("recipient"),
            job_title=data.get("job_title"),
        )


def split_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines inside one are kept (a closing's signature)."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [block.strip() for block in blocks if block.strip()]


# --- hand-edited text --------------------------------------------------------------------------

BlockKind = Literal["title", "heading", "subheading", "paragraph", "bullet"]


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class TextDocument:
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    kind: Literal["text"] = "text"


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_INLINE = re.compile(
    r"\*\*(.+?)\*\*"  # **bold**
    r"|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"  # *italic*
    r"|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)"  # _italic_
)
_PLACEHOLDER = "\x00{}\x00"


def _spans(text: str) -> tuple[Span, ...]:
    # Escaped characters are set aside first so "C\*\*" never opens emphasis.
    escaped: list[str] = []

    def keep(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return _PLACEHOLDER.format(len(escaped) - 1)

    protected = _ESCAPED.sub(keep, text)

    def restore(value: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], value)

    spans: list[Span] = []
    position = 0
    for match in _INLINE.finditer(protected):
        if match.start() > position:
            spans.append(Span(restore(protected[position : match.start()])))
        if match.group(1) is not None:
            spans.append(Span(restore(match.group(1)), bold=True))
        else:
            spans.append(Span(restore(match.group(2) or match.group(3)), italic=True))
        position = match.end()
    if position < len(protected):
        spans.append(Span(restore(protected[position:])))
    return tuple(span for span in spans if span.text)


_BULLET = re.compile(r"^\s*(?:[-*+•‣▪◦]|\d+[.)])\s+")


def parse_text(text: str) -> TextDocument:
    """Read the Markdown subset that JobWise writes (and most people type) into blocks.

    Unknown syntax is kept as text: nothing a person wrote is dropped.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = ""
            for line in paragraph:
                # A trailing backslash or two spaces is Markdown's hard line break.
                trailing = len(line) - len(line.rstrip("\\"))
                if trailing % 2 == 1:
                    joined += line[:-1].rstrip() + "\n"
                elif line.endswith("  "):
                    joined += line.rstrip() + "\n"
                else:
                    joined += line + " "
            blocks.append(Block("paragraph", _spans(joined.strip())))
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line and raw.endswith("  "):
            line += "  "
        if not line:
            flush()
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            flush()
            level = len(heading.group(1))
            kind: BlockKind = "title" if level == 1 else "heading" if level == 2 else "subheading"
            title = heading.group(2).rstrip("# ").strip() or heading.group(2).strip()
            blocks.append(Block(kind, _spans(title)))
        elif _BULLET.match(line):
            flush()
            blocks.append(Block("bullet", _spans(_BULLET.sub("", line, count=1).strip())))
        elif re.fullmatch(r"[-*_]{3,}", line):
            flush()
        else:
            paragraph.append(line)
    flush()
    return TextDocument(blocks=tuple(block for block in blocks if block.spans))


AnyDocument = ResumeDocument | CoverLetterDocument | TextDocument
