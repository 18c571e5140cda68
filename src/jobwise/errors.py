"""Domain errors and the one handler that turns every error into the same JSON envelope.

Services raise these, never HTTPException, so they stay usable outside HTTP (tasks, CLI).
Envelope: {"error": {"code": ..., "message": ..., "details": ...}}.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware as _StarletteCORSMiddleware
from starlette.responses import Response

logger = logging.getLogger("jobwise.errors")


class JobWiseError(Exception):
    status_code: int = 500
    code: str = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        details: Any = None,
        headers: Mapping[str, str] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = dict(headers or {})
        if code is not None:
            self.code = code


class InvalidInput(JobWiseError):
    status_code = 422
    code = "invalid_input"


class Unauthorized(JobWiseError):
    status_code = 401
    code = "not_authenticated"

    def __init__(self, message: str = "Not authenticated", **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(message, **kwargs)


class NotFound(JobWiseError):
    status_code = 404
    code = "not_found"


class Conflict(JobWiseError):
    status_code = 409
    code = "conflict"


class PayloadTooLarge(JobWiseError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(JobWiseError):
    status_code = 415
    code = "unsupported_media_type"


class TooManyRequests(JobWiseError):
    status_code = 429
    code = "too_many_requests"


class ServiceUnavailable(JobWiseError):
    status_code = 503
    code = "service_unavailable"


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _status_code_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "http_error"


async def _jobwise_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, JobWiseError)
    if exc.status_code >= 500:
        logger.error("%s: %s", exc.code, exc.message)
    return JSONResponse(
        error_body(exc.code, exc.message, jsonable_encoder(exc.details)),
        status_code=exc.status_code,
        headers=exc.headers or None,
    )


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    # ("body", "experiences", 0, "title") -> "experiences[0].title"; the "body" prefix is noise.
    parts = list(loc)
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"} and len(parts) > 1:
        parts = parts[1:]
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"field": _location(err.get("loc", ())), "message": err.get("msg", ""), "type": err.get("type", "")}
        for err in exc.errors()
    ]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return JSONResponse(
        error_body("validation_error", f"Invalid request: {summary}", jsonable_encoder(errors)),
        status_code=422,
    )


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return JSONResponse(
        error_body(_status_code_name(exc.status_code), message),
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=exc)
    return JSONResponse(
        error_body("internal_error", "Something went wrong on our side; the request was not applied."),
        status_code=500,
    )


ERROR_ENVELOPE_SCHEMA: dict[str, Any] = {
    "title": "ErrorEnvelope",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string", "description": "Stable, machine-readable reason"},
                "message": {"type": "string", "description": "What is wrong and what to do"},
                "details": {"description": "For validation errors: [{field, message, type}]"},
            },
        }
    },
}


def _document_envelope(app: FastAPI) -> None:
    """FastAPI documents 422 as its own {"detail": [...]}; JobWise answers with the envelope."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            if "HTTPValidationError" in components:
                components["HTTPValidationError"] = ERROR_ENVELOPE_SCHEMA
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def install_error_handlers(app: FastAPI) -> None:
    _document_envelope(app)
    app.add_exception_handler(JobWiseError, _jobwise_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)


class CORSMiddleware(_StarletteCORSMiddleware):
    """Starlette's CORS handling, with a refused preflight answered in the error envelope.

    Browsers read only the status of a refused preflight, but a person debugging with curl (or
    a front end's error reporting) gets what every other 4xx gives: a code and what to change.
    """

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        refused = bytes(response.body).decode().removeprefix("Disallowed CORS ").split(", ")
        headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() not in {"content-length", "content-type"}
        }
        return JSONResponse(
            error_body(
                "cors_refused",
                f"Cross-origin request refused: its {' and '.join(refused)} "
                f"{'is' if len(refused) == 1 else 'are'} not allowed. "
                "The allowed origins are set by ALLOWED_ORIGINS.",
                {"refused": refused, "origin": request_headers.get("origin")},
            ),
            status_code=response.status_code,
            headers=headers,
        )
