"""Session lifetime, the deny-by-default access policy, and the headers of every page."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse

from . import audit
from .access import declared_roles, is_public
from .models import AuditAction
from .roles import roles_of

SESSION_LOGIN_AT = "login_at"
SESSION_LAST_SEEN = "last_seen"


def expiry_reason(session: Any, now: float) -> str | None:
    """Why a signed-in session has ended: "absolute" (12 hours after login), "idle"
    (SESSION_IDLE_SECONDS without a request), or None while it lasts."""
    login_at = session.get(SESSION_LOGIN_AT)
    if login_at is None or now - float(login_at) > settings.SESSION_ABSOLUTE_LIFETIME_SECONDS:
        return "absolute"
    last_seen = float(session.get(SESSION_LAST_SEEN, login_at))
    if now - last_seen > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return None


def end_expired_sessions(now: float | None = None) -> int:
    """Sign out every session that has ended while nobody used it, each with its 操作ログ
    row (who, terminal, why); returns how many. Run every few minutes (Celery beat)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    now = time.time() if now is None else now
    ended = 0
    for stored in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = stored.get_decoded()
        user_id = data.get("_auth_user_id")
        reason = expiry_reason(data, now) if user_id is not None else None
        if user_id is None or reason is None:
            continue
        user = get_user_model().objects.filter(pk=user_id).first()
        audit.record(
            AuditAction.SESSION_EXPIRED,
            user=user,
            terminal_code=str(data.get("terminal_code", "")),
            detail={"reason": reason, "noticed": "sweep"},
        )
        stored.delete()
        ended += 1
    return ended


class SessionLifetimeMiddleware:
    """Ends a session after 30 idle minutes or 12 hours after login, and the 操作ログ
    says which (the server keeps the session for the 12 hours, so an idle one is known
    by who it was; `counter.tasks.end_expired_sessions` logs those never come back to).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            reason = expiry_reason(request.session, now)
            if reason is not None:
                audit.record(
                    AuditAction.SESSION_EXPIRED, request=request, detail={"reason": reason}
                )
                logout(request)
                return redirect(f"{reverse('counter:login')}?{urlencode({'expired': '1'})}")
            request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class AccessPolicyMiddleware:
    """Refuses every view that does not declare who may use it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if is_public(view_func):
            return None
        if not request.user.is_authenticated:
            login_url = reverse("counter:login")
            if request.htmx:  # type: ignore[attr-defined]
                response = HttpResponse(status=401)
                response["HX-Redirect"] = login_url
                return response
            return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
        roles = declared_roles(view_func)
        if roles is None or not (roles & roles_of(request.user)):
            audit.record(
                AuditAction.REFUSED,
                request=request,
                detail={"reason": "undeclared" if roles is None else "role"},
            )
            return HttpResponseForbidden(
                render_to_string(
                    "403.html", {"reason": "この画面を使う権限がありません。"}, request
                )
            )
        return None


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in user.

    Pages, PDFs and downloads alike: a browser or proxy must keep no copy of a resident's
    data on a shared counter terminal (the back button after logout, a disk cache). One
    rule for every response is safer than a decorator each view could forget.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Signed in as the request began or as it ends (a logout, a login).
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class PageCSPMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy, on HTML pages only.

    A PDF or a download runs none of our script, and a policy on it can stop the
    browser's own PDF viewer from showing it.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)
