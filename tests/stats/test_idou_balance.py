"""異動統計: the balance ties (issue 14): population at the start of each month + 増 − 減
= population at its end, for every 町字, 性別 and 住民種別, over a year of simulated 異動."""

from __future__ import annotations

import datetime

import pytest

from stats.idou import GEN, ZOU, month_report, period_report, population
from stats.idou.lines import balance_lines
from stats.nikkei.periods import YearBasis, year_period

from .simulation import Town


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2026])
def test_every_month_of_a_simulated_year_ties_for_every_chouaza_sex_and_shubetsu(seed: int) -> None:
    town = Town.build(seed)
    town.run(datetime.date(2024, 12, 20), days=400)
    for month in range(1, 13):
        report = month_report(2025, month)
        start = population(report.period.start - datetime.timedelta(days=1))
        end = population(report.period.end)
        for cell in set(start) | set(end) | set(report.cells):
            counts = report.total([cell])
            zou = sum(counts[k] for k in ZOU)
            gen = sum(counts[k] for k in GEN)
            assert start.get(cell, 0) + zou - gen == end.get(cell, 0), (month, cell)
        lines = balance_lines(report, start, end, {}, city=True)
        assert all(line.ties for line in lines), month
    # something of every kind happened, so the balance was tried on each
    year = period_report(year_period(2025, YearBasis.NEN))
    assert sum(1 for k in (*ZOU, *GEN) if year.total()[k]) >= 10


@pytest.mark.django_db
def test_a_year_is_the_sum_of_its_months_and_ties_the_populations_of_its_two_ends() -> None:
    town = Town.build(7)
    town.run(datetime.date(2025, 1, 1), days=365)
    year = period_report(year_period(2025, YearBasis.NEN))
    months = [month_report(2025, m) for m in range(1, 13)]
    for cell in year.cells:
        for k in (*ZOU, *GEN):
            assert year.total([cell])[k] == sum(m.total([cell])[k] for m in months)
    start = population(datetime.date(2024, 12, 31))
    end = population(datetime.date(2025, 12, 31))
    assert all(line.ties for line in balance_lines(year, start, end, {}, city=True))
