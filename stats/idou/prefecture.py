"""Where a 従前の住所 or a 転出先 lies: in the city's 都道府県, in another, or abroad.

The 異動統計 splits 転入 and 転出 by it (同一都道府県内・他都道府県・国外: the 住民基本台帳
人口移動報告, 住基法第37条). The register keeps the address as text, so the 都道府県 is
read from its start; a 指定都市 or a 特別区 is often written without its 都道府県
(「横浜市中区…」「千代田区…」) and is known too. An address that names none of them is
counted 県外 and the report says how many there were (they are for a person to check).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県",
    "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県",
    "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県",
    "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip

#: the 指定都市 (地方自治法第252条の19) and the 特別区, written without their 都道府県
CITIES: dict[str, str] = {
    "札幌市": "北海道", "仙台市": "宮城県", "さいたま市": "埼玉県", "千葉市": "千葉県",
    "横浜市": "神奈川県", "川崎市": "神奈川県", "相模原市": "神奈川県", "新潟市": "新潟県",
    "静岡市": "静岡県", "浜松市": "静岡県", "名古屋市": "愛知県", "京都市": "京都府",
    "大阪市": "大阪府", "堺市": "大阪府", "神戸市": "兵庫県", "岡山市": "岡山県",
    "広島市": "広島県", "北九州市": "福岡県", "福岡市": "福岡県", "熊本市": "熊本県",
    **{
        f"{ku}区": "東京都"
        for ku in (
            "千代田", "中央", "港", "新宿", "文京", "台東", "墨田", "江東", "品川", "目黒",
            "大田", "世田谷", "渋谷", "中野", "杉並", "豊島", "北", "荒川", "板橋", "練馬",
            "足立", "葛飾", "江戸川",
        )
    },
}  # fmt: skip


class Chiiki(StrEnum):
    KENNAI = "kennai"  # the city's own 都道府県
    KENGAI = "kengai"  # another 都道府県 (or not known: see prefecture_of)
    KOKUGAI = "kokugai"


def prefecture_of(address: str) -> str | None:
    """The 都道府県 an address names at its start, or None."""
    text = unicodedata.normalize("NFKC", address).strip().replace(" ", "").replace("　", "")
    for name in PREFECTURES:
        if text.startswith(name):
            return name
    for city, prefecture in CITIES.items():
        if text.startswith(city):
            return prefecture
    return None


def chiiki_of(address: str, home_prefecture: str) -> tuple[Chiiki, bool]:
    """Where the address lies seen from a city of `home_prefecture`, and whether its
    都道府県 was known (False: counted 県外)."""
    prefecture = prefecture_of(address)
    if prefecture is None:
        return Chiiki.KENGAI, False
    return (Chiiki.KENNAI if prefecture == home_prefecture else Chiiki.KENGAI), True
