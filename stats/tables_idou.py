"""The tables of the 異動統計 (screens, CSV and PDF share them): 総括, 町字別 (the
balance), 区別 (指定都市) and 月別 (a year's trend). A figure shows 「1,200」 or 「△3」
on the screen and the bare integer in the CSV."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from counter.tables import StaffTable

from .idou.lines import GROUPS
from .tables_nikkei import CountColumn


def _row_class(record: Any) -> str:
    return "subtotal" if getattr(record, "subtotal", False) else ""


class _Figures(StaffTable):
    class Meta(StaffTable.Meta):
        orderable = False
        row_attrs = {"class": _row_class}  # noqa: RUF012 - django-tables2's Meta


class SummaryTable(_Figures):
    """総括: the city's 異動 by 区分."""

    label = tables.Column("区分", orderable=False)
    male = CountColumn("男")
    female = CountColumn("女")
    total = CountColumn("計")
    japanese = CountColumn("うち日本人")
    foreign = CountColumn("うち外国人")


class _Groups(_Figures):
    """The 異動 of a line in the groups of stats.idou.lines.GROUPS, 増 then 減."""

    g_tennyu = CountColumn(GROUPS["tennyu"][0])
    g_shussei = CountColumn(GROUPS["shussei"][0])
    g_shokken_kisai = CountColumn(GROUPS["shokken_kisai"][0])
    g_sonota_kisai = CountColumn(GROUPS["sonota_kisai"][0])
    g_naibu_zou = CountColumn(GROUPS["naibu_zou"][0])
    zou = CountColumn("増計")
    g_tenshutsu = CountColumn(GROUPS["tenshutsu"][0])
    g_shibou = CountColumn(GROUPS["shibou"][0])
    g_shokken_shojo = CountColumn(GROUPS["shokken_shojo"][0])
    g_sonota_shojo = CountColumn(GROUPS["sonota_shojo"][0])
    g_naibu_gen = CountColumn(GROUPS["naibu_gen"][0])
    gen = CountColumn("減計")


class BalanceTable(_Groups):
    """町字別: population at the start, the 異動, population at the end, per 性別; the
    合計 lines leave the moves inside the city out."""

    code = tables.Column("コード", orderable=False)
    name = tables.Column("町字", orderable=False)
    sex = tables.Column("性別", orderable=False, empty_values=())
    start = CountColumn("期首人口")
    end = CountColumn("期末人口")

    class Meta(_Groups.Meta):
        sequence = ("code", "name", "sex", "start", "...", "end")

    def value_sex(self, record: Any) -> str:
        return str(record.seibetsu or "計")


class WardTable(BalanceTable):
    """区別 (指定都市): the same balance per 行政区; 区間異動 counted here only."""

    name = tables.Column("行政区", orderable=False)


class MonthTable(_Groups):
    """月別: the city's 異動 of each month of a year, the 転居者数 beside."""

    label = tables.Column("月", orderable=False)
    zougen = CountColumn("増減")
    tenkyo_sha = CountColumn("転居者数")

    class Meta(_Groups.Meta):
        sequence = ("label", "...")
        exclude = ("g_naibu_zou", "g_naibu_gen")

    def value_label(self, record: Any) -> str:
        return f"{record.month:%Y-%m}" if record.month else str(record.label)
