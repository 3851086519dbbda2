"""The 郵送請求's screens (docs/adr/0031): the 処理簿 of a day (CSV, PDF), the 精算書 of
the day (CSV, PDF), the envelope opened, one request with its acts, the 不足 letter.

The window's staff (受注者 included: 開封, 入力, 照合 are window work) open envelopes and
send; the 承認 is the machine's (city staff only, never the one who entered)."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from counter import reads
from counter.access import allow
from counter.documents import render_pdf
from counter.fees import dues_of
from counter.models import AuditAction
from counter.refusals import ProcedureRefused
from counter.roles import WINDOW_ROLES
from counter.tables import StaffTable
from counter.views_common import acting_user, pdf_response, run_act, show_refusal, terminal_of
from jputil.wareki import to_wareki

from . import services
from .forms import DayForm, HassouForm, KaifuuForm, TsuikaForm
from .models import YuusouSeikyu, YuusouState
from .report import seisansho, shoribo
from .tables import seisansho_table, shoribo_table


def _day(request: HttpRequest) -> tuple[DayForm, datetime.date]:
    form = DayForm(request.GET or None)
    day = timezone.localdate()
    if form.is_valid() and form.cleaned_data.get("day"):
        day = form.cleaned_data["day"]
    return form, day


def _csv(table: StaffTable, name: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table.as_values():
        writer.writerow(row)
    body = "\ufeff" + out.getvalue()
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _pdf(title: str, day: datetime.date, table: StaffTable) -> bytes:
    now = timezone.localtime()
    return render_pdf(
        "documents/nikkei.html",
        {
            "title": title,
            "period_label": to_wareki(day),
            "sections": [("main", title, table)],
            "municipality": settings.MUNICIPALITY_NAME,
            "printed_on": f"{to_wareki(now.date())} {now:%H:%M}",
        },
    )


def _download(
    request: HttpRequest, title: str, stem: str, table: Callable[[], StaffTable], day: datetime.date
) -> HttpResponse | None:
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        reads.declare(AuditAction.PRINT, form=f"{title} CSV")
        return _csv(table(), f"{stem}-{day.isoformat()}")
    if fmt == "pdf":
        reads.declare(AuditAction.PRINT, form=f"{title} PDF")
        return pdf_response(_pdf(title, day, table()), f"{stem}-{day.isoformat()}.pdf")
    if fmt:
        raise Http404("その形式はありません。")
    return None


@allow(*WINDOW_ROLES)
@require_GET
def shoribo_view(request: HttpRequest) -> HttpResponse:
    """郵送請求処理簿: the envelopes received or sent on a day."""
    form, day = _day(request)
    lines = shoribo(day)
    got = _download(request, "郵送請求処理簿", "yuusou-shoribo", lambda: shoribo_table(lines), day)
    if got is not None:
        return got
    return render(
        request,
        "certificates/yuusou_shoribo.html",
        {
            "form": form,
            "day": day,
            "table": shoribo_table(lines),
            "title": "郵送請求処理簿",
            "day_text": to_wareki(day),
        },
    )


@allow(*WINDOW_ROLES)
@require_GET
def seisansho_view(request: HttpRequest) -> HttpResponse:
    """精算書: the day's 定額小為替, fees, change sent back and balance."""
    form, day = _day(request)
    figures = seisansho(day)
    got = _download(
        request, "定額小為替精算書", "yuusou-seisansho", lambda: seisansho_table(figures), day
    )
    if got is not None:
        return got
    return render(
        request,
        "certificates/yuusou_shoribo.html",
        {
            "form": form,
            "day": day,
            "table": seisansho_table(figures),
            "title": "定額小為替精算書",
            "day_text": to_wareki(day),
        },
    )


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def kaifuu_view(request: HttpRequest) -> HttpResponse:
    """①開封・仕分: the envelope's reception and what it held."""
    form = KaifuuForm(request.POST or None, initial={"received_date": timezone.localdate()})
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.do_kaifuu(
                received_date=data["received_date"],
                seikyusha_shimei=data["seikyusha_shimei"],
                henshinsaki_jusho=data["henshinsaki_jusho"],
                doufuu=data["doufuu"],
                id_copy=data["id_copy"],
                kogawase_yen=data["kogawase_yen"],
                kitte_yen=data.get("kitte_yen") or 0,
                kinds=data["kinds"],
                acting_user=acting_user(request),
                terminal=terminal_of(request),
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
        else:
            messages.success(request, f"{item.reception}として受け付けました。")
            return redirect("certificates:yuusou_detail", item.reception_id)
    return render(request, "certificates/yuusou_kaifuu.html", {"form": form, "refusal": refusal})


def _item(reception_pk: int) -> YuusouSeikyu | None:
    return (
        YuusouSeikyu.objects.select_related("reception", "opened_by")
        .filter(reception_id=reception_pk)
        .first()
    )


@allow(*WINDOW_ROLES)
@require_GET
def detail_view(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """One 郵送請求: the envelope, its procedures (entered on the machine) and its acts."""
    item = _item(reception_pk)
    if item is None:
        messages.error(request, "この受付は郵送請求ではありません。")
        return redirect("certificates:yuusou_shoribo")
    procedures = list(item.reception.procedures.order_by("pk"))
    return render(
        request,
        "certificates/yuusou_detail.html",
        {
            "item": item,
            "procedures": procedures,
            "tsuika_form": TsuikaForm(),
            "hassou_form": HassouForm(),
            "sent": item.state == YuusouState.HASSOU,
            "received_text": to_wareki(item.received_date),
            "hassou_text": to_wareki(item.hassou_date) if item.hassou_date else "",
        },
    )


@allow(*WINDOW_ROLES)
@require_POST
def act_view(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """不足照会, 不足分の受領 or 発送 (the button pressed), once per form token."""
    item = _item(reception_pk)
    if item is None:
        messages.error(request, "この受付は郵送請求ではありません。")
        return redirect("certificates:yuusou_shoribo")
    then = reverse("certificates:yuusou_detail", args=[reception_pk])
    act = request.POST.get("act", "")
    try:
        if act == "fusoku":
            return run_act(
                request, services.do_fusoku, item, then=then, success_message="不足を照会しました。"
            )
        if act == "tsuika":
            form = TsuikaForm(request.POST)
            if not form.is_valid():
                messages.error(request, "届いた定額小為替の金額を1円以上で入力してください。")
                return redirect(then)
            return run_act(
                request,
                services.do_tsuika,
                item,
                kogawase_yen=form.cleaned_data["kogawase_yen"],
                then=then,
                success_message="不足分を受け取りました。",
            )
        if act == "hassou":
            hassou = HassouForm(request.POST)
            method = hassou.cleaned_data["change_method"] if hassou.is_valid() else ""
            return run_act(
                request,
                services.do_hassou,
                item,
                change_method=method,
                then=then,
                success_message="交付し、発送済みにしました。",
            )
    except ProcedureRefused as refused:
        messages.error(request, refused.message)
        return redirect(then)
    messages.error(request, "操作を選んでください。")
    return redirect(then)


@allow(*WINDOW_ROLES)
@require_GET
def fusoku_notice_view(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """不足の通知 (printable): what is missing and what to send, never the certificate."""
    item = _item(reception_pk)
    if item is None or item.state != YuusouState.FUSOKU:
        messages.error(request, "不足照会中の郵送請求ではありません。")
        return redirect("certificates:yuusou_shoribo")
    procedures = [p for p in item.reception.procedures.order_by("pk") if p.entry]
    total = dues_of(procedures, timezone.localdate()).total_yen if procedures else 0
    reads.declare(AuditAction.PRINT, form="郵送請求 不足の通知")
    return render(
        request,
        "certificates/yuusou_fusoku.html",
        {
            "item": item,
            "total": total,
            "municipality": settings.MUNICIPALITY_NAME,
            "today": to_wareki(timezone.localdate()),
            "received": to_wareki(item.received_date),
        },
    )
