"""The tables of the 日計表, 月計 and 年計 (screens, CSV and PDF share them).

A figure column shows 「1,200円」 and 「△300円」 (the sign of a negative amount in public
accounts) on the screen, and the bare integer in the CSV (`value`)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone

from counter.models_fees import FeeRow
from counter.tables import StaffTable
from jputil.wareki import to_wareki

from .nikkei.format import FIGURE_LABELS, count_text, yen_text
from .nikkei.report import CashLine, Line


class YenColumn(tables.Column):
    def __init__(self, verbose_name: str, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(verbose_name, default="", orderable=False, **kwargs)

    def render(self, value: int) -> str:
        return yen_text(value)

    def value(self, value: Any) -> Any:
        return value


class CountColumn(YenColumn):
    def render(self, value: int) -> str:
        return count_text(value)


def _row_class(record: Line) -> str:
    return "subtotal" if getattr(record, "subtotal", False) else ""


class FigureTable(StaffTable):
    """The figure columns of every report table (Figures)."""

    issued = CountColumn(FIGURE_LABELS["issued"], accessor="figures__issued")
    fees_yen = YenColumn(FIGURE_LABELS["fees_yen"], accessor="figures__fees_yen")
    kouyou = CountColumn(FIGURE_LABELS["kouyou"], accessor="figures__kouyou")
    menjo = CountColumn(FIGURE_LABELS["menjo"], accessor="figures__menjo")
    yuusou = CountColumn(FIGURE_LABELS["yuusou"], accessor="figures__yuusou")
    kogawase_yen = YenColumn(FIGURE_LABELS["kogawase_yen"], accessor="figures__kogawase_yen")
    refunds = CountColumn(FIGURE_LABELS["refunds"], accessor="figures__refunds")
    refund_yen = YenColumn(FIGURE_LABELS["refund_yen"], accessor="figures__refund_yen")
    adjust_yen = YenColumn(FIGURE_LABELS["adjust_yen"], accessor="figures__adjust_yen")
    net_yen = YenColumn(FIGURE_LABELS["net_yen"], accessor="figures__net_yen")

    class Meta(StaffTable.Meta):
        orderable = False
        row_attrs = {"class": _row_class}  # noqa: RUF012 - django-tables2's Meta


class JimuTable(FigureTable):
    """事務別: one line per 手数料 code, then the 合計."""

    label = tables.Column("事務", orderable=False)
    code = tables.Column("手数料コード", orderable=False, default="")

    class Meta(FigureTable.Meta):
        sequence = ("label", "code", "...")


class RejiJimuTable(FigureTable):
    """レジ別・事務別: each レジ's 事務, its 小計; the 合計 last."""

    reji = tables.Column("レジ", orderable=False, empty_values=())
    label = tables.Column("事務", orderable=False)

    class Meta(FigureTable.Meta):
        sequence = ("reji", "label", "...")

    def render_reji(self, value: Any, record: Line) -> str:
        return str(value.name) if value else record.label

    def value_reji(self, value: Any, record: Line) -> str:
        return str(value.code) if value else record.label


class RejiTable(RejiJimuTable):
    """レジ別 (月計・年計)."""

    class Meta(RejiJimuTable.Meta):
        exclude = ("label",)


class StepTable(FigureTable):
    """日別 (月計) or 月別 (年計)."""

    period = tables.Column("日付", orderable=False, empty_values=())
    state = tables.Column("日締め", orderable=False, empty_values=(), default="")

    class Meta(FigureTable.Meta):
        sequence = ("period", "...", "state")

    def __init__(self, data: Any, *, open_days: frozenset[Any] = frozenset(), **kwargs: Any):
        self.open_days = open_days
        super().__init__(data, **kwargs)

    def render_period(self, value: Any, record: Line) -> str:
        return value.label if value else record.label

    def value_period(self, value: Any, record: Line) -> str:
        if value is None:
            return record.label
        return value.start.isoformat() if value.start == value.end else f"{value.start:%Y-%m}"

    def render_state(self, record: Line) -> str:
        if record.period is None or record.period.start != record.period.end:
            return ""
        return "未締めあり" if record.period.start in self.open_days else ""


class CashTable(StaffTable):
    """現金の照合: per レジ, expected (the rows), counted (the 日締め), the difference."""

    reji = tables.Column("レジ", orderable=False, empty_values=())
    expected_yen = YenColumn("計算上の現金")
    counted_yen = YenColumn("現金有高")
    difference_yen = YenColumn("過不足")
    closed = tables.Column("日締め", orderable=False, empty_values=(), accessor="closing")

    class Meta(StaffTable.Meta):
        orderable = False

    def render_reji(self, value: Any) -> str:
        return str(value.name) if value else "合計"

    def value_reji(self, value: Any) -> str:
        return str(value.code) if value else "合計"

    def render_counted_yen(self, value: Any) -> str:
        return "未締め" if value is None else yen_text(value)

    def render_difference_yen(self, value: Any) -> str:
        if value is None:
            return "―"
        word = "一致" if value == 0 else "過剰" if value > 0 else "不足"
        return f"{yen_text(value)}（{word}）"

    def render_closed(self, value: Any, record: CashLine) -> str:
        if record.reji is None:
            return ""
        if value is None:
            return "未締め"
        at = timezone.localtime(value.closed_at)
        who = value.closed_by.display_name or value.closed_by.username
        return f"締め済 {to_wareki(at.date())} {at:%H:%M} {who}"

    def value_closed(self, value: Any) -> str:
        return timezone.localtime(value.closed_at).isoformat() if value is not None else ""


class CorrectionTable(StaffTable):
    """返金・調整の明細: what each corrects (a refunded row's day, an adjusted day)."""

    kind = tables.Column("区分", orderable=False)
    reji = tables.Column("レジ", orderable=False)
    label = tables.Column("事務", orderable=False)
    quantity = CountColumn("通数")
    amount_yen = YenColumn("金額")
    corrects = tables.Column("対象の日", orderable=False, empty_values=(), accessor="pk")
    reason = tables.Column("理由", orderable=False)
    recorded_by = tables.Column("記録者", orderable=False)

    class Meta(StaffTable.Meta):
        model = FeeRow
        fields = ("kind", "reji", "label", "quantity", "amount_yen", "reason", "recorded_by")
        sequence = ("kind", "reji", "label", "quantity", "amount_yen", "corrects", "...")
        orderable = False

    def render_reji(self, value: Any) -> str:
        return str(value.name)

    def render_recorded_by(self, value: Any) -> str:
        return str(value.display_name or value.username)

    def render_corrects(self, record: FeeRow) -> str:
        day = _corrected_day(record)
        return to_wareki(day) if day else "―"

    def value_corrects(self, record: FeeRow) -> str:
        day = _corrected_day(record)
        return day.isoformat() if day else ""


def _corrected_day(row: FeeRow) -> Any:
    if row.adjusts_date:
        return row.adjusts_date
    return row.refund_of.business_date if row.refund_of else None
