"""What an import answers: a JSON Resume draft, where each value came from, and what to check."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from jobwise.samples.schemas import FILE_NAME_MAX

ImportEngineName = Literal["offline", "llm"]


class ResumeUpload(BaseModel):
    """A received résumé file, ready for the service: it sits in a private temp file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file_name: str = Field(min_length=1, max_length=FILE_NAME_MAX)
    path: Path
    size: int = Field(ge=0)
    charset: str | None = Field(default=None, max_length=40)


class SourceRead(BaseModel):
    page: int = Field(description="1-based page of the file (1 for text files)")
    line: int = Field(
        description="1-based line on that page, in reading order (columns read one after the other)"
    )
    text: str = Field(description="The whole line the value was read from")


class ImportRead(BaseModel):
    draft: dict[str, Any] = Field(
        description="A JSON Resume document; nothing is stored. Apply it with PUT "
        "/api/v1/profiles/me/json-resume (mode=merge keeps what your profile already holds)."
    )
    sources: dict[str, SourceRead] = Field(
        description='JSON pointer into the draft ("/work/0/position") -> the line it was read from. '
        "Dates and network names are read by code from the line given."
    )
    warnings: list[str] = Field(description="What to check before applying the draft")
    engine: ImportEngineName
    pages: int
    layout: dict[str, str] = Field(
        description="Per page (PDF): read as one column, two columns, a sidebar, or a margin of dates"
    )


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
