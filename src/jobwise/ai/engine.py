"""The engine protocol: every AI step goes through one of these.

Two implementations: the deterministic offline engine (ai/offline/, the default) and the LLM
engine (ai/llm/), which talks to Groq or any OpenAI-compatible server through an LLMClient.
Deterministic pieces (keyword extraction, style metrics, the truth check) are shared by both;
an engine adds judgement, never facts, and callers run text/truth.py on what comes back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from jobwise.text import letter_faults

# The shortest cover letter (the default min_words): under it a letter is one a person could not
# send (jobwise.text.letter_faults), and a thin profile's letter is this short rather than padded.
MIN_LETTER_WORDS = letter_faults.MIN_WORDS

EngineName = Literal["offline", "groq", "openai"]
Remote = Literal["Full", "Hybrid", "None"]


@dataclass(frozen=True)
class EngineInfo:
    name: EngineName
    is_llm: bool
    model_fast: str | None = None
    model_quality: str | None = None

    def as_status(self) -> dict[str, Any]:
        return {
            "engine": self.name,
            "llm": self.is_llm,
            "models": {"fast": self.model_fast, "quality": self.model_quality} if self.is_llm else None,
        }


@dataclass(frozen=True)
class PersonalFacts:
    """What identifies the person; the LLM engine replaces these with placeholders before a call."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class CallContext:
    """Who a call is for (usage accounting, budgets) and what must never leave the machine."""

    user_id: int | None = None
    personal: PersonalFacts = field(default_factory=PersonalFacts)


@dataclass(frozen=True)
class Usage:
    engine: EngineName
    model: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cached: bool = False
    # The server reported no usage; the token counts are estimated from the text's length.
    estimated: bool = False


class Salary(BaseModel):
    min: float | None = None
    max: float | None = None
    currency: str | None = Field(default=None, max_length=3)
    period: Literal["year", "month", "week", "day", "hour"] | None = None


class ParsedJob(BaseModel):
    title: str | None = None
    company: str | None = None
    location: str | None = None
    description: str | None = None
    requirements: list[str] = Field(default_factory=list)
    benefits: list[str] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    salary_range: str | None = None
    salary: Salary | None = None
    remote: Remote | None = None
    experience_level: str | None = None


@dataclass(frozen=True)
class EnhanceItem:
    """One text to rewrite: the summary or one bullet of an experience or project."""

    id: str
    kind: Literal["summary", "bullet"]
    text: str
    # Where the text comes from, for tense and tone: role title, company or project name.
    context: str = ""
    # True for a current role (present tense), False for an ended one (past tense).
    is_current: bool = False
    # Set on a retry: what the previous rewrite added that the profile does not contain.
    feedback: str | None = None


@dataclass(frozen=True)
class EnhanceResult:
    id: str
    text: str
    usage: Usage


@dataclass(frozen=True)
class Evidence:
    text: str
    source: str  # e.g. "Senior Engineer at Acme" or a project name
    score: float = 0.0
    # The item's own parts, for sentences that name them: role title (or project name),
    # employer (None for a project), and whether the role is ongoing (present-tense duties).
    title: str = ""
    organization: str | None = None
    is_current: bool = False


@dataclass(frozen=True)
class LetterPerson:
    """Who the person is, from the profile's own fields, for a letter's first lines."""

    headline: str | None = None  # JSON Resume basics.label
    role_title: str | None = None  # the current or latest role
    organization: str | None = None
    role_is_current: bool = False
    role_years: tuple[str | None, str | None] = (None, None)  # start and end year, as written
    # The person's skills, those the job asks for first, canonical names.
    skills: Sequence[str] = ()
    # "BSc in Computer Science at Lund University, finishing in 2024"
    studies: Sequence[str] = ()


@dataclass(frozen=True)
class CoverLetterRequest:
    job_title: str
    company: str
    requirements: Sequence[str]
    keywords: Sequence[str]
    candidate_name: str | None
    summary: str | None
    evidence: Sequence[Evidence]
    # The cover-letter style profile from the person's sample (greeting, closing, paragraphs...).
    style: Mapping[str, Any]
    # The shortest letter (MIN_LETTER_WORDS by default): a thin profile's letter is this short
    # rather than padded; the offline engine adds no stock sentence past it.
    min_words: int = MIN_LETTER_WORDS
    max_words: int = 400
    # Set on a retry: what the previous draft claimed that the profile does not contain.
    feedback: str | None = None
    # The posting's text, the same the truth check is given (truth.Sources.posting), only to
    # check against: the letter must not quote it (jobwise.text.quotes). Never put in a prompt.
    posting: Sequence[str] = ()
    person: LetterPerson = LetterPerson()


@dataclass(frozen=True)
class CoverLetterDraft:
    text: str
    usage: Usage


@runtime_checkable
class Engine(Protocol):
    @property
    def info(self) -> EngineInfo: ...

    async def parse_job(self, raw_text: str, *, ctx: CallContext) -> tuple[ParsedJob, Usage]: ...

    async def enhance_texts(
        self, items: Sequence[EnhanceItem], style: Mapping[str, Any], *, ctx: CallContext
    ) -> list[EnhanceResult]: ...

    async def write_cover_letter(
        self, request: CoverLetterRequest, *, ctx: CallContext
    ) -> CoverLetterDraft: ...

    def stream_cover_letter(self, request: CoverLetterRequest, *, ctx: CallContext) -> AsyncIterator[str]:
        """Chunks of the letter as they are written; the offline engine yields it whole."""
        ...

    async def rerank_evidence(
        self, requirement: str, candidates: Sequence[str], *, ctx: CallContext
    ) -> list[float] | None:
        """Scores in 0-1 per candidate, or None when the engine has no judgement to add."""
        ...
