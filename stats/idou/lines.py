"""The lines of the 異動統計's tables, computed from a report (and, for the balance, the
populations of the period's two ends). Screens, CSV, PDF and ``manage.py idou`` share
them (stats.tables_idou)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..nikkei.periods import month_period
from .kubun import GEN, NAIBU, ZOU, Kubun
from .ledger import Cell
from .report import Counts, IdouReport, city_counts

MALE, FEMALE = "1", "2"
JAPANESE, FOREIGN = "1", "2"
SEX_LABELS = {MALE: "男", FEMALE: "女", "": "計"}

#: the columns of the balance (町字別・区別): the 区分 summed into a few
GROUPS: dict[str, tuple[str, tuple[Kubun, ...]]] = {
    "tennyu": ("転入", (Kubun.TENNYU_KENNAI, Kubun.TENNYU_KENGAI, Kubun.TENNYU_KOKUGAI)),
    "shussei": ("出生", (Kubun.SHUSSEI,)),
    "shokken_kisai": ("職権記載", (Kubun.SHOKKEN_KISAI,)),
    "sonota_kisai": ("その他の記載", (Kubun.SONOTA_KISAI,)),
    "naibu_zou": ("転居・区間転入", (Kubun.TENKYO_ZOU, Kubun.KUKAN_ZOU)),
    "tenshutsu": (
        "転出",
        (Kubun.TENSHUTSU_KENNAI, Kubun.TENSHUTSU_KENGAI, Kubun.TENSHUTSU_KOKUGAI),
    ),
    "shibou": ("死亡", (Kubun.SHIBOU,)),
    "shokken_shojo": ("職権消除", (Kubun.SHOKKEN_SHOJO,)),
    "sonota_shojo": ("その他の消除", (Kubun.SONOTA_SHOJO,)),
    "naibu_gen": ("転居・区間転出", (Kubun.TENKYO_GEN, Kubun.KUKAN_GEN)),
}
ZOU_GROUPS = ("tennyu", "shussei", "shokken_kisai", "sonota_kisai", "naibu_zou")
GEN_GROUPS = ("tenshutsu", "shibou", "shokken_shojo", "sonota_shojo", "naibu_gen")


@dataclass
class SummaryLine:
    """総括: one 区分 of the city (男, 女, 計, 日本人, 外国人)."""

    label: str
    male: int
    female: int
    total: int
    japanese: int
    foreign: int
    subtotal: bool = False


def _split(report: IdouReport, pick: Iterable[Kubun], city: bool = True) -> dict[str, int]:
    wanted = tuple(pick)
    found = {"male": 0, "female": 0, "total": 0, "japanese": 0, "foreign": 0}
    for cell, counts in report.cells.items():
        n = sum(counts[k] for k in wanted if not (city and k in NAIBU))
        found["total"] += n
        found["male" if cell.seibetsu == MALE else "female"] += n
        found["japanese" if cell.shubetsu == JAPANESE else "foreign"] += n
    return found


def _summary(label: str, found: dict[str, int], subtotal: bool = False) -> SummaryLine:
    return SummaryLine(
        label,
        male=found["male"],
        female=found["female"],
        total=found["total"],
        japanese=found["japanese"],
        foreign=found["foreign"],
        subtotal=subtotal,
    )


def summary_lines(report: IdouReport) -> list[SummaryLine]:
    """The city's 異動 by 区分 (the moves inside the city left out), 増計, 減計, 増減."""
    lines = [_summary(k.label, _split(report, (k,))) for k in (*ZOU, *GEN) if k not in NAIBU]
    zou = _split(report, ZOU)
    gen = _split(report, GEN)
    lines.append(_summary("増計", zou, subtotal=True))
    lines.append(_summary("減計", gen, subtotal=True))
    lines.append(_summary("増減", {k: zou[k] - gen[k] for k in zou}, subtotal=True))
    return lines


class _Grouped:
    """A line holding its 異動 by group (`groups`): 増計, 減計, and each group as an
    attribute ``g_<group>`` (the tables' accessors)."""

    groups: dict[str, int]

    @property
    def zou(self) -> int:
        return sum(self.groups.get(g, 0) for g in ZOU_GROUPS)

    @property
    def gen(self) -> int:
        return sum(self.groups.get(g, 0) for g in GEN_GROUPS)

    @property
    def zougen(self) -> int:
        return self.zou - self.gen

    def __getattr__(self, name: str) -> int:
        if name.startswith("g_"):
            return self.__dict__["groups"].get(name[2:], 0)
        raise AttributeError(name)


@dataclass
class BalanceLine(_Grouped):
    """One 町字 (or 区, or the city) and 性別: population at the start, the 異動 by group,
    population at the end. `ties`: start + 増 − 減 = end."""

    code: str
    name: str
    seibetsu: str
    start: int
    groups: dict[str, int] = field(default_factory=dict)
    end: int = 0
    subtotal: bool = False

    @property
    def sex(self) -> str:
        return SEX_LABELS[self.seibetsu]

    @property
    def ties(self) -> bool:
        return self.start + self.zou - self.gen == self.end


def _groups(counts: Counts, city: bool) -> dict[str, int]:
    return {
        key: sum(counts[k] for k in kubun if not (city and k in NAIBU))
        for key, (_, kubun) in GROUPS.items()
    }


def _by_sex(cells: Mapping[Cell, int], match: Iterable[Cell]) -> Counter[str]:
    found: Counter[str] = Counter()
    for cell in match:
        found[cell.seibetsu] += cells.get(cell, 0)
    return found


def balance_lines(
    report: IdouReport,
    start_population: Mapping[Cell, int],
    end_population: Mapping[Cell, int],
    names: Mapping[str, str],
    *,
    area_of: Mapping[str, str] | None = None,
    city: bool = False,
) -> list[BalanceLine]:
    """Per area (町字, or 区 through `area_of`: 町字コード → 区) and 性別 (男, 女, 計): the
    population the day before the period, its 異動, the population on its last day.
    `city` adds the city's lines (without the moves inside the city)."""
    area_of = area_of or {}
    cells = set(report.cells) | set(start_population) | set(end_population)
    by_area: dict[str, set[Cell]] = {}
    for cell in cells:
        by_area.setdefault(area_of.get(cell.chouaza_code, cell.chouaza_code), set()).add(cell)
    lines: list[BalanceLine] = []
    for area in sorted(by_area):
        lines.extend(_area_lines(report, start_population, end_population, area,
                                 names.get(area, area), by_area[area], city=False))  # fmt: skip
    if city:
        lines.extend(
            _area_lines(report, start_population, end_population, "", "合計", cells, city=True)
        )
    return lines


def _area_lines(
    report: IdouReport,
    start_population: Mapping[Cell, int],
    end_population: Mapping[Cell, int],
    code: str,
    name: str,
    cells: set[Cell],
    *,
    city: bool,
) -> list[BalanceLine]:
    starts = _by_sex(start_population, cells)
    ends = _by_sex(end_population, cells)
    lines = []
    for sex in (MALE, FEMALE, ""):
        picked = [c for c in cells if not sex or c.seibetsu == sex]
        counts = report.total(picked)
        lines.append(
            BalanceLine(
                code=code,
                name=name,
                seibetsu=sex,
                start=sum(starts.values()) if not sex else starts[sex],
                groups=_groups(counts, city),
                end=sum(ends.values()) if not sex else ends[sex],
                subtotal=not sex or city,
            )
        )
    return lines


@dataclass
class MonthLine(_Grouped):
    """月別 (a year's trend): the city's 異動 of one month."""

    month: datetime.date | None
    label: str
    groups: dict[str, int]
    tenkyo_sha: int
    subtotal: bool = False


def month_lines(report: IdouReport) -> list[MonthLine]:
    lines = [
        MonthLine(
            month,
            month_period(month.year, month.month).label,
            _groups(city_counts(counts), city=True),
            report.tenkyo.get(month, 0),
        )
        for month, counts in sorted(report.months.items())
    ]
    total = _groups(city_counts(report.total()), city=True)
    lines.append(MonthLine(None, "合計", total, report.tenkyo_sha, subtotal=True))
    return lines
