"""The period of a measure (事務処理要領 第6-10; j440): one year, 延長 by another."""

from __future__ import annotations

import datetime


def one_year_from(start: datetime.date) -> datetime.date:
    """The last day of one year starting on ``start`` (R2.4.1 → R3.3.31, j440; 民法第143条:
    from 2月29日 the year ends on 2月28日)."""
    try:
        same_day = start.replace(year=start.year + 1)
    except ValueError:  # 2月29日
        same_day = datetime.date(start.year + 1, 3, 1)
    return same_day - datetime.timedelta(days=1)


def one_month_before(end: datetime.date) -> datetime.date:
    month = end.month - 1 or 12
    year = end.year if end.month > 1 else end.year - 1
    for day in (end.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def ending_soon(end: datetime.date | None, today: datetime.date) -> bool:
    """Whether ``today`` is within the last month before ``end`` (on the end day too)."""
    return end is not None and one_month_before(end) <= today <= end
