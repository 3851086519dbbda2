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


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after login, whatever the activity.

    The 30-minute idle limit is the cookie age, renewed on every request
    (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            limit = settings.SESSION_ABSOLUTE_LIFETIME_SECONDS
            if login_at is None or time.time() - float(login_at) > limit:
                audit.record(AuditAction.SESSION_EXPIRED, request=request)
                logout(request)
                return redirect(f"{reverse('counter:login')}?{urlencode({'expired': '1'})}")
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
