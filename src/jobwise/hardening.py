"""HTTP hardening applied to every request: a body size limit and security headers.

Pure ASGI middleware (no BaseHTTPMiddleware), so streaming responses and SSE pass unbuffered.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jobwise.errors import error_body


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


class BodyLimitMiddleware:
    """Refuse a request body over `max_bytes` with 413, before it is read, chunked or not.

    A declared Content-Length over the limit is answered at once; a chunked body is read only up
    to the limit. multipart/form-data passes through: uploads stream to disk under their own
    limit (samples/upload.py). A body within the limit is read here and handed on unchanged,
    which costs nothing extra: every route reads its whole JSON body anyway.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if headers.get("content-type", "").lower().startswith("multipart/form-data"):
            await self.app(scope, receive, send)
            return
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client left before sending it all
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # http.disconnect, for streaming responses that wait on it

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            error_body(
                "payload_too_large",
                f"The request body is larger than the {_megabytes(self.max_bytes)} limit "
                "(MAX_JSON_BODY_MB); send less, or upload files as multipart/form-data.",
                {"max_bytes": self.max_bytes},
            ),
            status_code=413,
            # The rest of the body is not read: the client must not reuse this connection.
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


# Sent with every response. JSON and files only: no page of ours runs script from elsewhere.
_SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
