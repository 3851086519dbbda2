"""The 日計表, 月計 and 年計 screens (監督者), their CSV and PDF, and the 日締め screen
(職員 and 監督者: docs/adr/0025).

One view per report; ``?format=csv&table=…`` gives any of its tables as CSV and
``?format=pdf`` the printed report, from the same figures as the screen.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from counter import fees
from counter.access import allow
from counter.models_fees import Reji, RejiClosing, TesuryoMaster
from counter.refusals import ProcedureRefused
from counter.roles import Role, roles_of
from counter.tables import paginate
from counter.views_common import run_act, show_refusal
from jputil.wareki import to_wareki

from .documents_nikkei import day_tables, nikkei_pdf, period_tables
from .downloads import download
from .forms_nikkei import AdjustForm, CloseForm, DayForm, MonthForm, YearForm
from .nikkei.format import yen_text
from .nikkei.periods import YearBasis, fiscal_year_of, month_period, year_period
from .nikkei.report import (
    PeriodReport,
    Step,
    corrections,
    day_report,
    period_report,
)
from .tables_nikkei import CorrectionTable

#: the 日計表 and its sums are read by the 監督者 (係長席: docs/shared UI.md, README)
REPORT_ROLES = (Role.SUPERVISOR,)
#: 日締め: the city's own staff who count the drawer (a 受注者 never: docs/adr/0025)
CLOSING_ROLES = (Role.CLERK, Role.SUPERVISOR)


@allow(*REPORT_ROLES)
@require_GET
def nikkei(request: HttpRequest) -> HttpResponse:
    """日計表 of a day (today by default): by 事務, by レジ and 事務, the cash, and the
    day's 返金・調整."""
    form = DayForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "stats/nikkei.html", {"form": form})
    day = (form.cleaned_data.get("day") if form.is_bound else None) or timezone.localdate()
    report = day_report(day)
    tables = day_tables(report)
    corrected = CorrectionTable(corrections(day))
    tables["corrections"] = corrected
    sections = [
        ("jimu", "事務別", tables["jimu"]),
        ("reji", "レジ別・事務別", tables["reji"]),
        ("cash", "現金の照合", tables["cash"]),
        ("corrections", "返金・調整の明細", corrected),
    ]
    title = f"日計表 {report.period.label}"
    downloaded = download(
        request,
        tables,
        "日計表",
        lambda: nikkei_pdf("日計表", report.period.label, sections),
        f"nikkei-{day.isoformat()}",
    )
    if downloaded is not None:
        return downloaded
    paginate(request, corrected, per_page=100)
    return render(
        request,
        "stats/nikkei.html",
        {
            "form": form,
            "title": title,
            "report": report,
            "sections": sections,
            "day": day,
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
            "month_query": f"year={day.year}&month={day.month}",
            "year_query": f"year={fiscal_year_of(day)}&basis={YearBasis.NENDO.value}",
        },
    )


def _period_page(
    request: HttpRequest, form: Any, name: str, report: PeriodReport | None, extra: dict[str, Any]
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "name": name, **extra}
    if report is not None:
        tables = period_tables(report)
        step_heading = "日別" if name == "月計" else "月別"
        sections = [
            ("jimu", "事務別", tables["jimu"]),
            ("reji", "レジ別", tables["reji"]),
            ("steps", step_heading, tables["steps"]),
        ]
        downloaded = download(
            request,
            tables,
            name,
            lambda: nikkei_pdf(name, report.period.label, sections),
            f"{'gekkei' if report.by_day else 'nenkei'}-{report.period.start:%Y-%m}",
        )
        if downloaded is not None:
            return downloaded
        context |= {
            "report": report,
            "sections": sections,
            "title": f"{name} {report.period.label}",
        }
    return render(request, "stats/nikkei_period.html", context)


@allow(*REPORT_ROLES)
@require_GET
def gekkei(request: HttpRequest) -> HttpResponse:
    """月計: a month's sums by 事務, by レジ and by day (this month by default)."""
    today = timezone.localdate()
    form = MonthForm(request.GET or None, initial={"year": today.year, "month": today.month})
    report = None
    if not form.is_bound:
        report = period_report(month_period(today.year, today.month), Step.DAY)
    elif form.is_valid():
        data = form.cleaned_data
        report = period_report(month_period(data["year"], data["month"]), Step.DAY)
    return _period_page(request, form, "月計", report, {})


@allow(*REPORT_ROLES)
@require_GET
def nenkei(request: HttpRequest) -> HttpResponse:
    """年計: a 年度 (April–March, 地方自治法第208条第1項) or a calendar year, by 事務,
    by レジ and by month (this 年度 by default)."""
    today = timezone.localdate()
    form = YearForm(
        request.GET or None,
        initial={"year": fiscal_year_of(today), "basis": YearBasis.NENDO.value},
    )
    report = None
    if not form.is_bound:
        report = period_report(year_period(fiscal_year_of(today), YearBasis.NENDO), Step.MONTH)
    elif form.is_valid():
        data = form.cleaned_data
        period = year_period(data["year"], YearBasis(data["basis"]))
        report = period_report(period, Step.MONTH)
    return _period_page(request, form, "年計", report, {})


# --------------------------------------------------------------------------- 日締め


def _closing_line(reji: Reji, closing: RejiClosing | None) -> dict[str, Any]:
    line: dict[str, Any] = {"reji": reji, "closing": closing}
    if closing is not None:
        difference = closing.difference_yen
        word = "一致" if difference == 0 else "過剰" if difference > 0 else "不足"
        line |= {
            "counted": yen_text(closing.counted_yen),
            "expected": yen_text(closing.expected_yen),
            "difference": f"{yen_text(difference)}（{word}）",
            "closed_by": closing.closed_by.display_name or closing.closed_by.username,
            "closed_at": _at_text(closing.closed_at),
        }
    return line


def _at_text(at: datetime.datetime) -> str:
    local = timezone.localtime(at)
    return f"{to_wareki(local.date())} {local:%H:%M}"


@allow(*CLOSING_ROLES)
@require_http_methods(["GET", "POST"])
def nikkei_close(request: HttpRequest) -> HttpResponse:
    """日締め: for each レジ of the day, the cash counted in its drawer; the day is then
    locked (counter.fees refuses every later write for that レジ and day).

    The cash expected is shown only once a レジ is closed: the person counting types what
    is in the drawer, not what the screen says should be there."""
    today = timezone.localdate()
    posted = request.method == "POST"
    chooser = DayForm(None if posted else (request.GET or None))
    day = today
    if chooser.is_bound and chooser.is_valid() and chooser.cleaned_data.get("day"):
        day = chooser.cleaned_data["day"]
    form = CloseForm(request.POST if posted else None, initial={"day": day})
    refusal: str | None = None
    if posted and form.is_valid():
        data = form.cleaned_data
        day = data["day"]
        then = f"{reverse('stats:nikkei_close')}?day={day.isoformat()}"
        try:
            return run_act(
                request,
                fees.do_close_day,
                data["reji"],
                day,
                counted_yen=data["counted_yen"],
                then=then,
                success_message=f"{data['reji'].name}の{to_wareki(day)}を締めました。",
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    elif posted and isinstance(form.cleaned_data.get("day"), datetime.date):
        day = form.cleaned_data["day"]
    rejis = list(Reji.objects.filter(is_active=True).select_related("terminal"))
    closings = {
        c.reji_id: c
        for c in RejiClosing.objects.filter(business_date=day).select_related("closed_by")
    }
    return render(
        request,
        "stats/nikkei_close.html",
        {
            "form": form,
            "chooser": chooser,
            "day": day,
            "day_label": to_wareki(day),
            "rejis": [_closing_line(reji, closings.get(reji.pk)) for reji in rejis],
            "refusal": refusal,
            "posted_reji": str(request.POST.get("reji", "")) if posted else "",
            "sees_report": Role.SUPERVISOR in roles_of(request.user),
        },
    )


def _jimu_choices() -> list[tuple[str, str]]:
    """The 事務 of the 手数料マスタ (one line per code, its latest label)."""
    latest: dict[str, str] = {}
    for code, label in TesuryoMaster.objects.order_by("code", "valid_from").values_list(
        "code", "label"
    ):
        latest[code] = label
    return list(latest.items())


@allow(*CLOSING_ROLES)
@require_http_methods(["GET", "POST"])
def nikkei_adjust(request: HttpRequest) -> HttpResponse:
    """調整: a correction of a closed day (e.g. cash found short after the 日締め), written
    as a row of today's open day of the レジ (counter.fees.do_adjust); the closed day's
    figures never change, and the 日計表 of today shows it with the day it corrects."""
    posted = request.method == "POST"
    form = AdjustForm(request.POST if posted else None, jimu=_jimu_choices())
    refusal: str | None = None
    if posted and form.is_valid():
        data = form.cleaned_data
        labels = dict(form.fields["code"].choices)  # type: ignore[attr-defined]
        today = timezone.localdate()
        try:
            return run_act(
                request,
                fees.do_adjust,
                data["reji"],
                adjusts_date=data["adjusts_date"],
                code=data["code"],
                label=labels[data["code"]],
                amount_yen=data["amount_yen"],
                reason=data["reason"],
                then=f"{reverse('stats:nikkei_close')}?day={today.isoformat()}",
                success_message=(
                    f"{to_wareki(data['adjusts_date'])}の調整"
                    f"（{yen_text(data['amount_yen'])}）を{to_wareki(today)}に記録しました。"
                ),
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    return render(request, "stats/nikkei_adjust.html", {"form": form, "refusal": refusal})
