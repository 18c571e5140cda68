"""Rendering pages and fragments, and WebRoute: errors shown to a person, in words, as HTML.

The JSON API answers errors in its envelope (errors.py); a browser page must show them instead.
WebRoute catches what a route (or its dependencies) raises and renders it: a fragment for htmx
requests (app.js puts it in the form's error box), a whole page otherwise; a missing or ended
session sends the person to the sign-in page, saying why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Mapping, Sequence
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from pydantic import ValidationError

from jobwise import __version__
from jobwise.errors import JobWiseError
from jobwise.web import words
from jobwise.web.session import (
    WEB_PREFIX,
    SessionEnded,
    SignInRequired,
    end_session,
    page_csrf,
    remember_nonce,
)

logger = logging.getLogger("jobwise.web")

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"

# No script, style or connection from anywhere but this server; nothing inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals.update(
    prefix=WEB_PREFIX,
    version=__version__,
    words=words,
)
environment.filters.update(
    percent=words.percent,
    when=words.when,
    plural=words.plural,
)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """A template as HTML, with the CSRF token every form and htmx request of the page sends."""
    token, fresh_nonce = page_csrf(request, request.app.state.token_codec)
    values: dict[str, Any] = {
        "request": request,
        "csrf_token": token,
        "user": getattr(request.state, "web_user", None),
        "title": "",
        "nav": "",
        "notice": words.NOTICES.get(request.query_params.get("notice", "")),
    }
    values.update(context or {})
    html = environment.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))
    remember_nonce(request, response, fresh_nonce)
    return response


def fragment(template: str, context: Mapping[str, Any]) -> str:
    """A template as text, for a fragment sent outside a page response (an event stream)."""
    return environment.get_template(template).render(dict(context))


def field_problems(errors: Sequence[Any]) -> list[str]:
    out = []
    for error in errors:
        location = [part for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        out.append(words.field_error(location, str(error.get("msg", ""))))
    return out


def error_response(
    request: Request,
    *,
    status_code: int,
    message: str,
    problems: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    context = {"message": message, "problems": list(problems), "status_code": status_code}
    if is_htmx(request):
        return render(request, "partials/error.html", context, status_code=status_code, headers=headers)
    try:
        context["title"] = HTTPStatus(status_code).phrase
    except ValueError:
        context["title"] = "Error"
    return render(request, "error.html", context, status_code=status_code, headers=headers)


def _return_path(request: Request) -> str:
    if request.method == "GET" and not is_htmx(request):
        return request.url.path
    # After signing in, go back to the page the request came from, not to a fragment.
    current = request.headers.get("hx-current-url")
    return urlsplit(current).path if current else f"{WEB_PREFIX}/"


def sign_in_url(request: Request, reason: str | None = None) -> str:
    query = {}
    target = _return_path(request)
    if is_local_path(target) and not target.startswith(f"{WEB_PREFIX}/sign-in"):
        query["next"] = target
    if reason:
        query["reason"] = reason
    return f"{WEB_PREFIX}/sign-in" + (f"?{urlencode(query)}" if query else "")


def is_local_path(path: str) -> bool:
    """A path of this client to send someone back to; never another site (an open redirect)."""
    return path.startswith(f"{WEB_PREFIX}/") and not path.startswith("//") and "\\" not in path


def _to_sign_in(request: Request, exc: SignInRequired | SessionEnded) -> Response:
    url = sign_in_url(request, "ended" if isinstance(exc, SessionEnded) else None)
    response: Response
    if is_htmx(request):
        # htmx follows HX-Redirect with a full page load; the status stays honest.
        response = error_response(request, status_code=401, message=exc.message, headers={"HX-Redirect": url})
    else:
        response = RedirectResponse(url, status_code=303)
    if isinstance(exc, SessionEnded):
        end_session(request, response)  # the ended token goes; signing in sets a new one
    return response


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    # Pages show private data: no cache may keep them, and Back after signing out shows nothing.
    response.headers.setdefault("Cache-Control", "no-store")
    # Same-origin requests say where they come from (the CSRF check reads Origin); others learn nothing.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


class WebRoute(APIRoute):
    """An APIRoute whose errors are pages and fragments for a person, not JSON envelopes."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                response = await handler(request)
            except (SignInRequired, SessionEnded) as exc:
                response = _to_sign_in(request, exc)
            except JobWiseError as exc:
                if exc.status_code >= 500:
                    logger.error("%s: %s", exc.code, exc.message)
                response = error_response(
                    request,
                    status_code=exc.status_code,
                    message=words.error_message(exc),
                    problems=words.error_details(exc.details),
                    headers=exc.headers,
                )
            except RequestValidationError as exc:
                response = error_response(
                    request,
                    status_code=422,
                    message="Some fields need another look:",
                    problems=field_problems(exc.errors()),
                )
            except ValidationError as exc:
                response = error_response(
                    request,
                    status_code=422,
                    message="Some fields need another look:",
                    problems=field_problems(exc.errors()),
                )
            return _secure(response)

        return handle
