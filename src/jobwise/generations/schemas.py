"""Generation schemas: what a client asks for and what it reads back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field

from jobwise.ai.engine import MIN_LETTER_WORDS
from jobwise.models import DocumentType
from jobwise.schemas import ID_MAX, InputModel, SingleLine


def _integral(value: Any) -> Any:
    # JSON has one number type: 16.0 is the integer 16 to a JSON Schema, so it is accepted here;
    # everything else stays for strict int validation (true and "16" are refused).
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Integer = Annotated[int, BeforeValidator(_integral)]


class GenerationOptions(InputModel):
    """Every option has a default; options that do not apply to the document type are ignored.

    min_words may not exceed max_words (generations.service refuses it as `invalid_word_range`).
    """

    max_pages: Integer = Field(default=1, ge=1, le=5, description="Resume: pages when rendered")
    paper: Literal["a4", "us-letter"] | None = Field(
        default=None,
        description="Page size the resume is fitted to; by default Letter for an address in the United "
        "States or Canada, A4 elsewhere",
    )
    include_summary: bool = Field(default=True, description="Resume: the professional summary")
    include_projects: bool = Field(default=True, description="Resume: a projects section")
    max_skills: Integer = Field(
        default=24, ge=0, le=100, description="Resume: skills listed, most relevant first"
    )
    min_words: Integer = Field(
        default=MIN_LETTER_WORDS,
        ge=50,
        le=1500,
        description="Cover letter: shortest length. A thin profile's letter may be this short: it is "
        "never padded with stock sentences to reach a longer one",
    )
    max_words: Integer = Field(default=400, ge=50, le=1500, description="Cover letter: longest length")
    evidence: Integer = Field(default=6, ge=1, le=20, description="Cover letter: strongest bullets given")


class GenerationCreate(InputModel):
    job_id: Annotated[str, Field(min_length=1, max_length=ID_MAX), SingleLine]
    document_type: DocumentType
    options: GenerationOptions = Field(default_factory=GenerationOptions)


class GenerationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    job_id: str
    profile_id: str
    ranking_id: str | None
    document_type: DocumentType
    content_text: str
    content_format: Literal["markdown", "plain"]
    metadata: dict[str, Any] = Field(
        validation_alias=AliasChoices("meta", "metadata"),
        description=(
            "ranking used, items and text versions used, engine and model, tokens, timings, keyword "
            "coverage (profile and document), truth check; for a resume also the structured document"
        ),
    )
    generation_params: dict[str, Any] | None
    created_at: datetime


class GenerationPage(BaseModel):
    items: list[GenerationRead]
    total: int
    limit: int
    offset: int
