"""The 人口統計 as tables (a title, a header, rows): by 町字 on a day, by age, by 国籍・地域
and 在留資格. The 住民基本台帳関係年報's own tables are in ``nenpo``; CSV in ``export``."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from juki.models import Chouaza

from .query import SEIBETSU, SETAI_SHUBETSU, TOP_BAND, jinko, setai_su

Cell = str | int


@dataclass(frozen=True)
class Hyo:
    """One table: what it is, its column names and its rows (the last may be a total)."""

    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


#: 日本人住民, 外国人住民, then both: each 男, 女, 計
PERSON_COLUMNS = tuple(
    f"{who}{sex}" for who in ("日本人", "外国人", "総数") for sex in (*SEIBETSU.values(), "計")
)
SETAI_COLUMNS = (*(f"世帯数（{label}）" for label in SETAI_SHUBETSU.values()), "世帯数（計）")


def _persons(counts: dict[tuple[str, str], int]) -> tuple[int, ...]:
    """(住民種別, 性別) counts as the nine figures of ``PERSON_COLUMNS``."""
    out: list[int] = []
    for kinds in (("1",), ("2",), ("1", "2")):
        by_sex = [sum(counts.get((k, s), 0) for k in kinds) for s in SEIBETSU]
        out += [*by_sex, sum(by_sex)]
    return tuple(out)


def _setai(counts: dict[str, int]) -> tuple[int, ...]:
    figures = [counts.get(k, 0) for k in SETAI_SHUBETSU]
    return (*figures, sum(figures))


def band_label(age: int, width: int = 5) -> str:
    if age >= TOP_BAND:
        return f"{TOP_BAND}歳以上"
    return f"{age}歳" if width == 1 else f"{age}〜{age + width - 1}歳"


def chouaza_hyo(day: datetime.date) -> Hyo:
    """人口・世帯数 by 町字 at the end of ``day``, with the total last."""
    persons = jinko(day, by=("chouaza", "shubetsu", "seibetsu"))
    setai = setai_su(day, by=("chouaza", "setai_shubetsu"))
    codes = sorted({k[0] for k in persons.counts} | {k[0] for k in setai.counts})
    names = dict(Chouaza.objects.filter(code__in=codes).values_list("code", "name"))
    rows: list[tuple[Cell, ...]] = []
    for code in codes:
        p = {(k, s): n for (c, k, s), n in persons.counts.items() if c == code}
        h = {k: n for (c, k), n in setai.counts.items() if c == code}
        rows.append((code, names.get(code, ""), *_persons(p), *_setai(h)))
    rows.append(
        (
            "",
            "合計",
            *_persons(persons.by("shubetsu", "seibetsu")),
            *_setai({k: n for (k,), n in setai.by("setai_shubetsu").items()}),
        )
    )
    header = ("町字コード", "町字", *PERSON_COLUMNS, *SETAI_COLUMNS)
    return Hyo(f"町字別人口・世帯数（{day.isoformat()}）", header, rows)


def nenrei_hyo(day: datetime.date, *, width: int = 5, title: str = "") -> Hyo:
    """Persons by age (5-year bands, or single years with ``width=1``) up to 「100歳以上」."""
    axis = "nenrei5" if width == 5 else "nenrei"
    counts = jinko(day, by=(axis, "shubetsu", "seibetsu")).counts  # type: ignore[arg-type]
    top = TOP_BAND
    ages = [*range(0, top, width), top]
    rows: list[tuple[Cell, ...]] = []
    for age in ages:
        if age == top:
            p: dict[tuple[str, str], int] = {}
            for (a, k, s), n in counts.items():
                if a >= top:
                    p[(k, s)] = p.get((k, s), 0) + n
        else:
            p = {(k, s): n for (a, k, s), n in counts.items() if a == age}
        rows.append((band_label(age, width), *_persons(p)))
    totals = [sum(int(r[i]) for r in rows) for i in range(1, len(PERSON_COLUMNS) + 1)]
    rows.append(("計", *totals))
    kind = "5歳階級別" if width == 5 else "各歳別"
    return Hyo(title or f"{kind}人口（{day.isoformat()}）", ("年齢", *PERSON_COLUMNS), rows)


def gaikokujin_hyo(day: datetime.date, axis: str, *, title: str = "") -> Hyo:
    """外国人住民 by 国籍・地域 or 在留資格 (``axis``), 男・女・計, largest first."""
    counts = jinko(day, by=("shubetsu", axis, "seibetsu")).counts  # type: ignore[arg-type]
    groups: dict[str, list[int]] = {}
    for (kind, value, sex), n in counts.items():
        if kind != "2":
            continue
        figures = groups.setdefault(value, [0, 0])
        figures[list(SEIBETSU).index(sex)] += n
    ordered: Sequence[tuple[str, list[int]]] = sorted(
        groups.items(), key=lambda item: (-sum(item[1]), item[0])
    )
    rows: list[tuple[Cell, ...]] = [
        (value or "（記載なし）", *figures, sum(figures)) for value, figures in ordered
    ]
    men, women = sum(f[0] for f in groups.values()), sum(f[1] for f in groups.values())
    rows.append(("計", men, women, men + women))
    name = "国籍・地域" if axis == "kokuseki" else "在留資格"
    header = (name, *SEIBETSU.values(), "計")
    return Hyo(title or f"{name}別外国人住民（{day.isoformat()}）", header, rows)
