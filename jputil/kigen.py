"""期限 by the calendar of the law: a deadline that ends on a 休日 moves to the next working day.

地方自治法第4条の2第4項: when the 期限 of a 申請・届出 to a 地方公共団体's 行政庁, fixed
by a 期間 in a law or an order made under a law (住基法第22条〜第25条・第30条の46〜
第30条の48, 施行令第24条の2, 戸籍法第49条・第86条 …), falls on a 地方公共団体の休日, the
day after that 休日 is the 期限. The 休日 are those of 第4条の2第2項, which every city's
休日条例 names: 日曜日, 土曜日, 国民の祝日に関する法律の休日 (振替休日 and 国民の休日
included, from ``jpholiday``) and 12月29日〜1月3日 (年末年始). A city whose 条例 names
more days (a 市制記念日) passes them as ``extra``.

A 期間 in days starts the day after the event (民法第140条, 初日不算入): 14 days from a
move on 4月1日 ends on 4月15日. The 戸籍法 periods count the day itself (戸籍法第43条
第1項); their callers pass the day before (``kikan_manryo(birth, 14, shonichi=True)``).
Every deadline of the 異動届 goes through ``kikan_manryo``, so the rule lives here once.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

import jpholiday

#: 地方自治法第4条の2第2項第3号: 12月29日から翌年の1月3日まで (年末年始)
NENMATSU_NENSHI = ((12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3))

_ONE_DAY = datetime.timedelta(days=1)


def kyujitsu_reason(day: datetime.date, extra: Collection[datetime.date] = ()) -> str:
    """Why ``day`` is a 地方公共団体の休日 (日曜日, 土曜日, the holiday's name, 年末年始),
    "" for a working day."""
    if day.weekday() == 6:
        return "日曜日"
    if day.weekday() == 5:
        return "土曜日"
    name = jpholiday.is_holiday_name(day)
    if name:
        return name
    if (day.month, day.day) in NENMATSU_NENSHI:
        return "年末年始"
    if day in extra:
        return "条例で定める休日"
    return ""


def is_kyujitsu(day: datetime.date, extra: Collection[datetime.date] = ()) -> bool:
    """Whether ``day`` is a 休日 of 地方自治法第4条の2第2項 (or one of ``extra``)."""
    return bool(kyujitsu_reason(day, extra))


def next_kaichou_bi(day: datetime.date, extra: Collection[datetime.date] = ()) -> datetime.date:
    """``day`` itself when it is a working day, else the first working day after it
    (地方自治法第4条の2第4項: 休日の翌日 — after a run of 休日, the day after the run)."""
    while is_kyujitsu(day, extra):
        day += _ONE_DAY
    return day


def kikan_manryo(
    start: datetime.date,
    days: int,
    *,
    shonichi: bool = False,
    extra: Collection[datetime.date] = (),
) -> datetime.date:
    """The last day of a 期間 of ``days`` days from the event on ``start``, moved past 休日.

    ``shonichi=False`` (民法第140条): the 期間 starts the next day, so it ends on
    ``start + days``; ``shonichi=True`` (戸籍法第43条第1項): the day itself is the first
    day, so it ends on ``start + days - 1``. The end moves to the next working day when it
    is a 休日 (地方自治法第4条の2第4項).
    """
    plain = start + datetime.timedelta(days=days - 1 if shonichi else days)
    return next_kaichou_bi(plain, extra)


def days_over(
    start: datetime.date, days: int, done: datetime.date, *, shonichi: bool = False
) -> int:
    """How many days ``done`` comes after the 期限 of ``kikan_manryo`` (0 when in time)."""
    return max(0, (done - kikan_manryo(start, days, shonichi=shonichi)).days)
