"""The 閲覧 screens: bookings (職員), the visit's list at the window terminal (職員), the
閲覧簿 and the yearly 閲覧状況 (監督者: screen, CSV, PDF). Every showing of the list
writes the 操作ログ (services.record_shown); acts go through services' do_*."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from counter.access import allow
from counter.documents import render_pdf
from counter.refusals import ProcedureRefused
from counter.roles import Role
from counter.views_common import acting_user, pdf_response, run_once, terminal_of
from jputil.wareki import to_wareki

from . import jokyo, services
from .forms import FushoninForm, KaishiForm, MoushideForm, NendoForm, ShuryoForm, ShuunouForm
from .listing import HEADINGS, list_csv, listed_of
from .models import EtsuranKai, EtsuranMoushide, EtsuranState, Narabi
from .rules import KONKYO

CITY = (Role.CLERK, Role.SUPERVISOR)


@allow(*CITY)
@require_GET
def moushide_list(request: HttpRequest) -> HttpResponse:
    """The bookings, newest 閲覧日 first (no resident's data: the 申出者 and the 町字)."""
    rows = EtsuranMoushide.objects.select_related("chouaza").order_by("-etsuran_date", "-id")[:200]
    return render(request, "certificates/etsuran_list.html", {"rows": rows})


@allow(*CITY)
@require_http_methods(["GET", "POST"])
def moushide_new(request: HttpRequest) -> HttpResponse:
    """受付 (予約): the 閲覧申出書 entered; each refused rule next to its field."""
    form = MoushideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moushide = services.do_moushide(
                MoushideForm.data_of(form.cleaned_data), acting_user=acting_user(request)
            )
        except services.EtsuranRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, f"{moushide}を受け付けました。")
            return redirect("certificates:etsuran_detail", moushide_pk=moushide.pk)
    return render(request, "certificates/etsuran_new.html", {"form": form})


@allow(*CITY)
@require_GET
def moushide_detail(request: HttpRequest, moushide_pk: int) -> HttpResponse:
    return _detail(request, moushide_pk)


def _detail(
    request: HttpRequest,
    moushide_pk: int,
    *,
    shuunou_form: ShuunouForm | None = None,
) -> HttpResponse:
    moushide = get_object_or_404(
        EtsuranMoushide.objects.select_related("chouaza", "entered_by", "shinsa_by", "kettei_by"),
        pk=moushide_pk,
    )
    kai = EtsuranKai.objects.filter(moushide=moushide).select_related("payment__reji").first()
    return render(
        request,
        "certificates/etsuran_detail.html",
        {
            "m": moushide,
            "kai": kai,
            "konkyo": KONKYO.get(moushide.mokuteki, ""),
            "rireki": moushide.rireki.select_related("by"),
            "etsuran_date": to_wareki(moushide.etsuran_date),
            "kaishi_form": KaishiForm(),
            "shuryo_form": ShuryoForm(),
            "reason_form": FushoninForm(),
            "S": EtsuranState,
            "today": moushide.etsuran_date == timezone.localdate(),
            "shuunou_form": shuunou_form or ShuunouForm(),
        },
    )


@allow(*CITY)
@require_POST
def moushide_act(request: HttpRequest, moushide_pk: int) -> HttpResponse:
    """審査・承認・不承認・取消・閲覧開始・閲覧終了: one act per POST (`act`)."""
    moushide = get_object_or_404(EtsuranMoushide, pk=moushide_pk)
    user = acting_user(request)
    act = request.POST.get("act", "")
    reason = request.POST.get("reason", "")
    try:
        if act == "shinsa":
            services.do_shinsa(moushide, acting_user=user)
        elif act == "shonin":
            services.do_shonin(moushide, acting_user=user)
        elif act == "fushonin":
            services.do_fushonin(moushide, reason=reason, acting_user=user)
        elif act == "torikeshi":
            services.do_torikeshi(moushide, reason=reason, acting_user=user)
        elif act == "kaishi":
            started = services.do_kaishi(
                moushide,
                etsuransha_shimei=request.POST.get("etsuransha_shimei", ""),
                honnin_kakunin=request.POST.get("honnin_kakunin", ""),
                acting_user=user,
            )
            return redirect("certificates:etsuran_window", kai_pk=started.pk)
        elif act == "shuryo":
            form = ShuryoForm(request.POST)
            kai = EtsuranKai.objects.filter(moushide=moushide).first()
            if kai is None or not form.is_valid():
                messages.error(request, "転記した件数を0以上の整数で入力してください。")
            else:
                services.do_shuryo(
                    kai, tenki_kensu=form.cleaned_data["tenki_kensu"], acting_user=user
                )
        elif act == "shuunou":
            return _shuunou(request, moushide)
        else:
            messages.error(request, "操作を選んでください。")
    except ProcedureRefused as refused:
        messages.error(request, refused.message)
    return redirect("certificates:etsuran_detail", moushide_pk=moushide.pk)


def _shuunou(request: HttpRequest, moushide: EtsuranMoushide) -> HttpResponse:
    """The fee at the レジ of this terminal (seed ⑱), under the form's one-time token; a
    refusal next to the お預かり field, with what was typed kept."""
    kai = get_object_or_404(EtsuranKai, moushide=moushide)
    form = ShuunouForm(request.POST)
    here = reverse("certificates:etsuran_detail", args=[moushide.pk])
    if form.is_valid():

        def act() -> str:
            payment = services.do_shuunou(
                kai,
                received_yen=form.cleaned_data["received_yen"],
                acting_user=acting_user(request),
                terminal=terminal_of(request),
            )
            messages.success(
                request,
                f"{kai}の手数料{payment.total_yen:,}円を収納しました"
                f"（お釣り{payment.change_yen:,}円）。",
            )
            return here

        try:
            return run_once(request, act, fallback=here)
        except ProcedureRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
    return _detail(request, moushide.pk, shuunou_form=form)


def _list_context(request: HttpRequest, kai: EtsuranKai, *, printed: bool) -> dict[str, object]:
    shown = listed_of(kai)
    rows = [row for _atena, row in shown]
    services.record_shown(
        kai,
        count=len(rows),
        printed=printed,
        user=acting_user(request),
        atena_bangos=[atena for atena, _row in shown],
    )
    return {
        "kai": kai,
        "rows": rows,
        "count": len(rows),
        "headings": HEADINGS,
        "chouaza": kai.moushide.hani_label,
        "day": to_wareki(kai.etsuran_date),
        "narabi": Narabi(kai.moushide.narabi).label,
        "municipality": settings.MUNICIPALITY_NAME,
    }


def _open_visit(kai_pk: int) -> EtsuranKai:
    """A visit still open today: the list is not shown after it ended or on another day."""
    return get_object_or_404(
        EtsuranKai.objects.select_related("moushide__chouaza"),
        pk=kai_pk,
        ended_at__isnull=True,
        etsuran_date=timezone.localdate(),
        moushide__state=EtsuranState.SHONIN,
    )


@allow(*CITY)
@require_GET
def window(request: HttpRequest, kai_pk: int) -> HttpResponse:
    """The 閲覧端末's page (seed ⑫⑬): the list shown to the 閲覧者."""
    kai = _open_visit(kai_pk)
    context = _list_context(request, kai, printed=False)
    context["shuryo_form"] = ShuryoForm()
    return render(request, "certificates/etsuran_window.html", context)


@allow(*CITY)
@require_GET
def window_pdf(request: HttpRequest, kai_pk: int) -> HttpResponse:
    """The printed 住民基本台帳閲覧用リスト: the same order at every reprint."""
    kai = _open_visit(kai_pk)
    pdf = render_pdf("documents/etsuran_list.html", _list_context(request, kai, printed=True))
    return pdf_response(pdf, f"etsuran-{kai.pk}.pdf")


@allow(Role.SUPERVISOR)
@require_GET
def window_csv(request: HttpRequest, kai_pk: int) -> HttpResponse:
    """The list as CSV for the city's own printing (j1320), the 監督者's only: the
    閲覧者 sees the screen or the printed list, never a file."""
    kai = _open_visit(kai_pk)
    context = _list_context(request, kai, printed=True)
    rows = context["rows"]
    assert isinstance(rows, list)
    return _csv_response(list_csv(rows), f"閲覧用リスト_{kai.pk}.csv")


def _nendo(request: HttpRequest) -> tuple[NendoForm, int]:
    default = jokyo.nendo_of(timezone.localdate())
    form = NendoForm(request.GET if "nendo" in request.GET else {"nendo": default})
    return form, (form.cleaned_data["nendo"] if form.is_valid() else default)


def _csv_response(text: str, filename: str) -> HttpResponse:
    # BOM first: the spreadsheet a city opens the CSV in reads it as UTF-8
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@allow(Role.SUPERVISOR)
@require_GET
def bo(request: HttpRequest) -> HttpResponse:
    """閲覧簿: every visit of the 年度 (申出者, 目的, 閲覧日, 町字, 閲覧者, 件数, 手数料)."""
    form, nendo = _nendo(request)
    if request.GET.get("format") == "csv":
        return _csv_response(jokyo.bo_csv(nendo), f"閲覧簿_{nendo}.csv")
    return render(
        request,
        "certificates/etsuran_table.html",
        {
            "title": "閲覧簿",
            "form": form,
            "nendo_label": jokyo.nendo_label(nendo),
            "headings": jokyo.BO_HEADINGS,
            "rows": jokyo.bo_rows(nendo),
            "nendo": nendo,
            "pdf": False,
        },
    )


@allow(Role.SUPERVISOR)
@require_GET
def jokyo_view(request: HttpRequest) -> HttpResponse:
    """閲覧状況 (published yearly: 第11条第3項, 第11条の2第12項, 省令第3条)."""
    form, nendo = _nendo(request)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return _csv_response(jokyo.jokyo_csv(nendo), f"閲覧状況_{nendo}.csv")
    if fmt == "pdf":
        return pdf_response(jokyo.jokyo_pdf(nendo), f"etsuran-jokyo-{nendo}.pdf")
    return render(
        request,
        "certificates/etsuran_table.html",
        {
            "title": "住民基本台帳の一部の写しの閲覧状況",
            "form": form,
            "nendo_label": jokyo.nendo_label(nendo),
            "headings": jokyo.JOKYO_HEADINGS,
            "rows": [r.cells() for r in jokyo.jokyo_rows(nendo)],
            "nendo": nendo,
            "pdf": True,
        },
    )
