"""The 日計表, 月計 and 年計 figures (stats.nikkei), from the fee rows only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter.models_fees import Reji
from counter.procedure_kinds import FeeBasis
from stats.nikkei.periods import YearBasis, fiscal_year_of, month_period, year_period
from stats.nikkei.report import Figures, Step, day_report, month_report, period_report

from .factories import TerminalFactory, receive
from .nikkei_rows import Issue, adjust_row, refund_row, write_issues

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 3)
TOUHON = "juminhyo_utsushi"
KISAI = "kisai_jiko"


@pytest.fixture
def rejis(window_terminal: Any) -> tuple[Reji, Reji]:
    second = TerminalFactory(code="本庁2", name="窓口2")
    return (
        Reji.objects.create(code="R1", name="窓口1レジ", terminal=window_terminal),
        Reji.objects.create(code="R2", name="窓口2レジ", terminal=second),
    )


@pytest.fixture
def hand_built_day(rejis: tuple[Reji, Reji], contractor: Any, clerk: Any) -> tuple[Reji, Reji]:
    """R1: 住民票の写し 2通 + 1通 (900円), 1通 公用, 2通 免除, a refund of the 1通 (−300円);
    R2: 記載事項証明書 1通 (300円), an 調整 of +200円 for the day before."""
    r1, r2 = rejis
    reception = receive(contractor, "tenkyo")
    rows = write_issues(
        [
            Issue(r1, DAY, TOUHON, 2),
            Issue(r1, DAY, TOUHON, 1),
            Issue(r1, DAY, TOUHON, 1, FeeBasis.KOUYOU),
            Issue(r1, DAY, TOUHON, 2, FeeBasis.MENJO),
            Issue(r2, DAY, KISAI, 1),
        ],
        reception=reception,
        user=contractor,
    )
    refund_row(rows[1], DAY, r1, user=clerk).save()
    adjust_row(r2, DAY, DAY - datetime.timedelta(days=1), KISAI, 200, user=clerk).save()
    return rejis


def test_the_nikkei_counts_issues_amounts_free_copies_refunds_and_adjustments(
    hand_built_day: tuple[Reji, Reji],
) -> None:
    report = day_report(DAY)
    by_code = {line.code: line.figures for line in report.by_jimu}
    assert by_code[TOUHON] == Figures(
        issued=3, fees_yen=900, kouyou=1, menjo=2, refunds=1, refund_yen=-300, net_yen=600
    )
    assert by_code[KISAI] == Figures(issued=1, fees_yen=300, adjust_yen=200, net_yen=500)
    assert report.total == Figures(
        issued=4,
        fees_yen=1200,
        kouyou=1,
        menjo=2,
        refunds=1,
        refund_yen=-300,
        adjust_yen=200,
        net_yen=1100,
    )


def test_the_nikkei_has_each_reji_its_jimu_and_a_subtotal(
    hand_built_day: tuple[Reji, Reji],
) -> None:
    r1, r2 = hand_built_day
    lines = [(line.reji, line.label, line.figures.net_yen) for line in day_report(DAY).by_reji_jimu]
    assert lines == [
        (r1, "住民票の写し", 600),
        (r1, "小計", 600),
        (r2, "記載事項証明書", 500),
        (r2, "小計", 500),
    ]


def test_cash_expected_is_the_rows_and_the_difference_is_counted_minus_expected(
    hand_built_day: tuple[Reji, Reji], clerk: Any
) -> None:
    from counter.models_fees import RejiClosing

    r1, r2 = hand_built_day
    RejiClosing.objects.create(
        reji=r1,
        business_date=DAY,
        counted_yen=500,
        expected_yen=600,
        closed_by=clerk,
        closed_at=datetime.datetime(2026, 12, 3, 18, tzinfo=datetime.UTC),
    )
    report = day_report(DAY)
    cash = {c.reji: c for c in report.cash}
    assert (cash[r1].expected_yen, cash[r1].counted_yen, cash[r1].difference_yen) == (
        600,
        500,
        -100,
    )
    assert (cash[r2].expected_yen, cash[r2].counted_yen, cash[r2].difference_yen) == (
        500,
        None,
        None,
    )
    assert report.open_rejis == [r2]
    assert report.cash_difference_yen is None  # not every レジ counted yet


def test_the_gekkei_has_every_day_of_the_month_and_marks_the_unclosed_ones(
    hand_built_day: tuple[Reji, Reji],
) -> None:
    report = month_report(2026, 12)
    assert len(report.steps) == 31
    assert report.steps[2].figures.net_yen == 1100
    assert report.total.net_yen == 1100
    assert report.open_days == {DAY}


def test_the_nenkei_is_by_fiscal_year_from_april(hand_built_day: tuple[Reji, Reji]) -> None:
    report = period_report(year_period(2026, YearBasis.NENDO), Step.MONTH)
    assert [m.period.label for m in report.steps][:2] == ["令和8年4月", "令和8年5月"]
    assert len(report.steps) == 12
    assert report.steps[8].figures.net_yen == 1100  # 12月 is the ninth month of the 年度
    assert report.total.net_yen == 1100


def test_the_fiscal_year_runs_from_april_to_march_and_is_named_in_wareki() -> None:
    """地方自治法第208条第1項: 会計年度は四月一日に始まり翌年三月三十一日に終わる."""
    nendo = year_period(2026, YearBasis.NENDO)
    assert (nendo.start, nendo.end, nendo.label) == (
        datetime.date(2026, 4, 1),
        datetime.date(2027, 3, 31),
        "令和8年度",
    )
    assert year_period(2019, YearBasis.NENDO).label == "令和元年度"
    assert year_period(2018, YearBasis.NENDO).label == "平成30年度"
    assert year_period(2019, YearBasis.NEN).label == "令和元年"
    assert fiscal_year_of(datetime.date(2027, 3, 31)) == 2026
    assert fiscal_year_of(datetime.date(2027, 4, 1)) == 2027
    assert month_period(2019, 4).label == "平成31年4月"
    assert month_period(2019, 5).label == "令和元年5月"
