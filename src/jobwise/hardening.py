"""HTTP hardening applied to every request: a body size limit, JSON bodies sent as JSON, and
security headers.

Pure ASGI middleware (no BaseHTTPMiddleware), so streaming responses and SSE pass unbuffered.
"""

from __future__ import annotations

from fastapi import Request, params
from fastapi.routing import APIRoute, RouteContext
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jobwise.errors import UnsupportedMediaType, error_body


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


def reads_json_body(route: APIRoute | RouteContext) -> bool:
    """Whether FastAPI reads this route's body as JSON (login and uploads read theirs themselves)."""
    if route.body_field is None:
        return False
    field_info = route.body_field.field_info
    return isinstance(field_info, params.Body) and not isinstance(field_info, params.Form)


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


async def require_json_body(request: Request) -> None:
    """A JSON route's body must be sent as JSON: anything else is a 415, not a 422.

    FastAPI reads a body sent as text/plain (or with no Content-Type) as bytes and then fails to
    validate them, which tells the client nothing useful. Refusing other media types also keeps
    cross-site "simple" requests (text/plain forms, which browsers send without a preflight) away
    from every JSON route.
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not reads_json_body(route):
        return
    # The body is read (and cached on this request) before dependencies run.
    if not await request.body():
        return
    content_type = request.headers.get("content-type", "")
    if not _is_json(content_type):
        raise UnsupportedMediaType(
            f"Send the body as JSON with 'Content-Type: application/json' (got {content_type or 'none'!r})",
            details={"content_type": content_type or None},
        )
