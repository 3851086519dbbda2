"""異動統計 (監督者): a month's on the screen at once, a year's through a Celery run with
its progress (docs/adr/0039); CSV of every table and a printed PDF.

The screens show aggregated figures only; each view still leaves its row in the 操作ログ
(a 検索 with the period asked, or a 印刷 for the CSV and the PDF).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from counter import reads
from counter.access import allow
from counter.models import AuditAction
from counter.roles import Role
from counter.views_common import run_act
from jputil.wareki import to_wareki

from . import jinko
from .documents_idou import Section, idou_sections, places, stats_pdf, trend_chart
from .downloads import download
from .forms_nikkei import MonthForm, YearForm
from .idou import jobs, month_report, population
from .idou.report import IdouReport
from .nikkei.periods import YearBasis

#: the statistics are read by the 監督者 (係長席: docs/shared UI.md)
REPORT_ROLES = (Role.SUPERVISOR,)
#: how often the progress of a run is asked again (seconds)
POLL_SECONDS = 2


def _notes(report: IdouReport) -> list[str]:
    notes = [
        "人口は各日の終わり現在（期首人口は期間の前日）。転出予定者は転出予定日の前日まで数えます"
        "（標準仕様書 j1080）。転居・区間異動は市全体の増減に含めません（町字・区の表に計上）。",
        f"市内の転居者数（同じ町字の中の転居を含む）：{report.tenkyo_sha:,}人。",
    ]
    if report.fumei:
        notes.append(
            f"従前の住所・転出先から都道府県を判別できなかった転入・転出が{report.fumei:,}件"
            "あります（県外に計上）。"
        )
    return notes


def _page(
    request: HttpRequest,
    *,
    name: str,
    report: IdouReport,
    sections: list[Section],
    stem: str,
    context: dict[str, Any],
) -> HttpResponse:
    chart = trend_chart(report)
    title = f"{name} {report.period.label}"
    notes = _notes(report)
    downloaded = download(
        request,
        {key: table for key, _, table in sections},
        name,
        lambda: stats_pdf(
            title,
            f"{to_wareki(report.period.start)} 〜 {to_wareki(report.period.end)}",
            sections,
            charts=[chart] if chart else [],
            notes=notes,
        ),
        stem,
    )
    if downloaded is not None:
        return downloaded
    reads.declare(AuditAction.SEARCH, screen=name, period=report.period.label)
    return render(
        request,
        "stats/idou.html",
        {
            **context,
            "name": name,
            "title": title,
            "report": report,
            "sections": sections,
            "chart": chart,
            "notes": notes,
        },
    )


def _month_query(day: datetime.date) -> str:
    return f"year={day.year}&month={day.month}"


@allow(*REPORT_ROLES)
@require_GET
def idou(request: HttpRequest) -> HttpResponse:
    """異動統計 of a month (the last month by default): 総括, 町字別 with the balance, 区別."""
    last = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    form = MonthForm(request.GET or None, initial={"year": last.year, "month": last.month})
    if form.is_bound and not form.is_valid():
        return render(request, "stats/idou.html", {"form": form, "name": "異動統計（月）"})
    year, month = (
        (form.cleaned_data["year"], form.cleaned_data["month"])
        if form.is_bound
        else (last.year, last.month)
    )
    with jinko.one_catch_up():  # the report and both populations on one history row
        report = month_report(year, month)
        start = population(report.period.start - datetime.timedelta(days=1))
        end = population(report.period.end)
    sections = idou_sections(report, start, end, places())
    return _page(
        request,
        name="異動統計（月）",
        report=report,
        sections=sections,
        stem=f"idou-{year}-{month:02d}",
        context={
            "form": form,
            "query": f"year={year}&month={month}",
            "previous_query": _month_query(report.period.start - datetime.timedelta(days=1)),
            "next_query": _month_query(report.period.end + datetime.timedelta(days=1)),
        },
    )


@allow(*REPORT_ROLES)
@require_http_methods(["GET", "POST"])
def idou_nen(request: HttpRequest) -> HttpResponse:
    """異動統計 of a year (暦年, or a 年度): asked for with 「集計する」, run in Celery with
    its progress shown, then the tables and the monthly trend of the latest run."""
    this = timezone.localdate().year
    initial: dict[str, Any] = {"year": this - 1, "basis": YearBasis.NEN.value}
    posted = request.method == "POST"
    form = YearForm((request.POST if posted else request.GET) or None, initial=initial)
    context: dict[str, Any] = {"form": form, "name": "異動統計（年）", "nen": True}
    if form.is_bound and not form.is_valid():
        return render(request, "stats/idou.html", context)
    data = form.cleaned_data if form.is_bound else initial
    year, basis = int(data["year"]), YearBasis(data["basis"])
    query = f"year={year}&basis={basis.value}"
    if posted:
        return run_act(
            request,
            jobs.do_request_nen,
            year,
            basis,
            then=f"{reverse('stats:idou_nen')}?{query}",
            success_message="集計を依頼しました。終わると表示します。",
        )
    job = jobs.latest_nen(year, basis)
    context |= {"job": job, "query": query, "poll_seconds": POLL_SECONDS}
    if request.GET.get("part") == "progress":
        response = render(request, "stats/_shukei_progress.html", context)
        if job is None or not job.is_running:
            response["HX-Refresh"] = "true"  # the figures are there: show the whole page
        return response
    if job is None or job.result is None:
        reads.declare(AuditAction.SEARCH, screen="異動統計（年）", year=year, basis=basis.value)
        return render(request, "stats/idou.html", context)
    report, start, end = jobs.result_of(job)
    return _page(
        request,
        name="異動統計（年）",
        report=report,
        sections=idou_sections(report, start, end, places()),
        stem=f"idou-{basis.value}-{year}",
        context=context,
    )
