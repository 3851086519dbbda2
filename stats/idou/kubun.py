"""The 区分 of the 異動統計 and how one change of the register falls into them.

A change is counted where the register's count changes (docs/adr/0039): a person who
starts to be counted (増), stops being counted (減), or is counted in another cell
(町字, 性別, 日本人/外国人: 減 in the old cell and 増 in the new one). The 異動事由 of
the history row that made the change names the 区分. So the month's 増 − 減 is exactly
the change of the population between the month's first and last day (住基法第37条:
the figures the 国 and the 都道府県 ask for; 標準仕様書 j1080).
"""

from __future__ import annotations

from enum import StrEnum

from juki.models import IdoJiyu

from .prefecture import Chiiki


class Kubun(StrEnum):
    """One column of the 異動統計. The 増 first, then the 減."""

    TENNYU_KENNAI = "tennyu_kennai"
    TENNYU_KENGAI = "tennyu_kengai"
    TENNYU_KOKUGAI = "tennyu_kokugai"
    SHUSSEI = "shussei"
    SHOKKEN_KISAI = "shokken_kisai"
    SONOTA_KISAI = "sonota_kisai"
    TENKYO_ZOU = "tenkyo_zou"
    KUKAN_ZOU = "kukan_zou"
    TENSHUTSU_KENNAI = "tenshutsu_kennai"
    TENSHUTSU_KENGAI = "tenshutsu_kengai"
    TENSHUTSU_KOKUGAI = "tenshutsu_kokugai"
    SHIBOU = "shibou"
    SHOKKEN_SHOJO = "shokken_shojo"
    SONOTA_SHOJO = "sonota_shojo"
    TENKYO_GEN = "tenkyo_gen"
    KUKAN_GEN = "kukan_gen"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def is_zou(self) -> bool:
        return self in ZOU


LABELS: dict[Kubun, str] = {
    Kubun.TENNYU_KENNAI: "転入（県内）",
    Kubun.TENNYU_KENGAI: "転入（県外）",
    Kubun.TENNYU_KOKUGAI: "転入（国外）",
    Kubun.SHUSSEI: "出生",
    Kubun.SHOKKEN_KISAI: "職権記載",
    Kubun.SONOTA_KISAI: "その他の記載",
    Kubun.TENKYO_ZOU: "転居（転入側）",
    Kubun.KUKAN_ZOU: "区間転入",
    Kubun.TENSHUTSU_KENNAI: "転出（県内）",
    Kubun.TENSHUTSU_KENGAI: "転出（県外）",
    Kubun.TENSHUTSU_KOKUGAI: "転出（国外）",
    Kubun.SHIBOU: "死亡",
    Kubun.SHOKKEN_SHOJO: "職権消除",
    Kubun.SONOTA_SHOJO: "その他の消除",
    Kubun.TENKYO_GEN: "転居（転出側）",
    Kubun.KUKAN_GEN: "区間転出",
}

ZOU: tuple[Kubun, ...] = tuple(list(Kubun)[:8])
GEN: tuple[Kubun, ...] = tuple(list(Kubun)[8:])
#: the moves inside the city: in a 町字's balance, never in the city's (転居 moves a
#: person between 町字; 区間異動 between the 区 of a 指定都市, counted per 区 only)
NAIBU: frozenset[Kubun] = frozenset(
    {Kubun.TENKYO_ZOU, Kubun.TENKYO_GEN, Kubun.KUKAN_ZOU, Kubun.KUKAN_GEN}
)

_TENNYU = {
    Chiiki.KENNAI: Kubun.TENNYU_KENNAI,
    Chiiki.KENGAI: Kubun.TENNYU_KENGAI,
    Chiiki.KOKUGAI: Kubun.TENNYU_KOKUGAI,
}
_TENSHUTSU = {
    Chiiki.KENNAI: Kubun.TENSHUTSU_KENNAI,
    Chiiki.KENGAI: Kubun.TENSHUTSU_KENGAI,
    Chiiki.KOKUGAI: Kubun.TENSHUTSU_KOKUGAI,
}
_KISAI: dict[str, Kubun] = {
    IdoJiyu.SHUSSEI: Kubun.SHUSSEI,
    IdoJiyu.SHOKKEN_KISAI: Kubun.SHOKKEN_KISAI,
    IdoJiyu.KUKAN_TENNYU: Kubun.KUKAN_ZOU,
}
_SHOJO: dict[str, Kubun] = {
    IdoJiyu.SHIBOU: Kubun.SHIBOU,
    IdoJiyu.SHOKKEN_SHOJO: Kubun.SHOKKEN_SHOJO,
    IdoJiyu.KUKAN_TENSHUTSU: Kubun.KUKAN_GEN,
}


def kisai_kubun(jiyu: str, chiiki: Chiiki) -> Kubun:
    """The 区分 of a person who starts to be counted. `chiiki` is where the 従前の住所
    lies (a 転入 only). A データ移行 and any other 事由 that starts a stay are その他の
    記載. A 転出取消 starts nothing: the 転出届 is void and the 住民期間 give the stay back
    (ADR 0038), so the 転出 leaves its month instead (ADR 0039)."""
    if jiyu == IdoJiyu.TENNYU:
        return _TENNYU[chiiki]
    if jiyu == IdoJiyu.KOKUGAI_TENNYU:
        return Kubun.TENNYU_KOKUGAI
    return _KISAI.get(jiyu, Kubun.SONOTA_KISAI)


def shojo_kubun(jiyu: str, chiiki: Chiiki) -> Kubun:
    """The 区分 of a person who stops being counted. `chiiki` is where the 転出先 lies."""
    if jiyu == IdoJiyu.TENSHUTSU:
        return _TENSHUTSU[chiiki]
    if jiyu == IdoJiyu.KOKUGAI_TENSHUTSU:
        return Kubun.TENSHUTSU_KOKUGAI
    return _SHOJO.get(jiyu, Kubun.SONOTA_SHOJO)


def move_kubun(jiyu: str) -> tuple[Kubun, Kubun]:
    """The 減 and 増 of a person counted before and after in another cell: a 転居, a
    区間転入, or a correction (職権修正 of the 町字 or the 性別, 国籍 …: その他)."""
    if jiyu == IdoJiyu.TENKYO:
        return Kubun.TENKYO_GEN, Kubun.TENKYO_ZOU
    if jiyu == IdoJiyu.KUKAN_TENNYU:
        return Kubun.KUKAN_GEN, Kubun.KUKAN_ZOU
    return Kubun.SONOTA_SHOJO, Kubun.SONOTA_KISAI
