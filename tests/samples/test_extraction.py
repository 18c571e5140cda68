"""Extraction pieces on their own: type detection, text decoding, the DOCX archive checks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from jobwise.samples import extraction
from jobwise.samples.errors import (
    CorruptFile,
    FileTypeMismatch,
    UnsafeFile,
    UnsupportedFileType,
)
from jobwise.samples.extraction import check_docx_archive, decode_text, docx_text, identify, tidy
from tests.samples import files

ALLOWED = ["txt", "pdf", "docx"]


def write(tmp_path: Path, data: bytes, name: str = "upload.bin") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "extension", "kind"),
    [
        (files.pdf_from_lines(["Hello"]), "pdf", "pdf"),
        (b"\r\n  %PDF-1.4 rest", "pdf", "pdf"),
        (files.docx_document(["Hello"]), "docx", "docx"),
        (b"plain words", "txt", "text"),
    ],
)
def test_the_content_decides_the_kind(tmp_path: Path, data: bytes, extension: str, kind: str) -> None:
    assert identify(write(tmp_path, data), extension=extension, allowed_extensions=ALLOWED) == kind


def test_markdown_is_text_only_when_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, b"# Resume")
    with pytest.raises(UnsupportedFileType):
        identify(path, extension="md", allowed_extensions=ALLOWED)
    assert identify(path, extension="md", allowed_extensions=[*ALLOWED, "md"]) == "text"


def test_an_allowed_extension_must_still_match(tmp_path: Path) -> None:
    with pytest.raises(FileTypeMismatch) as caught:
        identify(write(tmp_path, b"%PDF-1.7"), extension="docx", allowed_extensions=ALLOWED)
    assert caught.value.details == {"detected": "pdf", "extension": "docx"}


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        ("naïve — café".encode(), None),
        ("naïve — café".encode("utf-8-sig"), None),
        ("naïve — café".encode("utf-16-le"), None),  # no BOM: NULs, so not text
        ("naïve — café".encode("utf-16"), None),
        ("naïve — café".encode("utf-32"), None),
        ("naïve — café".encode("cp1252"), None),
        ("naïve — café".encode("cp1252"), "no-such-charset"),
    ],
)
def test_text_decoding(data: bytes, declared: str | None) -> None:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        with pytest.raises(UnsupportedFileType):
            decode_text(data, declared)
    else:
        assert decode_text(data, declared) == "naïve — café"


def test_a_bom_that_lies_is_unsupported() -> None:
    with pytest.raises(UnsupportedFileType, match="byte-order mark"):
        decode_text(b"\xef\xbb\xbf\xff\xfe broken")


def test_tidy_normalises_newlines_and_blank_runs() -> None:
    assert tidy("\ufeffa  \r\nb\rc\u2028d\n\n\n\n\ne\x00") == "a\nb\nc\nd\n\ne"


def test_tidy_removes_what_no_stored_text_may_hold_and_breaks_lines_at_vertical_tabs_and_form_feeds() -> None:
    assert tidy("a\x00b\x01c\x0bd\x0ce\x1ff\ufffeg\uffff\ud800h\tend") == "abc\nd\n\nefgh\tend"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_too_many_members_is_unsafe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction, "DOCX_MAX_MEMBERS", 5)
    path = write(tmp_path, _zip({f"word/part{i}.bin": b"x" for i in range(6)}))
    with pytest.raises(UnsafeFile, match="6 files"):
        check_docx_archive(path)


def test_too_much_uncompressed_data_is_unsafe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction, "DOCX_MAX_UNCOMPRESSED_BYTES", 1000)
    path = write(tmp_path, _zip({"a.bin": bytes(range(256)) * 4, "b.bin": bytes(range(256)) * 4}))
    with pytest.raises(UnsafeFile, match="unpacks to"):
        check_docx_archive(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_entity_declarations_are_found_in_any_part_and_encoding(tmp_path: Path, encoding: str) -> None:
    xml = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode(encoding)
    path = write(tmp_path, _zip({"word/styles.xml": xml}))
    with pytest.raises(UnsafeFile) as caught:
        check_docx_archive(path)
    assert caught.value.details == {"part": "word/styles.xml"}


def test_a_declaration_split_across_read_chunks_is_found(tmp_path: Path) -> None:
    padding = b" " * (64 * 1024 - 4)
    path = write(tmp_path, _zip({"word/document.xml": b"<x>" + padding + b"<!DOCTYPE x><x/>"}))
    with pytest.raises(UnsafeFile):
        check_docx_archive(path)


def test_a_broken_archive_is_corrupt(tmp_path: Path) -> None:
    data = files.docx_document(["Hello"])
    with pytest.raises(CorruptFile):
        check_docx_archive(write(tmp_path, data[: len(data) // 2]))


def test_merged_table_cells_are_read_once(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Experience"
    for column, value in enumerate(["Acme", "2020", "Lead"]):
        table.cell(1, column).text = value
    out = io.BytesIO()
    document.save(out)
    assert docx_text(write(tmp_path, out.getvalue())) == "Experience\nAcme\n2020\nLead"
