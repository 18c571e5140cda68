"""Conditional requests (RFC 9110): an ETag per resource version, If-None-Match -> 304 on reads,
If-Match -> 412 on writes when the client's copy is stale, so two browser tabs never overwrite
each other's edits silently. The resources say what their version is; this module only compares.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import Request, Response

from jobwise.errors import PreconditionFailed

NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the copy named in If-None-Match is current"}
}


def content_etag(*parts: str | bytes) -> str:
    """A strong tag derived from the representation itself (or from what fully decides it), for
    resources without a version column: it changes exactly when the bytes would, whichever code
    path changed the row, so no write can forget to bump it."""
    digest = hashlib.blake2b(digest_size=12)
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\x00")  # ("ab", "c") and ("a", "bc") are different versions
    return f'"{digest.hexdigest()}"'


def conditional_json(request: Request, body: str | bytes, *, status_code: int = 200) -> Response:
    """The JSON body with its ETag, or a 304 when the client's copy is this one."""
    tag = content_etag(body)
    if status_code == 200:
        unchanged = not_modified(request, tag)
        if unchanged is not None:
            return unchanged
    return Response(body, status_code=status_code, media_type="application/json", headers={"ETag": tag})


def _tags(header: str) -> set[str]:
    # Weak tags compare equal for If-None-Match (a proxy may have weakened ours).
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def not_modified(request: Request, etag: str) -> Response | None:
    """A 304 when the client already has this version, else None."""
    header = request.headers.get("if-none-match")
    if header is not None and ("*" in _tags(header) or etag in _tags(header)):
        return Response(status_code=304, headers={"ETag": etag})
    return None


def check_if_match(request: Request, etag: str, *, what: str) -> None:
    """Refuse a write made from a stale copy (412); a request without If-Match is not checked."""
    header = request.headers.get("if-match")
    if header is None:
        return
    tags = {tag.strip() for tag in header.split(",") if tag.strip()}
    if "*" not in tags and etag not in tags:
        raise PreconditionFailed(
            f"{what} changed since your copy (If-Match {header.strip()}; now {etag}): "
            "read it again and apply your change to the current version",
            details={"current_etag": etag},
        )
