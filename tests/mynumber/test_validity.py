"""The validity rules of the card and its 電子証明書 (mynumber.validity), table-driven:
birthdays, 29 February, the ages 14, 15, 17 and 18, the 2022 line, foreign residents
with and without permanent status."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mynumber import validity as v

D = datetime.date


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (D(2000, 6, 10), D(2018, 6, 10), 18),  # the birthday
        (D(2000, 6, 10), D(2018, 6, 9), 18),  # the day before: reached at its end
        (D(2000, 6, 10), D(2018, 6, 8), 17),
        (D(2004, 2, 29), D(2022, 2, 28), 18),  # common year: the year ends with February
        (D(2004, 2, 29), D(2022, 2, 27), 17),
        (D(2004, 2, 29), D(2024, 2, 28), 20),  # leap year: the day before the 29th
        (D(2004, 2, 29), D(2024, 2, 27), 19),
        (D(2010, 1, 1), D(2024, 12, 31), 15),  # reached on 31 December
        (D(2010, 1, 1), D(2024, 12, 30), 14),
    ],
)
def test_an_age_is_reached_on_the_day_before_the_birthday(born: D, day: D, age: int) -> None:
    assert v.age_on(born, day) == age


@pytest.mark.parametrize(
    ("born", "year", "birthday"),
    [
        (D(2004, 2, 29), 2025, D(2025, 2, 28)),
        (D(2004, 2, 29), 2028, D(2028, 2, 29)),
        (D(2004, 3, 1), 2025, D(2025, 3, 1)),
        (D(2004, 2, 28), 2028, D(2028, 2, 28)),
    ],
)
def test_a_29_february_birthday_is_28_february_in_a_common_year(
    born: D, year: int, birthday: D
) -> None:
    assert v.birthday_in(born, year) == birthday


@pytest.mark.parametrize(
    ("born", "hakkou", "shinsei", "until", "why"),
    [
        # 発行日 2024-01-15: the first birthday after it is 2024-06-10, the 10th 2033-06-10
        (D(1980, 6, 10), D(2024, 1, 15), D(2023, 12, 1), D(2033, 6, 10), "adult: 10th"),
        (D(1980, 6, 10), D(2024, 6, 10), None, D(2034, 6, 10), "on the birthday: not after it"),
        (D(1980, 6, 10), D(2024, 6, 11), None, D(2034, 6, 10), "issued the day after"),
        (D(2006, 6, 10), D(2024, 6, 8), None, D(2028, 6, 10), "17 on the 発行日: 5th"),
        (D(2006, 6, 10), D(2024, 6, 9), None, D(2033, 6, 10), "18 reached on the 発行日: 10th"),
        (D(2006, 6, 10), D(2024, 6, 10), None, D(2034, 6, 10), "18th birthday on the 発行日"),
        (D(2010, 3, 3), D(2024, 5, 1), None, D(2029, 3, 3), "14: 5th"),
        (D(2009, 3, 3), D(2024, 5, 1), None, D(2029, 3, 3), "15: 5th"),
        (D(2003, 5, 1), D(2022, 4, 20), D(2022, 3, 31), D(2026, 5, 1), "18, applied before R4"),
        (D(2003, 5, 1), D(2022, 4, 20), D(2022, 4, 1), D(2031, 5, 1), "18, applied from R4"),
        (D(2001, 5, 1), D(2022, 4, 20), D(2022, 3, 31), D(2031, 5, 1), "20, applied before R4"),
        (D(2004, 2, 29), D(2024, 3, 1), None, D(2034, 2, 28), "29 February, a common year"),
        (D(2004, 2, 29), D(2026, 3, 1), None, D(2036, 2, 29), "29 February, a leap year"),
        (D(2012, 2, 29), D(2024, 1, 10), None, D(2028, 2, 29), "under 18, 29 February: 5th"),
    ],
)
def test_the_card_runs_to_the_10th_birthday_at_18_and_over_else_the_5th(
    born: D, hakkou: D, shinsei: D | None, until: D, why: str
) -> None:
    assert v.card_valid_until(born, hakkou, shinsei_date=shinsei) == until, why


@pytest.mark.parametrize(
    ("shikaku", "kubun", "manryo", "gaikokujin", "limit"),
    [
        ("永住者", "1", D(2026, 1, 1), None, None),
        ("高度専門職第2号", "1", None, None, None),
        ("高度専門職2号", "1", None, None, None),
        ("", "2", None, None, None),  # 特別永住者
        ("特別永住者", "2", None, None, None),
        ("永住者の配偶者等", "1", D(2027, 3, 31), None, D(2027, 3, 31)),
        ("技術・人文知識・国際業務", "1", D(2026, 9, 30), None, D(2026, 9, 30)),
        ("定住者", "1", D(2029, 1, 15), None, D(2029, 1, 15)),
        ("", "5", None, D(2024, 5, 1), D(2024, 6, 30)),  # 出生による経過滞在者: 60 days
        ("", "6", None, D(2024, 5, 1), D(2024, 6, 30)),
        ("", "3", None, None, None),  # 一時庇護: the period is text in the register
    ],
)
def test_a_foreign_residents_stay_limits_the_card_unless_permanent(
    shikaku: str, kubun: str, manryo: D | None, gaikokujin: D | None, limit: D | None
) -> None:
    got = v.stay_limit(
        is_foreign=True,
        zairyu_shikaku=shikaku,
        kubun_30_45=kubun,
        zairyu_manryo_date=manryo,
        gaikokujin_date=gaikokujin,
    )
    assert got == limit


def test_a_japanese_residents_card_has_no_stay_limit() -> None:
    assert v.stay_limit(is_foreign=False, zairyu_manryo_date=D(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("stay", "until"),
    [
        (D(2026, 9, 30), D(2026, 9, 30)),  # the stay ends first
        (D(2040, 1, 1), D(2033, 6, 10)),  # the birthday comes first
        (None, D(2033, 6, 10)),  # permanent
    ],
)
def test_a_foreign_residents_card_ends_at_the_earlier_of_the_stay_and_the_birthday(
    stay: D | None, until: D
) -> None:
    assert v.card_valid_until(D(1980, 6, 10), D(2024, 1, 15), stay_until=stay) == until


def test_a_renewal_with_a_new_stay_never_passes_the_birthday_of_the_hakkou_date() -> None:
    born, hakkou = D(1980, 6, 10), D(2024, 1, 15)
    assert v.renewed_valid_until(born, hakkou, new_stay_until=D(2029, 1, 1)) == D(2029, 1, 1)
    assert v.renewed_valid_until(born, hakkou, new_stay_until=D(2045, 1, 1)) == D(2033, 6, 10)


@pytest.mark.parametrize(
    ("born", "hakkou", "card_until", "until"),
    [
        (D(1980, 6, 10), D(2024, 1, 15), D(2034, 6, 10), D(2028, 6, 10)),  # 5th birthday
        (D(1980, 6, 10), D(2024, 1, 15), D(2026, 9, 30), D(2026, 9, 30)),  # the card's end
        (D(2004, 2, 29), D(2024, 3, 1), None, D(2029, 2, 28)),  # 29 February, common year
        (D(2012, 2, 29), D(2023, 1, 1), None, D(2027, 2, 28)),
    ],
)
def test_a_certificate_runs_to_the_5th_birthday_within_its_card(
    born: D, hakkou: D, card_until: D | None, until: D
) -> None:
    assert v.cert_valid_until(born, hakkou, card_until) == until


@pytest.mark.parametrize(
    ("born", "day", "allowed"),
    [
        (D(2010, 6, 10), D(2025, 6, 8), False),  # 14
        (D(2010, 6, 10), D(2025, 6, 9), True),  # 15 reached
        (D(2010, 6, 10), D(2025, 6, 10), True),
        (D(2012, 2, 29), D(2027, 2, 27), False),
        (D(2012, 2, 29), D(2027, 2, 28), True),
    ],
)
def test_no_shomei_certificate_under_15(born: D, day: D, allowed: bool) -> None:
    assert v.shomei_allowed(born, day) is allowed


@given(
    born=st.dates(D(1900, 1, 1), D(2025, 12, 31)),
    offset=st.integers(0, 365 * 80),
    n=st.integers(1, 10),
)
def test_the_nth_birthday_after_is_after_and_on_a_birthday(born: D, offset: int, n: int) -> None:
    day = born + datetime.timedelta(days=offset)
    got = v.nth_birthday_after(born, day, n)
    assert got > day
    assert got == v.birthday_in(born, got.year)
    assert got.year - day.year in (n - 1, n)


@given(
    born=st.dates(D(1900, 1, 1), D(2025, 12, 31)),
    offset=st.integers(0, 365 * 80),
    stay=st.none() | st.dates(D(2000, 1, 1), D(2100, 1, 1)),
)
def test_the_card_never_outlives_the_stay_or_the_10th_birthday(
    born: D, offset: int, stay: D | None
) -> None:
    hakkou = born + datetime.timedelta(days=offset)
    until = v.card_valid_until(born, hakkou, stay_until=stay)
    assert until <= v.nth_birthday_after(born, hakkou, 10)
    if stay is not None:
        assert until <= stay
