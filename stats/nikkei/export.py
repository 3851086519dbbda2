"""The 日計表 for batch use (``manage.py nikkei YYYY-MM-DD``): one flat CSV, or text.

One table holds it all: the 事務別 lines, each レジ's 事務 and its 小計 with the cash
expected, counted and the difference, and the 合計. Amounts are bare integers (円), a
negative one with a minus sign; the date is ISO (the machine reading it wants it so)."""

from __future__ import annotations

import csv
import io
import unicodedata

from .format import FIGURE_LABELS
from .report import FIGURE_NAMES, DayReport, Figures

HEADER: list[str] = [
    "日付",
    "区分",
    "レジコード",
    "レジ",
    "手数料コード",
    "事務",
    *FIGURE_LABELS.values(),
    "計算上の現金",
    "現金有高",
    "過不足",
]


def _figures(figures: Figures) -> list[object]:
    return [getattr(figures, name) for name in FIGURE_NAMES]


def day_rows(report: DayReport) -> list[list[object]]:
    day = report.day.isoformat()
    rows: list[list[object]] = []
    for line in report.by_jimu:
        rows.append(
            [day, "事務別", "", "", line.code, line.label, *_figures(line.figures), "", "", ""]
        )
    cash = {c.reji.pk: c for c in report.cash if c.reji is not None}
    for line in report.by_reji_jimu:
        assert line.reji is not None
        reji = [line.reji.code, line.reji.name]
        if line.subtotal:
            c = cash[line.reji.pk]
            money = [c.expected_yen, _blank(c.counted_yen), _blank(c.difference_yen)]
            rows.append([day, "レジ小計", *reji, "", "小計", *_figures(line.figures), *money])
        else:
            blank = ["", "", ""]
            rows.append(
                [day, "レジ別", *reji, line.code, line.label, *_figures(line.figures), *blank]
            )
    for c in report.cash:  # a レジ without rows on the day still shows its cash
        if c.reji is not None and not any(
            line.subtotal and line.reji == c.reji for line in report.by_reji_jimu
        ):
            rows.append(
                [
                    day,
                    "レジ小計",
                    c.reji.code,
                    c.reji.name,
                    "",
                    "小計",
                    *_figures(Figures()),
                    c.expected_yen,
                    _blank(c.counted_yen),
                    _blank(c.difference_yen),
                ]
            )
    total = report.cash_total
    rows.append(
        [
            day,
            "合計",
            "",
            "",
            "",
            "合計",
            *_figures(report.total),
            total.expected_yen,
            _blank(total.counted_yen),
            _blank(total.difference_yen),
        ]
    )
    return rows


def _blank(value: int | None) -> object:
    return "" if value is None else value


def day_csv(report: DayReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(day_rows(report))
    return out.getvalue()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def day_text(report: DayReport, title: str) -> str:
    """The same table aligned for a terminal or a line printer (full-width counted as two)."""
    table = [HEADER[1:], *[[str(v) for v in row[1:]] for row in day_rows(report)]]
    widths = [max(_width(row[i]) for row in table) for i in range(len(table[0]))]
    numeric = set(range(5, len(table[0])))
    lines = [title]
    for row in table:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i in numeric else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


__all__ = ["HEADER", "day_csv", "day_rows", "day_text"]
