"""ログインのロック: the 監督者 sees them, a 管理者 lifts one with a reason."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import lockout
from .access import allow
from .roles import Role, roles_of
from .views_common import acting_user

LOCKOUT_VIEWERS = (Role.SUPERVISOR, Role.ADMINISTRATOR)


@allow(*LOCKOUT_VIEWERS)
def lockouts(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "counter/lockouts.html",
        {
            "locks": lockout.current_locks(),
            "recent": lockout.recent_lockouts(),
            "can_unlock": Role.ADMINISTRATOR in roles_of(request.user),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
    )


@allow(Role.ADMINISTRATOR)
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    username = request.POST.get("username", "").strip()
    ip_address = request.POST.get("ip_address", "").strip()
    reason = request.POST.get("reason", "")
    if not username or not ip_address:
        messages.error(request, "解除する利用者IDと接続元を選んでください。")
    elif not reason.strip():
        messages.error(request, f"{username}（{ip_address}）: 解除の理由を入力してください。")
    else:
        lockout.do_unlock(
            acting_user=acting_user(request),
            request=request,
            username=username,
            ip_address=ip_address,
            reason=reason,
        )
        messages.success(request, f"{username}（{ip_address}）のロックを解除しました。")
    return redirect("counter:lockouts")
