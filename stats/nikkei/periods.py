"""The periods of the 日計表, 月計 and 年計, and their 和暦 names.

A municipality's year is its 会計年度: 「毎年四月一日に始まり、翌年三月三十一日に終わる」
(地方自治法第208条第1項), so the 年計 is by 年度 (April–March) unless the calendar year
is asked for.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from jputil.wareki import era_of, to_wareki, to_wareki_parts

#: the first month of the 会計年度 (地方自治法第208条第1項)
FISCAL_FIRST_MONTH = 4


class YearBasis(StrEnum):
    NENDO = "nendo"  # 会計年度 (4月〜翌年3月)
    NEN = "nen"  # 暦年 (1月〜12月)


@dataclass(frozen=True)
class Period:
    """Both ends inclusive, with the name printed on the screens and the PDF."""

    start: datetime.date
    end: datetime.date
    label: str


def day_period(day: datetime.date) -> Period:
    return Period(day, day, to_wareki(day))


def month_period(year: int, month: int) -> Period:
    start = datetime.date(year, month, 1)
    end = _next_month(start) - datetime.timedelta(days=1)
    era, era_year = to_wareki_parts(start)
    return Period(start, end, f"{_era_year(era.name, era_year)}{month}月")


def year_period(year: int, basis: YearBasis) -> Period:
    """The 年度 that begins in April of `year` (令和8年度 = 2026-04-01〜2027-03-31), or the
    calendar year. Named in the era in force on its last day, counted from its first day,
    as the state named them when an era began within one: 2019年度 is 令和元年度."""
    if basis is YearBasis.NENDO:
        start = datetime.date(year, FISCAL_FIRST_MONTH, 1)
        end = datetime.date(year + 1, FISCAL_FIRST_MONTH, 1) - datetime.timedelta(days=1)
        suffix = "年度"
    else:
        start, end, suffix = datetime.date(year, 1, 1), datetime.date(year, 12, 31), "年"
    era = era_of(end)
    era_year = max(start.year - era.start.year + 1, 1)
    return Period(start, end, f"{_era_year(era.name, era_year)[:-1]}{suffix}")


def fiscal_year_of(day: datetime.date) -> int:
    """The 年度 a day belongs to, by the year it began in (2027-03-31 → 2026)."""
    return day.year if day.month >= FISCAL_FIRST_MONTH else day.year - 1


def months_of(period: Period) -> list[Period]:
    """The months of a period, in order (the lines of a 年計)."""
    months: list[Period] = []
    first = period.start.replace(day=1)
    while first <= period.end:
        months.append(month_period(first.year, first.month))
        first = _next_month(first)
    return months


def _next_month(first: datetime.date) -> datetime.date:
    return (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else (first.replace(month=first.month + 1))
    )


def _era_year(name: str, era_year: int) -> str:
    return f"{name}{'元' if era_year == 1 else era_year}年"
