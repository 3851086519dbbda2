"""和暦 (Japanese era calendar): formatting, parsing and j80 "recorded" dates.

The era table lives in ``jputil/data/eras.json`` as data; a new era needs one new
line there and no code change.  Everything here is pure Python (no Django).

Supported range
---------------
Japan adopted the Gregorian calendar on 明治6年1月1日 (1873-01-01).  Earlier
明治 dates were written in the lunisolar calendar, so a Gregorian date before
1873 has no honest 和暦 spelling (1868-10-23 was 明治元年9月8日, not 10月23日).
Both directions therefore refuse dates before :data:`EARLIEST_SUPPORTED`.

Public API
----------
* :class:`Era`, :func:`eras`, :func:`load_eras`, :func:`era_of`
* :func:`to_wareki`, :func:`to_wareki_parts`, :func:`to_seireki`
* :func:`parse_date` (strict) raising :class:`WarekiError`
* :class:`RecordedDate`, :func:`parse_recorded_date`, :func:`format_recorded`,
  :func:`format_recorded_wareki`, :func:`format_recorded_seireki`,
  :func:`recorded_range` (住民記録システム標準仕様 j80: dates that are partly unknown
  or impossible as recorded; defined in :mod:`jputil.recorded`)
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

__all__ = [
    "EARLIEST_SUPPORTED",
    "Era",
    "RecordedDate",
    "WarekiError",
    "era_of",
    "eras",
    "format_recorded",
    "format_recorded_seireki",
    "format_recorded_wareki",
    "load_eras",
    "parse_date",
    "parse_recorded_date",
    "recorded_range",
    "to_seireki",
    "to_wareki",
    "to_wareki_parts",
]

#: First date this module converts: the day the Gregorian calendar took effect
#: (明治5年12月3日 of the old calendar became 明治6年1月1日).
EARLIEST_SUPPORTED = date(1873, 1, 1)

ERAS_JSON = Path(__file__).resolve().parent / "data" / "eras.json"

UNPARSEABLE_MESSAGE = "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01"


class WarekiError(ValueError):
    """A date could not be parsed or converted; ``str(err)`` is a Japanese message.

    ``code`` is a short machine-readable reason, used as the Django
    ``ValidationError`` code: ``"empty"``, ``"invalid"``, ``"nonexistent"``,
    ``"out_of_era"``, ``"unsupported"``, ``"partial"``.
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Era:
    """One 元号.  ``end`` is the last day of the era, ``None`` for the current one."""

    name: str
    letter: str
    start: date
    end: date | None
    #: The era began on the day of the demise, so that day was also written in the
    #: previous era (明治45年7月30日, 大正15年12月25日: j80). Not so for 平成 and 令和,
    #: which began the next day: 昭和64年1月8日 never existed.
    first_day_shared: bool = False

    def contains(self, d: date) -> bool:
        """True if ``d`` falls within this era (both ends inclusive)."""
        return self.start <= d and (self.end is None or d <= self.end)

    def gregorian_year(self, era_year: int) -> int:
        """The Gregorian year of ``era_year`` (1 = 元年) of this era."""
        return self.start.year + era_year - 1


# --------------------------------------------------------------------------- era table


def load_eras(raw: str) -> tuple[Era, ...]:
    """Build the era table from JSON text (a list of ``{name, letter, start}``).

    Entries are sorted by start date and each ``end`` is the day before the next
    start.  The table is validated because a typo in a new line would otherwise
    silently misdate every later record.
    """
    items = json.loads(raw)
    if not isinstance(items, list) or not items:
        raise ValueError("eras.json must be a non-empty JSON list")
    rows: list[tuple[date, str, str]] = []
    shared: set[str] = set()
    for item in items:
        name, letter, start = item["name"], item["letter"], item["start"]
        if item.get("first_day_shared"):
            shared.add(name)
        if not (isinstance(name, str) and name):
            raise ValueError(f"era name must be a non-empty string: {item!r}")
        if not (isinstance(letter, str) and re.fullmatch(r"[A-Z]", letter)):
            raise ValueError(f"era letter must be one ASCII capital letter: {item!r}")
        rows.append((date.fromisoformat(start), name, letter))
    rows.sort()
    for field_index, what in ((0, "start"), (1, "name"), (2, "letter")):
        values = [row[field_index] for row in rows]
        if len(set(values)) != len(values):
            raise ValueError(f"duplicate era {what} in eras.json")
    result: list[Era] = []
    for i, (start, name, letter) in enumerate(rows):
        end = rows[i + 1][0] - timedelta(days=1) if i + 1 < len(rows) else None
        result.append(
            Era(name=name, letter=letter, start=start, end=end, first_day_shared=name in shared)
        )
    return tuple(result)


@functools.cache
def eras() -> tuple[Era, ...]:
    """The era table from ``jputil/data/eras.json``, oldest first (read once)."""
    return load_eras(ERAS_JSON.read_text(encoding="utf-8"))


def _as_date(d: date) -> date:
    # datetime is a subclass of date but refuses to compare with one, so a
    # datetime slipping in would raise TypeError deep inside the era lookup.
    return d.date() if isinstance(d, datetime) else d


def _unsupported(wording: str) -> WarekiError:
    return WarekiError(
        f"{wording}は対応範囲外です（1873年（明治6年）1月1日より前の日付は扱えません）。",
        "unsupported",
    )


def era_of(d: date) -> Era:
    """The era containing ``d``; :class:`WarekiError` before 1873-01-01."""
    d = _as_date(d)
    if d < EARLIEST_SUPPORTED:
        raise _unsupported(to_seireki(d))
    for era in reversed(eras()):
        if era.start <= d:
            return era
    # Only reachable if eras.json starts after 1873.
    raise WarekiError(f"{to_seireki(d)}に対応する元号がありません。", "unsupported")


# --------------------------------------------------------------------------- formatting


def _era_year_text(era: Era, era_year: int) -> str:
    return f"{era.name}{'元' if era_year == 1 else era_year}年"


def _format_in_era(era: Era, d: date) -> str:
    return f"{_era_year_text(era, d.year - era.start.year + 1)}{d.month}月{d.day}日"


def to_wareki_parts(d: date) -> tuple[Era, int]:
    """``(era, era_year)`` for ``d``; era year 1 is 元年."""
    era = era_of(d)
    return era, d.year - era.start.year + 1


def to_wareki(d: date) -> str:
    """``date(2024, 4, 1)`` -> ``"令和6年4月1日"``; the first year prints as 元年.

    Raises :class:`WarekiError` for dates before 1873-01-01.
    """
    d = _as_date(d)
    return _format_in_era(era_of(d), d)


def to_seireki(d: date) -> str:
    """``date(2024, 4, 1)`` -> ``"2024年4月1日"``."""
    return f"{d.year}年{d.month}月{d.day}日"


def _era_range_text(era: Era) -> str:
    # 明治's true start is before the Gregorian calendar, where _format_in_era
    # would print a wrong day; the lower bound is reported by its own error.
    parts = []
    if era.start >= EARLIEST_SUPPORTED:
        parts.append(f"{_format_in_era(era, era.start)}から")
    if era.end is not None:
        parts.append(f"{_format_in_era(era, era.end)}まで")
    return f"{era.name}は{''.join(parts)}"


# --------------------------------------------------------------------------- parsing

# Dash look-alikes NFKC leaves alone; "ー" is what a Japanese IME types for "-".
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ー", "-"))
_WHITESPACE = re.compile(r"\s+")


def _normalize(text: str) -> str:
    # NFKC folds full-width digits/letters/punctuation and the squared era
    # characters (㍻ -> 平成, ㋿ -> 令和) to their plain forms.
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return _WHITESPACE.sub("", text).upper()


@dataclass(frozen=True)
class _Fields:
    """What the text said, before any calendar validation.

    ``era`` None means 西暦.  ``month``/``day`` None mean 不詳.
    """

    era: Era | None
    year: int
    month: int | None
    day: int | None

    @property
    def gregorian_year(self) -> int:
        return self.year if self.era is None else self.era.gregorian_year(self.year)

    def wording(self) -> str:
        """The normalized written form, e.g. 「昭和10年5月日不詳」「1991年2月29日」."""
        text = f"{self.year}年" if self.era is None else _era_year_text(self.era, self.year)
        if self.month is None:
            return f"{text}月日不詳"
        if self.day is None:
            return f"{text}{self.month}月日不詳"
        return f"{text}{self.month}月{self.day}日"

    def in_seireki(self) -> _Fields:
        return _Fields(None, self.gregorian_year, self.month, self.day)


@dataclass(frozen=True)
class _Grammar:
    tokens: dict[str, Era]
    patterns: tuple[re.Pattern[str], ...]


# Year/month/day groups shared by the 和暦 and 西暦 "年月日" spellings; the
# 不詳 alternatives are recognised here and refused later by parse_date.
_YMD_KANJI = r"年(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日|日不詳)|月日不詳)"
_MD_SEP = r"(?P<sep>[./-])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
_MD_COMPACT = r"(?P<month>[0-9]{2})(?P<day>[0-9]{2})"


@functools.cache
def _grammar(table: tuple[Era, ...]) -> _Grammar:
    """Regexes for an era table (cached per table, so tests may swap tables)."""
    tokens: dict[str, Era] = {}
    for era in table:
        tokens[era.name] = era
        tokens[era.letter] = era
    # One-character abbreviations (令6.4.1) only where unambiguous, so a future
    # era sharing a first character with an old one cannot be misread.
    firsts = [era.name[0] for era in table]
    for era in table:
        if firsts.count(era.name[0]) == 1:
            tokens.setdefault(era.name[0], era)
    # Longest first so 「令和」 wins over 「令」.
    alternatives = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
    era_re = f"(?P<era>{alternatives})"
    year_re = "(?P<year>元|[0-9]{1,3})"
    seireki_re = "(?:西暦)?(?P<year>[0-9]{4})"
    patterns = (
        era_re + year_re + _YMD_KANJI,
        era_re + year_re + _MD_SEP,
        era_re + "(?P<year>[0-9]{2})" + _MD_COMPACT,
        seireki_re + _YMD_KANJI,
        seireki_re + _MD_SEP,
        seireki_re + _MD_COMPACT,
    )
    return _Grammar(tokens, tuple(re.compile(p) for p in patterns))


def _scan(text: str) -> _Fields:
    """Recognise the notation of ``text``; no calendar checks yet."""
    normalized = _normalize(text)
    if not normalized:
        raise WarekiError("日付が入力されていません。", "empty")
    grammar = _grammar(eras())
    for pattern in grammar.patterns:
        m = pattern.fullmatch(normalized)
        if m is None:
            continue
        groups = m.groupdict()
        era = grammar.tokens[groups["era"]] if groups.get("era") else None
        year = 1 if groups["year"] == "元" else int(groups["year"])
        month = int(groups["month"]) if groups["month"] else None
        day = int(groups["day"]) if groups["day"] else None
        return _Fields(era, year, month, day)
    raise WarekiError(UNPARSEABLE_MESSAGE, "invalid")


def _check_year(fields: _Fields) -> None:
    if fields.era is not None and fields.year == 0:
        raise WarekiError(
            f"{fields.wording()}は存在しない日付です（{fields.era.name}の最初の年は"
            f"{fields.era.name}元年です）。",
            "nonexistent",
        )
    if fields.gregorian_year < EARLIEST_SUPPORTED.year:
        raise _unsupported(fields.wording())


def _nonexistent(fields: _Fields) -> WarekiError:
    return WarekiError(f"{fields.wording()}は存在しない日付です。", "nonexistent")


def _out_of_era(fields: _Fields, era: Era) -> WarekiError:
    return WarekiError(
        f"{fields.wording()}は{era.name}の期間外です（{_era_range_text(era)}）。", "out_of_era"
    )


def _next_era(era: Era) -> Era | None:
    table = eras()
    i = table.index(era)
    return table[i + 1] if i + 1 < len(table) else None


def parse_date(text: str) -> date:
    """Parse a date typed at the counter, in 和暦 or 西暦.

    Accepted (after NFKC normalization, so full-width input works, and with all
    whitespace removed; era letters are case-insensitive):

    * 「令和6年4月1日」「令和元年5月1日」「R6年4月1日」「令6年4月1日」
    * 「R6.4.1」「R06.04.01」「R6/4/1」「R6-4-1」「令和6.4.1」「令6.4.1」
    * 「R060401」 (era letter + YYMMDD)
    * 「2024年4月1日」「2024-04-01」「2024/4/1」「2024.4.1」「20240401」

    Raises :class:`WarekiError` (a ``ValueError``) with a Japanese message for
    unreadable text, impossible dates, dates outside the named era (the message
    states the era's range) and dates before 1873-01-01.
    """
    fields = _scan(text)
    if fields.month is None or fields.day is None:
        raise WarekiError(
            f"{fields.wording()}のように一部が不詳の日付は、この項目には入力できません。", "partial"
        )
    _check_year(fields)
    try:
        result = date(fields.gregorian_year, fields.month, fields.day)
    except ValueError:
        raise _nonexistent(fields) from None
    if result < EARLIEST_SUPPORTED:
        raise _unsupported(fields.wording())
    if fields.era is not None and not fields.era.contains(result):
        raise _out_of_era(fields, fields.era)
    return result


# --------------------------------------------------------------------------- j80 recorded dates

# The j80 recorded dates live in their own module, which builds on the parser above;
# they are re-exported here because every caller knows them as ``wareki.*``.
from .recorded import (  # noqa: E402
    RecordedDate,
    format_recorded,
    format_recorded_seireki,
    format_recorded_wareki,
    parse_recorded_date,
    recorded_range,
)
