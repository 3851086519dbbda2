"""異動統計 of a month or a year: the 異動 by 区分, per cell (町字 × 性別 × 日本人/外国人).

Built from the 住民期間 that S1's 人口統計 counts (stats.idou.ledger), so the 増 and 減
of a month tie its two populations. A year is the sum of its months (a 異動 falls on
one day, so in one month), which also gives the monthly trend (docs/adr/0039).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from django.conf import settings

from juki.models import IdoJiyu, JuminRireki

from .. import jinko
from ..nikkei.periods import Period, month_period
from .kubun import GEN, NAIBU, ZOU, Kubun, kisai_kubun, move_kubun, shojo_kubun
from .ledger import Cell, Ido, ido_of
from .prefecture import Chiiki, chiiki_of

#: called after each month of a run with (months done, months in all)
Progress = Callable[[int, int], None]


@dataclass
class Counts:
    """The 異動 of one cell (or a sum of cells), by 区分."""

    by_kubun: Counter[Kubun] = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        self.by_kubun.update(other.by_kubun)

    def __getitem__(self, kubun: Kubun) -> int:
        return self.by_kubun[kubun]

    @property
    def zou(self) -> int:
        return sum(self.by_kubun[k] for k in ZOU)

    @property
    def gen(self) -> int:
        return sum(self.by_kubun[k] for k in GEN)

    @property
    def zougen(self) -> int:
        return self.zou - self.gen


@dataclass
class IdouReport:
    period: Period
    cells: dict[Cell, Counts] = field(default_factory=dict)
    #: the city's counts of each month (the trend), first day of the month → counts
    months: dict[datetime.date, Counts] = field(default_factory=dict)
    #: 転入・転出 whose address named no 都道府県 we know (counted 県外)
    fumei: int = 0
    #: the 転居 of each month (first day → persons), inside one 町字 too
    tenkyo: dict[datetime.date, int] = field(default_factory=dict)

    def add(self, other: IdouReport) -> None:
        for cell, counts in other.cells.items():
            self.cells.setdefault(cell, Counts()).add(counts)
        self.months.update(other.months)
        self.tenkyo.update(other.tenkyo)
        self.fumei += other.fumei

    @property
    def tenkyo_sha(self) -> int:
        """The persons who moved house within the city (転居), inside one 町字 too."""
        return sum(self.tenkyo.values())

    def total(self, cells: Iterable[Cell] | None = None) -> Counts:
        total = Counts()
        for cell in self.cells if cells is None else cells:
            if cell in self.cells:
                total.add(self.cells[cell])
        return total


def city_counts(counts: Counts) -> Counts:
    """The city's view of a total: the moves inside the city (転居, 区間異動) left out."""
    return Counts(Counter({k: n for k, n in counts.by_kubun.items() if k not in NAIBU}))


class _Tally:
    def __init__(self, report: IdouReport, home_prefecture: str) -> None:
        self.report = report
        self.home = home_prefecture

    def _counts(self, cell: Cell) -> Counts:
        return self.report.cells.setdefault(cell, Counts())

    def _chiiki(self, ido: Ido) -> Chiiki:
        if ido.jiyu not in (IdoJiyu.TENNYU, IdoJiyu.TENSHUTSU):
            return Chiiki.KENGAI  # not read: 国外 and the rest have their own 区分
        chiiki, known = chiiki_of(ido.address, self.home)
        if not known:
            self.report.fumei += 1
        return chiiki

    def count(self, ido: Ido) -> None:
        before, after = ido.before, ido.after
        if before is None and after is not None:
            self._counts(after).by_kubun[kisai_kubun(ido.jiyu, self._chiiki(ido))] += 1
        elif after is None and before is not None:
            self._counts(before).by_kubun[shojo_kubun(ido.jiyu, self._chiiki(ido))] += 1
        elif before is not None and after is not None and before != after:
            gen, zou = move_kubun(ido.jiyu)
            self._counts(before).by_kubun[gen] += 1
            self._counts(after).by_kubun[zou] += 1


def month_report(year: int, month: int, *, home_prefecture: str | None = None) -> IdouReport:
    """The 異動 of one month, per cell."""
    period = month_period(year, month)
    jinko.catch_up()  # the 住民期間 as the history stands (as jinko() reads them)
    report = IdouReport(period)
    tally = _Tally(report, home_prefecture or settings.PREFECTURE_NAME)
    for ido in ido_of(period.start, period.end):
        tally.count(ido)
    report.months[period.start] = report.total()
    report.tenkyo[period.start] = tenkyo_count(period.start, period.end)
    return report


def tenkyo_count(start: datetime.date, end: datetime.date) -> int:
    """The 転居 with a 異動日 within [start, end], one per person and 転居 (住民票 of
    the persons who moved). Read from the 異動履歴, not from the 住民期間: a 転居 inside
    one 町字 changes no item a 期間 holds (the 番地 only), yet the person moved. A 転居
    whose history row a 職権修正 later corrected counts on its own 異動日, as the
    history row says."""
    return JuminRireki.objects.filter(ido_jiyu=IdoJiyu.TENKYO, ido_date__range=(start, end)).count()


def months_of(period: Period) -> list[tuple[int, int]]:
    """The (year, month) of each month a period of whole months covers."""
    months = []
    day = period.start.replace(day=1)
    while day <= period.end:
        months.append((day.year, day.month))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def period_report(
    period: Period, *, progress: Progress | None = None, home_prefecture: str | None = None
) -> IdouReport:
    """The 異動 of a period of whole months (a month, a year, a 年度), month by month."""
    report = IdouReport(period)
    months = months_of(period)
    with jinko.one_catch_up():
        for done, (year, month) in enumerate(months, start=1):
            report.add(month_report(year, month, home_prefecture=home_prefecture))
            if progress is not None:
                progress(done, len(months))
    return report


# --------------------------------------------------------------------------- stored runs


class ReportJson(TypedDict):
    """A report as JSON (a run of the Celery task keeps its result so)."""

    period: list[str]
    cells: list[list[Any]]
    months: dict[str, dict[str, int]]
    fumei: int
    tenkyo: NotRequired[dict[str, int]]


def _plain(counts: Counts) -> dict[str, int]:
    return {k.value: n for k, n in counts.by_kubun.items() if n}


def report_to_json(report: IdouReport) -> ReportJson:
    p = report.period
    return {
        "period": [p.start.isoformat(), p.end.isoformat(), p.label],
        "cells": [[*cell, _plain(counts)] for cell, counts in report.cells.items()],
        "months": {d.isoformat(): _plain(c) for d, c in report.months.items()},
        "fumei": report.fumei,
        "tenkyo": {d.isoformat(): n for d, n in report.tenkyo.items()},
    }


def _counts(data: dict[str, int]) -> Counts:
    return Counts(Counter({Kubun(k): int(n) for k, n in data.items()}))


def report_from_json(data: ReportJson) -> IdouReport:
    start, end, label = data["period"]
    day = datetime.date.fromisoformat
    report = IdouReport(Period(day(start), day(end), label), fumei=int(data["fumei"]))
    for chouaza, seibetsu, shubetsu, counts in data["cells"]:
        report.cells[Cell(chouaza, seibetsu, shubetsu)] = _counts(counts)
    report.months = {day(d): _counts(c) for d, c in data["months"].items()}
    # a run kept before the 転居者数 was read from the history gave those across 町字
    tenkyo = data.get("tenkyo") or {
        d: c.get(Kubun.TENKYO_ZOU.value, 0) for d, c in data["months"].items()
    }
    report.tenkyo = {day(d): int(n) for d, n in tenkyo.items()}
    return report
