"""Document schemas: a saved, editable copy of a generation."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StringConstraints

from jobwise.omittable import Omittable
from jobwise.schemas import InputModel, SingleLine

DocumentType = Literal["resume", "cover_letter"]
ID_MAX = 36
TITLE_MAX = 300
NOTES_MAX = 5_000
CONTENT_MAX = 100_000

Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX), SingleLine
]
Notes = Annotated[str, StringConstraints(max_length=NOTES_MAX)]
Content = Annotated[str, StringConstraints(min_length=1, max_length=CONTENT_MAX)]


class DocumentCreate(InputModel):
    generation_id: Annotated[str, Field(min_length=1, max_length=ID_MAX), SingleLine]
    title: Title | None = Field(default=None, description="Defaults to the document type, job and company")
    notes: Notes | None = None


class DocumentUpdate(InputModel):
    """Only the fields sent change. A new content_text makes a new version (version + 1)."""

    title: Omittable[Title] = None
    notes: Notes | None = None
    content_text: Omittable[Content] = Field(
        default=None,
        description=(
            "The document's text. For a resume this is Markdown (# name, ## sections, ### entries, "
            "- bullets, **bold**, *italic*); exports render the edited text. For a cover letter it "
            "is the letter, paragraphs separated by blank lines."
        ),
    )


class DocumentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    generation_id: str
    job_id: str | None
    profile_id: str | None
    document_type: DocumentType
    title: str
    content_text: str
    content_format: Literal["markdown", "plain"]
    metadata: dict[str, Any] = Field(validation_alias=AliasChoices("meta", "metadata"))
    notes: str | None
    version: int
    edited: bool = Field(description="content_text differs from what was generated")
    created_at: datetime
    updated_at: datetime


class DocumentPage(BaseModel):
    items: list[DocumentRead]
    total: int
    limit: int
    offset: int


class AtsField(BaseModel):
    field: str = Field(description='Where the value sits in the document ("experiences[0].title")')
    expected: str = Field(description="What the document holds")
    found: bool = Field(description="A parser read it back, in its place")
    read_as: str | None = Field(description="What the parser read there instead (null: nothing)")


class AtsKeywords(BaseModel):
    present: list[str] = Field(description="The job's keywords found in the text a parser extracts")
    missing: list[str]


class AtsCheckRead(BaseModel):
    """How an applicant tracking system reads the exported file (GET /documents/{id}/ats-check)."""

    document_id: str
    format: Literal["pdf", "docx"]
    pages: int
    fields: list[AtsField]
    found: int
    lost: int
    keywords: AtsKeywords
    warnings: list[str]
    extracted_text: str = Field(description="The text as a parser extracts it, in its reading order")
