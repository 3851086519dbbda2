"""The tables of the 人口統計 as of a day (screens, CSV and PDF share them), from S1's
stats.jinko: persons by 住民種別, 町字, 行政区, 5歳階級, single years of age, 国籍・地域
and 在留資格, each by 性別; households by 町字 and by 世帯の種別."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import django_tables2 as tables

from counter.tables import StaffTable

from .jinko import SETAI_SHUBETSU, SHUBETSU, TOP_BAND
from .tables_nikkei import CountColumn

MALE, FEMALE = "1", "2"


@dataclass
class PersonLine:
    """One line: a 町字, an age band … with its persons by 性別 (and households)."""

    code: str
    label: str
    male: int = 0
    female: int = 0
    setai: int | None = None
    subtotal: bool = False

    @property
    def total(self) -> int:
        return self.male + self.female


def person_lines(
    counts: Mapping[tuple[Any, ...], int],
    *,
    label: Callable[[Any], str] = str,
    order: Callable[[Any], Any] = str,
    setai: Mapping[Any, int] | None = None,
    total: bool = True,
) -> list[PersonLine]:
    """Lines from counts keyed (key, 性別), ordered by `order`, then the 計 line."""
    by_key: dict[Any, Counter[str]] = defaultdict(Counter)
    for (key, sex), n in counts.items():
        by_key[key][sex] += n
    for key in setai or {}:
        by_key.setdefault(key, Counter())
    lines = [
        PersonLine(
            str(key),
            label(key),
            by_key[key][MALE],
            by_key[key][FEMALE],
            None if setai is None else setai.get(key, 0),
        )
        for key in sorted(by_key, key=order)
    ]
    if total:
        lines.append(
            PersonLine(
                "",
                "計",
                sum(line.male for line in lines),
                sum(line.female for line in lines),
                None if setai is None else sum(setai.values()),
                subtotal=True,
            )
        )
    return lines


def band_label(first: int) -> str:
    return f"{first}歳以上" if first >= TOP_BAND else f"{first}〜{first + 4}歳"


def bands_of(ages: Mapping[tuple[Any, ...], int]) -> dict[tuple[Any, ...], int]:
    """(年齢, 性別) → (5歳階級, 性別); every band up to the top present."""
    bands: dict[tuple[Any, ...], int] = {
        (first, sex): 0 for first in range(0, TOP_BAND + 1, 5) for sex in (MALE, FEMALE)
    }
    for (age, sex), n in ages.items():
        bands[(min(int(age) // 5 * 5, TOP_BAND), sex)] += n
    return bands


def shubetsu_label(code: Any) -> str:
    return SHUBETSU.get(str(code), str(code))


def setai_label(code: Any) -> str:
    return SETAI_SHUBETSU.get(str(code), str(code))


def _row_class(record: Any) -> str:
    return "subtotal" if getattr(record, "subtotal", False) else ""


class PersonTable(StaffTable):
    """Persons by 性別 (and households when counted)."""

    code = tables.Column("コード", orderable=False)
    label = tables.Column("区分", orderable=False)
    male = CountColumn("男")
    female = CountColumn("女")
    total = CountColumn("計")
    setai = CountColumn("世帯数")

    class Meta(StaffTable.Meta):
        orderable = False
        row_attrs = {"class": _row_class}  # noqa: RUF012 - django-tables2's Meta

    def __init__(
        self, data: Any, *, heading: str = "区分", code: bool = False, setai: bool = False
    ) -> None:
        exclude = [name for name, shown in (("code", code), ("setai", setai)) if not shown]
        super().__init__(data, exclude=exclude)
        self.columns["label"].column.verbose_name = heading


class SetaiTable(StaffTable):
    """世帯数 by 世帯の種別 (日本人住民世帯・外国人住民世帯・複数国籍世帯)."""

    label = tables.Column("世帯の種別", orderable=False)
    setai = CountColumn("世帯数")

    class Meta(StaffTable.Meta):
        orderable = False
        row_attrs = {"class": _row_class}  # noqa: RUF012 - django-tables2's Meta
