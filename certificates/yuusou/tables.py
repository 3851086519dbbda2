"""The 処理簿 and the 精算書 as tables (the screen, the CSV and the PDF share them)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from counter.tables import StaffTable
from jputil.wareki import to_wareki

from .report import Seisansho, ShoriboLine


class WarekiColumn(tables.Column):
    def render(self, value: Any) -> str:
        return to_wareki(value) if value else ""

    def value(self, value: Any) -> Any:
        return value.isoformat() if value else ""


class YenColumn(tables.Column):
    def render(self, value: Any) -> str:
        return f"{value:,}円"

    def value(self, value: Any) -> Any:
        return value


class ShoriboTable(StaffTable):
    received_date = WarekiColumn("受付日", accessor="item__received_date", orderable=False)
    reception_no = tables.Column("受付番号", orderable=False)
    seikyusha = tables.Column("請求者", accessor="item__seikyusha_shimei", orderable=False)
    shubetsu = tables.Column("種別・通数", orderable=False)
    kogawase_yen = YenColumn("定額小為替", orderable=False)
    fees_yen = YenColumn("手数料", orderable=False, default="")
    change = tables.Column("返送（お釣り）", orderable=False, default="")
    state = tables.Column("状態", accessor="item__get_state_display", orderable=False)
    hassou_date = WarekiColumn("発送日", accessor="item__hassou_date", orderable=False, default="")
    detail = tables.TemplateColumn(
        "<a href=\"{% url 'certificates:yuusou_detail' record.item.reception_id %}\">詳細</a>",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )


class SeisanshoTable(StaffTable):
    label = tables.Column("項目", orderable=False)
    yen = YenColumn("金額", orderable=False)


def seisansho_rows(s: Seisansho) -> list[dict[str, Any]]:
    return [
        {"label": f"受領した定額小為替（{s.count}件）", "yen": s.received_yen},
        {"label": "手数料", "yen": s.fees_yen},
        {"label": "お釣り（定額小為替で返送）", "yen": s.change_kogawase_yen},
        {"label": "お釣り（切手で返送）", "yen": s.change_kitte_yen},
        {"label": "差引（収入）", "yen": s.balance_yen},
    ]


def shoribo_table(lines: list[ShoriboLine]) -> ShoriboTable:
    return ShoriboTable(lines)


def seisansho_table(s: Seisansho) -> SeisanshoTable:
    return SeisanshoTable(seisansho_rows(s))
