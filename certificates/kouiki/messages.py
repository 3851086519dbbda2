"""The 広域交付's two messages through 住基ネット (住基法第12条の4第2項・第3項・第5項).

- ``kouiki_koufu_irai`` (交付地 → 住所地, 第2項): who asks, how they were identified,
  whom and which items; queued at 承認 of our request, received by the home city;
- ``kouiki_koufu_kaito`` (住所地 → 交付地, 第3項): the items of the 住民票 asked for, as
  printed, or the refusal and its reason; queued as the request is received, found by
  our 交付 by the request's number (``irai_no``).

Both go to ``jukinet_cs`` (the 市町村CS, juki's destination: 第5項 電気通信回線) and
come from it; each has its versioned schema (counter.messages), checked when queued.
"""

from __future__ import annotations

from typing import Any

from counter.inbox import InboxError
from counter.messages import MessageField, MessageType
from juki.manifest import JukiDestination

IRAI_TYPE = "kouiki_koufu_irai"
IRAI_NAME = "広域交付住民票の交付請求（交付地から住所地へ）"
KAITO_TYPE = "kouiki_koufu_kaito"
KAITO_NAME = "広域交付住民票の記載事項（住所地から交付地へ）"
#: the answer's result
KOUFU = "koufu"
KYOHI = "kyohi"
DESTINATION = str(JukiDestination.JUKINET_CS)

F = MessageField

IRAI_MESSAGE = MessageType(
    code=IRAI_TYPE,
    label=f"{IRAI_NAME}（住基法第12条の4第2項）",
    version=1,
    destinations=(DESTINATION,),
    trigger=(
        "広域交付の請求の承認（kouiki_koufu）: 請求ごとに1通"
        "（住所地の回答は受信の kouiki_koufu_kaito）"
    ),
    fields=(
        F("irai_no", "str", description="請求番号（回答の irai_no に入れて返す）"),
        F("irai_dantai_code", "str", description="交付地の団体コード"),
        F("irai_dantai_name", "str", description="交付地の名称"),
        F("seikyusha_kubun", "str", description="請求者の区分（honnin・doitsu_setai）"),
        F("juminhyo_code", "str", description="請求者の住民票コード"),
        F("seikyusha_shimei", "str", description="請求者の氏名"),
        F("seikyusha_seinengappi", "date", description="請求者の生年月日"),
        F("seikyusha_jusho", "str", description="請求者の住所（申出）"),
        F("honnin_shorui", "str", description="提示された本人確認書類（IdDocument）"),
        F("setai_zenin", "bool", description="世帯全員の写し"),
        F("taisho_shimei", "list", items="str", description="世帯の一部: 対象者の氏名"),
        F("kisai", "list", items="str", description="記載する事項（Items の名前）"),
        F("tsusu", "int", description="通数"),
    ),
)

KAITO_MESSAGE = MessageType(
    code=KAITO_TYPE,
    label=f"{KAITO_NAME}（住基法第12条の4第3項）",
    version=1,
    destinations=(DESTINATION,),
    trigger="広域交付の請求（kouiki_koufu_irai）の受信: 請求ごとに1通",
    fields=(
        F("irai_no", "str", description="請求番号（請求の irai_no）"),
        F("jutaku_dantai_code", "str", description="住所地の団体コード"),
        F("jutaku_dantai_name", "str", description="住所地の名称"),
        F("kekka", "str", description="koufu（記載事項を送る）・kyohi（応じない）"),
        F("kyohi_riyu", "str", description="応じない理由（根拠の条項とともに）"),
        F("jusho", "str", description="世帯の住所（郵便番号つき）"),
        F("setai_nushi", "str", nullable=True, description="世帯主の氏名（記載しないとき null）"),
        F(
            "persons",
            "list",
            description="記載する者（世帯の記載順）",
            fields=(
                F("shimei", "str", description="氏名（旧氏・通称を含む印字のとおり）"),
                F(
                    "koumoku",
                    "list",
                    description="記載事項（請求された事項だけ）",
                    fields=(
                        F("label", "str", description="項目名"),
                        F("text", "str", description="記載"),
                        F("wide", "bool", description="行の幅いっぱいに印字する"),
                    ),
                ),
            ),
        ),
    ),
)

MESSAGE_TYPES = (IRAI_MESSAGE, KAITO_MESSAGE)


def _irai_no(payload: dict[str, Any]) -> str:
    no = str(payload.get("irai_no") or "").strip()
    if not no:
        raise InboxError("請求番号（irai_no）がありません。")
    return no


def irai_keys(payload: dict[str, Any]) -> list[str]:
    """A request received: checked against its schema, found by its number and code."""
    try:
        IRAI_MESSAGE.validate(payload)
    except ValueError as exc:
        raise InboxError(str(exc)) from exc
    return [_irai_no(payload), str(payload["juminhyo_code"])]


def kaito_keys(payload: dict[str, Any]) -> list[str]:
    """An answer received: checked against its schema, found by the request's number."""
    try:
        KAITO_MESSAGE.validate(payload)
    except ValueError as exc:
        raise InboxError(str(exc)) from exc
    if payload["kekka"] not in (KOUFU, KYOHI):
        raise InboxError(f"回答の結果（kekka）が不明です: {payload['kekka']!r}")
    return [_irai_no(payload)]
