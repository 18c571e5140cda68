"""The letter's plan and document: names as a letter writes them, refusals that say what to do."""

from __future__ import annotations

from datetime import date

import pytest

from jobwise.ai.engine import EngineInfo
from jobwise.generations.cover_letter import (
    Attempt,
    LetterResult,
    _refuse,
    letter_company,
    letter_document,
    letter_title,
)
from jobwise.models import Job
from jobwise.rendering import render
from jobwise.rendering.model import Contact
from jobwise.text.truth import Addition, TruthReport


def test_a_letters_header_names_only_real_values() -> None:
    job = Job(title="Untitled position", company="Unknown company")
    document = letter_document(Contact(name="Zoë"), job, "Dear Team,\n\nHello.", today=date(2026, 1, 5))
    assert document.recipient is None and document.job_title is None
    assert render(document, "md").decode().count("Unknown") == 0
    job = Job(title="Acme Logistics, Data Analyst", company="Acme Logistics")
    document = letter_document(Contact(name="Zoë"), job, "Dear Team,\n\nHello.", today=date(2026, 1, 5))
    assert (document.recipient, document.job_title) == ("Acme Logistics", "Data Analyst")


@pytest.mark.parametrize(
    ("company", "expected"),
    [("Acme", "Acme"), ("Unknown company", ""), (None, ""), ("Location", ""), ("OXFORD/HYBRID", "")],
)
def test_the_employer_a_letter_names(company: str | None, expected: str) -> None:
    assert letter_company(company) == expected


def test_the_role_a_letter_names() -> None:
    assert letter_title("Untitled position", "") == ""
    assert letter_title("Marylhurst University, Assistant Professor", "Marylhurst University") == (
        "Assistant Professor"
    )
    assert letter_title("Data Analyst", "Acme") == "Data Analyst"


class _Engine:
    def __init__(self, is_llm: bool) -> None:
        self.info = EngineInfo(name="openai" if is_llm else "offline", is_llm=is_llm)


def _refused(is_llm: bool) -> str:
    report = TruthReport((Addition("organization", "Google", False),))
    result = LetterResult(text="", attempts=[Attempt("text", 1, report, None, 1.0)] * 2)
    return _refuse(result, _Engine(is_llm)).message  # type: ignore[arg-type]


def test_a_refusal_names_the_claim_and_what_to_do_and_offers_a_retry_only_from_an_llm() -> None:
    llm, offline = _refused(True), _refused(False)
    assert '"Google"' in llm and "add it to your profile" in llm and "generate the letter again" in llm
    assert '"Google"' in offline and "again" not in offline.replace("after a second attempt", "")
