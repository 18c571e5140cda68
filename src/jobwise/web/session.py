"""The browser's session: a cookie carrying the API's own token, and CSRF protection.

The session cookie holds the same access token POST /auth/login returns, HttpOnly (no script can
read it), SameSite=Lax, Secure when the request came over HTTPS, and scoped to /app: the browser
never sends it to the JSON API, and the JSON API would ignore it anyway (it reads bearer tokens
only). That last rule is what keeps the API free of CSRF: a cookie a browser attaches on its own
must never authorise a JSON request.

Every unsafe request to /app carries a CSRF token, in the X-CSRF-Token header (htmx sends it
from the page's meta tag) or a `csrf_token` form field (plain forms). The token is an HMAC of a
random nonce kept in its own HttpOnly cookie and of the session token, under a key derived from
JWT_SECRET_KEY: a page of another site can neither read it nor forge it, and a token issued to
one session (or before signing in) does not fit another. Requests a browser marks as
cross-site (Sec-Fetch-Site, Origin) are refused before the token is even compared.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Annotated

from fastapi import Depends, Request, Response

from jobwise.auth import service as auth_service
from jobwise.auth.dependencies import TokenCodecDep
from jobwise.auth.security import InvalidToken, TokenCodec
from jobwise.db import READ_METHODS, SessionDep
from jobwise.errors import JobWiseError, Unauthorized
from jobwise.models import User

# Everything the browser client serves lives under this path, and so do its cookies.
WEB_PREFIX = "/app"
SESSION_COOKIE = "jobwise_session"
CSRF_COOKIE = "jobwise_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
_NONCE_BYTES = 32
_FORM_TYPES = ("application/x-www-form-urlencoded",)


class SignInRequired(Unauthorized):
    """No session cookie: the person has not signed in (or signed out)."""

    code = "sign_in_required"


class SessionEnded(Unauthorized):
    """A session cookie whose token expired, was revoked, or belongs to a deleted account."""

    code = "session_ended"


class CsrfRefused(JobWiseError):
    status_code = 403
    code = "csrf_refused"


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=WEB_PREFIX,
        secure=is_https(request),
        httponly=True,
        samesite="lax",
    )


def start_session(request: Request, response: Response, codec: TokenCodec, token: str) -> None:
    """Carry `token` in the session cookie, with a fresh CSRF nonce (no token outlives a sign-in)."""
    _set_cookie(request, response, SESSION_COOKIE, token, int(codec.expiry.total_seconds()))
    _set_cookie(request, response, CSRF_COOKIE, new_nonce(), None)


def end_session(request: Request, response: Response) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path=WEB_PREFIX, secure=is_https(request), httponly=True, samesite="lax")


def new_nonce() -> str:
    return secrets.token_urlsafe(_NONCE_BYTES)


def _csrf_key(codec: TokenCodec) -> bytes:
    # A key of its own: a CSRF token must never be usable as anything signed with the JWT secret.
    return hmac.new(codec.secret.encode(), b"jobwise web csrf v1", hashlib.sha256).digest()


def csrf_token(codec: TokenCodec, *, nonce: str, session_token: str) -> str:
    mac = hmac.new(_csrf_key(codec), f"{nonce}\n{session_token}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _csrf_binding(request: Request, codec: TokenCodec) -> tuple[str, bool]:
    """The session token a CSRF token is bound to, and whether the cookie holds an ended session.

    A cookie whose token has expired (or was never valid) binds nothing: the pages a signed-out
    person sees and the forms they send (signing in again) agree on that.
    """
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        return "", False
    try:
        codec.claims(token)
    except InvalidToken:
        return "", True
    return token, False


def page_csrf(request: Request, codec: TokenCodec) -> tuple[str, str | None]:
    """The token a page embeds, and the nonce to set as a cookie when the browser has none yet."""
    nonce = request.cookies.get(CSRF_COOKIE)
    fresh = None
    if not nonce:
        nonce = fresh = getattr(request.state, "csrf_nonce", None) or new_nonce()
        request.state.csrf_nonce = nonce
    bound, _ = _csrf_binding(request, codec)
    return csrf_token(codec, nonce=nonce, session_token=bound), fresh


def remember_nonce(request: Request, response: Response, nonce: str | None) -> None:
    if nonce:
        _set_cookie(request, response, CSRF_COOKIE, nonce, None)


def _same_origin(request: Request) -> bool:
    """False when the browser says the request was made by another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True  # an older browser, or a policy that hides the origin: the token still decides
    return origin == f"{request.url.scheme}://{request.url.netloc}"


async def require_csrf(request: Request, codec: TokenCodecDep) -> None:
    """Refuse an unsafe request that does not carry this session's CSRF token.

    The header is read first. A plain urlencoded form may send the field instead; a multipart
    upload must use the header, because its body is streamed to disk by the route, not parsed here.
    """
    if request.method in READ_METHODS:
        return
    if not _same_origin(request):
        raise CsrfRefused("This request came from another site and was refused.")
    nonce = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if sent is None and content_type in _FORM_TYPES:
        field = (await request.form()).get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    bound, ended = _csrf_binding(request, codec)
    expected = csrf_token(codec, nonce=nonce, session_token=bound) if nonce else ""
    if not sent or not expected or not hmac.compare_digest(expected.encode(), sent.encode()):
        if ended:
            # Most likely a page made while the session was alive: say that, not "forged".
            raise SessionEnded("Your session has ended: sign in again.")
        raise CsrfRefused(
            "This form has expired or was not sent from JobWise: reload the page and try again."
        )


# --- tickets for live views --------------------------------------------------------------------

# An EventSource can only GET, and sends no header of ours: a live view that does work (writing a
# letter) is opened with a ticket a CSRF-checked POST gave the page. It is an HMAC of what it
# allows, when it ends and the session token: another site cannot make one, and it dies with the
# session and within minutes.
TICKET_SECONDS = 120


def _ticket_key(codec: TokenCodec) -> bytes:
    return hmac.new(codec.secret.encode(), b"jobwise web live-view ticket v1", hashlib.sha256).digest()


def _ticket_mac(codec: TokenCodec, purpose: str, expires: int, session_token: str) -> str:
    message = f"{purpose}\n{expires}\n{session_token}".encode()
    mac = hmac.new(_ticket_key(codec), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def live_ticket(request: Request, codec: TokenCodec, purpose: str) -> str:
    """A ticket for `purpose` ("letter:<job id>"), valid for TICKET_SECONDS in this session."""
    expires = int(time.time()) + TICKET_SECONDS
    token = request.cookies.get(SESSION_COOKIE, "")
    return f"{expires}.{_ticket_mac(codec, purpose, expires, token)}"


def ticket_is_valid(request: Request, codec: TokenCodec, purpose: str, ticket: str) -> bool:
    expires_text, _, mac = ticket.partition(".")
    if not expires_text.isdigit() or int(expires_text) < time.time() or not _same_origin(request):
        return False
    token = request.cookies.get(SESSION_COOKIE, "")
    expected = _ticket_mac(codec, purpose, int(expires_text), token)
    return bool(token) and hmac.compare_digest(expected.encode(), mac.encode())


async def get_web_user(request: Request, session: SessionDep, codec: TokenCodecDep) -> User:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise SignInRequired("Sign in to continue.")
    try:
        user = await auth_service.user_for_token(session, codec, token)
    except Unauthorized:
        raise SessionEnded("Your session has ended: sign in again.") from None
    request.state.user_id = user.id  # for the request log line
    request.state.web_user = user  # for the page's header, error pages included
    return user


WebUser = Annotated[User, Depends(get_web_user)]
