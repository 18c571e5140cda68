"""Job posting schemas: what a client may send (bounded, no unknown fields) and what it reads."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
)

from jobwise.omittable import Omittable
from jobwise.schemas import NOT_BLANK, InputModel, SingleLine, not_blank

JobStatus = Literal["active", "archived"]
ApplicationStatus = Literal["not_applied", "applied", "interviewing", "offer", "rejected", "withdrawn"]
# JSON Resume's job schema: "Full", "Hybrid" or "None" (the seed's 0/1 could not say Hybrid).
Remote = Literal["Full", "Hybrid", "None"]

# What a parsed job's title holds when the posting states none; its company is then null.
PLACEHOLDER_TITLE = "Untitled position"
TITLE_MAX = 300
COMPANY_MAX = 300
LOCATION_MAX = 300
SALARY_RANGE_MAX = 200
TEXT_MAX = 20_000
REQUIREMENTS_MAX_ITEMS = 100
BENEFITS_MAX_ITEMS = 100
LIST_ITEM_MAX = 1_000
KEYWORDS_MAX_ITEMS = 200
KEYWORD_MAX = 100


def _strip(value: str) -> str:
    return value.strip()


# Lengths are checked as sent, then the text is stripped: the documented maxLength holds for
# what the client sends, and "at least one character" means one that is not whitespace.
Title = Annotated[
    str,
    StringConstraints(min_length=1, max_length=TITLE_MAX),
    Field(json_schema_extra=NOT_BLANK),
    AfterValidator(not_blank),
    AfterValidator(_strip),
    SingleLine,
]
Company = Annotated[
    str,
    StringConstraints(min_length=1, max_length=COMPANY_MAX),
    Field(json_schema_extra=NOT_BLANK),
    AfterValidator(not_blank),
    AfterValidator(_strip),
    SingleLine,
]


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


# A company that can be cleared: null or an empty string says the employer is not known (an
# agency's posting that never names it), and letters then address "your team".
OptionalCompany = Annotated[
    Company | None,
    BeforeValidator(_blank_to_none, json_schema_input_type=str | None),
]
# A short lowercase word naming where the posting came from; later features add sources
# ("url", "parsed"), so this is a pattern rather than a closed list.
Source = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,29}$", max_length=30)]
Location = Annotated[str, StringConstraints(max_length=LOCATION_MAX), AfterValidator(_strip), SingleLine]
SalaryRange = Annotated[
    str, StringConstraints(max_length=SALARY_RANGE_MAX), AfterValidator(_strip), SingleLine
]
LongText = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
ListItem = Annotated[
    str,
    StringConstraints(min_length=1, max_length=LIST_ITEM_MAX),
    Field(json_schema_extra=NOT_BLANK),
    AfterValidator(not_blank),
    AfterValidator(_strip),
]
Keyword = Annotated[
    str,
    StringConstraints(min_length=1, max_length=KEYWORD_MAX),
    Field(json_schema_extra=NOT_BLANK),
    AfterValidator(not_blank),
    AfterValidator(_strip),
    SingleLine,
]
Requirements = Annotated[list[ListItem], Field(max_length=REQUIREMENTS_MAX_ITEMS)]
Benefits = Annotated[list[ListItem], Field(max_length=BENEFITS_MAX_ITEMS)]
Keywords = Annotated[list[Keyword], Field(max_length=KEYWORDS_MAX_ITEMS)]


def _remote_from_bool(value: Any) -> Any:
    # The seed stored remote as 0/1; clients written for it send true/false.
    if value is True:
        return "Full"
    if value is False:
        return "None"
    return value


RemoteInput = Annotated[
    Remote | None,
    BeforeValidator(_remote_from_bool, json_schema_input_type=Remote | bool | None),
]

_KEYWORDS_ALIASES = AliasChoices("keywords", "parsed_keywords")


class SalaryInput(InputModel):
    """A structured salary: any bound may be missing ("up to £65k" has no minimum)."""

    min: float | None = Field(default=None, ge=0, le=1_000_000_000)
    max: float | None = Field(default=None, ge=0, le=1_000_000_000)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="ISO 4217 code, e.g. CAD"
    )
    period: Literal["year", "month", "week", "day", "hour"] | None = None


ExperienceLevel = Annotated[str, StringConstraints(max_length=50), AfterValidator(_strip), SingleLine]


class JobCreate(InputModel):
    title: Title
    company: Company
    source: Source = "manual"
    location: Location | None = None
    description: LongText | None = None
    raw_text: LongText | None = None
    requirements: Requirements = Field(default_factory=list)
    benefits: Benefits = Field(default_factory=list)
    parsed_keywords: Keywords = Field(
        default_factory=list,
        validation_alias=_KEYWORDS_ALIASES,
        description="Also accepted as `parsed_keywords`.",
    )
    salary_range: SalaryRange | None = None
    remote: RemoteInput = None
    status: JobStatus = "active"
    application_status: ApplicationStatus = "not_applied"


class JobUpdate(InputModel):
    """Only the fields sent change; optional ones may be cleared with null, required ones not."""

    # Columns that cannot be NULL are Omittable: left out, never null.
    title: Omittable[Title] = None
    company: OptionalCompany = None
    source: Omittable[Source] = None
    location: Location | None = None
    description: LongText | None = None
    raw_text: LongText | None = None
    requirements: Omittable[Requirements] = None
    benefits: Omittable[Benefits] = None
    parsed_keywords: Omittable[Keywords] = Field(
        default=None,
        validation_alias=_KEYWORDS_ALIASES,
        description="Also accepted as `parsed_keywords`.",
    )
    salary_range: SalaryRange | None = None
    salary: SalaryInput | None = None
    remote: RemoteInput = None
    experience_level: ExperienceLevel | None = None
    status: Omittable[JobStatus] = None
    application_status: Omittable[ApplicationStatus] = None


def _empty_list(value: Any) -> Any:
    return [] if value is None else value


StoredList = Annotated[list[str], BeforeValidator(_empty_list)]


class JobSalary(BaseModel):
    """The structured salary, when the posting states one; `period` is what the figures are per."""

    min: float | None = None
    max: float | None = None
    currency: str | None = Field(default=None, description="ISO 4217 code, e.g. EUR")
    period: Literal["year", "month", "week", "day", "hour"] | None = None


class JobRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    source: str
    title: str
    company: str | None
    location: str | None
    description: str | None
    raw_text: str | None
    requirements: StoredList
    benefits: StoredList
    parsed_keywords: StoredList
    salary_range: str | None
    salary: JobSalary | None = None
    remote: Remote | None
    experience_level: str | None = None
    status: JobStatus
    application_status: ApplicationStatus
    created_at: datetime
    updated_at: datetime

    @computed_field(  # type: ignore[prop-decorator]
        description="Fields nobody has stated: a title the posting did not give ('Untitled position') "
        "or a company it never named (null). Correct them with PATCH."
    )
    @property
    def placeholders(self) -> list[Literal["title", "company"]]:
        missing: list[Literal["title", "company"]] = []
        if self.title == PLACEHOLDER_TITLE:
            missing.append("title")
        if self.company is None:
            missing.append("company")
        return missing


class JobPage(BaseModel):
    items: list[JobRead]
    total: int = Field(description="Jobs matching the filters, across all pages")
    limit: int
    offset: int


# ---- parsing a pasted posting (POST /jobs/parse) -------------------------------------------------

PARSE_TEXT_MAX = 20_000


class JobParse(InputModel):
    raw_text: Annotated[str, StringConstraints(max_length=PARSE_TEXT_MAX)] = Field(
        description="The posting as pasted: plain text or markdown, at most 20,000 characters."
    )
    source: Source = "parsed"


class JobParsed(JobRead):
    """The saved job, and how it was read."""

    engine: str = Field(description="The engine that parsed the posting: offline, groq or openai.")
