"""j80/j90 recorded dates: every 不詳 form with its internal date, and 和暦 display.

住民記録システム標準仕様書 1.1.8 (j80) and 1.1.9 (j90); the internal-date rules are in
jputil/recorded.py and ADR 0019.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from jputil.wareki import (
    EARLIEST_SUPPORTED,
    RecordedDate,
    WarekiError,
    format_recorded_seireki,
    format_recorded_wareki,
    parse_recorded_date,
    recorded_range,
    to_wareki_parts,
)
from juki.models import recorded_date_text

from .conftest import login_as
from .factories import resident

supported_dates = st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("typed", "internal", "wording"),
    [
        ("年月日不詳", EARLIEST_SUPPORTED, "年月日不詳"),
        ("年不詳", EARLIEST_SUPPORTED, "年月日不詳"),
        ("昭和年月日不詳", date(1926, 12, 25), "昭和年月日不詳"),
        ("S年不詳", date(1926, 12, 25), "昭和年月日不詳"),
        ("昭和10年月日不詳", date(1935, 1, 1), "昭和10年月日不詳"),
        ("昭和10年5月日不詳", date(1935, 5, 1), "昭和10年5月日不詳"),
        ("昭和10年頃", date(1935, 1, 1), "昭和10年頃"),
        ("昭和10年5月頃", date(1935, 5, 1), "昭和10年5月頃"),
        ("昭和１０年５月３日頃", date(1935, 5, 3), "昭和10年5月3日頃"),
        ("昭和10年推定", date(1935, 1, 1), "昭和10年推定"),
        ("昭和10年5月3日推定", date(1935, 5, 3), "昭和10年5月3日推定"),
        ("昭和10年5月上旬", date(1935, 5, 1), "昭和10年5月上旬"),
        ("昭和10年5月中旬", date(1935, 5, 11), "昭和10年5月中旬"),
        ("昭和10年5月下旬", date(1935, 5, 21), "昭和10年5月下旬"),
        ("昭和10年春", date(1935, 3, 1), "昭和10年春"),
        ("昭和10年夏", date(1935, 6, 1), "昭和10年夏"),
        ("昭和10年秋", date(1935, 9, 1), "昭和10年秋"),
        ("昭和10年冬", date(1935, 12, 1), "昭和10年冬"),
        ("昭和10年春頃", date(1935, 3, 1), "昭和10年春頃"),
        ("昭和30年1月から3月まで", date(1955, 1, 1), "昭和30年1月から3月まで"),
        ("昭和30年1月〜3月", date(1955, 1, 1), "昭和30年1月から3月まで"),
        ("昭和30年1月～3月", date(1955, 1, 1), "昭和30年1月から3月まで"),
        ("昭和30年1月1日から10日まで", date(1955, 1, 1), "昭和30年1月1日から10日まで"),
        ("昭和30年から昭和32年まで", date(1955, 1, 1), "昭和30年から昭和32年まで"),
        ("1980年3月上旬", date(1980, 3, 1), "1980年3月上旬"),
        # clipped to the era: 平成元年 began on 1月8日
        ("平成元年1月頃", date(1989, 1, 8), "平成元年1月頃"),
    ],
)
def test_every_fushou_form_of_j80_is_accepted_with_its_internal_date(
    typed: str, internal: date, wording: str
) -> None:
    rd = parse_recorded_date(typed)
    assert rd == RecordedDate(internal, wording)
    first, _last = recorded_range(rd)
    assert first == internal


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("昭和10年5月上旬", date(1935, 5, 1), date(1935, 5, 10)),
        ("昭和10年5月中旬", date(1935, 5, 11), date(1935, 5, 20)),
        ("昭和10年2月下旬", date(1935, 2, 21), date(1935, 2, 28)),
        ("平成4年2月下旬", date(1992, 2, 21), date(1992, 2, 29)),
        ("昭和10年春", date(1935, 3, 1), date(1935, 5, 31)),
        ("昭和10年夏", date(1935, 6, 1), date(1935, 8, 31)),
        ("昭和10年秋", date(1935, 9, 1), date(1935, 11, 30)),
        ("昭和10年冬", date(1935, 12, 1), date(1936, 2, 29)),
        ("昭和63年冬", date(1988, 12, 1), date(1989, 1, 7)),
        ("昭和年月日不詳", date(1926, 12, 25), date(1989, 1, 7)),
        ("昭和30年1月から3月まで", date(1955, 1, 1), date(1955, 3, 31)),
    ],
)
def test_a_fushou_date_covers_its_period(typed: str, first: date, last: date) -> None:
    assert recorded_range(parse_recorded_date(typed)) == (first, last)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("昭和30年3月から1月まで", "昭和30年3月から1月までは始まりが終わりより後になっています。"),
        (
            "昭和64年春",
            "昭和64年春は昭和の期間外です（昭和は昭和元年12月25日から昭和64年1月7日まで）。",
        ),
        ("昭和10年2月30日頃", "昭和10年2月30日頃は存在しない日付です。"),
        ("昭和10年13月上旬", "昭和10年13月上旬は存在しない日付です。"),
        ("9999年冬", "9999年冬は存在しない日付です。"),
        ("昭和0年頃", "昭和0年頃は存在しない日付です（昭和の最初の年は昭和元年です）。"),
        (
            "明治5年頃",
            "明治5年頃は対応範囲外です（1873年（明治6年）1月1日より前の日付は扱えません）。",
        ),
        ("昭和10年上旬", "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01"),
        ("昭和30年1月から", "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01"),
        ("昭和10年5月", "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01"),
    ],
)
def test_a_fushou_wording_that_is_no_period_is_refused_with_a_message(
    typed: str, message: str
) -> None:
    with pytest.raises(WarekiError) as info:
        parse_recorded_date(typed)
    assert str(info.value) == message


# --------------------------------------------------------------------------- j90 和暦 display


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("1991年2月29日", "平成3年2月29日"),
        ("1991-02-29", "平成3年2月29日"),
        ("1980年3月日不詳", "昭和55年3月日不詳"),
        ("1980年3月上旬", "昭和55年3月上旬"),
        ("1988年冬", "昭和63年冬"),
        ("1955年1月から3月まで", "昭和30年1月から3月まで"),
        # the end is written with its own era once the eras differ
        ("1989年1月1日から10日まで", "昭和64年1月1日から平成元年1月10日まで"),
        ("年月日不詳", "年月日不詳"),
        ("明治45年7月30日", "明治45年7月30日"),
    ],
)
def test_a_japanese_recorded_date_typed_in_seireki_is_shown_in_wareki(
    typed: str, shown: str
) -> None:
    rd = parse_recorded_date(typed)
    assert format_recorded_wareki(rd) == shown
    assert recorded_date_text(rd.sort_date, rd.text) == shown
    assert parse_recorded_date(shown).sort_date == rd.sort_date


def test_a_foreign_residents_recorded_birth_date_stays_in_seireki() -> None:
    rd = parse_recorded_date("平成3年2月29日")
    assert recorded_date_text(rd.sort_date, rd.text, seireki=True) == "1991年2月29日"
    assert format_recorded_seireki(parse_recorded_date("昭和30年1月から3月まで")) == (
        "1955年1月から3月まで"
    )


# --------------------------------------------------------------------------- properties


def _forms(d: date) -> list[str]:
    """Every 不詳 form around ``d``, in 和暦 and in 西暦."""
    era, year = to_wareki_parts(d)
    texts = []
    for y in (f"{era.name}{year}年", f"{d.year}年"):
        texts += [
            f"{y}月日不詳",
            f"{y}{d.month}月日不詳",
            f"{y}頃",
            f"{y}{d.month}月頃",
            f"{y}{d.month}月{d.day}日頃",
            f"{y}{d.month}月{d.day}日推定",
            f"{y}{d.month}月{'上旬' if d.day <= 10 else '中旬' if d.day <= 20 else '下旬'}",
            f"{y}{d.month}月{d.day}日から{d.month}月まで",
            f"{y}{d.month}月{d.day}日〜{d.month}月{d.day}日",
        ]
    season = {3: "春", 4: "春", 5: "春", 6: "夏", 7: "夏", 8: "夏", 9: "秋", 10: "秋", 11: "秋"}
    if d.month in season:
        texts.append(f"{era.name}{year}年{season[d.month]}")
    return texts


@given(supported_dates)
def test_every_form_around_a_date_holds_the_date_and_its_internal_date(d: date) -> None:
    for text in _forms(d):
        rd = parse_recorded_date(text)
        first, last = recorded_range(rd)
        assert first <= d <= last, text
        assert first == rd.sort_date, text


@given(supported_dates)
def test_a_recorded_wording_reparses_to_itself(d: date) -> None:
    for text in _forms(d):
        rd = parse_recorded_date(text)
        assert parse_recorded_date(rd.text) == rd, text
        shown = format_recorded_wareki(rd)
        assert parse_recorded_date(shown).sort_date == rd.sort_date, (text, shown)
        assert parse_recorded_date(format_recorded_seireki(rd)).sort_date.year == d.year


@given(st.text(max_size=40))
def test_the_parser_raises_nothing_but_its_validation_error(text: str) -> None:
    try:
        rd = parse_recorded_date(text)
    except WarekiError:
        return
    assert rd.sort_date >= EARLIEST_SUPPORTED


_PIECES = st.sampled_from(
    [
        "昭和",
        "平成",
        "令和",
        "S",
        "元",
        "1",
        "10",
        "64",
        "1989",
        "年",
        "月",
        "日",
        "不詳",
        "頃",
        "推定",
        "上旬",
        "下旬",
        "春",
        "冬",
        "から",
        "まで",
        "〜",
        "0",
        "13",
        "31",
        "29",
        "2",
    ]
)


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_parser_on_date_like_words_raises_nothing_but_its_validation_error(
    text: str,
) -> None:
    try:
        rd = parse_recorded_date(text)
    except WarekiError:
        return
    first, last = recorded_range(rd)
    assert first <= rd.sort_date <= last
    assert parse_recorded_date(rd.text or text) == rd
    format_recorded_wareki(rd)
    format_recorded_seireki(rd)


@pytest.mark.django_db
def test_the_resident_page_prints_a_seireki_wording_of_a_japanese_in_wareki(
    client: Client, clerk: Any
) -> None:
    person = resident(
        seinengappi=date(1991, 2, 28),
        seinengappi_hyoki="1991年2月29日",
        jumin_date=date(1991, 2, 28),
        jumin_date_hyoki="1991年2月29日",
    )
    login_as(client, clerk)
    html = client.get(f"/juki/residents/{person.atena_bango}/").content.decode()
    assert "平成3年2月29日" in html
    assert "1991年2月29日" not in html


def test_a_range_ending_in_the_month_an_era_began_ends_in_the_new_era() -> None:
    """Found by hypothesis: January 1989 began in 昭和64 and ended in 平成元年."""
    rd = parse_recorded_date("1989年1月8日から1月まで")
    shown = format_recorded_wareki(rd)
    assert shown == "平成元年1月8日から1月まで"
    assert parse_recorded_date(shown).sort_date == rd.sort_date
