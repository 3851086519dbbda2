"""The 日計表, 月計 and 年計 as tables (django-tables2, stats.tables_nikkei) for the
screens, the CSV and the PDF, and the PDF itself (documents/nikkei.html); a sample PDF
for ``manage.py sample_forms`` built from figures in memory."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.conf import settings
from django.utils import timezone

from counter.documents import render_pdf
from counter.models import StaffUser
from counter.models_fees import Reji, RejiClosing
from counter.tables import StaffTable
from jputil.wareki import to_wareki

from .nikkei.periods import day_period
from .nikkei.report import CashLine, DayReport, Figures, Line, PeriodReport
from .tables_nikkei import (
    CashTable,
    CorrectionTable,
    JimuTable,
    RejiJimuTable,
    RejiTable,
    StepTable,
)

#: the file name of the sample (manage.py sample_forms)
NIKKEI_NAME = "日計表"


def _with_total(lines: list[Line], total: Any) -> list[Line]:
    return [*lines, Line(total, label="合計", subtotal=True)]


def day_tables(report: DayReport) -> dict[str, StaffTable]:
    return {
        "jimu": JimuTable(_with_total(report.by_jimu, report.total)),
        "reji": RejiJimuTable(_with_total(report.by_reji_jimu, report.total)),
        "cash": CashTable([*report.cash, report.cash_total]),
    }


def period_tables(report: PeriodReport) -> dict[str, StaffTable]:
    return {
        "jimu": JimuTable(_with_total(report.by_jimu, report.total)),
        "reji": RejiTable(_with_total(report.by_reji, report.total)),
        "steps": StepTable(
            _with_total(report.steps, report.total),
            open_days=report.open_days,
            exclude=() if report.by_day else ("state",),  # 日締め is a day's
        ),
    }


def table_csv(table: StaffTable) -> str:
    """A table as CSV: the header, then each line's bare values (integers, ISO dates)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table.as_values():
        writer.writerow(row)
    return out.getvalue()


def nikkei_pdf(title: str, period_label: str, sections: list[tuple[str, str, StaffTable]]) -> bytes:
    """The report's tables on A4 landscape, 和暦, with the 決裁 boxes."""
    now = timezone.localtime()
    return render_pdf(
        "documents/nikkei.html",
        {
            "title": title,
            "period_label": period_label,
            "sections": sections,
            "municipality": settings.MUNICIPALITY_NAME,
            "printed_on": f"{to_wareki(now.date())} {now:%H:%M}",
        },
    )


def build_sample_nikkei() -> bytes:
    """A 日計表 of two レジ, a 公用 copy, a refund and a 日締め short by 100円."""
    day = datetime.date(2026, 4, 1)
    r1, r2 = Reji(pk=1, code="R1", name="窓口1レジ"), Reji(pk=2, code="R2", name="窓口2レジ")
    touhon = Figures(issued=5, fees_yen=1500, kouyou=1, refunds=1, refund_yen=-300, net_yen=1200)
    kisai = Figures(issued=2, fees_yen=600, menjo=1, net_yen=600)
    lines = [
        Line(touhon, code="juminhyo_utsushi", label="住民票の写し", reji=r1),
        Line(touhon, label="小計", reji=r1, subtotal=True),
        Line(kisai, code="kisai_jiko", label="記載事項証明書", reji=r2),
        Line(kisai, label="小計", reji=r2, subtotal=True),
    ]
    clerk = StaffUser(username="shokuin1", display_name="区役　花子")
    closed_at = datetime.datetime(2026, 4, 1, 8, 30, tzinfo=datetime.UTC)  # 17:30 JST
    closing = RejiClosing(
        reji=r1,
        business_date=day,
        counted_yen=1100,
        expected_yen=1200,
        closed_by=clerk,
        closed_at=closed_at,
    )
    report = DayReport(
        day_period(day),
        by_jimu=[lines[0], lines[2]],
        by_reji_jimu=lines,
        cash=[CashLine(r1, 1200, closing), CashLine(r2, 600, None)],
        total=touhon + kisai,
    )
    tables = day_tables(report)
    sections = [
        ("jimu", "事務別", tables["jimu"]),
        ("reji", "レジ別・事務別", tables["reji"]),
        ("cash", "現金の照合", tables["cash"]),
        ("corrections", "返金・調整の明細", CorrectionTable([])),
    ]
    return nikkei_pdf(NIKKEI_NAME, report.period.label, sections)
