"""Signing in, creating an account, signing out, and the settings page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from jobwise.auth import service as auth
from jobwise.auth.dependencies import TokenCodecDep
from jobwise.auth.passwords import WeakPassword
from jobwise.auth.throttle import TooManyLoginAttempts
from jobwise.db import SessionDep
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.errors import InvalidInput, Unauthorized
from jobwise.usage import service as usage
from jobwise.web import words
from jobwise.web.dependencies import StorageDep
from jobwise.web.forms import CreateAccountForm, DeleteAccountForm, PasswordForm, SignInForm
from jobwise.web.pages import WebRoute, field_problems, is_local_path, render
from jobwise.web.session import SESSION_COOKIE, WEB_PREFIX, WebUser, end_session, start_session

router = APIRouter(route_class=WebRoute)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/sign-in")
async def sign_in_page(
    request: Request,
    reason: Annotated[str | None, Query(max_length=20)] = None,
    return_to: Annotated[str | None, Query(alias="next", max_length=2000)] = None,
) -> Response:
    message = "Your session has ended: sign in again." if reason == "ended" else None
    return render(
        request,
        "sign_in.html",
        {"title": "Sign in", "error": message, "problems": [], "email": "", "next": return_to or ""},
    )


@router.post("/sign-in")
async def sign_in(
    request: Request,
    form: Annotated[SignInForm, Form()],
    database: DatabaseDep,
    settings: SettingsDep,
    codec: TokenCodecDep,
) -> Response:
    context = {"title": "Sign in", "email": form.email, "next": form.next or "", "problems": []}
    try:
        token = await auth.login(database, settings, codec, form.to_schema(), client=_client(request))
    except ValidationError as exc:
        problems = field_problems(exc.errors())
        return render(
            request,
            "sign_in.html",
            {**context, "error": "Check your details:", "problems": problems},
            status_code=422,
        )
    except (Unauthorized, TooManyLoginAttempts) as exc:
        return render(
            request,
            "sign_in.html",
            {**context, "error": words.error_message(exc)},
            status_code=exc.status_code,
            headers=exc.headers,
        )
    target = form.next if form.next and is_local_path(form.next) else f"{WEB_PREFIX}/"
    response = RedirectResponse(target, status_code=303)
    start_session(request, response, codec, token.access_token)
    return response


@router.get("/create-account")
async def create_account_page(request: Request) -> Response:
    return render(
        request,
        "create_account.html",
        {"title": "Create account", "error": None, "problems": [], "email": "", "full_name": ""},
    )


@router.post("/create-account")
async def create_account(
    request: Request,
    form: Annotated[CreateAccountForm, Form()],
    session: SessionDep,
    codec: TokenCodecDep,
) -> Response:
    context = {"title": "Create account", "email": form.email, "full_name": form.full_name, "problems": []}
    try:
        user = await auth.register(session, form.to_schema())
    except ValidationError as exc:
        problems = field_problems(exc.errors())
        return render(
            request,
            "create_account.html",
            {**context, "error": "Check your details:", "problems": problems},
            status_code=422,
        )
    except (WeakPassword, auth.EmailTaken) as exc:
        return render(
            request,
            "create_account.html",
            {**context, "error": words.error_message(exc)},
            status_code=exc.status_code,
        )
    response = RedirectResponse(f"{WEB_PREFIX}/profile", status_code=303)
    start_session(request, response, codec, auth.issue_token(codec, user).access_token)
    return response


@router.post("/sign-out")
async def sign_out(request: Request, session: SessionDep, codec: TokenCodecDep) -> Response:
    """Sign out: this session's token (and, as with POST /auth/logout, every other) stops working."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        try:
            user = await auth.user_for_token(session, codec, token)
        except Unauthorized:
            pass  # already ended: only the cookie is left to clear
        else:
            await auth.revoke_tokens(session, user)
    response = RedirectResponse(f"{WEB_PREFIX}/sign-in?notice=signed-out", status_code=303)
    end_session(request, response)
    return response


# --- settings --------------------------------------------------------------------------------


@router.get("/settings")
async def settings_page(
    request: Request, user: WebUser, session: SessionDep, settings: SettingsDep
) -> Response:
    summary = await usage.usage_summary(
        session, user_id=user.id, daily_budget=settings.llm_daily_token_budget
    )
    return render(
        request,
        "settings.html",
        {
            "title": "Settings",
            "nav": "settings",
            "user": user,
            "engine": request.app.state.ai_status,
            "usage": summary,
        },
    )


@router.post("/settings/password")
async def change_password(
    request: Request,
    form: Annotated[PasswordForm, Form()],
    user: WebUser,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    codec: TokenCodecDep,
) -> Response:
    token = await auth.change_password(
        session, database, settings, codec, user=user, data=form.to_schema(), client=_client(request)
    )
    # Every page's CSRF token belonged to the old session: the page loads again with the new one.
    response = Response(
        status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/settings?notice=password-changed"}
    )
    start_session(request, response, codec, token.access_token)
    return response


class EmailMismatch(InvalidInput):
    code = "confirmation_mismatch"


@router.post("/settings/delete-account")
async def delete_account(
    request: Request,
    form: Annotated[DeleteAccountForm, Form()],
    user: WebUser,
    session: SessionDep,
    storage: StorageDep,
) -> Response:
    if form.confirm_email.strip().casefold() != user.email.casefold():
        raise EmailMismatch("Type your email address exactly to confirm; nothing was deleted.")
    await auth.delete_account(session, storage, user)
    response = Response(
        status_code=204, headers={"HX-Redirect": f"{WEB_PREFIX}/sign-in?notice=account-deleted"}
    )
    end_session(request, response)
    return response
