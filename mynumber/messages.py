"""What mynumber tells the card management system (カード管理システム, J-LIS): one message
type per act on a card, declared in MynumberConfig (counter.registry) and queued in the
same transaction as the act (mynumber.services). The 個人番号 itself is never sent: the
card is named by its 発行番号 and the holder by the 住民票コード the CS already holds.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from counter.messages import MessageField as F
from counter.messages import MessageType
from counter.registry import Destination

if TYPE_CHECKING:
    from .models import Card

#: the card management system (J-LIS), reached through the 市町村CS
CARD_KANRI = "card_kanri"
DESTINATION = Destination(CARD_KANRI, "個人番号カード管理システム（J-LIS）")

_CARD = (
    F("hakkou_bango", "str", description="カード発行番号（J-LIS 付番）"),
    F("juminhyo_code", "str", description="所有者の住民票コード"),
    F("atena_bango", "str", description="所有者の宛名番号"),
    F("date", "date", description="処理日（ISO 8601）"),
)


def _type(code: str, label: str, trigger: str, *extra: F) -> MessageType:
    return MessageType(
        code=code,
        label=label,
        version=1,
        destinations=(CARD_KANRI,),
        trigger=trigger,
        fields=(*_CARD, *extra),
    )


#: act (services) -> message type code
KOUFU = "mynumber_card_koufu"
HAISHI = "mynumber_card_haishi"
KAISHU = "mynumber_card_kaishu"
TEISHI = "mynumber_card_teishi"
KAIJO = "mynumber_card_kaijo"
KOUSHIN = "mynumber_card_yuukou_koushin"
HOKI = "mynumber_card_hoki"

MESSAGE_TYPES = (
    _type(
        KOUFU,
        "個人番号カード 交付",
        "カード交付（再交付・特急発行を含む）の承認",
        F("yuukou_kigen", "date", description="カードの有効期限"),
        F("kyuu_hakkou_bango", "str", required=False, description="置き換えた旧カードの発行番号"),
        F(
            "certificates",
            "list",
            description="発行した電子証明書",
            fields=(
                F("shubetsu", "str", description="shomei（署名用）/ riyousha（利用者証明用）"),
                F("yuukou_kigen", "date"),
            ),
        ),
    ),
    _type(
        HAISHI,
        "個人番号カード 廃止",
        "廃止（失効・返納・再交付による旧カード・継続利用の期限経過・死亡 など）",
        F("jiyu", "str", description="廃止事由（コード）"),
        F("jiyu_label", "str", description="廃止事由"),
    ),
    _type(KAISHU, "個人番号カード 回収", "廃止したカードの回収・返納されたカードの受領"),
    _type(
        TEISHI,
        "個人番号カード 一時停止",
        "紛失の届出（一時停止）",
        F("jiyu", "str", required=False, description="紛失等の事由"),
    ),
    _type(KAIJO, "個人番号カード 一時停止解除", "発見の届出（一時停止解除）"),
    _type(
        KOUSHIN,
        "個人番号カード 有効期間更新",
        "有効期間更新（在留期間の更新等）",
        F("yuukou_kigen", "date", description="新しい有効期限"),
    ),
    _type(
        HOKI,
        "個人番号カード 券面補記",
        "カード補記・継続利用（券面の記載事項の変更）",
        F("naiyou", "str", description="補記した内容"),
    ),
)


def payload(card: Card, day: datetime.date, **extra: Any) -> dict[str, Any]:
    """The common part of every card message (loads the holder)."""
    jumin = card.jumin
    return {
        "hakkou_bango": card.hakkou_bango,
        "juminhyo_code": jumin.juminhyo_code or "",
        "atena_bango": jumin.atena_bango,
        "date": day.isoformat(),
        **extra,
    }
