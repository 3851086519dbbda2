"""The 日計表, 月計 and 年計: sums of the fee rows, and nothing else.

The fee rows (counter.models_fees.FeeRow) are the only source of money figures: each
table of a report is one GROUP BY over them in the database (never a Python loop over
rows), and the cash expected of a レジ is the same sum counter.fees.expected_cash makes.
The cash counted is the one figure a row does not hold: it is the 日締め's
(RejiClosing.counted_yen), typed by the person who counted the drawer.

A refund (返金) and an adjustment (調整) are rows of the open day they were recorded on,
so a closed day's figures never change and a correction shows on the day it was made.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth

from counter.models_fees import FeeRow, FeeRowKind, PaymentMethod, Reji, RejiClosing
from counter.procedure_kinds import FeeBasis
from counter.procedure_models import ReceptionChannel

from .periods import Period, day_period, month_period, months_of


@dataclass(frozen=True)
class Figures:
    """The columns of every line. Counts are 通 (copies); amounts are 円."""

    issued: int = 0  # 交付 (通常, charged)
    fees_yen: int = 0  # 手数料 taken
    kouyou: int = 0  # 公用: issued free, counted
    menjo: int = 0  # 免除: issued free, counted
    yuusou: int = 0  # 郵送請求: copies issued to a postal reception (every basis)
    kogawase_yen: int = 0  # of 手数料, taken in 定額小為替 (郵送)
    refunds: int = 0  # copies refunded
    refund_yen: int = 0  # money paid back (negative)
    adjust_yen: int = 0  # 調整 for a closed day (either sign)
    net_yen: int = 0  # 差引: the cash the rows add up to

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Figures:
        return cls(**{name: int(row[name] or 0) for name in FIGURE_NAMES})

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, n) + getattr(other, n) for n in FIGURE_NAMES))


FIGURE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Figures))


def _sums() -> dict[str, Any]:
    """The aggregate of each figure, as conditional SUMs of one scan."""
    taken = Q(kind=FeeRowKind.SHUUNOU)

    def total(field: str, when: Q | None = None) -> Any:
        return Coalesce(Sum(field, filter=when), 0)

    return {
        "issued": total("quantity", taken & Q(basis=FeeBasis.TSUUJOU)),
        "fees_yen": total("amount_yen", taken),
        "kouyou": total("quantity", taken & Q(basis=FeeBasis.KOUYOU)),
        "menjo": total("quantity", taken & Q(basis=FeeBasis.MENJO)),
        # 郵送 under its own column (docs/adr/0031): by the reception's channel and the
        # payment's method, two joins of the same scan
        "yuusou": total("quantity", taken & Q(reception__channel=ReceptionChannel.YUUSOU)),
        "kogawase_yen": total("amount_yen", taken & Q(payment__method=PaymentMethod.KOGAWASE)),
        # a refund row's quantity is negative, so the counts net out as the amounts do
        "refunds": total("quantity", Q(kind=FeeRowKind.HENKIN)) * -1,
        "refund_yen": total("amount_yen", Q(kind=FeeRowKind.HENKIN)),
        "adjust_yen": total("amount_yen", Q(kind=FeeRowKind.CHOUSEI)),
        "net_yen": total("amount_yen"),
    }


@dataclass(frozen=True)
class Line:
    """One line of a table: a 事務, a レジ, a (レジ, 事務), a day or a month."""

    figures: Figures
    code: str = ""
    label: str = ""
    reji: Reji | None = None
    period: Period | None = None
    subtotal: bool = False


@dataclass(frozen=True)
class CashLine:
    """現金の照合 of one レジ and day: expected from the rows, counted at the 日締め."""

    reji: Reji | None  # None: the 合計 of all レジ
    expected_yen: int
    closing: RejiClosing | None
    #: the 合計's counted cash (a レジ's is its closing's)
    total_counted_yen: int | None = None

    @property
    def counted_yen(self) -> int | None:
        if self.reji is None:
            return self.total_counted_yen
        return self.closing.counted_yen if self.closing else None

    @property
    def difference_yen(self) -> int | None:
        """過不足: counted minus expected (negative: short); None before the 日締め."""
        counted = self.counted_yen
        return None if counted is None else counted - self.expected_yen


def _rows(period: Period) -> QuerySet[FeeRow]:
    return FeeRow.objects.filter(business_date__range=(period.start, period.end))


def _by_jimu(rows: QuerySet[FeeRow]) -> list[Line]:
    # A row keeps the master's label of its day; should the city rename a 事務, one of
    # its labels (the greatest) names the line: the code, never renamed, is the key.
    grouped = rows.values("code").annotate(label=_latest_label(), **_sums()).order_by("code")
    return [Line(Figures.of(g), code=g["code"], label=g["label"]) for g in grouped]


def _latest_label() -> Any:
    return Max("label")


def _rejis(ids: set[int]) -> dict[int, Reji]:
    """The レジ in use, and any other that has rows or a closing in the period."""
    return {r.pk: r for r in Reji.objects.filter(Q(is_active=True) | Q(pk__in=ids))}


def _by_reji(rows: QuerySet[FeeRow]) -> dict[int, Figures]:
    grouped = rows.values("reji_id").annotate(**_sums()).order_by("reji_id")
    return {g["reji_id"]: Figures.of(g) for g in grouped}


def _total(rows: QuerySet[FeeRow]) -> Figures:
    return Figures.of(rows.aggregate(**_sums()))


@dataclass(frozen=True)
class DayReport:
    """日計表 of one day, for all レジ."""

    period: Period
    by_jimu: list[Line]
    by_reji_jimu: list[Line]  # each レジ's 事務, then its 小計
    cash: list[CashLine]
    total: Figures

    @property
    def day(self) -> datetime.date:
        return self.period.start

    @property
    def open_rejis(self) -> list[Reji]:
        """レジ with money on the day and no 日締め yet."""
        return [
            c.reji
            for c in self.cash
            if c.reji is not None and c.closing is None and c.expected_yen != 0
        ]

    @property
    def fully_closed(self) -> bool:
        return bool(self.cash) and all(c.closing is not None for c in self.cash)

    @property
    def cash_total(self) -> CashLine:
        """All レジ: counted only when every レジ of the day is counted."""
        counted = [c.counted_yen for c in self.cash]
        known = None if None in counted else sum(c or 0 for c in counted)
        return CashLine(None, self.total.net_yen, None, known)

    @property
    def cash_difference_yen(self) -> int | None:
        return self.cash_total.difference_yen


def day_report(day: datetime.date) -> DayReport:
    """The 日計表 of `day` in six queries (by 事務, by レジ and 事務, by レジ, the total,
    the closings, the レジ)."""
    period = day_period(day)
    rows = _rows(period)
    by_jimu = _by_jimu(rows)
    detail = list(
        rows.values("reji_id", "code")
        .annotate(label=_latest_label(), **_sums())
        .order_by("reji_id", "code")
    )
    per_reji = _by_reji(rows)
    total = _total(rows)
    closings = {
        c.reji_id: c
        for c in RejiClosing.objects.filter(business_date=day).select_related("closed_by")
    }
    rejis = _rejis(set(per_reji) | set(closings))
    ordered = sorted(rejis.values(), key=lambda r: r.code)
    lines: list[Line] = []
    for reji in ordered:
        mine = [g for g in detail if g["reji_id"] == reji.pk]
        lines += [Line(Figures.of(g), code=g["code"], label=g["label"], reji=reji) for g in mine]
        if reji.pk in per_reji:
            lines.append(Line(per_reji[reji.pk], label="小計", reji=reji, subtotal=True))
    cash = [
        CashLine(reji, per_reji.get(reji.pk, Figures()).net_yen, closings.get(reji.pk))
        for reji in ordered
    ]
    return DayReport(period, by_jimu, lines, cash, total)


class Step:
    DAY = "day"
    MONTH = "month"


@dataclass(frozen=True)
class PeriodReport:
    """月計 (by day) or 年計 (by month): the same sums over a longer period."""

    period: Period
    by_jimu: list[Line]
    by_reji: list[Line]
    steps: list[Line]  # each day of a 月計, each month of a 年計
    total: Figures
    #: days of the period with a レジ that has rows and no 日締め (月計 only)
    open_days: frozenset[datetime.date]
    by_day: bool


def period_report(period: Period, step: str) -> PeriodReport:
    """月計 (step DAY) or 年計 (step MONTH) in five queries (by 事務, by レジ, by step,
    the total, the レジ); every day or month of the period has its line, zero or not."""
    rows = _rows(period)
    by_jimu = _by_jimu(rows)
    per_reji = _by_reji(rows)
    total = _total(rows)
    rejis = _rejis(set(per_reji))
    by_reji = [
        Line(per_reji[pk], label=rejis[pk].name, reji=rejis[pk])
        for pk in sorted(per_reji, key=lambda pk: rejis[pk].code)
    ]
    open_days: set[datetime.date] = set()
    if step == Step.DAY:
        unclosed = ~Exists(
            RejiClosing.objects.filter(
                reji=OuterRef("reji_id"), business_date=OuterRef("business_date")
            )
        )
        days = (
            rows.values("business_date")
            .annotate(unclosed=Count("pk", filter=Q(unclosed)), **_sums())
            .order_by("business_date")
        )
        found: dict[datetime.date, Figures] = {}
        for g in days:
            found[g["business_date"]] = Figures.of(g)
            if g["unclosed"]:
                open_days.add(g["business_date"])
        steps = [Line(found.get(d, Figures()), period=day_period(d)) for d in _days(period)]
    else:
        months = (
            rows.annotate(month=TruncMonth("business_date"))
            .values("month")
            .annotate(**_sums())
            .order_by("month")
        )
        by_month = {(g["month"].year, g["month"].month): Figures.of(g) for g in months}
        steps = [
            Line(by_month.get((m.start.year, m.start.month), Figures()), period=m)
            for m in months_of(period)
        ]
    return PeriodReport(
        period, by_jimu, by_reji, steps, total, frozenset(open_days), by_day=step == Step.DAY
    )


def _days(period: Period) -> list[datetime.date]:
    count = (period.end - period.start).days + 1
    return [period.start + datetime.timedelta(days=i) for i in range(count)]


def month_report(year: int, month: int) -> PeriodReport:
    return period_report(month_period(year, month), Step.DAY)


def corrections(day: datetime.date) -> QuerySet[FeeRow]:
    """The 返金 and 調整 recorded on `day` (each names what it corrects)."""
    return (
        FeeRow.objects.filter(business_date=day)
        .exclude(kind=FeeRowKind.SHUUNOU)
        .select_related("reji", "refund_of", "recorded_by")
        .order_by("pk")
    )
