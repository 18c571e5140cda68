"""/api/v1/samples: uploads of real files, every kind of bad input, replacement, ownership."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.config import Settings
from jobwise.samples.extraction import ExtractionLimits, Extractor
from jobwise.text.safe import text_problem
from tests.conftest import assert_error
from tests.samples import files

URL = "/api/v1/samples"


async def upload(
    client: httpx.AsyncClient,
    content: bytes,
    name: str = "resume.txt",
    document_type: str = "resume_sample",
    content_type: str = "application/octet-stream",
) -> httpx.Response:
    return await client.post(
        URL, files={"file": (name, content, content_type)}, data={"document_type": document_type}
    )


async def user_id(client: httpx.AsyncClient) -> int:
    value: int = (await client.get("/auth/me")).json()["id"]
    return value


def stored_files(settings: Settings, owner_id: int) -> list[Path]:
    directory = settings.upload_dir / str(owner_id)
    return sorted(path for path in directory.rglob("*") if path.is_file()) if directory.exists() else []


def multipart(
    file_name: bytes, chunks: list[bytes], document_type: bytes = b"resume_sample"
) -> tuple[str, list[bytes]]:
    """A multipart body built by hand: raw header bytes (quotes, non-ASCII) and a chunked file."""
    boundary = b"jobwise-test-boundary"
    head = (
        b"--" + boundary + b"\r\n"
        b'Content-Disposition: form-data; name="document_type"\r\n\r\n' + document_type + b"\r\n"
        b"--" + boundary + b"\r\n"
        b'Content-Disposition: form-data; name="file"; filename="' + file_name + b'"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
    )
    tail = b"\r\n--" + boundary + b"--\r\n"
    return f"multipart/form-data; boundary={boundary.decode()}", [head, *chunks, tail]


# -- what a user gets ------------------------------------------------------------------------


async def test_pdf_resume_upload_returns_the_sample_and_its_style(
    user_a: httpx.AsyncClient, settings: Settings
) -> None:
    response = await upload(user_a, files.pdf_from_lines(files.RESUME_LINES, pages=2), "Jane Doe CV.pdf")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["document_type"] == "resume_sample"
    assert body["file_name"] == "Jane Doe CV.pdf"
    assert body["version"] == 1
    assert body["file_size_bytes"] > 0
    assert body["text_length"] > 500
    assert "full_text" not in body
    style = body["extracted_style"]
    assert style["schema_version"] == 1
    assert style["resume"]["section_headings"] == ["SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS"]
    assert style["resume"]["bullet_marker"] == "•"
    assert style["resume"]["tense"] == "past"
    assert style["resume"]["date_format"] == "Mon YYYY"
    assert "ships boring software" in style["characteristic_phrases"]
    # Named by id, never by the uploaded name, in the user's samples folder.
    [stored] = stored_files(settings, await user_id(user_a))
    assert stored.parent.name == "samples"
    assert stored.name == f"{body['id']}-v1.pdf"
    assert stored.stat().st_mode & 0o077 == 0


async def test_docx_text_keeps_paragraphs_bullets_and_tables_in_reading_order(
    user_a: httpx.AsyncClient,
) -> None:
    document = files.docx_document(
        ["Dear Ms. Rivera,", "I build payment systems that stay up, and I would like to do that for you."],
        bullets=["Led the payments rebuild"],
        table=[["Skill", "Years"], ["Python", "9"]],
        closing=["Best regards,", "Jane Doe"],
    )
    created = await upload(user_a, document, "letter.docx", "cover_letter_sample")
    assert created.status_code == 201, created.text
    detail = (await user_a.get(f"{URL}/{created.json()['id']}")).json()
    assert detail["full_text"] == "\n".join(
        [
            "Dear Ms. Rivera,",
            "I build payment systems that stay up, and I would like to do that for you.",
            "• Led the payments rebuild",
            "Skill",
            "Years",
            "Python",
            "9",
            "Best regards,",
            "Jane Doe",
        ]
    )
    letter = detail["extracted_style"]["cover_letter"]
    assert letter["greeting"] == "Dear Ms. Rivera,"
    assert letter["greeting_template"] == "Dear {name},"
    assert letter["closing"] == "Best regards,"


@pytest.mark.parametrize(
    ("encoded", "content_type"),
    [
        pytest.param("Résumé — naïve café\r\nSecond line".encode(), "text/plain", id="utf-8"),
        pytest.param("Résumé — naïve café\r\nSecond line".encode("utf-8-sig"), "text/plain", id="utf-8-bom"),
        pytest.param("Résumé — naïve café\r\nSecond line".encode("utf-16"), "text/plain", id="utf-16-bom"),
        pytest.param("Résumé — naïve café\rSecond line".encode("cp1252"), "text/plain", id="cp1252-fallback"),
        pytest.param(
            "Résumé — naïve café\nSecond line".encode("cp1252"), "text/plain; charset=cp1252", id="declared"
        ),
    ],
)
async def test_text_in_several_encodings_reads_the_same(
    user_a: httpx.AsyncClient, encoded: bytes, content_type: str
) -> None:
    created = await upload(user_a, encoded, "resume.txt", content_type=content_type)
    assert created.status_code == 201, created.text
    detail = (await user_a.get(f"{URL}/{created.json()['id']}")).json()
    assert detail["full_text"] == "Résumé — naïve café\nSecond line"


async def test_declared_charset_is_used_when_utf8_fails(user_a: httpx.AsyncClient) -> None:
    text = "Опыт работы: руководил командой инженеров"
    created = await upload(
        user_a, text.encode("koi8_r"), "resume.txt", content_type="text/plain; charset=koi8-r"
    )
    assert created.status_code == 201, created.text
    assert (await user_a.get(f"{URL}/{created.json()['id']}")).json()["full_text"] == text


async def test_characters_no_stored_text_may_hold_are_removed_from_a_file_not_refused(
    user_a: httpx.AsyncClient,
) -> None:
    # Octal escapes in a PDF string: pypdf hands them back as NUL, U+0001, U+0008, VT, FF, U+001F.
    line = rb"(Jane\000 Doe\001 Backend\010 engineer\013 who\014 ships\037 boring software that stays up.) Tj"
    pdf = files.raw_pdf(b"BT /F1 12 Tf 72 720 Td " + line + b" ET")
    text = "Jane Doe\x0cPage two: boring software\ufffe that stays up.\uffff\nThe end."
    for content, name in ((pdf, "resume.pdf"), (text.encode(), "resume.txt")):
        created = await upload(user_a, content, name)
        assert created.status_code == 201, created.text
        stored = (await user_a.get(f"{URL}/{created.json()['id']}")).json()["full_text"]
        assert text_problem(stored) is None, stored
    assert stored == "Jane Doe\n\nPage two: boring software that stays up.\nThe end."


async def test_list_has_no_full_text_and_detail_has_it(user_a: httpx.AsyncClient) -> None:
    resume = await upload(user_a, files.RESUME_TEXT.encode(), "resume.txt")
    letter = await upload(user_a, files.COVER_LETTER_TEXT.encode(), "letter.txt", "cover_letter_sample")
    listed = (await user_a.get(URL)).json()
    assert [item["document_type"] for item in listed] == ["cover_letter_sample", "resume_sample"]
    assert all("full_text" not in item and "extracted_style" not in item for item in listed)
    assert {item["id"] for item in listed} == {resume.json()["id"], letter.json()["id"]}
    detail = (await user_a.get(f"{URL}/{resume.json()['id']}")).json()
    assert detail["full_text"] == files.RESUME_TEXT
    assert detail["text_length"] == len(files.RESUME_TEXT)
    assert detail["extracted_style"]["resume"]["bullet_count"] == 5


async def test_replacement_keeps_one_row_at_version_2_and_one_file(
    user_a: httpx.AsyncClient, settings: Settings
) -> None:
    first = await upload(user_a, files.pdf_from_lines(files.RESUME_LINES), "old.pdf")
    second = await upload(user_a, files.RESUME_TEXT.encode(), "new.txt")
    assert second.status_code == 201, second.text
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["version"] == 2
    listed = (await user_a.get(URL)).json()
    assert [(item["version"], item["file_name"]) for item in listed] == [(2, "new.txt")]
    [stored] = stored_files(settings, await user_id(user_a))
    assert stored.name == f"{first.json()['id']}-v2.txt"
    downloaded = await user_a.get(f"{URL}/{first.json()['id']}/file")
    assert downloaded.content == files.RESUME_TEXT.encode()


async def test_failed_replacement_keeps_the_previous_sample_and_its_file(
    user_a: httpx.AsyncClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await upload(user_a, files.RESUME_TEXT.encode(), "first.txt")
    [original] = stored_files(settings, await user_id(user_a))

    async def failing_flush(self: AsyncSession, objects: Any = None) -> None:
        raise IntegrityError("UPDATE sample_documents", {}, Exception("simulated"))

    monkeypatch.setattr(AsyncSession, "flush", failing_flush)
    failed = await upload(user_a, b"A different resume with enough words to count as text.", "second.txt")
    monkeypatch.undo()
    assert_error(failed, 409, "concurrent_upload")
    # The new file was written before the flush and removed on rollback; the old one stays.
    assert stored_files(settings, await user_id(user_a)) == [original]
    detail = (await user_a.get(f"{URL}/{first.json()['id']}")).json()
    assert (detail["version"], detail["file_name"]) == (1, "first.txt")


@pytest.mark.parametrize(
    ("raw_name", "shown"),
    [
        pytest.param(b'my \\"best\\" resume.txt', 'my "best" resume.txt', id="quotes"),
        pytest.param(b"../../etc/passwd.txt", "passwd.txt", id="path-parts"),
        pytest.param(b"C:\\\\Users\\\\me\\\\cv.txt", "cv.txt", id="windows-path"),
        pytest.param("Résumé – 履歴書.txt".encode(), "Résumé – 履歴書.txt", id="non-ascii"),
        pytest.param("\u202ecod.txt".encode(), "cod.txt", id="bidi-override"),
        pytest.param(b"evil%0D%0AX-Injected: 1.txt", "evil%0D%0AX-Injected: 1.txt", id="encoded-newline"),
    ],
)
async def test_download_returns_the_uploaded_bytes_with_a_safe_content_disposition(
    user_a: httpx.AsyncClient, raw_name: bytes, shown: str
) -> None:
    content = "Résumé\r\nLed a team that ships boring software.\r\n".encode("utf-16")
    content_type, body = multipart(raw_name, [content])
    created = await user_a.post(URL, content=b"".join(body), headers={"Content-Type": content_type})
    assert created.status_code == 201, created.text
    assert created.json()["file_name"] == shown
    downloaded = await user_a.get(f"{URL}/{created.json()['id']}/file")
    assert downloaded.status_code == 200
    assert downloaded.content == content
    assert downloaded.headers["x-content-type-options"] == "nosniff"
    disposition = downloaded.headers["content-disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.isascii()
    plain, encoded = disposition.split("; filename*=UTF-8''")
    assert plain.startswith('attachment; filename="') and plain.count('"') == 2
    assert unquote(encoded) == shown


async def test_delete_removes_the_row_and_the_file(user_a: httpx.AsyncClient, settings: Settings) -> None:
    created = await upload(user_a, files.RESUME_TEXT.encode())
    assert len(stored_files(settings, await user_id(user_a))) == 1
    deleted = await user_a.delete(f"{URL}/{created.json()['id']}")
    assert deleted.status_code == 204
    assert stored_files(settings, await user_id(user_a)) == []
    assert_error(await user_a.get(f"{URL}/{created.json()['id']}"), 404, "sample_not_found")
    assert (await user_a.get(URL)).json() == []


async def test_other_users_sample_is_404_on_every_route(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient, settings: Settings
) -> None:
    sample_id = (await upload(user_a, files.RESUME_TEXT.encode())).json()["id"]
    assert_error(await user_b.get(f"{URL}/{sample_id}"), 404, "sample_not_found")
    assert_error(await user_b.get(f"{URL}/{sample_id}/file"), 404, "sample_not_found")
    assert_error(await user_b.delete(f"{URL}/{sample_id}"), 404, "sample_not_found")
    assert (await user_b.get(URL)).json() == []
    # B's upload of the same type is B's own sample, not a replacement of A's.
    own = await upload(user_b, files.RESUME_TEXT.encode())
    assert own.json()["id"] != sample_id and own.json()["version"] == 1
    assert (await user_a.get(f"{URL}/{sample_id}")).json()["version"] == 1
    assert len(stored_files(settings, await user_id(user_a))) == 1


async def test_samples_need_a_token(client: httpx.AsyncClient) -> None:
    assert_error(await upload(client, files.RESUME_TEXT.encode()), 401)
    assert_error(await client.get(URL), 401)


async def test_deleting_the_account_removes_its_files(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient, settings: Settings
) -> None:
    await upload(user_a, files.RESUME_TEXT.encode())
    await upload(user_b, files.RESUME_TEXT.encode())
    owner_a, owner_b = await user_id(user_a), await user_id(user_b)
    assert (await user_a.delete("/auth/me")).status_code == 204
    assert not (settings.upload_dir / str(owner_a)).exists()
    assert len(stored_files(settings, owner_b)) == 1
    assert_error(await user_a.get(URL), 401)


# -- bad input: nothing is stored ------------------------------------------------------------


@pytest.fixture
async def owner_a(user_a: httpx.AsyncClient) -> int:
    return await user_id(user_a)


async def test_oversize_with_content_length_is_413_before_the_body_is_read(
    user_a: httpx.AsyncClient, settings: Settings, owner_a: int
) -> None:
    sent = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        for part in multipart(b"big.txt", [b"a" * (64 * 1024)] * 40)[1]:
            sent += len(part)
            yield part

    length = sum(len(part) for part in multipart(b"big.txt", [b"a" * (64 * 1024)] * 40)[1])
    content_type = multipart(b"big.txt", [])[0]
    response = await user_a.post(
        URL, content=body(), headers={"Content-Type": content_type, "Content-Length": str(length)}
    )
    error = assert_error(response, 413, "file_too_large")
    assert error["details"] == {"max_bytes": settings.max_upload_bytes}
    assert sent < 128 * 1024  # refused on the header: at most the first chunk was pulled
    assert stored_files(settings, owner_a) == []


async def test_oversize_without_content_length_is_413_while_streaming(
    user_a: httpx.AsyncClient, settings: Settings, owner_a: int
) -> None:
    sent = 0
    content_type, parts = multipart(b"big.txt", [b"a" * (64 * 1024)] * 400)  # 25 MB offered

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        for part in parts:
            sent += len(part)
            yield part

    response = await user_a.post(URL, content=body(), headers={"Content-Type": content_type})
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "file_too_large")
    assert sent <= settings.max_upload_bytes + 3 * 64 * 1024
    assert stored_files(settings, owner_a) == []


async def test_a_file_just_over_the_limit_is_413(
    user_a: httpx.AsyncClient, settings: Settings, owner_a: int
) -> None:
    response = await upload(user_a, b"a" * (settings.max_upload_bytes + 1))
    assert_error(response, 413, "file_too_large")
    assert stored_files(settings, owner_a) == []


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        pytest.param(files.pdf_from_lines(["A resume"]), "resume.txt", "file_type_mismatch", id="pdf-as-txt"),
        pytest.param(files.RESUME_TEXT.encode(), "resume.pdf", "file_type_mismatch", id="text-as-pdf"),
        pytest.param(files.docx_document(["A resume"]), "resume.pdf", "file_type_mismatch", id="docx-as-pdf"),
        pytest.param(
            files.zip_without_word_document(), "resume.docx", "unsupported_file_type", id="plain-zip"
        ),
        pytest.param(b"MZ\x90\x00\x03\x00\x00\x00binary", "resume.txt", "unsupported_file_type", id="binary"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "resume.doc",
            "unsupported_file_type",
            id="doc-extension",
        ),
        pytest.param(files.RESUME_TEXT.encode(), "resume.exe", "unsupported_file_type", id="extension"),
        pytest.param(files.RESUME_TEXT.encode(), "resume", "unsupported_file_type", id="no-extension"),
    ],
)
async def test_unsupported_or_mismatched_type_is_415(
    user_a: httpx.AsyncClient, settings: Settings, owner_a: int, content: bytes, name: str, code: str
) -> None:
    assert_error(await upload(user_a, content, name), 415, code)
    assert stored_files(settings, owner_a) == []


@pytest.mark.parametrize(
    ("make", "name", "code"),
    [
        pytest.param(files.encrypted_pdf, "resume.pdf", "encrypted_file", id="encrypted-pdf"),
        pytest.param(
            lambda: b"%PDF-1.7\n" + b"\x8f garbage " * 200, "resume.pdf", "corrupt_file", id="corrupt-pdf"
        ),
        pytest.param(lambda: b"PK\x03\x04" + b"\0" * 200, "resume.docx", "corrupt_file", id="corrupt-docx"),
        pytest.param(
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "resume.docx",
            "encrypted_file",
            id="encrypted-docx",
        ),
        pytest.param(files.docx_zip_bomb, "resume.docx", "unsafe_file", id="docx-zip-bomb"),
        pytest.param(files.docx_with_entity, "resume.docx", "unsafe_file", id="docx-xml-entity"),
        pytest.param(files.image_only_pdf, "scan.pdf", "no_text_found", id="scanned-pdf"),
        pytest.param(lambda: b"   \n\n  \t ", "resume.txt", "no_text_found", id="blank-text"),
    ],
)
async def test_unreadable_file_is_422_with_advice(
    user_a: httpx.AsyncClient, settings: Settings, owner_a: int, make: Any, name: str, code: str
) -> None:
    error = assert_error(await upload(user_a, make(), name), 422, code)
    assert any(word in error["message"] for word in ("upload", "Upload", "save", "remove", "export"))
    assert stored_files(settings, owner_a) == []


async def test_pdf_encrypted_only_against_printing_is_read(user_a: httpx.AsyncClient) -> None:
    response = await upload(user_a, files.encrypted_pdf(user_password=""), "resume.pdf")
    assert response.status_code == 201, response.text


@pytest.mark.slow
async def test_pdf_over_the_cpu_limit_is_422_and_the_server_keeps_answering(
    app: FastAPI, user_a: httpx.AsyncClient, settings: Settings, owner_a: int
) -> None:
    app.state.sample_extractor = Extractor(ExtractionLimits(cpu_seconds=1, wall_seconds=30))
    started = time.perf_counter()
    task = asyncio.create_task(upload(user_a, files.slow_pdf(), "slow.pdf"))
    latencies: list[float] = []
    while not task.done():
        before = time.perf_counter()
        assert (await user_a.get("/health")).status_code == 200
        latencies.append(time.perf_counter() - before)
        await asyncio.sleep(0.05)  # pace the probes; the loop is what is under test
    assert_error(await task, 422, "file_too_complex")
    elapsed = time.perf_counter() - started
    assert elapsed < 20
    # A blocked loop would hold one probe for most of the extraction; on a busy machine a
    # probe may still wait a little, so the bound is relative to how long the upload took.
    assert len(latencies) >= 3
    assert max(latencies) < max(0.5, elapsed / 4), (latencies, elapsed)
    assert stored_files(settings, owner_a) == []


@pytest.mark.slow
async def test_pdf_over_the_wall_clock_limit_is_422(
    app: FastAPI, user_a: httpx.AsyncClient, settings: Settings, owner_a: int
) -> None:
    app.state.sample_extractor = Extractor(ExtractionLimits(cpu_seconds=60, wall_seconds=0.5))
    started = time.perf_counter()
    assert_error(await upload(user_a, files.slow_pdf(), "slow.pdf"), 422, "file_too_complex")
    assert time.perf_counter() - started < 5
    assert stored_files(settings, owner_a) == []


@pytest.mark.slow
async def test_pdf_over_the_memory_limit_is_422(
    app: FastAPI, user_a: httpx.AsyncClient, settings: Settings, owner_a: int
) -> None:
    app.state.sample_extractor = Extractor(
        ExtractionLimits(memory_bytes=160 * 1024 * 1024, cpu_seconds=60, wall_seconds=30)
    )
    started = time.perf_counter()
    assert_error(await upload(user_a, files.memory_hungry_pdf(), "big.pdf"), 422, "file_too_complex")
    # Stopped by the memory limit, not by the (long) CPU or wall-clock budgets.
    assert time.perf_counter() - started < 10
    assert stored_files(settings, owner_a) == []


async def test_pdf_with_too_many_pages_is_422(app: FastAPI, user_a: httpx.AsyncClient) -> None:
    app.state.sample_extractor = Extractor(ExtractionLimits(max_pages=1))
    pdf = files.pdf_from_lines(files.RESUME_LINES, pages=2)
    assert_error(await upload(user_a, pdf, "resume.pdf"), 422, "too_many_pages")


# -- bad requests ----------------------------------------------------------------------------


async def test_missing_file_or_document_type_is_422_naming_the_field(user_a: httpx.AsyncClient) -> None:
    only_type = (
        b'--b\r\nContent-Disposition: form-data; name="document_type"\r\n\r\nresume_sample\r\n--b--\r\n'
    )
    no_file = await user_a.post(
        URL, content=only_type, headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert assert_error(no_file, 422, "validation_error")["details"][0]["field"] == "file"
    no_type = await user_a.post(URL, files={"file": ("resume.txt", files.RESUME_TEXT.encode())})
    assert assert_error(no_type, 422, "validation_error")["details"][0]["field"] == "document_type"
    wrong_type = await upload(user_a, files.RESUME_TEXT.encode(), document_type="novel")
    assert assert_error(wrong_type, 422, "validation_error")["details"][0]["field"] == "document_type"


async def test_file_field_without_a_file_is_422(user_a: httpx.AsyncClient) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="document_type"\r\n\r\nresume_sample\r\n'
        b'--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--b--\r\n'
    )
    response = await user_a.post(
        URL, content=body, headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert_error(response, 422, "invalid_multipart")


async def test_two_files_are_422(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(
        URL,
        data={"document_type": "resume_sample"},
        files=[
            ("file", ("a.txt", files.RESUME_TEXT.encode())),
            ("file", ("b.txt", files.RESUME_TEXT.encode())),
        ],
    )
    assert_error(response, 422, "invalid_multipart")


async def test_unknown_form_field_is_422(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(
        URL,
        data={"document_type": "resume_sample", "user_id": "1"},
        files={"file": ("resume.txt", files.RESUME_TEXT.encode())},
    )
    assert_error(response, 422, "invalid_multipart")


async def test_a_body_that_is_not_multipart_is_415(user_a: httpx.AsyncClient) -> None:
    assert_error(await user_a.post(URL, json={"document_type": "resume_sample"}), 415, "multipart_required")


async def test_a_truncated_multipart_body_is_422(
    user_a: httpx.AsyncClient, settings: Settings, owner_a: int
) -> None:
    content_type, parts = multipart(b"resume.txt", [files.RESUME_TEXT.encode()])
    response = await user_a.post(URL, content=b"".join(parts[:-1]), headers={"Content-Type": content_type})
    assert_error(response, 422, "invalid_multipart")
    assert stored_files(settings, owner_a) == []
