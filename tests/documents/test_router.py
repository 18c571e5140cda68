"""/api/v1/documents: saved from generations, edited with versions, exported as files."""

from __future__ import annotations

import io
from typing import Any

import docx
import httpx
import pytest
from fastapi import FastAPI
from pypdf import PdfReader

from jobwise.config import Settings
from jobwise.models import Document, Experience, Job, Profile
from jobwise.rendering.model import format_date_range
from tests.conftest import assert_error
from tests.profiles.conftest import set_columns
from tests.rankings.crafted import (
    EXPERIENCES,
    OBVIOUS,
    PROFILE,
    create_job,
    create_profile,
    large_experiences,
)

DOCUMENTS = "/api/v1/documents"
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


async def new_document(
    client: httpx.AsyncClient, document_type: str = "resume", *, profile: bool = True, **body: Any
) -> dict[str, Any]:
    if profile:
        await create_profile(client)
    job_id = await create_job(client)
    generation = await client.post(
        "/api/v1/generations", json={"job_id": job_id, "document_type": document_type}
    )
    assert generation.status_code == 201, generation.text
    response = await client.post(DOCUMENTS, json={"generation_id": generation.json()["id"], **body})
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    return document


async def export(client: httpx.AsyncClient, document_id: str, fmt: str) -> httpx.Response:
    response = await client.get(f"{DOCUMENTS}/{document_id}/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == MEDIA[fmt]
    return response


def pdf_pages_and_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "".join("".join(page.extract_text().split()) for page in reader.pages)


def squash(text: str) -> str:
    return "".join(text.split())


async def test_a_document_copies_its_generation(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a, notes="for Finly")
    generation = (await user_a.get(f"/api/v1/generations/{document['generation_id']}")).json()
    assert document["title"] == "Resume: Backend Engineer (Payments) at Finly"
    assert document["content_text"] == generation["content_text"]
    assert document["document_type"] == "resume" and document["content_format"] == "markdown"
    assert document["version"] == 1 and document["edited"] is False and document["notes"] == "for Finly"
    assert document["job_id"] == generation["job_id"]
    assert document["metadata"]["structured"] == generation["metadata"]["structured"]


async def test_editing_the_text_makes_a_new_version(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a, title="Mine")
    url = f"{DOCUMENTS}/{document['id']}"
    renamed = (await user_a.patch(url, json={"title": "Finly resume", "notes": None})).json()
    assert renamed["title"] == "Finly resume" and renamed["version"] == 1 and renamed["notes"] is None
    same = (await user_a.patch(url, json={"content_text": document["content_text"]})).json()
    assert same["version"] == 1 and same["edited"] is False
    edited = (await user_a.patch(url, json={"content_text": "# Mira\n\n- Edited by hand"})).json()
    assert edited["version"] == 2 and edited["edited"] is True
    assert (await user_a.get(url)).json() == edited
    assert_error(await user_a.patch(url, json={"content_text": None}), 422, "validation_error")
    assert_error(await user_a.patch(url, json={"title": "x" * 301}), 422, "validation_error")
    assert_error(await user_a.patch(url, json={"version": 7}), 422, "validation_error")


async def test_the_pdf_export_has_every_fact_and_a_copy_is_kept(
    user_a: httpx.AsyncClient, settings: Settings
) -> None:
    document = await new_document(user_a, title='Résumé "Finly" / v1 <final>')
    response = await export(user_a, document["id"], "pdf")
    disposition = response.headers["content-disposition"]
    assert disposition == 'attachment; filename="resume-finly-v1-final-v1.pdf"'
    pages, text = pdf_pages_and_text(response.content)
    assert pages == 1
    assert squash(PROFILE["personal_info"]["name"]) in text
    for experience in EXPERIENCES:
        for phrase in (
            experience["title"],
            experience["company"],
            format_date_range(
                experience["start_date"],
                experience.get("end_date"),
                is_current=experience.get("is_current", False),
            ),
        ):
            assert squash(phrase) in text, phrase
    assert squash(OBVIOUS) in text
    kept = list(settings.upload_dir.glob("*/exports/*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes() == response.content
    assert kept[0].name.startswith(document["id"])
    again = await export(user_a, document["id"], "pdf")
    assert again.content == response.content


async def test_the_docx_export_opens_and_holds_the_same_content(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    pdf_text = pdf_pages_and_text((await export(user_a, document["id"], "pdf")).content)[1]
    opened = docx.Document(io.BytesIO((await export(user_a, document["id"], "docx")).content))
    paragraphs = [paragraph.text for paragraph in opened.paragraphs]
    text = "\n".join(paragraphs)
    for experience in EXPERIENCES:
        assert experience["company"] in text
        for bullet in experience["bullets"]:
            assert bullet in paragraphs
    # Word draws section titles in capitals by style; the text is the same.
    assert squash(text).replace("|", "").lower() == pdf_text.replace("|", "").replace("•", "").lower()


async def test_markdown_and_text_exports(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    markdown = (await export(user_a, document["id"], "md")).text
    assert markdown == document["content_text"]
    text = (await export(user_a, document["id"], "txt")).text
    assert "EXPERIENCE" in text and f"- {OBVIOUS}" in text
    assert_error(
        await user_a.get(f"{DOCUMENTS}/{document['id']}/export", params={"format": "html"}),
        422,
        "validation_error",
    )


async def test_a_large_profile_exports_a_one_page_pdf(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a, experiences=large_experiences())
    document = await new_document(user_a, profile=False)
    pages, text = pdf_pages_and_text((await export(user_a, document["id"], "pdf")).content)
    assert pages == 1
    assert document["metadata"]["left_out"]["bullets"] > 0
    for entry in document["metadata"]["structured"]["experiences"]:
        period = format_date_range(entry["start_date"], entry["end_date"], is_current=entry["is_current"])
        for phrase in (entry["title"], entry["organization"], period):
            assert squash(phrase) in text, phrase


async def test_an_edited_resume_exports_the_edited_text(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    edited = document["content_text"].replace(OBVIOUS, "Edited by hand: **shipped** payments.")
    url = f"{DOCUMENTS}/{document['id']}"
    assert (await user_a.patch(url, json={"content_text": edited})).json()["version"] == 2
    text = pdf_pages_and_text((await export(user_a, document["id"], "pdf")).content)[1]
    assert squash("Edited by hand: shipped payments.") in text
    assert squash(OBVIOUS) not in text
    opened = docx.Document(io.BytesIO((await export(user_a, document["id"], "docx")).content))
    assert "Edited by hand: shipped payments." in [p.text for p in opened.paragraphs]
    assert (await export(user_a, document["id"], "md")).text == edited


async def test_an_edited_cover_letter_keeps_its_letterhead(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a, "cover_letter")
    assert document["title"].startswith("Cover letter: ")
    body = "Dear Finly team,\n\nI wrote this myself.\n\nBest,\nMira"
    await user_a.patch(f"{DOCUMENTS}/{document['id']}", json={"content_text": body})
    text = (await export(user_a, document["id"], "txt")).text
    assert text.startswith("Mira Kowalski\n")
    assert "I wrote this myself." in text and "Best,\nMira" in text
    pdf = pdf_pages_and_text((await export(user_a, document["id"], "pdf")).content)[1]
    assert squash("I wrote this myself.") in pdf and "Finly" in pdf


async def test_documents_are_listed_and_filtered(user_a: httpx.AsyncClient) -> None:
    resume = await new_document(user_a)
    letter = await new_document(user_a, "cover_letter", profile=False)
    assert (await user_a.get(DOCUMENTS)).json()["total"] == 2
    letters = (await user_a.get(DOCUMENTS, params={"document_type": "cover_letter"})).json()
    assert [row["id"] for row in letters["items"]] == [letter["id"]]
    for_job = (await user_a.get(DOCUMENTS, params={"job_id": resume["job_id"]})).json()
    assert [row["id"] for row in for_job["items"]] == [resume["id"]]


async def test_deleting_a_document_removes_its_exports(user_a: httpx.AsyncClient, settings: Settings) -> None:
    document = await new_document(user_a)
    await export(user_a, document["id"], "pdf")
    await export(user_a, document["id"], "docx")
    assert len(list(settings.upload_dir.glob("*/exports/*"))) == 2
    assert (await user_a.delete(f"{DOCUMENTS}/{document['id']}")).status_code == 204
    assert list(settings.upload_dir.glob("*/exports/*")) == []
    assert_error(await user_a.get(f"{DOCUMENTS}/{document['id']}"), 404, "document_not_found")


async def test_a_document_needs_an_own_generation(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient
) -> None:
    document = await new_document(user_a)
    response = await user_b.post(DOCUMENTS, json={"generation_id": document["generation_id"]})
    assert_error(response, 404, "generation_not_found")
    assert_error(
        await user_a.post(DOCUMENTS, json={"generation_id": "x", "extra": 1}), 422, "validation_error"
    )


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"title": "stolen"}),
        ("DELETE", "", None),
        ("GET", "/export?format=pdf", None),
        ("GET", "/export?format=docx", None),
    ],
)
async def test_other_users_documents_are_404(
    user_a: httpx.AsyncClient,
    user_b: httpx.AsyncClient,
    settings: Settings,
    method: str,
    suffix: str,
    body: dict[str, Any] | None,
) -> None:
    document = await new_document(user_a)
    response = await user_b.request(method, f"{DOCUMENTS}/{document['id']}{suffix}", json=body)
    assert_error(response, 404, "document_not_found")
    assert (await user_a.get(f"{DOCUMENTS}/{document['id']}")).json() == document
    assert (await user_b.get(DOCUMENTS)).json()["total"] == 0
    assert list(settings.upload_dir.glob("*/exports/*")) == []


# Characters input now refuses (text/safe.py) but rows written before the rule may hold; a NUL
# only where the database could store one (SQLite).
STORED_UNSAFE = "\x01\x08\x0b\x1f\ufffe"


def _unsafe_for(app: FastAPI) -> str:
    return STORED_UNSAFE + ("\x00" if app.state.database.engine.dialect.name == "sqlite" else "")


async def _exports_in_every_format(client: httpx.AsyncClient, document_id: str) -> dict[str, str]:
    """Each format twice (drawn, then the stored copy), as text to search."""
    texts: dict[str, str] = {}
    for fmt in ("docx", "pdf", "md", "txt"):
        content = (await export(client, document_id, fmt)).content
        assert (await export(client, document_id, fmt)).content == content
        if fmt == "docx":
            texts[fmt] = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
        elif fmt == "pdf":
            texts[fmt] = pdf_pages_and_text(content)[1]
        else:
            texts[fmt] = content.decode()
    return texts


async def test_profile_and_job_text_stored_before_the_rule_exports_in_every_format(
    app: FastAPI, user_a: httpx.AsyncClient
) -> None:
    bad = _unsafe_for(app)
    profile = await create_profile(user_a)
    experience = next(item for item in profile["experiences"] if OBVIOUS in item["bullets"])
    info = {**profile["personal_info"], "name": f"Mira{bad} Kowalski"}
    await set_columns(app, Profile, profile["id"], personal_info=info)
    await set_columns(app, Experience, experience["id"], title=f"Backend{bad} Engineer")
    job_id = await create_job(user_a)
    await set_columns(app, Job, job_id, title=f"Backend{bad} Engineer (Payments)")
    for document_type in ("resume", "cover_letter"):
        generation = await user_a.post(
            "/api/v1/generations", json={"job_id": job_id, "document_type": document_type}
        )
        assert generation.status_code == 201, generation.text
        document = await user_a.post(DOCUMENTS, json={"generation_id": generation.json()["id"]})
        assert document.status_code == 201, document.text
        for fmt, text in (await _exports_in_every_format(user_a, document.json()["id"])).items():
            assert not any(char in text for char in bad), (document_type, fmt)
            assert "MiraKowalski" in squash(text), (document_type, fmt)


async def test_edited_text_stored_before_the_rule_exports_in_every_format(
    app: FastAPI, user_a: httpx.AsyncClient
) -> None:
    bad = _unsafe_for(app)
    document = await new_document(user_a)
    content = f"# Mira{bad} Kowalski\n\n## Summary\n\nShips{bad} payments\tsoftware.\n\n- One{bad} bullet\n"
    await set_columns(app, Document, document["id"], content_text=content, version=2)
    texts = await _exports_in_every_format(user_a, document["id"])
    assert "Ships payments" in texts["docx"] and "Shipspaymentssoftware." in texts["pdf"]
    assert texts["md"] == content  # the person's own Markdown, as stored
    assert not any(char in texts[fmt] for fmt in ("docx", "pdf", "txt") for char in bad)


async def test_a_first_heading_over_255_characters_exports_as_docx(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    name = "Mira " + "K" * 300
    edited = await user_a.patch(f"{DOCUMENTS}/{document['id']}", json={"content_text": f"# {name}\n\nHello."})
    assert edited.status_code == 200, edited.text
    opened = docx.Document(io.BytesIO((await export(user_a, document["id"], "docx")).content))
    assert opened.paragraphs[0].text == name and len(opened.core_properties.title) == 255
    await export(user_a, document["id"], "pdf")


async def test_a_job_title_at_the_schema_limit_exports_in_every_format(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    title = "Senior Backend Engineer " + "P" * 273
    assert len(title) == 297
    job_id = await create_job(user_a, title=title, company="C" * 300)
    for document_type in ("resume", "cover_letter"):
        generation = await user_a.post(
            "/api/v1/generations", json={"job_id": job_id, "document_type": document_type}
        )
        assert generation.status_code == 201, generation.text
        document = await user_a.post(DOCUMENTS, json={"generation_id": generation.json()["id"]})
        assert document.status_code == 201, document.text
        await _exports_in_every_format(user_a, document.json()["id"])


# --- conditional requests --------------------------------------------------------------------


async def test_an_unchanged_document_is_304_and_a_stale_edit_is_412(user_a: httpx.AsyncClient) -> None:
    document = await new_document(user_a)
    url = f"{DOCUMENTS}/{document['id']}"
    tag = (await user_a.get(url)).headers["etag"]
    unchanged = await user_a.get(url, headers={"If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == tag

    # A new note leaves `version` (the text's) alone but is a new version of the document.
    noted = await user_a.patch(url, json={"notes": "tab one"}, headers={"If-Match": tag})
    assert noted.status_code == 200 and noted.json()["version"] == 1
    assert noted.headers["etag"] != tag
    stale = await user_a.patch(url, json={"content_text": "tab two"}, headers={"If-Match": tag})
    assert_error(stale, 412, "precondition_failed")
    current = (await user_a.get(url)).json()
    assert current["notes"] == "tab one" and current["content_text"] == document["content_text"]
    edited = await user_a.patch(
        url, json={"content_text": "# Mira"}, headers={"If-Match": noted.headers["etag"]}
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2


async def test_an_unchanged_export_is_304_without_rendering_again(
    user_a: httpx.AsyncClient, settings: Settings
) -> None:
    document = await new_document(user_a)
    first = await export(user_a, document["id"], "pdf")
    tag = first.headers["etag"]
    for kept in settings.upload_dir.glob("*/exports/*.pdf"):
        kept.unlink()  # a 304 neither reads nor renders the file
    url = f"{DOCUMENTS}/{document['id']}/export"
    unchanged = await user_a.get(url, params={"format": "pdf"}, headers={"If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert not list(settings.upload_dir.glob("*/exports/*.pdf"))
    # Another format, or an edited text, is another file.
    assert (await export(user_a, document["id"], "md")).headers["etag"] != tag
    await user_a.patch(f"{DOCUMENTS}/{document['id']}", json={"content_text": "# Mira"})
    edited = await user_a.get(url, params={"format": "pdf"}, headers={"If-None-Match": tag})
    assert edited.status_code == 200 and edited.headers["etag"] != tag
