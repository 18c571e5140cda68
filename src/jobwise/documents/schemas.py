"""Document schemas: a saved, editable copy of a generation."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StringConstraints

from jobwise.models import DocumentType
from jobwise.omittable import Omittable
from jobwise.schemas import ID_MAX, InputModel, SingleLine

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
