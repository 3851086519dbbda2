"""jputil.kigen: a deadline ending on a 休日 moves to the next working day (地方自治法第4条の2)."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from jputil import kigen

DAYS = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 31))
PERIODS = st.integers(min_value=1, max_value=400)


@given(DAYS, PERIODS, st.booleans())
def test_a_deadline_never_ends_on_a_kyujitsu(start, days, shonichi) -> None:
    assert not kigen.is_kyujitsu(kigen.kikan_manryo(start, days, shonichi=shonichi))


@given(DAYS, PERIODS, st.booleans())
def test_a_deadline_is_never_before_the_plain_end_of_the_period(start, days, shonichi) -> None:
    plain = start + datetime.timedelta(days=days - 1 if shonichi else days)
    moved = kigen.kikan_manryo(start, days, shonichi=shonichi)
    assert moved >= plain
    # and it moves only over 休日: every day between the plain end and the deadline is one
    day = plain
    while day < moved:
        assert kigen.is_kyujitsu(day)
        day += datetime.timedelta(days=1)


@given(DAYS, PERIODS)
def test_a_deadline_ending_on_a_working_day_stays_there(start, days) -> None:
    plain = start + datetime.timedelta(days=days)
    if not kigen.is_kyujitsu(plain):
        assert kigen.kikan_manryo(start, days) == plain


@given(DAYS, st.sets(DAYS, max_size=5), PERIODS)
def test_a_city_holiday_from_its_jorei_also_moves_the_deadline(start, extra, days) -> None:
    moved = kigen.kikan_manryo(start, days, extra=extra)
    assert moved not in extra and not kigen.is_kyujitsu(moved)


def test_the_14_days_start_the_day_after_the_move_minpo_140() -> None:
    # 2026-12-01 (火) + 14 = 2026-12-15 (火), a working day
    assert kigen.kikan_manryo(datetime.date(2026, 12, 1), 14) == datetime.date(2026, 12, 15)
    # 戸籍法第43条: the day of the event is the first day
    assert kigen.kikan_manryo(datetime.date(2026, 12, 1), 14, shonichi=True) == datetime.date(
        2026, 12, 14
    )


def test_saturday_and_sunday_move_the_deadline_to_monday() -> None:
    # 2026-11-21 (土) → 2026-11-24 (火): 11-23 勤労感謝の日 (月) is a 祝日 too
    assert kigen.kikan_manryo(datetime.date(2026, 11, 7), 14) == datetime.date(2026, 11, 24)
    assert kigen.kyujitsu_reason(datetime.date(2026, 11, 21)) == "土曜日"
    assert kigen.kyujitsu_reason(datetime.date(2026, 11, 22)) == "日曜日"
    assert kigen.kyujitsu_reason(datetime.date(2026, 11, 23)) == "勤労感謝の日"


def test_a_furikae_kyujitsu_and_the_kokumin_no_kyujitsu_are_kyujitsu() -> None:
    assert kigen.is_kyujitsu(datetime.date(2026, 5, 6))  # 憲法記念日の振替休日
    assert kigen.is_kyujitsu(datetime.date(2026, 9, 22))  # 国民の休日 (敬老の日と秋分の日の間)
    # 2026-04-22 (水) + 14 = 05-06 (水, 振替休日) → 05-07 (木)
    assert kigen.kikan_manryo(datetime.date(2026, 4, 22), 14) == datetime.date(2026, 5, 7)


def test_nenmatsu_nenshi_dec_29_to_jan_3_are_kyujitsu() -> None:
    # 地方自治法第4条の2第2項第3号: 12月29日〜1月3日, though not 国民の祝日
    for day in (29, 30, 31):
        assert kigen.kyujitsu_reason(datetime.date(2027, 12, day)) in {
            "年末年始",
            "土曜日",
            "日曜日",
        }
    assert kigen.is_kyujitsu(datetime.date(2025, 12, 29))  # a Monday
    assert kigen.is_kyujitsu(datetime.date(2026, 1, 2))  # a Friday
    # 2025-12-15 + 14 = 12-29 (月) → past 1-3 (土), 1-4 (日) → 2026-01-05 (月)
    assert kigen.kikan_manryo(datetime.date(2025, 12, 15), 14) == datetime.date(2026, 1, 5)


def test_days_over_counts_from_the_moved_deadline() -> None:
    moved = datetime.date(2026, 11, 7)  # deadline 11-21 (土) → 11-24 (火)
    assert kigen.days_over(moved, 14, datetime.date(2026, 11, 24)) == 0
    assert kigen.days_over(moved, 14, datetime.date(2026, 11, 26)) == 2
