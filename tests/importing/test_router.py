"""POST /api/v1/profiles/import: real résumés in, a JSON Resume draft with sources out, nothing
stored; files with nothing to read, and documents that are not résumés, are refused."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from jobwise.samples.extraction import ExtractionLimits, Extractor
from tests.conftest import assert_error
from tests.samples import files

URL = "/api/v1/profiles/import"
DEV = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev"


async def import_file(client: httpx.AsyncClient, path: Path, **params: str) -> httpx.Response:
    content = await asyncio.to_thread(path.read_bytes)
    return await client.post(URL, files={"file": (path.name, content)}, params=params)


async def imported(client: httpx.AsyncClient, path: Path) -> dict[str, Any]:
    response = await import_file(client, path)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_pdf_resume_becomes_a_draft_with_the_line_of_each_value(user_a: httpx.AsyncClient) -> None:
    body = await imported(user_a, DEV / "latex_bajaj.pdf")
    draft = body["draft"]
    assert draft["basics"]["name"] == "Sourabh Bajaj"
    assert draft["basics"]["email"] == "sourabh@sourabhbajaj.com"
    first = draft["work"][0]
    assert (first["name"], first["position"], first["startDate"]) == (
        "Google",
        "Software Engineer",
        "2016-10",
    )
    assert "endDate" not in first  # "Present": JSON Resume's current role has no end
    source = body["sources"]["/work/0/position"]
    assert source["page"] == 1 and "Software Engineer" in source["text"]
    assert body["engine"] == "offline" and body["pages"] == 1


async def test_nothing_is_stored(user_a: httpx.AsyncClient) -> None:
    await imported(user_a, DEV / "text_bowman.txt")
    assert_error(await user_a.get("/api/v1/profiles/me"), 404)


async def test_the_draft_applies_as_it_is(user_a: httpx.AsyncClient) -> None:
    draft = (await imported(user_a, DEV / "markdown_keshri.md"))["draft"]
    response = await user_a.put("/api/v1/profiles/me/json-resume", json=draft)
    assert response.status_code == 201, response.text
    assert response.json()["experiences"][0]["company"] == "Incubyte"


async def test_a_word_document_with_a_table_sidebar_is_read(user_a: httpx.AsyncClient) -> None:
    draft = (await imported(user_a, DEV / "word_sidebar_fabre.docx"))["draft"]
    assert [item["name"] for item in draft["work"]][:2] == ["SES Satellites", "CentraleSupélec"]
    assert "email" not in draft["basics"]  # the document has none: nothing is invented


async def test_a_scanned_pdf_is_refused_before_any_parsing(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(URL, files={"file": ("scan.pdf", files.image_only_pdf())})
    assert_error(response, 422, "scanned_document")


async def test_a_word_document_of_screenshots_is_refused(user_a: httpx.AsyncClient) -> None:
    assert_error(await import_file(user_a, DEV / "image_only_agrebi.docx"), 422, "scanned_document")


async def test_an_encrypted_pdf_is_refused(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(URL, files={"file": ("locked.pdf", files.encrypted_pdf())})
    assert_error(response, 422, "encrypted_file")


async def test_a_cover_letter_is_not_a_resume(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(URL, files={"file": ("letter.txt", files.COVER_LETTER_TEXT.encode())})
    assert_error(response, 422, "not_a_resume")


async def test_the_upload_defences_of_samples_apply(user_a: httpx.AsyncClient) -> None:
    assert_error(await user_a.post(URL, files={"file": ("cv.exe", b"MZ...")}), 415)
    assert_error(await user_a.post(URL, files={"file": ("cv.pdf", b"just text, not a pdf at all")}), 415)
    assert_error(
        await user_a.post(URL, files={"file": ("cv.docx", files.docx_zip_bomb())}), 422, "unsafe_file"
    )
    assert_error(await user_a.post(URL, json={}), 415, "multipart_required")


async def test_pdfs_are_read_under_the_samples_limits(app: FastAPI, user_a: httpx.AsyncClient) -> None:
    app.state.sample_extractor = Extractor(ExtractionLimits(max_pages=1))
    two_pages = files.pdf_from_lines(files.RESUME_LINES, pages=2)
    assert_error(await user_a.post(URL, files={"file": ("cv.pdf", two_pages)}), 422, "too_many_pages")


@pytest.mark.slow
async def test_a_pdf_over_the_wall_clock_limit_is_422(app: FastAPI, user_a: httpx.AsyncClient) -> None:
    app.state.sample_extractor = Extractor(ExtractionLimits(cpu_seconds=60, wall_seconds=0.05))
    response = await user_a.post(URL, files={"file": ("slow.pdf", files.slow_pdf())})
    assert_error(response, 422, "file_too_complex")


@pytest.mark.slow
async def test_a_pdf_over_the_memory_limit_is_422(app: FastAPI, user_a: httpx.AsyncClient) -> None:
    app.state.sample_extractor = Extractor(
        ExtractionLimits(memory_bytes=160 * 1024 * 1024, cpu_seconds=60, wall_seconds=30)
    )
    response = await user_a.post(URL, files={"file": ("big.pdf", files.memory_hungry_pdf())})
    assert_error(response, 422, "file_too_complex")
