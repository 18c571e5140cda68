"""The pages' forms, and how each becomes the schema its service takes.

Form fields arrive as text: an empty field means "not given", a checkbox is sent only when ticked,
lists come one line (or one input) per entry. The service schemas (strict, bounded, refusing
unsafe text) then decide what is valid, exactly as for the JSON API.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from jobwise.auth.schemas import LoginRequest, PasswordChange, UserCreate
from jobwise.jobs.schemas import ApplicationStatus, JobParse, JobUpdate
from jobwise.profiles.schemas import (
    EducationCreate,
    EducationUpdate,
    ExperienceCreate,
    ExperienceUpdate,
    PersonalInfo,
    PersonalInfoPatch,
    ProfileCreate,
    ProfileUpdate,
    ProjectCreate,
    ProjectUpdate,
)

# Generous bounds: a form field is never unbounded; the service schemas hold the real limits.
Text = Annotated[str, Field(max_length=20_000)]
LongText = Annotated[str, Field(max_length=100_000)]
Lines = Annotated[list[Text], Field(max_length=200)]


class WebForm(BaseModel):
    """A form a page sends: unknown fields are refused; the CSRF token travels beside the fields."""

    model_config = ConfigDict(extra="forbid")

    csrf_token: Text | None = None


def given(value: str | None) -> str | None:
    """An empty or blank field is not given."""
    return value if value is not None and value.strip() else None


def lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def terms(value: str | None) -> list[str]:
    """ "Python, SQL; Go" -> ["Python", "SQL", "Go"]."""
    return [term.strip() for term in re.split(r"[,;\n]", value or "") if term.strip()]


# --- account ---------------------------------------------------------------------------------


class SignInForm(WebForm):
    email: Text = ""
    password: Text = ""
    next: Text | None = None

    def to_schema(self) -> LoginRequest:
        return LoginRequest(email=self.email, password=self.password)


class CreateAccountForm(WebForm):
    full_name: Text = ""
    email: Text = ""
    password: Text = ""

    def to_schema(self) -> UserCreate:
        return UserCreate(email=self.email, password=self.password, full_name=self.full_name)


class PasswordForm(WebForm):
    current_password: Text = ""
    new_password: Text = ""

    def to_schema(self) -> PasswordChange:
        return PasswordChange(current_password=self.current_password, new_password=self.new_password)


class DeleteAccountForm(WebForm):
    confirm_email: Text = ""


# --- profile ---------------------------------------------------------------------------------


class PersonalForm(WebForm):
    name: Text = ""
    label: Text = ""
    email: Text = ""
    phone: Text = ""
    url: Text = ""
    location: Text = ""

    def _fields(self) -> dict[str, Any]:
        return {
            "label": given(self.label),
            "email": given(self.email),
            "phone": given(self.phone),
            "url": given(self.url),
            "location": given(self.location),
        }

    def to_create(self) -> ProfileCreate:
        fields = {key: value for key, value in self._fields().items() if value is not None}
        return ProfileCreate(personal_info=PersonalInfo(name=self.name, **fields))

    def to_update(self) -> ProfileUpdate:
        # Fields left empty are removed (null); the name is required and always sent.
        return ProfileUpdate(personal_info=PersonalInfoPatch(name=self.name, **self._fields()))


class SummaryForm(WebForm):
    professional_summary: Text = ""

    def to_update(self) -> ProfileUpdate:
        return ProfileUpdate(professional_summary=given(self.professional_summary))


class SkillsForm(WebForm):
    skills: Text = ""

    def to_update(self, current: list[dict[str, Any]]) -> ProfileUpdate:
        """Skills by name; a skill kept from before keeps its level and keywords."""
        known = {str(skill.get("name", "")).casefold(): skill for skill in current}
        chosen: list[Any] = []
        seen: set[str] = set()
        for name in terms(self.skills):
            key = name.casefold()
            if key in seen:
                continue
            seen.add(key)
            chosen.append(known.get(key, {"name": name}))
        return ProfileUpdate.model_validate({"skills": chosen})


# "to:3:0" moves bullet 3 to position 0 (a drag); up, down and remove are the buttons'.
BulletAction = Annotated[
    str, Field(max_length=40, pattern=r"^(add_bullet|(remove|up|down):[0-9]{1,3}|to:[0-9]{1,3}:[0-9]{1,3})$")
]


def apply_bullet_action(bullets: list[str], action: str | None) -> list[str]:
    """Add an empty bullet, or remove or move the one at an index; empty bullets are dropped on save."""
    out = list(bullets)
    if not action:
        return out
    if action == "add_bullet":
        return [*out, ""]
    verb, _, position = action.partition(":")
    if verb == "to":
        start, _, end = position.partition(":")
        return moved_to(out, int(start), int(end))
    index = int(position)
    if not 0 <= index < len(out):
        return out
    if verb == "remove":
        del out[index]
    elif verb == "up" and index > 0:
        out[index - 1], out[index] = out[index], out[index - 1]
    elif verb == "down" and index < len(out) - 1:
        out[index + 1], out[index] = out[index], out[index + 1]
    return out


def moved_to(values: list[str], start: int, end: int) -> list[str]:
    """`values` with the one at `start` taken out and put back at `end` (clamped to the list)."""
    out = list(values)
    if not 0 <= start < len(out):
        return out
    value = out.pop(start)
    out.insert(max(0, min(end, len(out))), value)
    return out


def saved_bullets(bullets: list[str]) -> list[str]:
    return [bullet.strip() for bullet in bullets if bullet.strip()]


class _ItemForm(WebForm):
    bullets: Lines = Field(default_factory=list)
    technologies: Text = ""
    action: BulletAction | None = None


class ExperienceForm(_ItemForm):
    title: Text = ""
    company: Text = ""
    location: Text = ""
    start_date: Text = ""
    end_date: Text = ""
    is_current: bool = False

    def to_create(self) -> ExperienceCreate:
        return ExperienceCreate(
            title=self.title,
            company=self.company,
            location=given(self.location),
            start_date=self.start_date.strip(),
            end_date=given(self.end_date),
            is_current=self.is_current,
            bullets=saved_bullets(self.bullets),
            technologies=terms(self.technologies),
        )

    def to_update(self) -> ExperienceUpdate:
        return ExperienceUpdate(
            title=self.title,
            company=self.company,
            location=given(self.location),
            start_date=self.start_date.strip(),
            end_date=None if self.is_current else given(self.end_date),
            is_current=self.is_current,
            bullets=saved_bullets(self.bullets),
            technologies=terms(self.technologies),
        )


class ProjectForm(_ItemForm):
    name: Text = ""
    url: Text = ""
    github_url: Text = ""
    start_date: Text = ""
    end_date: Text = ""

    def to_create(self) -> ProjectCreate:
        return ProjectCreate(
            name=self.name,
            url=given(self.url),
            github_url=given(self.github_url),
            start_date=given(self.start_date),
            end_date=given(self.end_date),
            bullets=saved_bullets(self.bullets),
            technologies=terms(self.technologies),
        )

    def to_update(self) -> ProjectUpdate:
        return ProjectUpdate(
            name=self.name,
            url=given(self.url),
            github_url=given(self.github_url),
            start_date=given(self.start_date),
            end_date=given(self.end_date),
            bullets=saved_bullets(self.bullets),
            technologies=terms(self.technologies),
        )


class EducationForm(WebForm):
    institution: Text = ""
    degree: Text = ""
    field_of_study: Text = ""
    location: Text = ""
    start_date: Text = ""
    end_date: Text = ""
    gpa: Text = ""
    honors: Text = ""
    relevant_coursework: Text = ""

    def _gpa(self) -> float | str | None:
        value = given(self.gpa)
        if value is None:
            return None
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return value  # the schema refuses it, saying it is not a number

    def _fields(self) -> dict[str, Any]:
        return {
            "institution": self.institution,
            "degree": self.degree,
            "field_of_study": given(self.field_of_study),
            "location": given(self.location),
            "start_date": given(self.start_date),
            "end_date": given(self.end_date),
            "gpa": self._gpa(),
            "honors": given(self.honors),
            "relevant_coursework": terms(self.relevant_coursework),
        }

    def to_create(self) -> EducationCreate:
        return EducationCreate.model_validate(self._fields())

    def to_update(self) -> EducationUpdate:
        return EducationUpdate.model_validate(self._fields())


class Direction(WebForm):
    """Move up or down one place (the buttons), or to a position (a drag: `to`, from 0)."""

    direction: Literal["up", "down"] | None = None
    to: int | None = Field(default=None, ge=0, le=10_000)

    @model_validator(mode="after")
    def one_move(self) -> Direction:
        if (self.direction is None) == (self.to is None):
            raise ValueError("say where to move: up, down, or to a position")
        return self


class ChoiceForm(WebForm):
    """Accept (documents use the enhanced text) or reject (they use the original)."""

    choice: Literal["enhanced", "original"]

    @property
    def use_enhanced(self) -> bool:
        return self.choice == "enhanced"


# --- jobs ------------------------------------------------------------------------------------


class PostingForm(WebForm):
    raw_text: LongText = ""

    def to_schema(self) -> JobParse:
        return JobParse(raw_text=self.raw_text)


class JobForm(WebForm):
    title: Text = ""
    company: Text = ""
    location: Text = ""
    salary_range: Text = ""
    remote: Literal["", "Full", "Hybrid", "None"] = ""
    requirements: LongText = ""
    benefits: LongText = ""
    keywords: Text = ""

    def to_update(self) -> JobUpdate:
        return JobUpdate.model_validate(
            {
                "title": self.title,
                "company": self.company,
                "location": given(self.location),
                "salary_range": given(self.salary_range),
                "remote": self.remote or None,
                "requirements": lines(self.requirements),
                "benefits": lines(self.benefits),
                "parsed_keywords": terms(self.keywords),
            }
        )


class ApplicationForm(WebForm):
    application_status: ApplicationStatus

    def to_update(self) -> JobUpdate:
        return JobUpdate(application_status=self.application_status)


class AnswerForm(WebForm):
    """A gap in the match, answered in the person's own words, for one of their items."""

    item: Annotated[str, Field(pattern=r"^(experience|project):[A-Za-z0-9-]{1,36}$")]
    answer: Text = ""

    def kind_and_id(self) -> tuple[Literal["experience", "project"], str]:
        kind, _, item_id = self.item.partition(":")
        return ("experience" if kind == "experience" else "project"), item_id


class GenerateForm(WebForm):
    document_type: Literal["resume", "cover_letter"]


class DocumentForm(WebForm):
    title: Text = ""
    content_text: LongText = ""
    notes: Text = ""
