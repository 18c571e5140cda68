"""Sample document schemas: the upload's form fields and what a client reads back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field

from jobwise.models import SampleDocument, SampleType
from jobwise.samples.style import StyleProfile
from jobwise.schemas import InputModel

FILE_NAME_MAX = 255


class SampleUploadForm(InputModel):
    """The text fields of POST /samples (the file travels beside them)."""

    document_type: SampleType


class SampleUpload(BaseModel):
    """A received upload, ready for the service: the file sits in a private temp file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document_type: SampleType
    file_name: str = Field(min_length=1, max_length=FILE_NAME_MAX)
    path: Path
    size: int = Field(ge=0)
    charset: str | None = Field(default=None, max_length=40)


class SampleSummary(BaseModel):
    id: str
    document_type: SampleType
    file_name: str
    version: int
    file_size_bytes: int | None
    text_length: int = Field(description="Characters of extracted text.")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, sample: SampleDocument) -> Self:
        return cls.model_validate(_fields(sample, cls))


class SampleRead(SampleSummary):
    extracted_style: StyleProfile | None = Field(
        description="The writing-style profile (schema_version 1), computed on upload."
    )


class SampleDetail(SampleRead):
    full_text: str


def _fields(sample: SampleDocument, schema: type[BaseModel]) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: getattr(sample, name) for name in schema.model_fields if hasattr(sample, name)
    }
    values["text_length"] = len(sample.full_text)
    return values
