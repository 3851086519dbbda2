"""The 異動統計 as tables (stats.tables_idou) for the screens, the CSV and the PDF
(documents/stats/report.html), and the PDF itself; the 人口統計's PDF shares it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString

from counter.documents import render_pdf
from counter.tables import StaffTable
from jputil.wareki import to_wareki
from juki.models import Chouaza

from .charts import MonthBar, trend_svg
from .idou.ledger import Cell
from .idou.lines import balance_lines, month_lines, summary_lines
from .idou.report import IdouReport
from .tables_idou import BalanceTable, MonthTable, SummaryTable, WardTable

#: one table of a report: its key (``?table=``), its heading, the table
Section = tuple[str, str, StaffTable]


@dataclass(frozen=True)
class Places:
    """The 町字 master as the tables name it: code → 町字名, and in a 指定都市 code →
    行政区名 (empty elsewhere)."""

    names: dict[str, str]
    wards: dict[str, str]


def places() -> Places:
    """One query."""
    names: dict[str, str] = {}
    wards: dict[str, str] = {}
    for code, name, ward in Chouaza.objects.values_list("code", "name", "gyouseiku__name"):
        names[code] = name
        if ward:
            wards[code] = ward
    return Places(names, wards)


def idou_sections(
    report: IdouReport,
    start: dict[Cell, int],
    end: dict[Cell, int],
    where: Places,
) -> list[Section]:
    """総括, 町字別 (the balance), 区別 in a 指定都市, 月別 for more than a month."""
    sections: list[Section] = [
        ("sokatsu", "総括（市全体：転居・区間異動を除く）", SummaryTable(summary_lines(report))),
        (
            "chouaza",
            "町字別（期首人口＋増−減＝期末人口）",
            BalanceTable(balance_lines(report, start, end, where.names, city=True)),
        ),
    ]
    if where.wards:
        lines = balance_lines(report, start, end, {}, area_of=where.wards, city=True)
        sections.append(("ku", "行政区別（区間異動を含む）", WardTable(lines)))
    if len(report.months) > 1:
        sections.append(("tsuki", "月別（市全体）", MonthTable(month_lines(report))))
    return sections


def trend_chart(report: IdouReport) -> SafeString | None:
    """The months' 増 and 減 of the city (a year's report; None for one month)."""
    if len(report.months) < 2:
        return None
    bars = [
        MonthBar(f"{line.month.month}月", line.zou, line.gen)
        for line in month_lines(report)
        if line.month is not None
    ]
    return trend_svg(bars, title=f"月別の異動 {report.period.label}")


def stats_pdf(
    title: str,
    subtitle: str,
    sections: Sequence[Section],
    *,
    charts: Sequence[SafeString] = (),
    notes: Sequence[str] = (),
) -> bytes:
    """A statistics report on A4 landscape, 和暦, with the 決裁 boxes."""
    now = timezone.localtime()
    return render_pdf(
        "documents/stats/report.html",
        {
            "title": title,
            "subtitle": subtitle,
            "sections": sections,
            "charts": charts,
            "notes": notes,
            "municipality": settings.MUNICIPALITY_NAME,
            "printed_on": f"{to_wareki(now.date())} {now:%H:%M}",
        },
    )


#: the file name of the sample (manage.py sample_forms)
IDOU_NAME = "異動統計"


def build_sample_idou() -> bytes:
    """A month's 異動統計 of two 町字 from figures in memory: 転入, 出生, a 転居 between
    them, 転出 and 死亡, each 町字's balance tying."""
    from collections import Counter

    from .idou.kubun import Kubun
    from .idou.report import Counts
    from .nikkei.periods import month_period

    a, b = "13107001000", "13107002000"
    cells = {
        Cell(a, "1", "1"): Counter({Kubun.TENNYU_KENGAI: 3, Kubun.TENKYO_GEN: 1, Kubun.SHIBOU: 1}),
        Cell(a, "2", "1"): Counter({Kubun.SHUSSEI: 1, Kubun.TENSHUTSU_KENNAI: 2}),
        Cell(b, "1", "1"): Counter({Kubun.TENKYO_ZOU: 1, Kubun.TENNYU_KOKUGAI: 1}),
        Cell(b, "2", "2"): Counter({Kubun.TENSHUTSU_KOKUGAI: 1}),
    }
    report = IdouReport(month_period(2026, 4))
    report.cells = {cell: Counts(counts) for cell, counts in cells.items()}
    report.months[report.period.start] = report.total()
    start = {Cell(a, "1", "1"): 120, Cell(a, "2", "1"): 131, Cell(b, "1", "1"): 88,
             Cell(b, "2", "2"): 12}  # fmt: skip
    end = {cell: n + report.total([cell]).zougen for cell, n in start.items()}
    where = Places({a: "吾妻橋一丁目", b: "吾妻橋二丁目"}, {})
    sections = idou_sections(report, start, end, where)
    subtitle = f"{to_wareki(report.period.start)} 〜 {to_wareki(report.period.end)}"
    return stats_pdf(f"{IDOU_NAME} {report.period.label}", subtitle, sections)
