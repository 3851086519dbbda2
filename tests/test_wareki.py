"""Tests for jputil.wareki (pure Python; no Django settings or database needed)."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jputil import wareki
from jputil.wareki import (
    EARLIEST_SUPPORTED,
    Era,
    RecordedDate,
    WarekiError,
    eras,
    format_recorded,
    format_recorded_seireki,
    load_eras,
    parse_date,
    parse_recorded_date,
    to_seireki,
    to_wareki,
    to_wareki_parts,
)

supported_dates = st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31))

_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


def full_width(text: str) -> str:
    """ASCII -> full-width forms, as a Japanese IME in 全角 mode types them."""
    return text.translate(_FULL_WIDTH)


def input_styles(d: date) -> list[str]:
    """Every way a clerk may type ``d``."""
    era, y = to_wareki_parts(d)
    letter, m, dd, yyyy = era.letter, d.month, d.day, d.year
    letter_style = f"{letter}{y}.{m}.{dd}"
    return [
        to_wareki(d),
        f"{era.name}{y}年{m}月{dd}日",  # 1年 instead of 元年
        letter_style,
        letter_style.lower(),
        f"{letter}{y:02}.{m:02}.{dd:02}",
        f"{letter}{y}/{m}/{dd}",
        f"{letter}{y}-{m}-{dd}",
        f"{letter.lower()}{y:02}{m:02}{dd:02}",
        f"{letter}{y:02}{m:02}{dd:02}",
        f"{era.name[0]}{y}.{m}.{dd}",
        f"{era.name}{y}.{m}.{dd}",
        f"{letter}{y}年{m}月{dd}日",
        d.isoformat(),
        f"{yyyy}/{m}/{dd}",
        f"{yyyy}.{m}.{dd}",
        to_seireki(d),
        f"{yyyy:04}{m:02}{dd:02}",
        full_width(to_wareki(d)),
        full_width(letter_style),
        full_width(d.isoformat()),
        f" {letter} {y} . {m} . {dd} ",
        f"{era.name}\u3000{y}年\u3000{m}月{dd}日",
    ]


# --------------------------------------------------------------------------- era table


def test_era_table_from_json() -> None:
    table = eras()
    assert [(e.name, e.letter) for e in table] == [
        ("明治", "M"),
        ("大正", "T"),
        ("昭和", "S"),
        ("平成", "H"),
        ("令和", "R"),
    ]
    assert table[0].start == date(1868, 10, 23)
    assert table[1] == Era(
        "大正", "T", date(1912, 7, 30), date(1926, 12, 24), first_day_shared=True
    )
    assert table[2].end == date(1989, 1, 7)
    assert table[3].start == date(1989, 1, 8)
    assert table[3].end == date(2019, 4, 30)
    assert table[4] == Era("令和", "R", date(2019, 5, 1), None)
    assert eras() is table  # loaded once


def test_era_is_frozen() -> None:
    with pytest.raises(AttributeError):
        eras()[0].name = "x"  # type: ignore[misc]


def test_new_era_needs_only_a_json_line(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = wareki.ERAS_JSON.read_text(encoding="utf-8")
    extended = raw.replace(
        '"start": "2019-05-01"}',
        '"start": "2019-05-01"},\n  {"name": "新元", "letter": "X", "start": "2040-02-01"}',
    )
    table = load_eras(extended)
    monkeypatch.setattr(wareki, "eras", lambda: table)
    assert table[4].end == date(2040, 1, 31)
    assert to_wareki(date(2040, 1, 31)) == "令和22年1月31日"
    assert to_wareki(date(2040, 2, 1)) == "新元元年2月1日"
    assert parse_date("X2.3.4") == date(2041, 3, 4)
    assert parse_date("新元元年2月1日") == date(2040, 2, 1)
    assert parse_date("新2.3.4") == date(2041, 3, 4)
    with pytest.raises(WarekiError, match="令和元年5月1日から令和22年1月31日まで"):
        parse_date("令和22年2月1日")
    with pytest.raises(WarekiError, match="期間外"):
        parse_recorded_date("令和22年2月1日")


@pytest.mark.parametrize(
    "raw",
    [
        "[]",
        '{"name": "令和"}',
        '[{"name": "令和", "letter": "r", "start": "2019-05-01"}]',
        '[{"name": "", "letter": "R", "start": "2019-05-01"}]',
        '[{"name": "令和", "letter": "R", "start": "2019-05-01"},'
        ' {"name": "令和", "letter": "Q", "start": "2030-01-01"}]',
        '[{"name": "令和", "letter": "R", "start": "2019-05-01"},'
        ' {"name": "新元", "letter": "R", "start": "2030-01-01"}]',
        '[{"name": "令和", "letter": "R", "start": "2019-05-01"},'
        ' {"name": "新元", "letter": "X", "start": "2019-05-01"}]',
        '[{"name": "令和", "letter": "R", "start": "2019-13-01"}]',
    ],
)
def test_load_eras_rejects_broken_tables(raw: str) -> None:
    with pytest.raises((ValueError, KeyError)):
        load_eras(raw)


def test_load_eras_sorts_entries() -> None:
    table = load_eras(
        '[{"name": "令和", "letter": "R", "start": "2019-05-01"},'
        ' {"name": "平成", "letter": "H", "start": "1989-01-08"}]'
    )
    assert [e.name for e in table] == ["平成", "令和"]
    assert table[0].end == date(2019, 4, 30)


# --------------------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 4, 1), "令和6年4月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1873, 1, 1), "明治6年1月1日"),
        (date(1975, 12, 31), "昭和50年12月31日"),
    ],
)
def test_to_wareki(d: date, expected: str) -> None:
    assert to_wareki(d) == expected


def test_to_wareki_parts() -> None:
    era, year = to_wareki_parts(date(2024, 4, 1))
    assert (era.name, era.letter, year) == ("令和", "R", 6)
    assert to_wareki_parts(date(2019, 5, 1))[1] == 1


def test_to_seireki() -> None:
    assert to_seireki(date(2024, 4, 1)) == "2024年4月1日"
    assert to_seireki(date(1850, 12, 31)) == "1850年12月31日"


def test_datetime_is_accepted_as_its_date() -> None:
    assert to_wareki(datetime(2019, 5, 1, 23, 59)) == "令和元年5月1日"
    assert to_wareki_parts(datetime(2019, 4, 30, 23, 59))[0].name == "平成"


def test_before_gregorian_calendar_is_refused() -> None:
    with pytest.raises(WarekiError, match="1873年（明治6年）1月1日より前") as info:
        to_wareki(date(1872, 12, 31))
    assert info.value.code == "unsupported"


@given(supported_dates)
def test_to_wareki_parts_is_consistent(d: date) -> None:
    era, year = to_wareki_parts(d)
    assert era.contains(d)
    assert year >= 1
    assert era.gregorian_year(year) == d.year


# --------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    "text",
    [
        "令和6年4月1日",
        "R6.4.1",
        "r6.4.1",
        "R06.04.01",
        "R6/4/1",
        "R6-4-1",
        "r060401",
        "R060401",
        "令6.4.1",
        "令和6.4.1",
        "R6年4月1日",
        "2024-04-01",
        "2024/4/1",
        "2024.4.1",
        "2024年4月1日",
        "西暦2024年4月1日",
        "20240401",
        "令和６年４月１日",
        "Ｒ６．４．１",
        "ｒ６．４．１",
        "２０２４－０４－０１",
        "２０２４／４／１",
        "R6ー4ー1",  # IME prolonged-sound mark typed for "-"
        "R6−4−1",  # U+2212 MINUS SIGN
        " 令和 6年 4月 1日 ",
        "令和\u30006年4月1日",
        "㋿6年4月1日",
    ],
)
def test_parse_date_accepts(text: str) -> None:
    assert parse_date(text) == date(2024, 4, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("R元.5.1", date(2019, 5, 1)),
        ("S50.1.1", date(1975, 1, 1)),
        ("H31.4.30", date(2019, 4, 30)),
        ("㍻31年4月30日", date(2019, 4, 30)),
        ("M45.7.29", date(1912, 7, 29)),
        ("T1.7.30", date(1912, 7, 30)),
        ("昭64.1.7", date(1989, 1, 7)),
        ("明6.1.1", date(1873, 1, 1)),
        ("大15.12.24", date(1926, 12, 24)),
        ("h010108", date(1989, 1, 8)),
    ],
)
def test_parse_date_eras(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message", "code"),
    [
        (
            "昭和64年1月8日",
            "昭和64年1月8日は昭和の期間外です（昭和は昭和元年12月25日から昭和64年1月7日まで）。",
            "out_of_era",
        ),
        (
            "平成31年5月1日",
            "平成31年5月1日は平成の期間外です（平成は平成元年1月8日から平成31年4月30日まで）。",
            "out_of_era",
        ),
        (
            "H31.5.1",
            "平成31年5月1日は平成の期間外です（平成は平成元年1月8日から平成31年4月30日まで）。",
            "out_of_era",
        ),
        (
            "令和1年4月30日",
            "令和元年4月30日は令和の期間外です（令和は令和元年5月1日から）。",
            "out_of_era",
        ),
        (
            "大正元年7月29日",
            "大正元年7月29日は大正の期間外です（大正は大正元年7月30日から大正15年12月24日まで）。",
            "out_of_era",
        ),
        (
            "明治45年7月30日",
            "明治45年7月30日は明治の期間外です（明治は明治45年7月29日まで）。",
            "out_of_era",
        ),
        ("令和6年2月30日", "令和6年2月30日は存在しない日付です。", "nonexistent"),
        ("R6.2.30", "令和6年2月30日は存在しない日付です。", "nonexistent"),
        ("R6.13.1", "令和6年13月1日は存在しない日付です。", "nonexistent"),
        ("平成3年2月29日", "平成3年2月29日は存在しない日付です。", "nonexistent"),
        ("2023-02-29", "2023年2月29日は存在しない日付です。", "nonexistent"),
        ("2024-04-00", "2024年4月0日は存在しない日付です。", "nonexistent"),
        (
            "令和0年4月1日",
            "令和0年4月1日は存在しない日付です（令和の最初の年は令和元年です）。",
            "nonexistent",
        ),
        (
            "明治5年12月2日",
            "明治5年12月2日は対応範囲外です（1873年（明治6年）1月1日より前の日付は扱えません）。",
            "unsupported",
        ),
        (
            "1872-12-31",
            "1872年12月31日は対応範囲外です（1873年（明治6年）1月1日より前の日付は扱えません）。",
            "unsupported",
        ),
        (
            "昭和10年月日不詳",
            "昭和10年月日不詳のように一部が不詳の日付は、この項目には入力できません。",
            "partial",
        ),
        ("", "日付が入力されていません。", "empty"),
        ("　", "日付が入力されていません。", "empty"),
    ],
)
def test_parse_date_rejects(text: str, message: str, code: str) -> None:
    with pytest.raises(WarekiError) as info:
        parse_date(text)
    assert str(info.value) == message
    assert info.value.code == code


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "R6",
        "R6.4",
        "R6.4/1",  # mixed separators
        "Q6.4.1",  # unknown era letter
        "6.4.1",
        "24/4/1",  # two-digit 西暦 year is ambiguous
        "R6401",
        "2024-4-1-1",
        "令和6年4月1",
        "令和六年四月一日",
        "٢٠٢٤-٠٤-٠١",  # Arabic-Indic digits are not a Japanese input
    ],
)
def test_parse_date_unreadable(text: str) -> None:
    with pytest.raises(WarekiError) as info:
        parse_date(text)
    assert str(info.value) == "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01"
    assert info.value.code == "invalid"


def test_wareki_error_is_value_error() -> None:
    with pytest.raises(ValueError, match="存在しない日付"):
        parse_date("令和6年2月30日")


@given(supported_dates)
def test_round_trip_wareki(d: date) -> None:
    assert parse_date(to_wareki(d)) == d


@given(supported_dates)
def test_round_trip_every_input_style(d: date) -> None:
    for text in input_styles(d):
        assert parse_date(text) == d, text


@given(supported_dates)
def test_round_trip_seireki(d: date) -> None:
    assert parse_date(to_seireki(d)) == d


@given(st.dates(min_value=date(1, 1, 1), max_value=date(1872, 12, 31)))
def test_dates_before_1873_are_refused_both_ways(d: date) -> None:
    with pytest.raises(WarekiError):
        to_wareki(d)
    with pytest.raises(WarekiError):
        parse_date(d.isoformat())


def test_every_era_boundary() -> None:
    table = eras()
    for previous, current in itertools.pairwise(table):
        assert previous.end is not None
        assert parse_date(to_wareki(previous.end)) == previous.end
        assert parse_date(to_wareki(current.start)) == current.start
        assert to_wareki(current.start).startswith(f"{current.name}元年")
        # The new era's first day written in the old era is not a date...
        old_wording = f"{previous.name}{current.start.year - previous.start.year + 1}年" + (
            f"{current.start.month}月{current.start.day}日"
        )
        with pytest.raises(WarekiError, match="期間外"):
            parse_date(old_wording)
        # ...but it is a valid j80 recorded date where the era began on the day of the
        # demise (明治45年7月30日, 大正15年12月25日), and still out of era otherwise
        # (昭和64年1月8日, 平成31年5月1日 never existed).
        if current.first_day_shared:
            assert parse_recorded_date(old_wording) == RecordedDate(current.start, old_wording)
        else:
            with pytest.raises(WarekiError, match="期間外"):
                parse_recorded_date(old_wording)


# --------------------------------------------------------------------------- j80 recorded dates


@pytest.mark.parametrize(
    ("text", "sort_date", "recorded", "seireki"),
    [
        ("昭和10年月日不詳", date(1935, 1, 1), "昭和10年月日不詳", "1935年月日不詳"),
        ("昭和10年5月日不詳", date(1935, 5, 1), "昭和10年5月日不詳", "1935年5月日不詳"),
        ("S10年5月日不詳", date(1935, 5, 1), "昭和10年5月日不詳", "1935年5月日不詳"),
        ("昭和１０年 ５月 日不詳", date(1935, 5, 1), "昭和10年5月日不詳", "1935年5月日不詳"),
        ("1980年3月日不詳", date(1980, 3, 1), "1980年3月日不詳", "1980年3月日不詳"),
        ("1980年月日不詳", date(1980, 1, 1), "1980年月日不詳", "1980年月日不詳"),
        # Clipped to the era's first day: 昭和元年 began on 12月25日.
        ("昭和元年月日不詳", date(1926, 12, 25), "昭和元年月日不詳", "1926年月日不詳"),
        ("昭和元年12月日不詳", date(1926, 12, 25), "昭和元年12月日不詳", "1926年12月日不詳"),
        ("平成元年月日不詳", date(1989, 1, 8), "平成元年月日不詳", "1989年月日不詳"),
        ("昭和64年月日不詳", date(1989, 1, 1), "昭和64年月日不詳", "1989年月日不詳"),
        ("明治6年月日不詳", date(1873, 1, 1), "明治6年月日不詳", "1873年月日不詳"),
        ("平成3年2月29日", date(1991, 2, 28), "平成3年2月29日", "1991年2月29日"),
        ("H3.2.29", date(1991, 2, 28), "平成3年2月29日", "1991年2月29日"),
        ("1991-02-29", date(1991, 2, 28), "1991年2月29日", "1991年2月29日"),
        ("明治45年7月30日", date(1912, 7, 30), "明治45年7月30日", "1912年7月30日"),
        ("M45.7.30", date(1912, 7, 30), "明治45年7月30日", "1912年7月30日"),
        ("大正15年12月25日", date(1926, 12, 25), "大正15年12月25日", "1926年12月25日"),
    ],
)
def test_parse_recorded_date_j80(text: str, sort_date: date, recorded: str, seireki: str) -> None:
    rd = parse_recorded_date(text)
    assert rd == RecordedDate(sort_date, recorded)
    assert not rd.is_exact
    assert format_recorded(rd) == recorded
    assert str(rd) == recorded
    assert format_recorded_seireki(rd) == seireki


def test_recorded_ordinary_date_has_no_text() -> None:
    rd = parse_recorded_date("R6.4.1")
    assert rd == RecordedDate(date(2024, 4, 1), "")
    assert rd.is_exact
    assert format_recorded(rd) == "令和6年4月1日"
    assert format_recorded_seireki(rd) == "2024年4月1日"
    # A leap-year 2月29日 is an ordinary date.
    assert parse_recorded_date("令和6年2月29日") == RecordedDate(date(2024, 2, 29))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("令和6年2月30日", "令和6年2月30日は存在しない日付です。"),
        ("平成3年4月31日", "平成3年4月31日は存在しない日付です。"),
        ("昭和10年13月日不詳", "昭和10年13月日不詳は存在しない日付です。"),
        ("昭和10年0月日不詳", "昭和10年0月日不詳は存在しない日付です。"),
        (
            "昭和64年1月9日",
            "昭和64年1月9日は昭和の期間外です（昭和は昭和元年12月25日から昭和64年1月7日まで）。",
        ),
        (
            "昭和65年月日不詳",
            "昭和65年月日不詳は昭和の期間外です（昭和は昭和元年12月25日から昭和64年1月7日まで）。",
        ),
        (
            "昭和元年11月日不詳",
            "昭和元年11月日不詳は昭和の期間外です（昭和は昭和元年12月25日から昭和64年1月7日まで）。",
        ),
        ("令和元年4月日不詳", "令和元年4月日不詳は令和の期間外です（令和は令和元年5月1日から）。"),
        (
            "明治5年月日不詳",
            "明治5年月日不詳は対応範囲外です（1873年（明治6年）1月1日より前の日付は扱えません）。",
        ),
        (
            "令和0年月日不詳",
            "令和0年月日不詳は存在しない日付です（令和の最初の年は令和元年です）。",
        ),
        # 「年月日不詳」 itself is a j80 form now (tests/test_recorded_dates.py); the
        # words without 不詳 are still no date.
        ("年月日", "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01"),
        ("昭和10年", "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01"),
    ],
)
def test_parse_recorded_date_rejects(text: str, message: str) -> None:
    with pytest.raises(WarekiError) as info:
        parse_recorded_date(text)
    assert str(info.value) == message


@given(supported_dates)
def test_recorded_accepts_everything_parse_date_accepts(d: date) -> None:
    for text in input_styles(d):
        assert parse_recorded_date(text) == RecordedDate(d, ""), text


@given(supported_dates)
def test_recorded_wording_reparses_to_itself(d: date) -> None:
    era, year = to_wareki_parts(d)
    for text in (f"{era.name}{year}年月日不詳", f"{era.name}{year}年{d.month}月日不詳"):
        rd = parse_recorded_date(text)
        assert rd.sort_date <= d
        assert parse_recorded_date(rd.text) == rd
        assert parse_recorded_date(format_recorded_seireki(rd)).sort_date.year == d.year


def test_format_recorded_seireki_keeps_unreadable_legacy_text() -> None:
    rd = RecordedDate(date(1935, 1, 1), "昭和十年頃")
    assert format_recorded(rd) == "昭和十年頃"
    assert format_recorded_seireki(rd) == "昭和十年頃"


def test_supported_range_constant() -> None:
    assert date(1873, 1, 1) == EARLIEST_SUPPORTED
