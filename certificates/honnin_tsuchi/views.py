"""The window's screens of the 本人通知 (ADR 0034) and of the disclosure record.

City staff (職員, 監督者) register and end registrations and print the notices: a
registration is the 市長's decision under the 要綱, not a 受注者's preparation. The
list pages read a page in a fixed number of queries (django-tables2's LazyPaginator).
"""

from __future__ import annotations

import datetime
from typing import Any

import django_tables2 as tables
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from counter import reads
from counter.access import allow
from counter.models import AuditAction
from counter.roles import Role
from counter.tables import StaffTable, paginate
from counter.views_common import pdf_response
from jputil.wareki import to_wareki

from .. import disclosure_record
from . import notice, services
from .forms import HaishiForm, KaijiForm, TorokuForm
from .kaiji import KaijiError, do_kaiji_seikyu
from .models import HonninTsuchi, HonninTsuchiToroku

STAFF = (Role.CLERK, Role.SUPERVISOR)


def _wareki(value: datetime.date | None) -> str:
    return to_wareki(value) if value else "—"


class TorokuTable(StaffTable):
    atena_bango = tables.Column(verbose_name="宛名番号")
    shimei = tables.Column(verbose_name="氏名")
    shinseisha_kubun = tables.Column(verbose_name="申請者")
    soufu_jusho = tables.Column(verbose_name="送付先", default="住民票の住所")
    toroku_date = tables.Column(verbose_name="登録日")
    haishi_date = tables.Column(verbose_name="廃止日", default="—")

    class Meta(StaffTable.Meta):
        orderable = False

    def render_toroku_date(self, value: datetime.date) -> str:
        return _wareki(value)

    def render_haishi_date(self, value: datetime.date | None) -> str:
        return _wareki(value)


class TsuchiTable(StaffTable):
    tsuchi_at = tables.Column(verbose_name="通知日")
    shimei = tables.Column(verbose_name="宛名（本人）")
    koufu_date = tables.Column(verbose_name="交付日")
    shubetsu_label = tables.Column(verbose_name="証明書")
    tsusu = tables.Column(verbose_name="通数")
    seikyusha_kubun = tables.Column(verbose_name="請求者の区分")
    pdf = tables.Column(verbose_name="本人通知書", empty_values=(), orderable=False)

    class Meta(StaffTable.Meta):
        orderable = False
        prefix = "t"

    def render_tsuchi_at(self, value: datetime.datetime) -> str:
        return _wareki(value.date())

    def render_koufu_date(self, value: datetime.date) -> str:
        return _wareki(value)

    def render_pdf(self, record: HonninTsuchi) -> SafeString:
        url = reverse("certificates:honnin_tsuchisho")
        return format_html('<a href="{}?tsuchi={}">印刷</a>', url, record.pk)


def _page(request: HttpRequest, form: TorokuForm, status: int = 200) -> HttpResponse:
    registrations = paginate(
        request, TorokuTable(HonninTsuchiToroku.objects.order_by("haishi_date", "-id"))
    )
    notices = paginate(request, TsuchiTable(HonninTsuchi.objects.order_by("-tsuchi_at", "-id")))
    return render(
        request,
        "certificates/honnin_tsuchi.html",
        {
            "form": form,
            "haishi_form": HaishiForm(),
            "registrations": registrations,
            "notices": notices,
        },
        status=status,
    )


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def honnin_tsuchi(request: HttpRequest) -> HttpResponse:
    """The registrations and the notices; POST: a new registration (登録)."""
    if request.method != "POST":
        return _page(request, TorokuForm())
    form = TorokuForm(request.POST)
    if form.is_valid():
        c = form.cleaned_data
        try:
            toroku = services.do_toroku(
                acting_user=request.user,  # type: ignore[arg-type]
                atena_bango=c["atena_bango"],
                shinseisha_kubun=c["shinseisha_kubun"],
                dairinin_shimei=c["dairinin_shimei"],
                soufu_jusho=c["soufu_jusho"],
            )
        except services.TorokuError as refused:
            form.add_error("atena_bango", str(refused))
        else:
            reads.declare(AuditAction.CHANGE, screen="honnin_tsuchi_toroku")
            messages.success(request, f"{toroku.shimei}さんを本人通知に登録しました。")
            return redirect("certificates:honnin_tsuchi")
    return _page(request, form)


@allow(*STAFF)
@require_POST
def honnin_tsuchi_haishi(request: HttpRequest) -> HttpResponse:
    """廃止 of one registration (the row stays, with its day and reason)."""
    form = HaishiForm(request.POST)
    toroku = None
    if form.is_valid():
        toroku = HonninTsuchiToroku.objects.filter(pk=form.cleaned_data["toroku"]).first()
    if toroku is None:
        messages.error(request, "廃止する登録と廃止の理由を指定してください。")
        return redirect("certificates:honnin_tsuchi")
    try:
        services.do_haishi(
            acting_user=request.user,  # type: ignore[arg-type]
            toroku=toroku,
            haishi_riyu=form.cleaned_data["haishi_riyu"],
        )
    except services.TorokuError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{toroku.shimei}さんの登録を廃止しました。")
    return redirect("certificates:honnin_tsuchi")


@allow(*STAFF)
@require_http_methods(["GET"])
def honnin_tsuchisho(request: HttpRequest) -> HttpResponse:
    """The printable 本人通知書 of one notice (?tsuchi=<number>)."""
    raw = request.GET.get("tsuchi", "")
    row = HonninTsuchi.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if row is None:
        messages.error(request, "本人通知が見つかりません。")
        return redirect("certificates:honnin_tsuchi")
    reads.declare(AuditAction.PRINT, screen="honnin_tsuchisho", form=notice.FORM_NAME)
    return pdf_response(notice.render([notice.notice_of(row)]), f"honnin-tsuchi-{row.pk}.pdf")


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def kaiji_kiroku(request: HttpRequest) -> HttpResponse:
    """The disclosure record: the form, then (POST, ID checked; a 代理人 with the document
    of its authority) the printed list; the request is kept (KaijiSeikyu)."""
    form = KaijiForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        c = form.cleaned_data
        try:
            kaiji = do_kaiji_seikyu(
                acting_user=request.user,  # type: ignore[arg-type]
                atena_bango=c["atena_bango"],
                honnin_kakunin=c["honnin_kakunin"],
                seikyusha_kubun=c["seikyusha_kubun"],
                dairinin_shimei=c["dairinin_shimei"],
                dairi_shorui=c["dairi_shorui"],
            )
        except KaijiError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
        else:
            reads.declare(
                AuditAction.PRINT,
                screen="kaiji_kiroku",
                form=disclosure_record.FORM_NAME,
                honnin_kakunin=c["honnin_kakunin"],
                seikyusha_kubun=kaiji.seikyu.seikyusha_kubun,
                dairi_shorui=kaiji.seikyu.dairi_shorui,
                kaiji_seikyu=kaiji.seikyu.pk,
                lines=len(kaiji.rows),
            )
            pdf = disclosure_record.render(
                name=kaiji.person.full_name,
                atena_bango=kaiji.seikyu.atena_bango,
                rows=kaiji.rows,
                seikyusha=kaiji.seikyu.seikyusha_label,
            )
            return pdf_response(pdf, f"kaiji-{kaiji.seikyu.atena_bango}.pdf")
    context: dict[str, Any] = {"form": form}
    return render(request, "certificates/kaiji_kiroku.html", context)
