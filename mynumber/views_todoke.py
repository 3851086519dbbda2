"""The 個人番号通知書管理簿【返戻】 (ADR 0037): the returned 通知書 kept, handed over and
destroyed, with the form the back office writes a returned one in, and the 廃棄 of those
past the city's keeping period (職員; each row loaded is a read in the 操作ログ:
counter.reads.PersonalRow)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from counter.access import allow
from counter.roles import Role
from counter.views_common import acting_user

from . import services_todoke
from .forms_todoke import HenreiUketsukeForm
from .models_tsuchi import HenreiRiyu, HenreiStatus, TsuchishoHenrei

STAFF = (Role.CLERK, Role.SUPERVISOR)
LIST_LIMIT = 100


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def henrei_list(request: HttpRequest) -> HttpResponse:
    """The 管理簿: the newest first; a POST writes in a returned 通知書."""
    form = HenreiUketsukeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        henrei = services_todoke.do_henrei_uketsuke(
            form.cleaned_data["person"],
            henrei_date=form.cleaned_data["henrei_date"],
            riyu=HenreiRiyu(form.cleaned_data["henrei_riyu"]),
            acting_user=acting_user(request),
        )
        messages.success(
            request, f"返戻された個人番号通知書を管理簿に記録しました（{henrei.pk}）。"
        )
        return redirect("mynumber_todoke:henrei_list")
    rows = list(
        TsuchishoHenrei.objects.select_related("jumin").order_by("-henrei_date", "-id")[:LIST_LIMIT]
    )
    context = {
        "form": form,
        "rows": rows,
        "limit": LIST_LIMIT,
        "overdue": sum(
            1
            for r in rows
            if r.status == HenreiStatus.HOKAN and r.hokan_kigen < timezone.localdate()
        ),
    }
    return render(request, "mynumber/henrei_list.html", context)


@allow(*STAFF)
@require_POST
def henrei_haiki(request: HttpRequest) -> HttpResponse:
    """廃棄 every 通知書 kept past its 保管期限 (the same as ``manage.py tsuchisho_haiki``)."""
    count = services_todoke.do_haiki_expired(timezone.localdate(), acting_user=acting_user(request))
    messages.success(
        request, f"保管期限を過ぎた個人番号通知書 {count} 件を廃棄として記録しました。"
    )
    return redirect("mynumber_todoke:henrei_list")
