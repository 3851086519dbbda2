"""Who may ask to see the register and why (住基法第11条, 第11条の2第1項各号).

Each allowed purpose names its article; a commercial one (ダイレクトメール, 営業) is
refused with its rule: since the 2006 reform (平成18年法律第74号) no article allows it.
"""

from __future__ import annotations

from django.db import models


class MoushideshaKubun(models.TextChoices):
    KIKAN = "kikan", "国又は地方公共団体の機関"
    HOJIN = "hojin", "法人"
    KOJIN = "kojin", "個人"


class Mokuteki(models.TextChoices):
    """The purposes a 閲覧 may serve, and 営利 (kept only to be refused by its rule)."""

    KOYO = "koyo", "公用（法令で定める事務の遂行）"
    CHOUSA_KENKYU = (
        "chousa_kenkyu",
        "統計調査・世論調査・学術研究その他の調査研究（公益性の高いもの）",
    )
    KOUKYOU_DANTAI = (
        "koukyou_dantai",
        "公共的団体の地域住民の福祉の向上に寄与する活動（公益性の高いもの）",
    )
    KYOJUU_KAKUNIN = "kyojuu_kakunin", "居住関係の確認（訴訟の提起その他特別の事情・営利以外）"
    EIRI = "eiri", "営利目的（ダイレクトメール・営業活動等）"


#: the article that allows each purpose
KONKYO: dict[str, str] = {
    Mokuteki.KOYO: "住基法第11条第1項",
    Mokuteki.CHOUSA_KENKYU: "住基法第11条の2第1項第1号（平成18年総務省告示第495号の基準）",
    Mokuteki.KOUKYOU_DANTAI: "住基法第11条の2第1項第2号（平成18年総務省告示第495号の基準）",
    Mokuteki.KYOJUU_KAKUNIN: "住基法第11条の2第1項第3号",
}

EIRI_REFUSAL = (
    "営利を目的とする閲覧はできません（住基法第11条・第11条の2第1項各号に該当しない。"
    "平成18年法律第74号による改正で閲覧は公用・公益性の高い調査研究等に限られました）。"
)


def purpose_problems(kubun: str, mokuteki: str) -> list[tuple[str, str]]:
    """(field, message) for a purpose the 申出者 may not have; empty when allowed."""
    if mokuteki == Mokuteki.EIRI:
        return [("mokuteki", EIRI_REFUSAL)]
    if mokuteki not in KONKYO:
        return [("mokuteki", "利用目的を選んでください。")]
    if kubun == MoushideshaKubun.KIKAN and mokuteki != Mokuteki.KOYO:
        return [
            (
                "mokuteki",
                "国又は地方公共団体の機関の閲覧は公用の請求です（住基法第11条第1項）。",
            )
        ]
    if kubun != MoushideshaKubun.KIKAN and mokuteki == Mokuteki.KOYO:
        return [
            (
                "mokuteki",
                "公用の閲覧は国又は地方公共団体の機関だけが請求できます（住基法第11条第1項）。"
                "個人・法人は第11条の2第1項各号の目的で申し出てください。",
            )
        ]
    if kubun == MoushideshaKubun.KOJIN and mokuteki == Mokuteki.KOUKYOU_DANTAI:
        return [
            (
                "mokuteki",
                "公共的団体の活動としての閲覧は、その団体（法人）が申し出ます"
                "（住基法第11条の2第1項第2号）。",
            )
        ]
    return []


def is_free(mokuteki: str) -> bool:
    """公用 is free but counted (the city's 手数料条例; 地方自治法第227条 ただし書)."""
    return mokuteki == Mokuteki.KOYO
