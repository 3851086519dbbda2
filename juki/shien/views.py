"""The 支援措置 screens (j160, j440): the list with its alerts, the detail with its
history, the 仮 entry, and the two-person acts. City staff only (the 受注者 sees the
mark, never the measure); the 一時解除 is asked by the 支援措置責任者."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from counter.access import allow
from counter.procedure_models import Procedure
from counter.registry import category_label
from counter.roles import Role, roles_of
from counter.views_common import acting_user
from jputil.wareki import to_wareki

from . import alerts, services
from .forms import KaijoForm, KakuteiForm, ReasonForm, ShuuryouForm, SochiForm
from .models import ACTIVE_STATES, ShienKaijo, ShienSochi, ShienTaishousha, SochiState
from .services import ShienRefused

#: city staff decide and answer for a measure (事務処理要領第6の10)
STAFF = (Role.CLERK, Role.SUPERVISOR)
SEKININSHA = (Role.SHIEN_SEKININSHA,)
#: measures listed at most (newest first; the filter by 宛名番号 finds an older one)
LIST_LIMIT = 200


def _detail_url(sochi: ShienSochi) -> str:
    return reverse("juki:shien_detail", args=[sochi.pk])


def _measures() -> Any:
    return ShienSochi.objects.prefetch_related(
        Prefetch("taishousha", queryset=ShienTaishousha.objects.order_by("-is_moushidesha", "id"))
    )


@allow(*STAFF)
@require_GET
def shien_list(request: HttpRequest) -> HttpResponse:
    """The measures (active first), the period alerts and the attempts not yet seen."""
    found = _measures().order_by("-id")
    atena_bango = str(request.GET.get("atena_bango", "")).strip()[:10]
    if atena_bango:
        found = found.filter(taishousha__atena_bango=atena_bango).distinct()
    if request.GET.get("all") != "1":
        found = found.filter(state__in=ACTIVE_STATES)
    context = {
        "measures": list(found[:LIST_LIMIT]),
        "limit": LIST_LIMIT,
        "atena_bango": atena_bango,
        "period_alerts": alerts.period_alerts(),
        "attempts": list(alerts.unacknowledged()[:50]),
        "show_all": request.GET.get("all") == "1",
    }
    return render(request, "juki/shien/list.html", context)


def _detail_context(request: HttpRequest, sochi: ShienSochi, **forms: Any) -> dict[str, Any]:
    user = acting_user(request)
    kaijo = list(
        sochi.kaijo.select_related("requested_by", "confirmed_by", "procedure__reception").order_by(
            "-id"
        )
    )
    return {
        "sochi": sochi,
        "persons": list(sochi.taishousha.order_by("-is_moushidesha", "id")),
        "jimu": [category_label(code) for code in sochi.taishou_jimu],
        "rireki": list(sochi.rireki.select_related("by").order_by("id")),
        "kaijo": kaijo,
        "is_sekininsha": Role.SHIEN_SEKININSHA in roles_of(user),
        "kakutei_form": forms.get("kakutei_form") or KakuteiForm(),
        "shuuryou_form": forms.get("shuuryou_form") or ShuuryouForm(),
        "torikeshi_form": forms.get("torikeshi_form") or ReasonForm(prefix="torikeshi"),
        "enchou_form": forms.get("enchou_form") or ReasonForm(prefix="enchou"),
        "kaijo_form": forms.get("kaijo_form") or KaijoForm(),
        "may_extend": sochi.state == SochiState.KAKUTEI
        and (sochi.ending_soon() or sochi.expired()),
        "is_active": sochi.is_active,
    }


@allow(*STAFF, *SEKININSHA)
@require_GET
def shien_detail(request: HttpRequest, sochi_pk: int) -> HttpResponse:
    sochi = get_object_or_404(
        ShienSochi.objects.select_related("entered_by", "confirmed_by"), pk=sochi_pk
    )
    return render(request, "juki/shien/detail.html", _detail_context(request, sochi))


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def shien_new(request: HttpRequest) -> HttpResponse:
    """仮支援措置の入力: it protects from the moment it is saved."""
    form = SochiForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            sochi = services.do_kari_touroku(
                acting_user=acting_user(request), **form.service_kwargs()
            )
        except ShienRefused as refused:
            _show(form, refused)
        else:
            messages.success(
                request,
                "仮支援措置を登録しました。この時点から対象者の手続は止まります。別の職員が確認してください。",
            )
            return redirect(_detail_url(sochi))
    return render(request, "juki/shien/new.html", {"form": form})


def _show(form: Any, refused: ShienRefused) -> None:
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, refused.message)


def _act(
    request: HttpRequest, sochi: ShienSochi, run: Any, done: str, form_name: str, form: Any
) -> HttpResponse:
    """Run one act on a valid form; a refusal is shown next to its field on the detail."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ShienRefused as refused:
            _show(form, refused)
        else:
            messages.success(request, done)
            return redirect(_detail_url(sochi))
    context = _detail_context(request, sochi, **{form_name: form})
    return render(request, "juki/shien/detail.html", context)


def _sochi(sochi_pk: int) -> ShienSochi:
    return get_object_or_404(
        ShienSochi.objects.select_related("entered_by", "confirmed_by"), pk=sochi_pk
    )


@allow(*STAFF)
@require_POST
def shien_kakutei(request: HttpRequest, sochi_pk: int) -> HttpResponse:
    sochi = _sochi(sochi_pk)

    def run(data: dict[str, Any]) -> None:
        services.do_kakutei(
            sochi,
            acting_user=acting_user(request),
            kaishi_date=data["kaishi_date"],
            shuuryou_date=data.get("shuuryou_date"),
        )

    form = KakuteiForm(request.POST)
    return _act(request, sochi, run, "支援措置を確認しました（設定）。", "kakutei_form", form)


@allow(*STAFF)
@require_POST
def shien_enchou(request: HttpRequest, sochi_pk: int) -> HttpResponse:
    sochi = _sochi(sochi_pk)

    def run(data: dict[str, Any]) -> None:
        services.do_enchou(sochi, acting_user=acting_user(request), reason=data["reason"])

    form = ReasonForm(request.POST, prefix="enchou")
    return _act(request, sochi, run, "支援措置を1年延長しました。", "enchou_form", form)


@allow(*STAFF)
@require_POST
def shien_shuuryou_shinsei(request: HttpRequest, sochi_pk: int) -> HttpResponse:
    sochi = _sochi(sochi_pk)

    def run(data: dict[str, Any]) -> None:
        services.do_shuuryou_shinsei(
            sochi, acting_user=acting_user(request), jiyu=data["jiyu"], reason=data["reason"]
        )

    form = ShuuryouForm(request.POST)
    done = "終了を入力しました。別の職員が確認するまで支援措置は続きます。"
    return _act(request, sochi, run, done, "shuuryou_form", form)


@allow(*STAFF)
@require_POST
def shien_shuuryou(request: HttpRequest, sochi_pk: int) -> HttpResponse:
    """終了の確認 (a second 職員), or its 取消 with a reason."""
    sochi = _sochi(sochi_pk)
    if request.POST.get("decision") == "torikeshi":

        def cancel(data: dict[str, Any]) -> None:
            services.do_shuuryou_torikeshi(
                sochi, acting_user=acting_user(request), reason=data["reason"]
            )

        form = ReasonForm(request.POST, prefix="torikeshi")
        return _act(request, sochi, cancel, "終了を取り消しました。", "torikeshi_form", form)
    try:
        services.do_shuuryou(sochi, acting_user=acting_user(request))
    except ShienRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "支援措置を終了しました。")
    return redirect(_detail_url(sochi))


@allow(*SEKININSHA)
@require_POST
def shien_kaijo_shinsei(request: HttpRequest, sochi_pk: int) -> HttpResponse:
    """一時解除の申請 by the 支援措置責任者: one procedure, a reason."""
    sochi = _sochi(sochi_pk)

    def run(data: dict[str, Any]) -> None:
        procedure = Procedure.objects.filter(pk=data["procedure"]).first()
        if procedure is None:
            raise ShienRefused("その手続番号の手続はありません。", field="procedure")
        services.do_kaijo_shinsei(
            sochi, procedure, acting_user=acting_user(request), reason=data["reason"]
        )

    form = KaijoForm(request.POST)
    done = "一時解除を申請しました。別の職員が確認すると、その手続に限り有効になります。"
    return _act(request, sochi, run, done, "kaijo_form", form)


@allow(*STAFF)
@require_POST
def shien_kaijo_kakunin(request: HttpRequest, kaijo_pk: int) -> HttpResponse:
    """一時解除の確認 by a second 職員 (never the one who asked)."""
    kaijo = get_object_or_404(ShienKaijo.objects.select_related("sochi"), pk=kaijo_pk)
    try:
        confirmed = services.do_kaijo_kakunin(kaijo, acting_user=acting_user(request))
    except ShienRefused as refused:
        messages.error(request, refused.message)
    else:
        until = timezone.localtime(confirmed.expires_at)
        messages.success(
            request,
            f"一時解除を確認しました（手続{confirmed.procedure_id}のみ、"
            f"{to_wareki(until.date())} {until:%H:%M} まで）。",
        )
    return redirect(_detail_url(kaijo.sochi))


@allow(*STAFF)
@require_POST
def shien_alert_kakunin(request: HttpRequest, log_pk: int) -> HttpResponse:
    """A 職員 saw an attempt on a protected person: it leaves the alerts."""
    row = alerts.attempts().filter(pk=log_pk).first()
    if row is None:
        messages.error(request, "その記録は支援措置のアラートではありません。")
    else:
        services.do_alert_kakunin(row, acting_user=acting_user(request))
        messages.success(request, "アラートを確認済みにしました。")
    return redirect("juki:shien_list")
