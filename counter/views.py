"""Login, logout and each role's home."""

from __future__ import annotations

import datetime
import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from . import audit, lockout
from .access import allow, public
from .forms import DisplaySettingsForm, TerminalLoginForm
from .middleware import SESSION_LOGIN_AT
from .models import AuditAction
from .roles import ALL_ROLES, Role, roles_of
from .views_common import acting_user

TERMINAL_COOKIE = "juki_terminal"


@public
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect("counter:home")
    if request.method == "POST":
        username = request.POST.get("username", "")
        wait_until = lockout.slowdown_until(username, lockout.client_ip(request))
        if wait_until is not None:
            return _slowed_down(request, username, wait_until)
    form = TerminalLoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "GET":
        remembered = request.COOKIES.get(TERMINAL_COOKIE)
        if remembered and remembered.isdigit():
            form.fields["terminal"].initial = int(remembered)
    if request.method == "POST" and form.is_valid():
        terminal = form.cleaned_data["terminal"]
        # Set before login(): it keeps an anonymous session's data, and its signal
        # writes the LOGIN row, which must name the terminal.
        request.session["terminal_code"] = terminal.code
        request.session["terminal_id"] = terminal.pk
        request.session[SESSION_LOGIN_AT] = time.time()
        login(request, form.get_user())
        target = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        response = redirect(target or "counter:home")
        response.set_cookie(
            TERMINAL_COOKIE,
            str(terminal.pk),
            max_age=365 * 24 * 3600,
            httponly=True,
            secure=settings.TERMINAL_COOKIE_SECURE,
            samesite="Lax",
        )
        return response
    return render(
        request,
        "counter/login.html",
        {"form": form, "next": request.GET.get("next", ""), "expired": "expired" in request.GET},
    )


def _slowed_down(request: HttpRequest, username: str, until: datetime.datetime) -> HttpResponse:
    """Refused unheard (the password is not even checked), with the time to retry."""
    audit.record(
        AuditAction.REFUSED,
        request=request,
        username=username[:150],
        detail={"reason": "login_slowdown", "until": until.isoformat()},
    )
    form = TerminalLoginForm(request, initial={"username": username})
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return render(
        request,
        "counter/login.html",
        {
            "form": form,
            "next": request.POST.get("next", ""),
            "wait_until": until,
            "wait_seconds": seconds,
        },
        status=429,
    )


@allow(*ALL_ROLES)
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("counter:login")


@allow(*ALL_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if roles_of(request.user) & {Role.SUPERVISOR, Role.ADMINISTRATOR}:
        # The 監督者's alert: a lock-out is either a clerk who needs help or an attack.
        context = {"recent_lockouts": lockout.recent_lockouts(), "locks": lockout.current_locks()}
    return render(request, "counter/home.html", context)


@allow(*ALL_ROLES)
@require_http_methods(["GET", "POST"])
def display_settings(request: HttpRequest) -> HttpResponse:
    form = DisplaySettingsForm(request.POST or None, user=acting_user(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "表示設定を保存しました。")
        return redirect("counter:display_settings")
    return render(request, "counter/display_settings.html", {"form": form})
