"""Files on disk under the upload directory: `{user_id}/samples/`, `{user_id}/exports/`.

Rows keep paths relative to the upload directory, so moving UPLOAD_DIR keeps every file
reachable. Files are named by id, never by what a client called them; they are written to a
private temp file in the target directory and renamed into place, so a reader never sees half a
file and a crash leaves at most a `.part` file that deleting the user removes.

Removal never raises: it runs after a commit (the row is already gone), where a failure must
not turn a committed change into an error the client sees. It is logged instead.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote

from jobwise.config import Settings

logger = logging.getLogger("jobwise.storage")

_DIR_MODE = 0o700
_FILE_MODE = 0o600
TEMP_SUFFIX = ".part"


def private_dir(directory: Path) -> Path:
    """Create `directory` (and missing parents) readable by this user only, whatever the umask.

    The data directory holds the password hashes and every résumé: 0700, and its files 0600.
    """
    directory.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
    try:
        directory.chmod(_DIR_MODE)
    except PermissionError:  # someone else's folder: say so, and let them decide
        logger.warning("could not make %s private (mode 0700): it is not ours", directory)
    return directory


def private_file(path: Path) -> None:
    """Create `path` empty if missing; either way, readable by this user only."""
    if path.exists() and not path.is_file():
        return  # not ours to change (a device, a folder): opening it will fail with a clear error
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), _FILE_MODE))
    path.chmod(_FILE_MODE)


class Storage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    @classmethod
    def from_settings(cls, settings: Settings) -> Storage:
        return cls(settings.upload_dir)

    def user_dir(self, user_id: int) -> Path:
        return self.root / str(int(user_id))

    def samples_dir(self, user_id: int) -> Path:
        return self._ensure_dir(self.user_dir(user_id) / "samples")

    def exports_dir(self, user_id: int) -> Path:
        return self._ensure_dir(self.user_dir(user_id) / "exports")

    def path(self, relative: str) -> Path:
        """The absolute path of a stored file; refuses anything that points outside the root."""
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or candidate == self.root:
            raise ValueError(f"{relative!r} is not a file under the upload directory")
        return candidate

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def new_temp(self, directory: Path) -> tuple[int, Path]:
        """A new private (0600) temp file in `directory`: an open descriptor and its path."""
        self._ensure_dir(directory)
        path = directory / f".{secrets.token_hex(12)}{TEMP_SUFFIX}"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), _FILE_MODE)
        return fd, path

    def place(self, temp: Path, relative: str) -> Path:
        """Move a finished temp file to its final name atomically; returns the final path."""
        target = self.path(relative)
        self._ensure_dir(target.parent)
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        temp.chmod(_FILE_MODE)
        temp.replace(target)
        return target

    def write_bytes(self, relative: str, data: bytes) -> Path:
        """Write a whole file atomically (exports and other generated files)."""
        target = self.path(relative)
        fd, temp = self.new_temp(target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            return self.place(temp, relative)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def remove(self, relative: str | None) -> None:
        if not relative:
            return
        try:
            self.path(relative).unlink(missing_ok=True)
        except (OSError, ValueError) as exc:
            logger.warning("could not remove stored file %s: %s", relative, exc)

    def remove_user(self, user_id: int) -> None:
        """Remove everything stored for a user (their samples, exports and stray temp files)."""
        directory = self.user_dir(user_id)
        try:
            shutil.rmtree(directory)
        except FileNotFoundError:
            pass
        except OSError as exc:
            logger.warning("could not remove the files of user %s: %s", user_id, exc)

    def _ensure_dir(self, directory: Path) -> Path:
        # mkdir(parents=True) gives the parents default permissions; make each level private.
        missing = [directory, *directory.parents]
        missing = [path for path in missing if path.is_relative_to(self.root) and not path.exists()]
        for path in reversed(missing):
            path.mkdir(mode=_DIR_MODE, exist_ok=True)
        return directory


def clean_file_name(raw: str) -> str:
    """A client's file name made safe to keep and show: no folders, controls or bidi tricks.

    Only ever used for display and downloads; on disk files are named by id.
    """
    name = unicodedata.normalize("NFC", raw)
    name = re.split(r"[/\\]", name)[-1]
    # Cc: control characters (newlines included); Cf: format characters such as U+202E, which
    # would show "cv.pdf" for "fdp.vc" and hide an extension.
    name = "".join(char for char in name if unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co"})
    return name.strip().lstrip(".").strip()


def content_disposition(file_name: str, disposition: str = "attachment") -> str:
    """A Content-Disposition header that is safe for any name (RFC 6266 with RFC 5987).

    `filename` gets a plain-ASCII stand-in with quotes, backslashes and controls replaced, for
    old clients; `filename*` carries the real name percent-encoded, so no character of it can
    end the header or the parameter.
    """
    # "é" keeps its "e"; a character with no ASCII form becomes "_".
    ascii_name = "".join(
        unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii") or "_"
        for char in file_name
    )
    ascii_name = re.sub(r"[^A-Za-z0-9._()\[\] +-]", "_", ascii_name).strip() or "download"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name, safe='')}"
