"""The items a 住民票の写し (or 記載事項証明書) prints: chosen per request, shared by the
request kinds (who may have what) and the printer (what is printed).

住基法第12条第5項 (and 第12条の2第4項, 第12条の3第7項): 世帯主・続柄, 本籍・筆頭者, 個人番号,
住民票コード and the 外国人住民 items of 第30条の45 are left out unless asked for;
標準仕様書 j1000 makes each omission selectable, j1030 keeps the 方書 unless a
記載事項証明書 asks to omit it. The other items (住民となった年月日, 住所を定めた年月日 with
the 届出年月日, 従前の住所) are printed by default; a 第三者 or 士業 request that states no
need for them gets only 氏名・生年月日・性別・住所 (``Items.kihon()``, 第12条の3).

A 通称 is never an option: it is part of the 氏名 (住基法施行令第30条の26第1項; DOMAIN.md
"a 通称 is never left out of the 氏名"), and so is the 氏名の振り仮名 (法第7条第1号の2).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, Self

#: the version of the JSON form (an entry keeps it; a later field is added with a default)
ITEMS_VERSION = 1


@dataclass(frozen=True)
class Items:
    """Which items to print. The defaults are what a 本人 gets when asking for nothing
    special (the law's omissions applied)."""

    # 第12条第5項: omitted unless asked for
    setai_nushi_zokugara: bool = False  # 世帯主の氏名・世帯主との続柄
    honseki_hittousha: bool = False  # 本籍・筆頭者
    juminhyo_code: bool = False  # 住民票コード
    kojin_bango: bool = False  # 個人番号
    # 外国人住民 (法第30条の45): each omitted unless asked for
    kokuseki: bool = False  # 国籍・地域
    kubun_30_45: bool = False  # 第30条の45に規定する区分
    zairyu_shikaku: bool = False  # 在留資格
    zairyu_kikan: bool = False  # 在留期間
    zairyu_manryo: bool = False  # 在留期間の満了の日
    zairyu_card_bango: bool = False  # 在留カード等の番号
    # printed unless left out (第三者・士業 without a stated need: 第12条の3)
    jumin_date: bool = True  # 住民となった年月日 (外国人住民となった年月日)
    jusho_date: bool = True  # 住所を定めた年月日・届出年月日
    zenjusho: bool = True  # 従前の住所
    katagaki: bool = True  # 方書 (j1030: omitted only on a 記載事項証明書, on request)
    # 個人票 only: the history (JuminRireki) below the current items
    rireki: bool = False

    #: the 外国人住民 items, for a form that asks "all of them"
    FOREIGN: ClassVar[tuple[str, ...]] = (
        "kokuseki",
        "kubun_30_45",
        "zairyu_shikaku",
        "zairyu_kikan",
        "zairyu_manryo",
        "zairyu_card_bango",
    )
    #: the items no 第三者 or 士業 may ever have (第12条の3第7項 reads 第12条第5項 narrowly)
    NEVER_THIRD_PARTY: ClassVar[tuple[str, ...]] = ("kojin_bango", "juminhyo_code")

    LABELS: ClassVar[dict[str, str]] = {
        "setai_nushi_zokugara": "世帯主・続柄",
        "honseki_hittousha": "本籍・筆頭者",
        "juminhyo_code": "住民票コード",
        "kojin_bango": "個人番号",
        "kokuseki": "国籍・地域",
        "kubun_30_45": "第30条の45に規定する区分",
        "zairyu_shikaku": "在留資格",
        "zairyu_kikan": "在留期間",
        "zairyu_manryo": "在留期間の満了の日",
        "zairyu_card_bango": "在留カード等の番号",
        "jumin_date": "住民となった年月日",
        "jusho_date": "住所を定めた年月日・届出年月日",
        "zenjusho": "従前の住所",
        "katagaki": "方書",
        "rireki": "履歴（個人票）",
    }

    @classmethod
    def kihon(cls) -> Self:
        """Only 氏名・生年月日・性別・住所 (a 第三者 or 士業 without a stated need)."""
        return cls(jumin_date=False, jusho_date=False, zenjusho=False)

    @classmethod
    def zenbu(cls) -> Self:
        """Every item (a 本人 who asks for all: 個人番号 included)."""
        return cls(**{f.name: True for f in dataclasses.fields(cls)})

    def asked(self) -> list[str]:
        """The labels of the optional items asked for (the 交付履歴 keeps them)."""
        return [label for name, label in self.LABELS.items() if getattr(self, name)]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dataclasses.asdict(self)
        data["v"] = ITEMS_VERSION
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        """The items from :meth:`to_json`; an unknown key or a non-boolean is an error
        (a stored entry must never widen what is printed by accident)."""
        if not isinstance(data, dict):
            raise ValueError("記載事項の選択が読めません。")
        known = {f.name for f in dataclasses.fields(cls)}
        values: dict[str, bool] = {}
        for key, value in data.items():
            if key == "v":
                continue
            if key not in known:
                raise ValueError(f"記載事項の選択に不明な項目があります: {key}")
            if not isinstance(value, bool):
                raise ValueError(f"記載事項の選択は真偽値です: {key}")
            values[key] = value
        return cls(**values)
