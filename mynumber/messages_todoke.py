"""The messages of the window 届出 (ADR 0037) to the card management system, one schema
per type, queued by mynumber.services_todoke in the 承認's transaction. The 個人番号
itself is never sent: the holder is named by the 住民票コード the CS already holds.

- the 通知カード's 運用状況 set from a 紛失届 or 返納届 (seed 004: 「通知カード運用状況
  処理」「廃止・回収情報入力」);
- a 交付申請 withdrawn before J-LIS delivered the card (no 発行番号 yet): J-LIS stops
  making it. Once delivered, the card's 廃止 says it (mynumber.messages)."""

from __future__ import annotations

from counter.messages import MessageField as F
from counter.messages import MessageType

from .messages import CARD_KANRI

TSUCHI_CARD = "mynumber_tsuchi_card_joukyou"
TORIKESHI = "mynumber_card_shinsei_torikeshi"

_HOLDER = (
    F("juminhyo_code", "str", description="名義人の住民票コード"),
    F("atena_bango", "str", description="名義人の宛名番号"),
)

MESSAGE_TYPES = (
    MessageType(
        code=TSUCHI_CARD,
        label="通知カード 運用状況",
        version=1,
        destinations=(CARD_KANRI,),
        trigger="通知カード紛失届・返納届の承認",
        fields=(
            *_HOLDER,
            F("date", "date", description="届出日（ISO 8601）"),
            F("joukyou", "str", description="funshitsu（紛失）/ hennou（返納・回収）"),
            F("jiyu_label", "str", description="届出の事由"),
            F("kanpu", "bool", description="国外転出: 補記して還付した（回収していない）"),
        ),
    ),
    MessageType(
        code=TORIKESHI,
        label="個人番号カード 交付申請取消（作成前）",
        version=1,
        destinations=(CARD_KANRI,),
        trigger="申請取消の承認（カードが市に届く前）",
        fields=(
            *_HOLDER,
            F("shinsei_date", "date", description="取り消した交付申請の申請日"),
            F("date", "date", description="取消の申出日（ISO 8601）"),
        ),
    ),
)
