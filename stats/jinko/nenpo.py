"""住民基本台帳関係年報 (住民基本台帳関係年報報告要領; 標準仕様書 j1080): the population
and households on 1 January and the 人口動態 of the year before (1 January – 31 December).

「1月1日現在」 is the register at the start of 1 January, i.e. at the end of 31 December
(``kijun_bi``): the year's 動態 then ties the two 1 January populations exactly
(前年の人口 + 記載 − 消除 = 本年の人口), a birth on 1 January being the new year's.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings

from .query import IDO, KISAI, SEIBETSU, SHOJO, SHUBETSU, jinko, setai_su, zougen
from .tables import Cell, Hyo, gaikokujin_hyo, nenrei_hyo

#: 記載 by 異動事由: 転入 (国内), 転入 (国外), 出生; the rest is その他 (職権記載, データ移行 …)
KISAI_COLUMNS = {
    "tennyu": "転入者数（国内）",
    "kokugai_tennyu": "転入者数（国外）",
    "shussei": "出生者数",
}
SHOJO_COLUMNS = {
    "tenshutsu": "転出者数（国内）",
    "kokugai_tenshutsu": "転出者数（国外）",
    "shibou": "死亡者数",
}
DOTAI_HEADER = (
    "区分",
    *KISAI_COLUMNS.values(),
    "その他記載数",
    "住民票記載数",
    *SHOJO_COLUMNS.values(),
    "その他消除数",
    "住民票消除数",
    "増減数",
    "自然増減数",
    "社会増減数",
)


def kijun_bi(year: int) -> datetime.date:
    """The day whose end is 「{year}年1月1日現在」."""
    return datetime.date(year - 1, 12, 31)


def _title(year: int, what: str) -> str:
    return f"{what}（{year}年1月1日現在）"


def jinko_setai_hyo(year: int) -> Hyo:
    """人口 (日本人住民, 外国人住民, 計: 男・女・計) and 世帯数 (日本人住民世帯, 外国人住民世帯,
    複数国籍世帯, 計) on 1 January."""
    day = kijun_bi(year)
    persons = jinko(day, by=("shubetsu", "seibetsu"))
    setai = {k: n for (k,), n in setai_su(day, by=("setai_shubetsu",)).counts.items()}
    rows: list[tuple[Cell, ...]] = []
    for kind, label in SHUBETSU.items():
        by_sex = [persons.get(kind, s) for s in SEIBETSU]
        rows.append((label, *by_sex, sum(by_sex), setai.get(kind, 0)))
    rows.append(("複数国籍世帯", "", "", "", setai.get("3", 0)))
    by_sex = [sum(persons.get(k, s) for k in SHUBETSU) for s in SEIBETSU]
    rows.append(("計", *by_sex, sum(by_sex), sum(setai.values())))
    return Hyo(_title(year, "人口及び世帯数"), ("区分", *SEIBETSU.values(), "計", "世帯数"), rows)


def _dotai_row(label: str, zou: dict[str, int], gen: dict[str, int], ido: int) -> tuple[Cell, ...]:
    kisai = [zou.get(j, 0) for j in KISAI_COLUMNS]
    other_kisai = sum(n for j, n in zou.items() if j not in KISAI_COLUMNS) + max(ido, 0)
    shojo = [gen.get(j, 0) for j in SHOJO_COLUMNS]
    other_shojo = sum(n for j, n in gen.items() if j not in SHOJO_COLUMNS) + max(-ido, 0)
    kisai_total, shojo_total = sum(kisai) + other_kisai, sum(shojo) + other_shojo
    return (
        label,
        *kisai,
        other_kisai,
        kisai_total,
        *shojo,
        other_shojo,
        shojo_total,
        kisai_total - shojo_total,
        kisai[2] - shojo[2],
        kisai[0] + kisai[1] - shojo[0] - shojo[1],
    )


def dotai_hyo(year: int) -> Hyo:
    """人口動態 of the year before ``year`` (1 January – 31 December), by 住民種別.

    A change of 住民種別 within one 住民票 (no 記載, no 消除) is counted as その他 on
    both sides (its net per 住民種別: one person going each way in the year cancel)."""
    kara, made = datetime.date(year - 1, 1, 1), kijun_bi(year)
    zou, gen = zougen(kara, made, by=("shubetsu", "kubun"))
    rows: list[tuple[Cell, ...]] = []
    total_zou: dict[str, int] = defaultdict(int)
    total_gen: dict[str, int] = defaultdict(int)
    for kind, label in SHUBETSU.items():
        z = {j: n for (k, ku, j), n in zou.counts.items() if k == kind and ku == KISAI}
        g = {j: n for (k, ku, j), n in gen.counts.items() if k == kind and ku == SHOJO}
        ido = sum(n for (k, ku, _), n in zou.counts.items() if k == kind and ku == IDO) - sum(
            n for (k, ku, _), n in gen.counts.items() if k == kind and ku == IDO
        )
        rows.append(_dotai_row(label, z, g, ido))
        for j, n in z.items():
            total_zou[j] += n
        for j, n in g.items():
            total_gen[j] += n
    rows.append(_dotai_row("計", total_zou, total_gen, 0))
    title = f"人口動態（{year - 1}年1月1日から同年12月31日まで）"
    return Hyo(title, DOTAI_HEADER, rows)


def nenpo(year: int) -> list[Hyo]:
    """Every table of the 年報 of ``year``."""
    day = kijun_bi(year)
    return [
        jinko_setai_hyo(year),
        dotai_hyo(year),
        nenrei_hyo(day, width=5, title=_title(year, "年齢階級別人口")),
        nenrei_hyo(day, width=1, title=_title(year, "各歳別人口")),
        gaikokujin_hyo(day, "kokuseki", title=_title(year, "国籍・地域別外国人住民")),
        gaikokujin_hyo(day, "zairyu_shikaku", title=_title(year, "在留資格別外国人住民")),
    ]


def ken_hokoku(year: int) -> Hyo:
    """The 年報 in the prefecture's collecting format: one figure per line (団体コード,
    調査期日, 表, 区分, 項目, 値), every table of ``nenpo`` flattened, so the 県 reads each
    city's file into one sheet without knowing its layout."""
    code = settings.MUNICIPALITY_CODE
    rows: list[tuple[Cell, ...]] = []
    for hyo in nenpo(year):
        for row in hyo.rows:
            for name, value in zip(hyo.header[1:], row[1:], strict=True):
                if value != "":
                    rows.append((code, f"{year}-01-01", hyo.title, row[0], name, value))
    header = ("団体コード", "調査期日", "表", "区分", "項目", "値")
    return Hyo(f"住民基本台帳関係年報 県報告（{year}年）", header, rows)
