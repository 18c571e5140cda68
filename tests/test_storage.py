"""Storage: files under the upload directory, written atomically, private, never outside it."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote

import pytest

from jobwise.storage import Storage, clean_file_name, content_disposition


@pytest.fixture
def storage(tmp_path: Path) -> Storage:
    return Storage(tmp_path / "uploads")


def test_write_bytes_is_private_and_leaves_no_temp_file(storage: Storage) -> None:
    path = storage.write_bytes("7/exports/abc.pdf", b"%PDF-1.7 data")
    assert path.read_bytes() == b"%PDF-1.7 data"
    assert path.stat().st_mode & 0o777 == 0o600
    assert (storage.root / "7").stat().st_mode & 0o777 == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["abc.pdf"]


def test_place_moves_a_temp_file_into_place_atomically(storage: Storage) -> None:
    fd, temp = storage.new_temp(storage.samples_dir(3))
    with os.fdopen(fd, "wb") as handle:
        handle.write(b"new")
    existing = storage.write_bytes("3/samples/s-v1.txt", b"old")
    assert temp.name.startswith(".") and temp.stat().st_mode & 0o777 == 0o600
    placed = storage.place(temp, "3/samples/s-v2.txt")
    assert placed.read_bytes() == b"new" and existing.read_bytes() == b"old"
    assert not temp.exists()
    assert storage.relative(placed) == "3/samples/s-v2.txt"


@pytest.mark.parametrize("relative", ["../outside.txt", "/etc/passwd", "3/../../x", "", "."])
def test_paths_outside_the_upload_directory_are_refused(storage: Storage, relative: str) -> None:
    with pytest.raises(ValueError, match="not a file under the upload directory"):
        storage.path(relative)


def test_remove_never_raises(storage: Storage, caplog: pytest.LogCaptureFixture) -> None:
    storage.remove(None)
    storage.remove("1/samples/missing.pdf")
    with caplog.at_level(logging.WARNING, logger="jobwise.storage"):
        storage.remove("../../etc/passwd")
    assert "could not remove" in caplog.text
    assert Path("/etc/passwd").exists()


def test_remove_user_removes_only_that_users_files(storage: Storage) -> None:
    storage.write_bytes("1/samples/a.txt", b"a")
    storage.write_bytes("1/exports/b.pdf", b"b")
    kept = storage.write_bytes("2/samples/c.txt", b"c")
    storage.remove_user(1)
    storage.remove_user(1)  # already gone: fine
    assert not storage.user_dir(1).exists()
    assert kept.exists()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("resume.pdf", "resume.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\cv.docx", "cv.docx"),
        ("line\r\nbreak.txt", "linebreak.txt"),
        ("\u202efdp.exe", "fdp.exe"),
        ("...hidden.txt", "hidden.txt"),
        ("Re\u0301sume\u0301.pdf", "Résumé.pdf"),  # NFC
        ("  spaced .txt  ", "spaced .txt"),
    ],
)
def test_clean_file_name_keeps_only_a_displayable_base_name(raw: str, clean: str) -> None:
    assert clean_file_name(raw) == clean


@pytest.mark.parametrize(
    "name",
    [
        'my "best" cv.pdf',
        "evil\r\nSet-Cookie: x=1.pdf",
        "back\\slash.txt",
        "Résumé – 履歴書.pdf",
        "a;b=c.txt",
    ],
)
def test_content_disposition_is_one_safe_ascii_header_for_any_name(name: str) -> None:
    header = content_disposition(name)
    assert header.isascii()
    assert "\r" not in header and "\n" not in header
    plain, encoded = header.split("; filename*=UTF-8''")
    assert plain.startswith('attachment; filename="') and plain.endswith('"')
    assert plain.count('"') == 2 and "\\" not in plain and ";" not in plain.removeprefix("attachment;")
    assert unquote(encoded) == name
