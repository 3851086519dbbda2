"""Property: for random issues, free issues, refunds and adjustments over many days, レジ
and 事務, every total of the 日計表, 月計 and 年計 (年度 and 暦年) equals the sum of the fee
rows it covers, and each table's lines add up to its total.

The rows are written as counter.fees writes them (tests/nikkei_rows.py: the services
stamp today's date, and these rows span two years); the expected sums are computed here
in Python from what was generated, not from the database."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.models_fees import FeeRow, Reji
from counter.procedure_kinds import FeeBasis
from stats.nikkei.periods import YearBasis, fiscal_year_of, month_period, year_period
from stats.nikkei.report import Figures, Step, day_report, period_report

from .factories import TerminalFactory, receive
from .nikkei_rows import JIMU, Issue, adjust_row, refund_row, write_issues

START = datetime.date(2025, 1, 1)  # the rows span 年度 2024 to 2026, 暦年 2025 and 2026
SPAN = 500


@dataclass(frozen=True)
class Spec:
    """A generated row as the test knows it (kind 収納, 返金 or 調整)."""

    kind: str
    day: datetime.date
    reji: int
    code: str
    basis: FeeBasis
    quantity: int
    amount: int


def expected(specs: Iterable[Spec]) -> Figures:
    """The figures by their definitions (ADR 0025), in Python."""
    f = dict.fromkeys(
        ("issued", "fees_yen", "kouyou", "menjo", "refunds", "refund_yen", "adjust_yen", "net_yen"),
        0,
    )
    for s in specs:
        f["net_yen"] += s.amount
        if s.kind == "shuunou":
            f["fees_yen"] += s.amount
            key = {FeeBasis.TSUUJOU: "issued", FeeBasis.KOUYOU: "kouyou", FeeBasis.MENJO: "menjo"}
            f[key[s.basis]] += s.quantity
        elif s.kind == "henkin":
            f["refunds"] += -s.quantity
            f["refund_yen"] += s.amount
        else:
            f["adjust_yen"] += s.amount
    return Figures(**f)


def add(figures: Iterable[Figures]) -> Figures:
    total = Figures()
    for f in figures:
        total = total + f
    return total


issues = st.lists(
    st.tuples(
        st.integers(0, SPAN),  # day
        st.integers(0, 2),  # レジ
        st.sampled_from(sorted(JIMU)),
        st.integers(1, 5),  # copies
        st.sampled_from([FeeBasis.TSUUJOU] * 4 + [FeeBasis.KOUYOU, FeeBasis.MENJO]),
        st.sampled_from([200, 300, 350]),  # the master's price of the day
    ),
    min_size=100,
    max_size=300,
)
refunds = st.lists(
    st.tuples(st.integers(0, 299), st.integers(0, 40), st.integers(0, 2)), max_size=60
)
adjusts = st.lists(
    st.tuples(
        st.integers(1, SPAN),
        st.integers(0, 2),
        st.sampled_from(sorted(JIMU)),
        st.integers(-5000, 5000).filter(bool),
    ),
    max_size=20,
)


@pytest.fixture
def world(window_terminal: Any, contractor: Any, clerk: Any) -> dict[str, Any]:
    rejis = [
        Reji.objects.create(code="R1", name="窓口1レジ", terminal=window_terminal),
        Reji.objects.create(code="R2", name="窓口2レジ", terminal=TerminalFactory(code="本庁2")),
        Reji.objects.create(code="R3", name="窓口3レジ", terminal=TerminalFactory(code="本庁3")),
    ]
    return {"rejis": rejis, "reception": receive(contractor, "tenkyo"), "user": clerk}


@pytest.mark.django_db
@settings(
    max_examples=15,  # about 3,000 rows in all (100 to 300 issues each)
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(issues=issues, refunds=refunds, adjusts=adjusts)
def test_every_total_of_the_nikkei_gekkei_and_nenkei_is_the_sum_of_its_fee_rows(
    world: dict[str, Any], issues: list[Any], refunds: list[Any], adjusts: list[Any]
) -> None:
    with transaction.atomic():
        specs = write(world, issues, refunds, adjusts)
        check(specs)
        transaction.set_rollback(True)


def write(
    world: dict[str, Any], issues: list[Any], refunds: list[Any], adjusts: list[Any]
) -> list[Spec]:
    rejis, user = world["rejis"], world["user"]
    made = [
        Issue(rejis[r], START + datetime.timedelta(days=d), code, q, basis, unit)
        for d, r, code, q, basis, unit in issues
    ]
    rows = write_issues(made, reception=world["reception"], user=user)
    extra: list[FeeRow] = []
    refunded: set[int] = set()
    for index, later, r in refunds:
        row = rows[index % len(rows)]
        if row.pk in refunded or row.amount_yen <= 0:
            continue  # counter.fees refunds a charged row once
        refunded.add(row.pk)
        extra.append(
            refund_row(row, row.business_date + datetime.timedelta(days=later), rejis[r], user=user)
        )
    for d, r, code, amount in adjusts:
        day = START + datetime.timedelta(days=d)
        extra.append(
            adjust_row(rejis[r], day, day - datetime.timedelta(days=1), code, amount, user=user)
        )
    FeeRow.objects.bulk_create(extra)
    return [
        Spec(
            row.kind,
            row.business_date,
            row.reji_id,
            row.code,
            FeeBasis(row.basis),
            row.quantity,
            row.amount_yen,
        )
        for row in [*rows, *extra]
    ]


def check(specs: list[Spec]) -> None:
    days = sorted({s.day for s in specs})
    for day in days[:4] + days[-2:]:
        report = day_report(day)
        mine = [s for s in specs if s.day == day]
        assert report.total == expected(mine), day
        assert add(line.figures for line in report.by_jimu) == report.total
        assert (
            add(line.figures for line in report.by_reji_jimu if not line.subtotal) == report.total
        )
        assert add(line.figures for line in report.by_reji_jimu if line.subtotal) == report.total
        for cash in report.cash:
            assert cash.reji is not None
            assert cash.expected_yen == sum(s.amount for s in mine if s.reji == cash.reji.pk)
    for year, month in sorted({(d.year, d.month) for d in days}):
        period = month_period(year, month)
        report = period_report(period, Step.DAY)
        mine = [s for s in specs if period.start <= s.day <= period.end]
        assert report.total == expected(mine), (year, month)
        assert add(line.figures for line in report.steps) == report.total
        assert add(line.figures for line in report.by_reji) == report.total
    for basis in YearBasis:
        years = {fiscal_year_of(d) if basis is YearBasis.NENDO else d.year for d in days}
        for year in sorted(years):
            period = year_period(year, basis)
            report = period_report(period, Step.MONTH)
            mine = [s for s in specs if period.start <= s.day <= period.end]
            assert report.total == expected(mine), (basis, year)
            assert add(line.figures for line in report.steps) == report.total
            assert add(line.figures for line in report.by_jimu) == report.total
            assert add(line.figures for line in report.by_reji) == report.total
