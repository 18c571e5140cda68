"""Domain errors and the one handler that turns every error into the same JSON envelope.

Services raise these, never HTTPException, so they stay usable outside HTTP (tasks, CLI).
Envelope: {"error": {"code": ..., "message": ..., "details": ...}}.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware as _StarletteCORSMiddleware
from starlette.responses import Response
from starlette.routing import Match

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


class ValidationFailed(InvalidInput):
    """A request that does not match its schema, found by a route that reads its own body."""

    code = "validation_error"


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


class PreconditionFailed(JobWiseError):
    """If-Match named a version that is no longer current: someone else changed it first."""

    status_code = 412
    code = "precondition_failed"


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


_Declared = TypeVar("_Declared", bound=Callable[..., Any])
_RAISED: dict[Callable[..., Any], tuple[type[JobWiseError], ...]] = {}


def raises(*errors: type[JobWiseError]) -> Callable[[_Declared], _Declared]:
    """Declare the errors a route or a dependency answers with, for the OpenAPI document.

    On a dependency, every route that uses it (directly or through another dependency) gets them:
    get_current_user declares 401 once for every route that needs a token. jobwise.openapi reads
    these declarations; the schemathesis run (tests/test_openapi_fuzz.py) finds any status a
    route answers that its declarations miss.
    """

    def declare(func: _Declared) -> _Declared:
        _RAISED[func] = (*_RAISED.get(func, ()), *errors)
        return func

    return declare


def declared_errors(func: Callable[..., Any]) -> tuple[type[JobWiseError], ...]:
    return _RAISED.get(func, ())


# The type (and then the code) of a refusal by the text rule; text/safe.py uses the same name.
UNSAFE_TEXT_CODE = "unsafe_text"
# pydantic's own word for a lone surrogate in a strict str field: the same rule.
UNSAFE_TEXT_TYPES = frozenset({UNSAFE_TEXT_CODE, "string_unicode"})


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The envelope, ready for JSON: also for errors sent as events once a stream has started."""
    return {"error": {"code": code, "message": message, "details": jsonable_encoder(details)}}


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
        error_body(exc.code, exc.message, exc.details),
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
    # Text the schema allows but no database can keep (text/safe.py) is a rule of its own,
    # documented on every route, not a schema the client misread.
    unsafe = bool(errors) and all(e["type"] in UNSAFE_TEXT_TYPES for e in errors)
    code = UNSAFE_TEXT_CODE if unsafe else "validation_error"
    return JSONResponse(
        error_body(code, f"Invalid request: {summary}", errors),
        status_code=422,
    )


# The order methods are listed in an Allow header.
_METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method the routes of this request's path serve.

    Starlette answers a wrong method with the Allow header of the first route whose path
    matches, but several routes often share a path (GET and POST /api/v1/jobs are two routes).
    """
    # By path template: PUT /experiences/order and GET /experiences/{experience_id} both match
    # /experiences/order, but only the literal template is that resource.
    by_template: dict[int, set[str]] = {}
    for route in iter_route_contexts(request.app.routes):
        if route.methods:
            match, _ = route.matches(request.scope)
            if match is not Match.NONE:
                by_template.setdefault(len(route.param_convertors), set()).update(route.methods)
    methods = by_template[min(by_template)] if by_template else set()
    known = [method for method in _METHOD_ORDER if method in methods]
    return known + sorted(methods - set(_METHOD_ORDER))


def _method_not_allowed(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    allowed = allowed_methods(request)
    headers = {**(exc.headers or {}), "Allow": ", ".join(allowed)}
    return JSONResponse(
        error_body(
            "method_not_allowed",
            f"{request.method} is not allowed on {request.url.path}; allowed: {', '.join(allowed)}",
            {"allowed_methods": allowed},
        ),
        status_code=405,
        headers=headers,
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 405:
        return _method_not_allowed(request, exc)
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI answers a JSON body that is not UTF-8 with a bare 400 but malformed JSON with a
        # 422: both are a body that is not JSON, and JobWise answers both the same way.
        return JSONResponse(
            error_body(
                "validation_error",
                "Invalid request: the body is not valid JSON (it is not UTF-8 text)",
                [{"field": "body", "message": "not UTF-8 text", "type": "json_invalid"}],
            ),
            status_code=422,
        )
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


def install_error_handlers(app: FastAPI) -> None:
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
