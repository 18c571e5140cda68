"""The last steps of every import: readable text, values found in the file, a résumé at all."""

from __future__ import annotations

import pytest

from jobwise.importing.errors import GarbledText, NotAResume
from jobwise.importing.lines import Line, ReadDocument, number_lines
from jobwise.importing.parser import Draft, Source
from jobwise.importing.service import check_readable, drop_unfound, finish
from jobwise.importing.verify import DocumentText


def document(*texts: str) -> ReadDocument:
    return ReadDocument(kind="text", lines=number_lines([Line(text=text, page=1) for text in texts]), pages=1)


def test_a_text_layer_of_private_glyphs_is_garbled() -> None:
    with pytest.raises(GarbledText):
        check_readable(
            document("\ue001\ue002\ue003 " * 40 + "some readable words are here"), max_chars=100_000
        )


def test_values_not_in_the_file_are_dropped_and_later_sources_move_up() -> None:
    read = document("Jane Doe", "Built the billing API", "Cut latency by 40%")
    lines = read.lines
    draft = Draft(
        document={"work": [{"name": "Acme", "highlights": ["Invented bullet", "Cut latency by 40%"]}]},
        sources={"/work/0/highlights/0": Source(lines[1]), "/work/0/highlights/1": Source(lines[2])},
    )
    assert drop_unfound(draft, DocumentText.of(read)) == 2  # "Acme" and the invented bullet
    assert draft.document == {"work": [{"highlights": ["Cut latency by 40%"]}]}
    assert draft.sources["/work/0/highlights/0"].line is lines[2]


def test_a_document_with_no_resume_marks_is_refused() -> None:
    read = document("Dear hiring manager,", "I am writing to apply for the position.", "Sincerely, Jane")
    with pytest.raises(NotAResume):
        finish(read, Draft(document={"basics": {"name": "Jane"}}), "offline")


def test_a_draft_that_breaks_the_schema_warns_instead_of_failing() -> None:
    read = document("Jane Doe", "jane@example.com", "Acme 2020 - 2018", "Skills: Python")
    draft = Draft(
        document={
            "basics": {"name": "Jane Doe", "email": "jane@example.com"},
            "work": [{"name": "Acme", "startDate": "2020", "endDate": "2018"}],
            "skills": [{"name": "Skills", "keywords": ["Python"]}],
        }
    )
    result = finish(read, draft, "offline")
    assert any("work[0].endDate" in warning for warning in result.warnings)
