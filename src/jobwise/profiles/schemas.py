"""Profile and item schemas: every input bounded, unknown fields refused, an excess is a 422.

Input schemas keep values as given (no trimming), so what a person typed is what documents use.
Update (PATCH) schemas only change the fields sent; a field that cannot be empty is Omittable (left
out, never null), one that can be cleared takes null.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Annotated, Any, Self

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Discriminator,
    Field,
    JsonValue,
    Tag,
    WithJsonSchema,
)

from jobwise.models import Education, Experience, Profile, ProfileEntry, Project, SectionName
from jobwise.models.profile import ProfileEnhancementStatus
from jobwise.omittable import Omittable
from jobwise.profiles.versions import is_stale, optional_bullets, split_bullets
from jobwise.schemas import BLANK, NOT_BLANK, SPACE, InputModel, not_blank

# Limits (issue 2, item 8). The JSON Resume import applies the same ones to what it maps.
MAX_ITEMS = 50
MAX_BULLETS = 30
MAX_BULLET_CHARS = 500
MAX_SUMMARY_CHARS = 5_000
MAX_SKILLS = 100
MAX_SKILL_KEYWORDS = 30
MAX_TERMS = 50  # technologies of an item, courses of an education entry
MAX_TERM_CHARS = 100  # a technology, skill name or keyword
MAX_NAME_CHARS = 200  # titles, companies, institutions, degrees, locations
MAX_COURSE_CHARS = 200
MAX_HONORS_CHARS = 1_000
MAX_URL_CHARS = 2_000
MAX_EMAIL_CHARS = 320
MAX_PHONE_CHARS = 50
# A skill level ("Advanced, daily for six years") and an education score, which real documents use
# for more than a grade: the JSON Resume senior-engineer example's score is a 71-character
# dissertation title.
MAX_LEVEL_CHARS = 100
MAX_SCORE_CHARS = 300
MAX_LINKS = 20
MAX_ADDRESS_CHARS = 500
MAX_POSTAL_CODE_CHARS = 20
MAX_CITY_CHARS = 90  # city, region and country code fit a 200-character location together
MAX_COUNTRY_CODE_CHARS = 10
MAX_NETWORK_CHARS = 50
MAX_USERNAME_CHARS = 100
MAX_CUSTOM_FIELDS = 50
MAX_CUSTOM_FIELD_KEY_CHARS = 100
MAX_CUSTOM_FIELDS_CHARS = 10_000
MAX_GPA = 100.0  # percentages too, not only 4.0 scales

# custom_fields keeps the JSON Resume content the tables don't model under this key.
JSON_RESUME_KEY = "json_resume"

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_DATE = re.compile(DATE_PATTERN)

# What check_partial_date accepts, as one regular expression for the OpenAPI document, so that a
# client (or a fuzzer) reading the schema knows 2023-02-29 is refused. Validation keeps the loose
# pattern and check_partial_date, whose messages say what is wrong.
_YEAR = "[12][0-9]{3}"  # 1000-2999
_MONTH = "(0[1-9]|1[0-2])"
_MONTH_DAY = (
    f"({_MONTH}-(0[1-9]|1[0-9]|2[0-8])"  # days every month has
    "|(0[13-9]|1[0-2])-(29|30)"  # all but February
    "|(0[13578]|1[02])-31)"
)
_LEAP_YEAR = "([12][0-9](0[48]|[2468][048]|[13579][26])|(12|16|20|24|28)00)"
EXACT_DATE_PATTERN = f"^({_YEAR}(-{_MONTH})?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"


def check_partial_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a date that exists; kept as given."""
    if not _DATE.fullmatch(value):
        raise ValueError("must be a date as YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(part) for part in value.split("-")]
    if not 1000 <= parts[0] <= 2999:
        raise ValueError("the year must be between 1000 and 2999")
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"{value} is not a real date") from None
    return value


def date_is_before(end: str, start: str) -> bool:
    """True when a partial end date is surely before a partial start date.

    Compared at the coarser precision of the two: "2020" does not end before "2020-05" starts.
    """
    precision = min(len(end), len(start))
    return end[:precision] < start[:precision]


def json_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """("work", 0, "startDate") -> "work[0].startDate", as error details name fields."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("a bullet is one line: send several bullets instead of line breaks")
    return not_blank(value)


PartialDate = Annotated[
    str,
    Field(max_length=10, pattern=DATE_PATTERN),
    AfterValidator(check_partial_date),
    WithJsonSchema(
        {"type": "string", "maxLength": 10, "pattern": EXACT_DATE_PATTERN, "examples": ["2021-03"]}
    ),
]
# The documented pattern for what _single_line checks (its message says more than a mismatch would).
ONE_LINE_NOT_BLANK = {"pattern": f"^[^\\r\\n]*[^{BLANK}][^\\r\\n]*$"}

Name = Annotated[
    str,
    Field(min_length=1, max_length=MAX_NAME_CHARS, json_schema_extra=NOT_BLANK),
    AfterValidator(not_blank),
]
ShortText = Annotated[str, Field(max_length=MAX_NAME_CHARS)]
Term = Annotated[
    str,
    Field(min_length=1, max_length=MAX_TERM_CHARS, json_schema_extra=NOT_BLANK),
    AfterValidator(not_blank),
]
Course = Annotated[
    str,
    Field(min_length=1, max_length=MAX_COURSE_CHARS, json_schema_extra=NOT_BLANK),
    AfterValidator(not_blank),
]
Bullet = Annotated[
    str,
    Field(min_length=1, max_length=MAX_BULLET_CHARS, json_schema_extra=ONE_LINE_NOT_BLANK),
    AfterValidator(_single_line),
]
Bullets = Annotated[list[Bullet], Field(max_length=MAX_BULLETS)]
Technologies = Annotated[list[Term], Field(max_length=MAX_TERMS)]
# One rule for the API and for a JSON Resume import: a web address with its scheme, or one without
# ("github.com/ada", as people write them), stored as given; documents add https:// to link it.
# Other schemes (ftp:, javascript:) and text that is no address are refused.
URL_PATTERN = f"^(https?://[^{SPACE}]+|[^{SPACE}/:@]+\\.[^{SPACE}/:@]+(:[0-9]{{1,5}})?(/[^{SPACE}]*)?)$"
Url = Annotated[
    str,
    Field(max_length=MAX_URL_CHARS, pattern=URL_PATTERN, examples=["https://example.com", "github.com/ada"]),
]
Summary = Annotated[str, Field(max_length=MAX_SUMMARY_CHARS)]
Gpa = Annotated[float, Field(ge=0, le=MAX_GPA, allow_inf_nan=False)]


# --- personal info ---------------------------------------------------------------------------


class LocationIn(InputModel):
    """A JSON Resume location object."""

    address: Annotated[str, Field(max_length=MAX_ADDRESS_CHARS)] | None = None
    postalCode: Annotated[str, Field(max_length=MAX_POSTAL_CODE_CHARS)] | None = None
    city: Annotated[str, Field(max_length=MAX_CITY_CHARS)] | None = None
    countryCode: Annotated[str, Field(max_length=MAX_COUNTRY_CODE_CHARS)] | None = None
    region: Annotated[str, Field(max_length=MAX_CITY_CHARS)] | None = None


def _location_kind(value: object) -> str:
    return "text" if isinstance(value, str) else "object"


# A place as text ("Berlin, Germany") or as a JSON Resume location object.
Location = Annotated[
    Annotated[ShortText, Tag("text")] | Annotated[LocationIn, Tag("object")],
    Discriminator(_location_kind),
]


class SocialProfile(InputModel):
    """A JSON Resume basics.profiles entry."""

    network: Annotated[str, Field(max_length=MAX_NETWORK_CHARS)] | None = None
    username: Annotated[str, Field(max_length=MAX_USERNAME_CHARS)] | None = None
    url: Url | None = None


def _contact_email(value: str) -> str:
    # As pydantic's EmailStr, but a reserved test domain ("ada@example.test") is an address too:
    # a résumé's contact line is shown, never mailed by JobWise.
    try:
        return validate_email(value, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"value is not a valid email address: {exc}") from None


ContactEmail = Annotated[
    str,
    AfterValidator(_contact_email),
    WithJsonSchema({"type": "string", "format": "email", "maxLength": MAX_EMAIL_CHARS}),
    Field(max_length=MAX_EMAIL_CHARS),
]


class _PersonalInfoFields(InputModel):
    name: Name | None = None
    label: ShortText | None = Field(default=None, description="A headline, e.g. 'Backend engineer'")
    email: ContactEmail | None = None
    phone: Annotated[str, Field(max_length=MAX_PHONE_CHARS)] | None = None
    url: Url | None = None
    image: Url | None = None
    location: Location | None = None
    profiles: Annotated[list[SocialProfile], Field(max_length=MAX_LINKS)] | None = None
    links: Annotated[list[Url], Field(max_length=MAX_LINKS)] | None = None


class PersonalInfo(_PersonalInfoFields):
    """Personal info in JSON Resume's `basics` names; stored as sent (null fields left out)."""

    name: Name


class PersonalInfoPatch(_PersonalInfoFields):
    """Changes to personal info: fields sent replace, null removes (but the name stays), others
    (and keys kept from a JSON Resume import) stay."""

    name: Omittable[Name] = None


# --- skills and custom fields ----------------------------------------------------------------


class SkillIn(InputModel):
    """A JSON Resume skill; a plain string is accepted too and stored as {name}."""

    name: Term
    level: Annotated[str, Field(max_length=MAX_LEVEL_CHARS)] | None = None
    keywords: Annotated[list[Term], Field(max_length=MAX_SKILL_KEYWORDS)] | None = None


def _skill_from_text(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


Skill = Annotated[SkillIn, BeforeValidator(_skill_from_text, json_schema_input_type=Term | SkillIn)]
Skills = Annotated[list[Skill], Field(max_length=MAX_SKILLS)]


def _bounded_custom_fields(value: dict[str, JsonValue]) -> dict[str, JsonValue]:
    if JSON_RESUME_KEY in value:
        raise ValueError(
            f"'{JSON_RESUME_KEY}' is reserved for JSON Resume content JobWise keeps for export; "
            "change it with PUT /api/v1/profiles/me/json-resume"
        )
    size = len(json.dumps(value, ensure_ascii=False))
    if size > MAX_CUSTOM_FIELDS_CHARS:
        raise ValueError(f"at most {MAX_CUSTOM_FIELDS_CHARS} characters as JSON (got {size})")
    return value


CustomFields = Annotated[
    dict[Annotated[str, Field(min_length=1, max_length=MAX_CUSTOM_FIELD_KEY_CHARS)], JsonValue],
    Field(max_length=MAX_CUSTOM_FIELDS),
    AfterValidator(_bounded_custom_fields),
]


# --- items -----------------------------------------------------------------------------------

Honors = Annotated[str, Field(max_length=MAX_HONORS_CHARS)]
Coursework = Annotated[list[Course], Field(max_length=MAX_TERMS)]


class ExperienceCreate(InputModel):
    title: Name
    company: Name
    location: ShortText | None = None
    start_date: PartialDate
    end_date: PartialDate | None = None
    is_current: bool = False
    bullets: Bullets = Field(default_factory=list)
    technologies: Technologies = Field(default_factory=list)


class ExperienceUpdate(InputModel):
    title: Omittable[Name] = None
    company: Omittable[Name] = None
    location: ShortText | None = None
    start_date: Omittable[PartialDate] = None
    end_date: PartialDate | None = None
    is_current: Omittable[bool] = None
    bullets: Omittable[Bullets] = None
    technologies: Omittable[Technologies] = None
    use_enhanced: Omittable[bool] = Field(default=None, description="Documents use the enhanced bullets")


class ProjectCreate(InputModel):
    name: Name
    bullets: Bullets = Field(default_factory=list)
    technologies: Technologies = Field(default_factory=list)
    url: Url | None = None
    github_url: Url | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None


class ProjectUpdate(InputModel):
    name: Omittable[Name] = None
    bullets: Omittable[Bullets] = None
    technologies: Omittable[Technologies] = None
    url: Url | None = None
    github_url: Url | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    use_enhanced: Omittable[bool] = Field(default=None, description="Documents use the enhanced bullets")


class EducationCreate(InputModel):
    institution: Name
    degree: Name
    field_of_study: ShortText | None = None
    location: ShortText | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    gpa: Gpa | None = None
    honors: Honors | None = None
    relevant_coursework: Coursework = Field(default_factory=list)


class EducationUpdate(InputModel):
    institution: Omittable[Name] = None
    degree: Omittable[Name] = None
    field_of_study: ShortText | None = None
    location: ShortText | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    gpa: Gpa | None = None
    honors: Honors | None = None
    relevant_coursework: Omittable[Coursework] = None


# --- volunteer, awards, certificates, publications, languages, interests ---------------------
# Entries are JSON Resume objects in JSON Resume's own keys, like personal_info: what is imported,
# edited and exported is one shape. PATCH replaces the keys sent, null removes one; keys an import
# brought that these models don't name stay.


class _VolunteerFields(InputModel):
    organization: Name | None = None
    position: ShortText | None = None
    url: Url | None = None
    startDate: PartialDate | None = None
    endDate: PartialDate | None = None
    summary: Summary | None = None
    highlights: Bullets | None = None


class _AwardFields(InputModel):
    title: Name | None = None
    date: PartialDate | None = None
    awarder: ShortText | None = None
    summary: Summary | None = None


class _CertificateFields(InputModel):
    name: Name | None = None
    date: PartialDate | None = None
    issuer: ShortText | None = None
    url: Url | None = None


class _PublicationFields(InputModel):
    name: Name | None = None
    publisher: ShortText | None = None
    releaseDate: PartialDate | None = None
    url: Url | None = None
    summary: Summary | None = None


class _LanguageFields(InputModel):
    language: Term | None = None
    fluency: Annotated[str, Field(max_length=MAX_LEVEL_CHARS)] | None = None


class _InterestFields(InputModel):
    name: Term | None = None
    keywords: Annotated[list[Term], Field(max_length=MAX_SKILL_KEYWORDS)] | None = None


class VolunteerIn(_VolunteerFields):
    organization: Name


class VolunteerPatch(_VolunteerFields):
    organization: Omittable[Name] = None


class AwardIn(_AwardFields):
    title: Name


class AwardPatch(_AwardFields):
    title: Omittable[Name] = None


class CertificateIn(_CertificateFields):
    name: Name


class CertificatePatch(_CertificateFields):
    name: Omittable[Name] = None


class PublicationIn(_PublicationFields):
    name: Name


class PublicationPatch(_PublicationFields):
    name: Omittable[Name] = None


class LanguageIn(_LanguageFields):
    language: Term


class LanguagePatch(_LanguageFields):
    language: Omittable[Term] = None


class InterestIn(_InterestFields):
    name: Term


class InterestPatch(_InterestFields):
    name: Omittable[Term] = None


# What each section's entries must hold, to create one and to change one.
ENTRY_MODELS: dict[SectionName, tuple[type[InputModel], type[InputModel]]] = {
    "volunteer": (VolunteerIn, VolunteerPatch),
    "awards": (AwardIn, AwardPatch),
    "certificates": (CertificateIn, CertificatePatch),
    "publications": (PublicationIn, PublicationPatch),
    "languages": (LanguageIn, LanguagePatch),
    "interests": (InterestIn, InterestPatch),
}


class EntryRead(BaseModel):
    """One entry of volunteer, awards, certificates, publications, languages or interests."""

    id: str
    section: SectionName
    entry: dict[str, Any] = Field(description="The JSON Resume object, in JSON Resume's keys")
    display_order: int | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: ProfileEntry) -> Self:
        return cls(
            id=row.id,
            section=row.section,  # the column holds only SECTIONS
            entry=dict(row.data),
            display_order=row.display_order,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class ItemOrder(InputModel):
    """Every id of one kind of item, in the new display order."""

    ids: Annotated[list[Annotated[str, Field(max_length=36)]], Field(max_length=MAX_ITEMS)]


# --- the profile -----------------------------------------------------------------------------


class ProfileReplace(InputModel):
    """PUT /profiles/me: the profile's own fields; items change through their own routes."""

    personal_info: PersonalInfo
    professional_summary: Summary | None = None
    skills: Skills = Field(default_factory=list)
    custom_fields: CustomFields = Field(default_factory=dict)
    use_enhanced_summary: bool = False


class ProfileCreate(InputModel):
    personal_info: PersonalInfo
    professional_summary: Summary | None = None
    skills: Skills = Field(default_factory=list)
    custom_fields: CustomFields = Field(default_factory=dict)
    experiences: Annotated[list[ExperienceCreate], Field(max_length=MAX_ITEMS)] = Field(default_factory=list)
    projects: Annotated[list[ProjectCreate], Field(max_length=MAX_ITEMS)] = Field(default_factory=list)
    education: Annotated[list[EducationCreate], Field(max_length=MAX_ITEMS)] = Field(default_factory=list)


class ProfileUpdate(InputModel):
    personal_info: Omittable[PersonalInfoPatch] = None
    professional_summary: Summary | None = None
    skills: Omittable[Skills] = None
    custom_fields: Omittable[CustomFields] = None
    use_enhanced_summary: Omittable[bool] = Field(
        default=None, description="Documents use the enhanced summary"
    )


# --- reading ---------------------------------------------------------------------------------


def _json_resume_keys(extra: dict[str, Any] | None) -> dict[str, Any] | None:
    keys = (extra or {}).get("keys")
    return dict(keys) if keys else None


class ExperienceRead(BaseModel):
    id: str
    title: str
    company: str
    location: str | None
    start_date: str | None = Field(description="None when an imported JSON Resume entry had no start date")
    end_date: str | None
    is_current: bool
    bullets: list[str]
    enhanced_bullets: list[str] | None
    previous_enhanced_bullets: list[str] | None
    use_enhanced: bool
    enhanced_stale: bool = Field(description="The bullets changed since the enhanced version was made")
    technologies: list[str]
    display_order: int | None
    json_resume_extra: dict[str, Any] | None = Field(
        description="JSON Resume keys the table doesn't model, kept for export"
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: Experience) -> Self:
        return cls(
            id=row.id,
            title=row.title,
            company=row.company,
            location=row.location,
            start_date=row.start_date or None,
            end_date=row.end_date,
            is_current=row.is_current,
            bullets=split_bullets(row.description),
            enhanced_bullets=optional_bullets(row.enhanced_description),
            previous_enhanced_bullets=optional_bullets(row.previous_enhanced_description),
            use_enhanced=row.use_enhanced,
            enhanced_stale=is_stale(row.enhanced_description, row.enhanced_source, row.description),
            technologies=list(row.technologies or []),
            display_order=row.display_order,
            json_resume_extra=_json_resume_keys(row.extra),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class ProjectRead(BaseModel):
    id: str
    name: str
    bullets: list[str]
    enhanced_bullets: list[str] | None
    previous_enhanced_bullets: list[str] | None
    use_enhanced: bool
    enhanced_stale: bool = Field(description="The bullets changed since the enhanced version was made")
    technologies: list[str]
    url: str | None
    github_url: str | None
    start_date: str | None
    end_date: str | None
    display_order: int | None
    json_resume_extra: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: Project) -> Self:
        return cls(
            id=row.id,
            name=row.name,
            bullets=split_bullets(row.description),
            enhanced_bullets=optional_bullets(row.enhanced_description),
            previous_enhanced_bullets=optional_bullets(row.previous_enhanced_description),
            use_enhanced=row.use_enhanced,
            enhanced_stale=is_stale(row.enhanced_description, row.enhanced_source, row.description),
            technologies=list(row.technologies or []),
            url=row.url,
            github_url=row.github_url,
            start_date=row.start_date,
            end_date=row.end_date,
            display_order=row.display_order,
            json_resume_extra=_json_resume_keys(row.extra),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class EducationRead(BaseModel):
    id: str
    institution: str
    degree: str
    field_of_study: str | None
    location: str | None
    start_date: str | None
    end_date: str | None
    gpa: float | None
    honors: str | None
    relevant_coursework: list[str]
    display_order: int | None
    json_resume_extra: dict[str, Any] | None
    created_at: datetime

    @classmethod
    def from_model(cls, row: Education) -> Self:
        return cls(
            id=row.id,
            institution=row.institution,
            degree=row.degree,
            field_of_study=row.field_of_study,
            location=row.location,
            start_date=row.start_date,
            end_date=row.end_date,
            gpa=row.gpa,
            honors=row.honors,
            relevant_coursework=list(row.relevant_coursework or []),
            display_order=row.display_order,
            json_resume_extra=_json_resume_keys(row.extra),
            created_at=row.created_at,
        )


class ProfileRead(BaseModel):
    id: str
    personal_info: dict[str, Any]
    professional_summary: str | None
    enhanced_summary: str | None
    previous_enhanced_summary: str | None
    use_enhanced_summary: bool
    enhanced_summary_stale: bool = Field(description="The summary changed since it was enhanced")
    skills: list[dict[str, Any]]
    custom_fields: dict[str, Any]
    json_resume_extra: dict[str, Any] | None = Field(
        description="JSON Resume sections and keys the tables don't model (references, meta...), "
        "kept for export"
    )
    enhancement_version: int
    last_enhanced_at: datetime | None
    enhancement_status: ProfileEnhancementStatus = Field(
        description='"none" until an enhancement has completed, then "completed"; a run in '
        "progress is at /api/v1/enhancement/status"
    )
    experiences: list[ExperienceRead]
    projects: list[ProjectRead]
    education: list[EducationRead]
    volunteer: list[EntryRead] = Field(default_factory=list)
    awards: list[EntryRead] = Field(default_factory=list)
    certificates: list[EntryRead] = Field(default_factory=list)
    publications: list[EntryRead] = Field(default_factory=list)
    languages: list[EntryRead] = Field(default_factory=list)
    interests: list[EntryRead] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, profile: Profile) -> Self:
        """Needs the items loaded (service.get_full_profile)."""
        custom = dict(profile.custom_fields or {})
        json_resume = custom.pop(JSON_RESUME_KEY, None) or {}
        return cls(
            id=profile.id,
            personal_info=dict(profile.personal_info or {}),
            professional_summary=profile.professional_summary,
            enhanced_summary=profile.enhanced_summary,
            previous_enhanced_summary=profile.previous_enhanced_summary,
            use_enhanced_summary=profile.use_enhanced_summary,
            enhanced_summary_stale=is_stale(
                profile.enhanced_summary, profile.enhanced_summary_source, profile.professional_summary
            ),
            skills=list(profile.skills or []),
            custom_fields=custom,
            json_resume_extra=dict(json_resume.get("keys") or {}) or None,
            enhancement_version=profile.enhancement_version,
            last_enhanced_at=profile.last_enhanced_at,
            enhancement_status=profile.enhancement_status,
            experiences=[ExperienceRead.from_model(row) for row in profile.experiences],
            projects=[ProjectRead.from_model(row) for row in profile.projects],
            education=[EducationRead.from_model(row) for row in profile.education],
            volunteer=_entries(profile, "volunteer"),
            awards=_entries(profile, "awards"),
            certificates=_entries(profile, "certificates"),
            publications=_entries(profile, "publications"),
            languages=_entries(profile, "languages"),
            interests=_entries(profile, "interests"),
            created_at=profile.created_at,
            updated_at=profile.updated_at,
        )


def _entries(profile: Profile, section: SectionName) -> list[EntryRead]:
    return [EntryRead.from_model(row) for row in profile.entries_of(section)]
