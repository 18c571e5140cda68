"""Receiving an upload: multipart/form-data streamed straight to a private temp file.

Why not `request.form()` or FastAPI's `UploadFile`: they accept a body of any size (spooled to
an anonymous temp file) before the route can look at it. Here the route reads
`request.stream()` itself and feeds python-multipart's streaming parser, so:
- a declared Content-Length over the limit is refused before a byte is read;
- without one (chunked), the bytes are counted as they arrive and the upload stops at the limit;
- file data goes to disk chunk by chunk (one ASGI message, ~64 KiB, in memory at a time);
  text fields are capped at a few dozen bytes, part headers by the parser (8 per part, 4 KiB
  each), and unknown fields are refused.
Memory is bounded by one chunk plus the small fields; disk by the limit; nothing the client
sends is trusted for either.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from jobwise.samples.errors import FileTooLarge, InvalidMultipart, MultipartRequired
from jobwise.storage import Storage

# Boundaries, part headers and the small text fields on top of the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024
FIELD_MAX_BYTES = 64
MAX_PARTS = 8


@dataclass(frozen=True)
class ReceivedFile:
    path: Path  # a private temp file; removed when the upload's context ends unless moved away
    file_name: str  # as the client sent it: untrusted, not yet cleaned
    content_type: str  # the part's declared Content-Type, parameters included
    size: int


@dataclass(frozen=True)
class ReceivedForm:
    fields: dict[str, str]
    file: ReceivedFile | None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def too_large(max_bytes: int) -> FileTooLarge:
    return FileTooLarge(
        f"The file is larger than the {_megabytes(max_bytes)} limit; upload a smaller file "
        "(a resume or cover letter is usually well under 1 MB).",
        details={"max_bytes": max_bytes},
    )


@dataclass
class _FormState:
    """Callbacks for python-multipart; they run synchronously inside `parser.write`."""

    file_field: str
    text_fields: Collection[str]
    max_file_bytes: int
    fields: dict[str, str] = field(default_factory=dict)
    file_name: str | None = None
    file_content_type: str = ""
    file_size: int = 0
    pending: list[bytes] = field(default_factory=list)  # file data to write after this chunk
    ended: bool = False
    _parts: int = 0
    _header_name: bytearray = field(default_factory=bytearray)
    _header_value: bytearray = field(default_factory=bytearray)
    _headers: dict[bytes, bytes] = field(default_factory=dict)
    _name: str = ""
    _in_file: bool = False
    _value: bytearray = field(default_factory=bytearray)

    def on_part_begin(self) -> None:
        self._parts += 1
        if self._parts > MAX_PARTS:
            raise InvalidMultipart(f"Too many form parts; send only 'file' and {', '.join(self.text_fields)}")
        self._headers = {}
        self._value = bytearray()
        self._in_file = False

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[bytes(self._header_name).lower()] = bytes(self._header_value)
        self._header_name = bytearray()
        self._header_value = bytearray()

    def on_headers_finished(self) -> None:
        disposition, options = parse_options_header(self._headers.get(b"content-disposition"))
        if disposition != b"form-data" or b"name" not in options:
            raise InvalidMultipart("Every part needs 'Content-Disposition: form-data; name=...'")
        self._name = options[b"name"].decode("utf-8", errors="replace")
        is_file = b"filename" in options
        if self._name == self.file_field:
            if not is_file or self.file_name is not None:
                raise InvalidMultipart(f"Send exactly one file, in the '{self.file_field}' field")
            # The parser decodes headers as latin-1; the bytes are what the client sent (UTF-8).
            self.file_name = options[b"filename"].decode("utf-8", errors="replace")
            self.file_content_type = self._headers.get(b"content-type", b"").decode("latin-1")
            self._in_file = True
        elif self._name in self.text_fields and not is_file:
            if self._name in self.fields:
                raise InvalidMultipart(f"The field '{self._name}' was sent twice")
        else:
            raise InvalidMultipart(
                f"Unexpected form field '{self._name[:40]}'; send only 'file' and "
                f"{', '.join(repr(name) for name in self.text_fields)}",
                details=[{"field": self._name[:40], "message": "Extra inputs are not permitted"}],
            )

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file:
            self.file_size += end - start
            if self.file_size > self.max_file_bytes:
                raise too_large(self.max_file_bytes)
            self.pending.append(bytes(data[start:end]))
            return
        self._value += data[start:end]
        if len(self._value) > FIELD_MAX_BYTES:
            raise InvalidMultipart(
                f"The field '{self._name}' is longer than {FIELD_MAX_BYTES} bytes",
                details=[{"field": self._name, "message": f"at most {FIELD_MAX_BYTES} bytes"}],
            )

    def on_part_end(self) -> None:
        if not self._in_file:
            try:
                self.fields[self._name] = self._value.decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidMultipart(f"The field '{self._name}' is not UTF-8 text") from None

    def on_end(self) -> None:
        self.ended = True


def _write_chunks(handle: BinaryIO, chunks: list[bytes]) -> None:
    for chunk in chunks:
        handle.write(chunk)


def _declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


@asynccontextmanager
async def receive_form(
    request: Request,
    *,
    storage: Storage,
    directory: Path,
    max_file_bytes: int,
    file_field: str = "file",
    text_fields: Collection[str] = (),
) -> AsyncIterator[ReceivedForm]:
    """Stream a multipart body into a temp file in `directory` (on the final file's filesystem,
    so storing it is a rename). The temp file is removed when the context ends unless it was
    moved; on any error nothing is left behind."""
    content_type, params = parse_options_header(request.headers.get("content-type"))
    if content_type != b"multipart/form-data":
        raise MultipartRequired(f"Send the upload as multipart/form-data with a '{file_field}' file field")
    boundary = params.get(b"boundary")
    if not boundary:
        raise InvalidMultipart("The multipart Content-Type has no boundary")
    body_limit = max_file_bytes + FORM_OVERHEAD_BYTES
    declared = _declared_length(request)
    if declared is not None and declared > body_limit:
        raise too_large(max_file_bytes)

    state = _FormState(file_field=file_field, text_fields=text_fields, max_file_bytes=max_file_bytes)
    fd, temp_path = await asyncio.to_thread(storage.new_temp, directory)
    handle = os.fdopen(fd, "wb")
    try:
        try:
            parser = MultipartParser(
                boundary,
                {
                    "on_part_begin": state.on_part_begin,
                    "on_part_data": state.on_part_data,
                    "on_part_end": state.on_part_end,
                    "on_header_field": state.on_header_field,
                    "on_header_value": state.on_header_value,
                    "on_header_end": state.on_header_end,
                    "on_headers_finished": state.on_headers_finished,
                    "on_end": state.on_end,
                },
            )
            received = 0
            async for chunk in request.stream():
                received += len(chunk)
                if received > body_limit:
                    raise too_large(max_file_bytes)
                parser.write(chunk)
                if state.pending:
                    await asyncio.to_thread(_write_chunks, handle, state.pending)
                    state.pending = []
            parser.finalize()
        except FormParserError as exc:
            raise InvalidMultipart(f"The multipart body could not be parsed: {exc}") from None
        if not state.ended:
            raise InvalidMultipart("The multipart body ended before its closing boundary")
        await asyncio.to_thread(handle.close)
        received_file = None
        if state.file_name is not None:
            received_file = ReceivedFile(
                path=temp_path,
                file_name=state.file_name,
                content_type=state.file_content_type,
                size=state.file_size,
            )
        yield ReceivedForm(fields=state.fields, file=received_file)
    finally:
        handle.close()
        await asyncio.to_thread(temp_path.unlink, missing_ok=True)
