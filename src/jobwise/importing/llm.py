"""The LLM engine of the importer: the offline parse first, then the model revises its sections.

- Files with nothing readable never reach a model (service.check_readable runs before).
- The model gets line-numbered text (contact details replaced by placeholders: the offline parse
  keeps them) and a JSON schema (ResumeExtraction); it must copy values as written.
- Every string it returns must be in the file: exactly after normalisation, or closely for
  bullets (verify.py); anything else is dropped with a warning.
- Dates are never taken from the model: the date text it quotes must be in the file, and code
  reads it (dates.py), precision included.
- If the model fails (no usable answer, budget, timeout), the offline draft is returned with a
  warning: an import never fails because of the model.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pydantic import BaseModel, Field

from jobwise.ai.engine import CallContext
from jobwise.errors import JobWiseError
from jobwise.importing import prompts
from jobwise.importing.dates import PRESENT, find_dates
from jobwise.importing.lines import Line, ReadDocument
from jobwise.importing.parser import Draft, Source
from jobwise.importing.verify import DocumentText, is_found
from jobwise.profiles.schemas import MAX_BULLETS, MAX_ITEMS

logger = logging.getLogger("jobwise.importing")

# Lines sent to the model at most (a 13-page academic CV is about 600).
MAX_LINES = 1_200


class ExtractedRole(BaseModel):
    employer: str | None = Field(description="The organisation, as written")
    title: str | None = Field(description="The job title, as written")
    location: str | None = None
    dates: str | None = Field(description="The date text exactly as written, or null")
    line: int = Field(description="The number of the line where the entry starts")
    bullets: list[str] = Field(default_factory=list, max_length=MAX_BULLETS)


class ExtractedSchool(BaseModel):
    institution: str | None
    degree: str | None
    dates: str | None
    gpa: str | None
    line: int


class ExtractedProject(BaseModel):
    name: str
    dates: str | None
    line: int
    bullets: list[str] = Field(default_factory=list, max_length=MAX_BULLETS)


class ExtractedSkills(BaseModel):
    name: str | None = Field(description="The category label, or null")
    skills: list[str]
    line: int


class ResumeExtraction(BaseModel):
    label: str | None = Field(description="The headline under the name, if any")
    summary: str | None
    work: list[ExtractedRole] = Field(default_factory=list, max_length=MAX_ITEMS)
    volunteer: list[ExtractedRole] = Field(default_factory=list, max_length=MAX_ITEMS)
    education: list[ExtractedSchool] = Field(default_factory=list, max_length=MAX_ITEMS)
    projects: list[ExtractedProject] = Field(default_factory=list, max_length=MAX_ITEMS)
    skills: list[ExtractedSkills] = Field(default_factory=list, max_length=MAX_ITEMS)


def numbered_text(read: ReadDocument, draft: Draft) -> tuple[str, list[Line]]:
    """'L12: text' per line, with the contact details the offline parse found as placeholders."""
    basics = draft.document.get("basics") or {}
    hidden = [(basics.get(key), f"[[{key.upper()}]]") for key in ("name", "email", "phone")]
    lines = read.lines[:MAX_LINES]
    out = []
    for number, line in enumerate(lines, 1):
        text = line.text
        for value, placeholder in hidden:
            if value:
                text = re.sub(re.escape(value), placeholder, text, flags=re.IGNORECASE)
        out.append(f"L{number}: {text}")
    return "\n".join(out), lines


class LlmReviser:
    """Revises an offline draft with an engine that has `extract` (ai/llm/engine.LLMEngine)."""

    def __init__(self, engine: Any, *, user_id: int | None = None) -> None:
        self.engine = engine
        self.user_id = user_id

    async def revise(self, read: ReadDocument, draft: Draft) -> Draft:
        text, lines = numbered_text(read, draft)
        try:
            extraction, _ = await self.engine.extract(
                "import_resume",
                prompts.SYSTEM,
                prompts.USER.format(lines=text),
                ResumeExtraction,
                ctx=CallContext(user_id=self.user_id),
            )
        except JobWiseError as exc:
            logger.info("résumé import: the model failed (%s); the offline draft stands", exc.code)
            draft.warnings.append(
                f"The model did not give a usable answer ({exc.code}); this draft is the offline reading."
            )
            draft.engine = "offline"
            return draft
        return merge(read, draft, extraction, lines)


class _Checker:
    def __init__(self, read: ReadDocument, lines: list[Line]) -> None:
        self.text = DocumentText.of(read)
        self.lines = lines
        self.dropped: list[str] = []

    def line(self, number: int, value: str) -> Line:
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        found = next((line for line in self.lines if value and value in line.text), None)
        return found or self.lines[0]

    def keep(self, pointer: str, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = " ".join(value.split())
        if is_found(self.text, pointer, value):
            return value
        self.dropped.append(value)
        return None

    def dates(self, quoted: str | None) -> tuple[str | None, str | None, bool]:
        """(start, end, current) read by code from the quoted date text, which must be in the file."""
        if not quoted or not self.text.contains(quoted):
            if quoted:
                self.dropped.append(quoted)
            return None, None, False
        spans = find_dates(quoted)
        if not spans:
            return None, None, False
        span = spans[0]
        return span.start, None if span.end == PRESENT else span.end, span.end == PRESENT


def merge(read: ReadDocument, draft: Draft, extraction: ResumeExtraction, lines: list[Line]) -> Draft:
    """The model's sections, checked, in place of the offline ones it returned; basics stay."""
    check = _Checker(read, lines)
    document = dict(draft.document)
    sources = {key: value for key, value in draft.sources.items() if key.startswith("/basics/")}
    basics = dict(document.get("basics") or {})
    for key in ("label", "summary"):
        value = check.keep(f"/basics/{key}", getattr(extraction, key))
        if value:
            basics[key] = value
            sources[f"/basics/{key}"] = Source(check.line(0, value))
    document["basics"] = basics

    def roles(items: list[ExtractedRole], section: str, name_key: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for role in items:
            index = len(result)
            prefix = f"/{section}/{index}"
            entry: dict[str, Any] = {}
            employer = check.keep(f"{prefix}/{name_key}", role.employer)
            title = check.keep(f"{prefix}/position", role.title)
            line = check.line(role.line, employer or title or "")
            if employer:
                entry[name_key] = employer
                sources[f"{prefix}/{name_key}"] = Source(line)
            if title:
                entry["position"] = title
                sources[f"{prefix}/position"] = Source(line)
            location = check.keep(f"{prefix}/location", role.location)
            if location and section == "work":
                entry["location"] = location
            start, end, _ = check.dates(role.dates)
            if start:
                entry["startDate"] = start
                sources[f"{prefix}/startDate"] = Source(check.line(0, role.dates or ""))
            if end:
                entry["endDate"] = end
            highlights: list[str] = []
            for bullet in role.bullets:
                kept = check.keep(f"{prefix}/highlights/{len(highlights)}", bullet)
                if kept:
                    sources[f"{prefix}/highlights/{len(highlights)}"] = Source(check.line(0, kept[:30]))
                    highlights.append(kept)
            if highlights:
                entry["highlights"] = highlights
            if employer or title:
                result.append(entry)
        return result

    sections: dict[str, list[dict[str, Any]]] = {
        "work": roles(extraction.work, "work", "name"),
        "volunteer": roles(extraction.volunteer, "volunteer", "organization"),
    }
    schools: list[dict[str, Any]] = []
    for school in extraction.education:
        prefix = f"/education/{len(schools)}"
        item: dict[str, Any] = {}
        institution = check.keep(f"{prefix}/institution", school.institution)
        degree = check.keep(f"{prefix}/studyType", school.degree)
        line = check.line(school.line, institution or degree or "")
        if institution:
            item["institution"] = institution
            sources[f"{prefix}/institution"] = Source(line)
        if degree:
            item["studyType"] = degree
            sources[f"{prefix}/studyType"] = Source(line)
        gpa = check.keep(f"{prefix}/score", school.gpa)
        if gpa:
            item["score"] = gpa[:50]
        start, end, _ = check.dates(school.dates)
        if start and start == end:
            item["endDate"] = end  # one date on a school is its end (graduation)
        else:
            if start:
                item["startDate"] = start
            if end:
                item["endDate"] = end
        if institution or degree:
            schools.append(item)
    sections["education"] = schools
    projects: list[dict[str, Any]] = []
    for project in extraction.projects:
        prefix = f"/projects/{len(projects)}"
        name = check.keep(f"{prefix}/name", project.name)
        if not name:
            continue
        project_entry: dict[str, Any] = {"name": name}
        sources[f"{prefix}/name"] = Source(check.line(project.line, name))
        pointer = f"{prefix}/highlights/0"
        bullets = [kept for bullet in project.bullets if (kept := check.keep(pointer, bullet))]
        if bullets:
            project_entry["highlights"] = bullets
        projects.append(project_entry)
    sections["projects"] = projects
    groups: list[dict[str, Any]] = []
    for group in extraction.skills:
        keywords = [kept for skill in group.skills if (kept := check.keep("/skills/0/keywords/0", skill))]
        if not keywords:
            continue
        label = check.keep("/skills/0/name", group.name) or "Skills"
        for number, keyword in enumerate(keywords):
            sources[f"/skills/{len(groups)}/keywords/{number}"] = Source(check.line(group.line, keyword))
        groups.append({"name": label, "keywords": keywords[:30]})
    sections["skills"] = groups
    for section_name, items in sections.items():
        if items:
            document[section_name] = items
    # Sections the model did not return keep the offline reading, and its sources.
    for pointer, source in draft.sources.items():
        section = pointer.split("/")[1]
        if not sections.get(section):
            sources.setdefault(pointer, source)
    warnings = list(draft.warnings)
    if check.dropped:
        shown = "; ".join(f"'{value[:60]}'" for value in check.dropped[:5])
        warnings.append(
            f"The model returned {len(check.dropped)} value(s) that are not in your file; they were "
            f"left out: {shown}"
        )
    revised = Draft(document=document, sources=sources, warnings=warnings)
    revised.engine = "llm"
    return revised
