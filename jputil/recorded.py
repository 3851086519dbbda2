"""j80 recorded dates: register dates that are partly unknown or impossible as recorded.

住民記録システム標準仕様書 1.1.8 (j80): 生年月日, 住民となった/住所を定めた/外国人住民となった
年月日 and the 出生・死亡・失踪 異動日 accept, besides calendar dates, impossible dates as
given (2月29日 of a common year, 明治45年7月30日, 大正15年12月25日) and the 不詳日 forms;
a 不詳日 keeps an internal date beside its wording. 1.1.9 (j90): screens and certificates
print 和暦, except a foreign resident's 生年月日 (西暦).

The forms accepted and their internal date (ADR 0019): the internal date is always the
first day of the period the wording allows, clipped to the named era.

=====================================  ===================  ==========================
wording                                 period               internal date
=====================================  ===================  ==========================
年月日不詳 (年不詳)                      1873-01-01 onwards   1873-01-01
昭和年月日不詳 (昭和年不詳)              the era              the era's first day
昭和10年月日不詳                         the year             1月1日
昭和10年5月日不詳                        the month            the 1st
昭和10年頃 / 5月頃 / 5月3日頃            year / month / day   its first day
昭和10年推定 / 5月推定 / 5月3日推定      year / month / day   its first day
昭和10年5月上旬 / 中旬 / 下旬            1–10 / 11–20 / 21–末  1日 / 11日 / 21日
昭和10年春 / 夏 / 秋 / 冬                3–5 / 6–8 / 9–11月 /  3月1日 / 6月1日 / 9月1日 /
                                        12月–翌年2月          12月1日
昭和30年1月から3月まで (「〜」「~」)   first to last        the first's first day
=====================================  ===================  ==========================

A 頃 or 推定 may follow any of the forms with a known year (「昭和10年春頃」). The end of a
range may leave out what it shares with its start (「昭和30年1月1日から10日まで」).
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, replace
from datetime import date

from .wareki import (
    EARLIEST_SUPPORTED,
    UNPARSEABLE_MESSAGE,
    Era,
    WarekiError,
    _check_year,
    _era_range_text,
    _era_year_text,
    _Fields,
    _grammar,
    _next_era,
    _nonexistent,
    _normalize,
    _out_of_era,
    _scan,
    era_of,
    eras,
    to_seireki,
    to_wareki,
)

__all__ = [
    "RecordedDate",
    "format_recorded",
    "format_recorded_seireki",
    "format_recorded_wareki",
    "parse_recorded_date",
    "recorded_range",
]

#: the last day any period may reach (a 年月日不詳 has no end)
LATEST = date.max

#: 上旬・中旬・下旬: the first and last day of each third of a month
_JUN = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
#: 春夏秋冬: the first month of each season, three months long (冬 runs into the next year)
_SEASONS = {"春": 3, "夏": 6, "秋": 9, "冬": 12}
#: words that make a point 不詳 or approximate; 月日不詳/日不詳 only where they fit
_SUFFIXES = ("月日不詳", "日不詳", "頃", "推定")


@dataclass(frozen=True)
class RecordedDate:
    """A register date as recorded (住民記録システム標準仕様 j80).

    ``sort_date`` is a real calendar date used for ordering, age calculation
    and searching.  ``text`` is ``""`` for an ordinary date; otherwise it is the
    normalized recorded wording that must be printed instead of ``sort_date``,
    e.g. 「昭和10年月日不詳」, 「平成3年2月29日」, 「明治45年7月30日」.
    """

    sort_date: date
    text: str = ""

    @property
    def is_exact(self) -> bool:
        """True when this is an ordinary calendar date (``text`` is empty)."""
        return not self.text

    def __str__(self) -> str:
        return format_recorded(self)


# --------------------------------------------------------------------------- the 不詳 grammar


@dataclass(frozen=True)
class _Point:
    """One end of a 不詳 period: a year and maybe a month, a day, a 旬 or a season.

    ``year_written``/``month_written`` are False on a range's end that shares them
    with its start (「…から3月まで」), so the wording keeps what was written.
    """

    era: Era | None
    year: int
    month: int | None = None
    day: int | None = None
    part: str = ""
    year_written: bool = True
    month_written: bool = True

    @property
    def gregorian_year(self) -> int:
        return self.year if self.era is None else self.era.gregorian_year(self.year)

    def wording(self) -> str:
        text = ""
        if self.year_written:
            text = f"{self.year}年" if self.era is None else _era_year_text(self.era, self.year)
        if self.month is not None and self.month_written:
            text += f"{self.month}月"
        if self.day is not None:
            text += f"{self.day}日"
        return text + self.part

    def span(self, whole: str) -> tuple[date, date]:
        """The first and last day this point allows, clipped to its era."""
        year = self.gregorian_year
        if self.era is not None and self.year == 0:
            raise WarekiError(
                f"{whole}は存在しない日付です（{self.era.name}の最初の年は{self.era.name}元年です）。",
                "nonexistent",
            )
        if year < EARLIEST_SUPPORTED.year:
            raise WarekiError(
                f"{whole}は対応範囲外です（1873年（明治6年）1月1日より前の日付は扱えません）。",
                "unsupported",
            )
        try:
            first, last = self._gregorian_span(year, whole)
        except ValueError:  # beyond the year 9999
            raise WarekiError(f"{whole}は存在しない日付です。", "nonexistent") from None
        return _clip_to_era(first, last, self.era, whole)

    def _gregorian_span(self, year: int, whole: str) -> tuple[date, date]:
        if self.part in _SEASONS:
            first = date(year, _SEASONS[self.part], 1)
            end_year, end_month = (year + 1, 2) if self.part == "冬" else (year, first.month + 2)
            last = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        elif self.month is None:
            first, last = date(year, 1, 1), date(year, 12, 31)
        else:
            if not 1 <= self.month <= 12:
                raise WarekiError(f"{whole}は存在しない日付です。", "nonexistent")
            month_end = calendar.monthrange(year, self.month)[1]
            if self.day is not None:
                if not 1 <= self.day <= month_end:
                    raise WarekiError(f"{whole}は存在しない日付です。", "nonexistent")
                first = last = date(year, self.month, self.day)
            elif self.part:
                low, high = _JUN[self.part]
                first, last = (
                    date(year, self.month, low),
                    date(year, self.month, min(high, month_end)),
                )
            else:
                first, last = date(year, self.month, 1), date(year, self.month, month_end)
        return first, last

    def in_era(self, era: Era | None, *, written: bool = True) -> _Point:
        """The same point with its year written in ``era`` (None: 西暦)."""
        year = self.gregorian_year
        shown = self.year_written or written
        return replace(
            self,
            era=era,
            year=year if era is None else year - era.start.year + 1,
            year_written=shown,
            # a year written again brings its month (「平成元年3月」, not 「平成元年」+「10日」)
            month_written=self.month_written or (shown and not self.year_written),
        )


def _clip_to_era(first: date, last: date, era: Era | None, whole: str) -> tuple[date, date]:
    if era is not None:
        if last < era.start or (era.end is not None and first > era.end):
            raise WarekiError(
                f"{whole}は{era.name}の期間外です（{_era_range_text(era)}）。", "out_of_era"
            )
        first = max(first, era.start)
        last = last if era.end is None else min(last, era.end)
    return first, last


@dataclass(frozen=True)
class _Form:
    """A 不詳 wording read: a point (with a suffix), a range, or nothing known."""

    start: _Point | None  # None: 年月日不詳 (in ``era`` when one is named)
    era: Era | None = None
    suffix: str = ""
    end: _Point | None = None

    def wording(self) -> str:
        if self.start is None:
            return f"{self.era.name if self.era else ''}年月日不詳"
        if self.end is not None:
            return f"{self.start.wording()}から{self.end.wording()}まで"
        return self.start.wording() + self.suffix

    def span(self) -> tuple[date, date]:
        whole = self.wording()
        if self.start is None:
            era = self.era
            if era is None:
                return EARLIEST_SUPPORTED, LATEST
            return max(era.start, EARLIEST_SUPPORTED), era.end or LATEST
        first, last = self.start.span(whole)
        if self.end is not None:
            _end_first, last = self.end.span(whole)
            if last < first:
                raise WarekiError(f"{whole}は始まりが終わりより後になっています。", "invalid")
        return first, last

    def recorded(self) -> RecordedDate:
        return RecordedDate(self.span()[0], self.wording())

    def converted(self, to_era: bool) -> _Form:
        """The wording in 和暦 (``to_era``) or in 西暦; 年月日不詳 stays as it is."""
        if self.start is None:
            return self
        whole = self.wording()
        if to_era and self.start.era is not None:
            start_era: Era | None = self.start.era  # already 和暦: kept as written
            start = self.start
        else:
            start_era = era_of(self.start.span(whole)[0]) if to_era else None
            start = self.start.in_era(start_era)
        end = self.end
        if end is not None and (end.era is None) == to_era:
            # The era in which the end's period ends: 「1989年1月8日から1月まで」 ends in
            # 平成元年1月 (its first days were 昭和64年). An end that shared its year
            # with the start writes it once the eras differ (「1989年1月から3月まで」 is
            # 昭和64年1月 to 平成元年3月).
            end_era = era_of(end.span(whole)[1]) if to_era else None
            end = end.in_era(end_era, written=end_era is not start_era)
        return replace(self, start=start, end=end)


def _point_re(p: str, era_re: str, *, optional_year: bool) -> str:
    year = f"(?:(?P<{p}era>{era_re})(?P<{p}ey>元|[0-9]{{1,3}})|(?:西暦)?(?P<{p}sy>[0-9]{{4}}))年"
    body = (
        f"(?:(?:(?P<{p}m>[0-9]{{1,2}})月)?(?:(?P<{p}d>[0-9]{{1,2}})日|(?P<{p}jun>上旬|中旬|下旬))?"
        f"|(?P<{p}season>[春夏秋冬]))"
    )
    return f"(?:{year})?{body}" if optional_year else f"{year}{body}"


@functools.cache
def _fushou_patterns(
    table: tuple[Era, ...],
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    tokens = _grammar(table).tokens
    era_re = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
    unknown = re.compile(f"(?P<era>{era_re})?年(?:月日)?不詳")
    point = re.compile(
        _point_re("s", era_re, optional_year=False) + f"(?P<suffix>{'|'.join(_SUFFIXES)})?"
    )
    span = re.compile(
        _point_re("s", era_re, optional_year=False)
        + "(?:から(?P<e1>"
        + _point_re("e", era_re, optional_year=True)
        + ")(?:まで)?|[~〜](?P<e2>"
        + _point_re("e", era_re, optional_year=True).replace("(?P<e", "(?P<f")
        + ")(?:まで)?)"
    )
    return unknown, point, span


def _read_point(groups: dict[str, str | None], p: str, start: _Point | None) -> _Point | None:
    """The point the groups prefixed ``p`` hold; an end inherits what it leaves out."""
    tokens = _grammar(eras()).tokens
    era_token, era_year, year4 = groups[f"{p}era"], groups[f"{p}ey"], groups[f"{p}sy"]
    month_text, day_text = groups[f"{p}m"], groups[f"{p}d"]
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    part = groups[f"{p}jun"] or groups[f"{p}season"] or ""
    if era_token:
        point = _Point(tokens[era_token], 1 if era_year == "元" else int(era_year or 0))
    elif year4:
        point = _Point(None, int(year4))
    elif start is not None and (month is not None or day is not None or part):
        point = replace(start, month=None, day=None, part="", year_written=False)
        if month is None and not part and start.month is not None:
            # 「1月1日から10日まで」: the day shares the start's month.
            point = replace(point, month=start.month, month_written=False)
    else:
        return None
    if (day is not None or part in _JUN) and point.month is None and month is None:
        return None  # a day or a 旬 needs its month
    if month is not None:
        point = replace(point, month=month, month_written=True)
    return replace(point, day=day, part=part)


def _scan_fushou(text: str) -> _Form:
    """Read a 不詳 wording (see the table above); :class:`WarekiError` otherwise."""
    normalized = _normalize(text)
    unknown, point_re, span_re = _fushou_patterns(eras())
    tokens = _grammar(eras()).tokens
    if m := unknown.fullmatch(normalized):
        return _Form(None, era=tokens[m["era"]] if m["era"] else None)
    if m := point_re.fullmatch(normalized):
        groups = m.groupdict()
        point = _read_point(groups, "s", None)
        suffix = groups["suffix"] or ""
        if point is not None and _suffix_fits(point, suffix):
            return _Form(point, suffix=suffix)
    if m := span_re.fullmatch(normalized):
        groups = m.groupdict()
        start = _read_point(groups, "s", None)
        end_prefix = "e" if groups["e1"] is not None else "f"
        end = _read_point(groups, end_prefix, start)
        if start is not None and end is not None:
            return _Form(start, end=end)
    raise WarekiError(UNPARSEABLE_MESSAGE, "invalid")


def _suffix_fits(point: _Point, suffix: str) -> bool:
    if suffix == "月日不詳":
        return point.month is None and not point.part
    if suffix == "日不詳":
        return point.month is not None and point.day is None and not point.part
    if suffix:  # 頃, 推定
        return True
    # A bare 年 or 年月 is not a date (it may be a typing slip); a 旬 or season is.
    return bool(point.part)


# --------------------------------------------------------------------------- parsing


def _recorded_partial(fields: _Fields) -> RecordedDate:
    """年のみ / 年月のみ: sort on the first day of the known period inside the era."""
    year = fields.gregorian_year
    if fields.month is None:
        first, last = date(year, 1, 1), date(year, 12, 31)
    else:
        if not 1 <= fields.month <= 12:
            raise _nonexistent(fields)
        first = date(year, fields.month, 1)
        last = date(year, fields.month, calendar.monthrange(year, fields.month)[1])
    era = fields.era
    if era is not None:
        if last < era.start or (era.end is not None and first > era.end):
            raise _out_of_era(fields, era)
        # 昭和元年月日不詳 begins 1926-12-25, not on 大正15年1月1日.
        first = max(first, era.start)
    return RecordedDate(first, fields.wording())


def parse_recorded_date(text: str) -> RecordedDate:
    """Parse a register date that may be partly unknown or impossible as recorded.

    Accepts everything :func:`parse_date` accepts (giving ``text=""``) plus:

    * the 不詳 forms of the module's table (年月日不詳, 月日不詳, 日不詳, 頃, 推定, 旬,
      季節, ranges), each with its internal date: 「昭和10年月日不詳」 -> sort
      1935-01-01, 「1980年3月日不詳」 -> 1980-03-01 (clipped to the era's first day,
      e.g. 「昭和元年月日不詳」 -> 1926-12-25);
    * 2月29日 of a common year: 「平成3年2月29日」 -> sort 1991-02-28;
    * an era's first day written in the previous era: 「明治45年7月30日」 ->
      sort 1912-07-30, 「大正15年12月25日」 -> 1926-12-25.  This is applied to
      every era change in the table, so 「昭和64年1月8日」 is accepted here too.

    Any other impossible date (2月30日, 13月) still raises :class:`WarekiError`,
    the only exception this raises.  The returned ``text`` keeps the notation that
    was written (和暦 or 西暦); :func:`format_recorded_wareki` prints it in 和暦.
    """
    try:
        fields = _scan(text)
    except WarekiError as exc:
        if exc.code != "invalid":
            raise
        try:
            form = _scan_fushou(text)
        except WarekiError:
            raise exc from None
        return form.recorded()
    _check_year(fields)
    if fields.month is None or fields.day is None:
        return _recorded_partial(fields)
    try:
        actual = date(fields.gregorian_year, fields.month, fields.day)
        wording = ""
    except ValueError:
        if not (fields.month == 2 and fields.day == 29):
            raise _nonexistent(fields) from None
        actual = date(fields.gregorian_year, 2, 28)
        wording = fields.wording()
    if actual < EARLIEST_SUPPORTED:
        raise WarekiError(
            f"{fields.wording()}は対応範囲外です（1873年（明治6年）1月1日より前の日付は扱えません）。",
            "unsupported",
        )
    era = fields.era
    if era is not None and not era.contains(actual):
        following = _next_era(era)
        if following is None or actual != following.start or not following.first_day_shared:
            raise _out_of_era(fields, era)
        wording = fields.wording()
    return RecordedDate(actual, wording)


def recorded_range(rd: RecordedDate) -> tuple[date, date]:
    """The first and last day the recorded wording allows (``date.max``: no end).

    An ordinary or impossible-as-recorded date is its own one-day period.
    """
    if rd.text:
        try:
            return _scan_fushou(rd.text).span()
        except WarekiError:
            pass  # not a 不詳 wording (a plain or legacy one): a one-day period
    return rd.sort_date, rd.sort_date


# --------------------------------------------------------------------------- printing


def format_recorded(rd: RecordedDate) -> str:
    """The recorded wording if any, else :func:`to_wareki` (see :func:`format_recorded_wareki`)."""
    return rd.text or to_wareki(rd.sort_date)


def _converted(rd: RecordedDate, *, to_era: bool) -> str | None:
    """The wording in 和暦 or 西暦; None when this module cannot read it."""
    try:
        fields = _scan(rd.text)
    except WarekiError:
        try:
            return _scan_fushou(rd.text).converted(to_era).wording()
        except WarekiError:
            return None
    if not to_era:
        return fields.in_seireki().wording()
    if fields.era is not None:
        return fields.wording()
    # A 西暦 wording (「1991年2月29日」) takes the era of its internal date, which
    # lies in the written year: 平成3年2月29日.
    era = era_of(rd.sort_date)
    return replace(fields, era=era, year=fields.year - era.start.year + 1).wording()


def format_recorded_wareki(rd: RecordedDate) -> str:
    """和暦 display (j90): a wording typed in 西暦 is printed in 和暦.

    「1991年2月29日」 -> 「平成3年2月29日」, 「1980年3月上旬」 -> 「昭和55年3月上旬」.
    A wording this module cannot read (legacy data) is returned unchanged.
    """
    if not rd.text:
        return to_wareki(rd.sort_date)
    try:
        converted = _converted(rd, to_era=True)
    except WarekiError:  # a stored internal date before 1873 has no era
        converted = None
    return rd.text if converted is None else converted


def format_recorded_seireki(rd: RecordedDate) -> str:
    """西暦 display: 「1935年月日不詳」, 「1991年2月29日」, else :func:`to_seireki`.

    A wording this module cannot read (e.g. legacy data) is returned unchanged.
    """
    if not rd.text:
        return to_seireki(rd.sort_date)
    converted = _converted(rd, to_era=False)
    return rd.text if converted is None else converted
