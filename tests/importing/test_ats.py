"""GET /api/v1/documents/{id}/ats-check: the exported file read back as a parser would."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import assert_error
from tests.documents.test_router import DOCUMENTS, new_document


async def ats_check(client: httpx.AsyncClient, document_id: str, fmt: str = "pdf") -> dict[str, Any]:
    response = await client.get(f"{DOCUMENTS}/{document_id}/ats-check", params={"format": fmt})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
async def test_jobwise_resumes_are_read_back_whole(user_a: httpx.AsyncClient, fmt: str) -> None:
    document = await new_document(user_a)
    report = await ats_check(user_a, document["id"], fmt)
    assert report["format"] == fmt and report["pages"] >= 1
    lost = [item for item in report["fields"] if not item["found"]]
    assert lost == [] and report["lost"] == 0
    names = {item["field"] for item in report["fields"]}
    assert {
        "name",
        "email",
        "experiences[0].title",
        "experiences[0].employer",
        "experiences[0].dates",
    } <= names
    assert any(name.startswith("experiences[0].bullets[") for name in names)
    assert report["keywords"]["present"], report["keywords"]
    assert not any("columns" in warning for warning in report["warnings"])
    assert "Experience" in report["extracted_text"].title()


async def test_a_heading_parsers_do_not_know_is_a_warning(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    assert "## Experience" in document["content_text"]
    edited = document["content_text"].replace("## Experience", "## Things I did")
    response = await user_a.patch(f"{DOCUMENTS}/{document['id']}", json={"content_text": edited})
    assert response.status_code == 200, response.text
    report = await ats_check(user_a, document["id"])
    assert report["fields"][0]["field"] == "name" and report["fields"][0]["found"]
    assert any("'Things I did'" in warning for warning in report["warnings"])


async def test_a_cover_letter_is_checked_for_the_name_and_keywords(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a, "cover_letter")
    report = await ats_check(user_a, document["id"])
    assert [item["field"] for item in report["fields"]] == ["name"]
    assert set(report["keywords"]) == {"present", "missing"}


async def test_another_users_document_is_404(user_a: httpx.AsyncClient, user_b: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    response = await user_b.get(f"{DOCUMENTS}/{document['id']}/ats-check")
    assert_error(response, 404, "document_not_found")


async def test_only_pdf_and_docx_are_checked(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    response = await user_a.get(f"{DOCUMENTS}/{document['id']}/ats-check", params={"format": "md"})
    assert_error(response, 422)
