"""氏名の振り仮名の通知 (住基法第9条第2項): the 本籍地 tells the register what the 戸籍 records.

Since 2025-05-26 the 戸籍 records 氏名の振り仮名 (戸籍法第13条第1項第2号, as amended)
and the 住民票 carries it (住基法第7条第1号の2). When the 本籍地's 市町村長 records or
changes it, they notify the 住所地 (住基法第9条第2項), and the register follows: the notice
arrives in the inbox (counter.inbox, ADR 0010) as a ``shimei_furigana_tsuchi`` message,
the window loads it into a 職権修正 (juki/ido/shokken_shusei), and 承認 writes the
振り仮名 and marks the notice used, so one notice is applied once (ADR 0022).

The payload (dates ISO; a part the 戸籍 has not recorded is empty, printed 【氏空欄】 or
【名空欄】)::

    {"juminhyo_code": "…", "shi": "髙橋", "mei": "一郎", "seinengappi": "1980-01-02",
     "honseki": "…", "hittousha": "…", "shi_furigana": "タカハシ", "mei_furigana": "イチロウ",
     "kisai_date": "2026-11-10"}    # the day the 戸籍 recorded it
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter import inbox
from counter.models import InboxMessage, InboxStatus
from jputil import numbers, searchkeys

if TYPE_CHECKING:
    from counter.models import Procedure

MESSAGE_TYPE = "shimei_furigana_tsuchi"
NAME = "氏名の振り仮名の通知（住基法第9条第2項）"
ARTICLE = "住基法第9条第2項"


@dataclass(frozen=True)
class FuriganaTsuchi:
    """One received notice, checked."""

    key: str
    juminhyo_code: str
    shimei: str
    shi_furigana: str
    mei_furigana: str
    kisai_date: datetime.date
    status: str
    used_by_id: int | None


def _kana(payload: dict[str, Any], name: str, what: str) -> str:
    value = searchkeys.to_katakana_input(str(payload.get(name) or "").strip())
    if value and not searchkeys.is_katakana_reading(value):
        raise inbox.InboxError(f"{what}がカタカナではありません: {payload.get(name)!r}")
    return value


def parse(payload: dict[str, Any]) -> dict[str, Any]:
    """Check a payload (InboxError says what is wrong); its items, normalised."""
    code = numbers.normalize_digits(str(payload.get("juminhyo_code") or ""))
    if not numbers.is_valid_juminhyo_code(code):
        raise inbox.InboxError(f"住民票コードが不正です: {code!r}")
    if not str(payload.get("shi") or "").strip():
        raise inbox.InboxError("氏がありません。")
    shi = _kana(payload, "shi_furigana", "氏の振り仮名")
    mei = _kana(payload, "mei_furigana", "名の振り仮名")
    if not shi and not mei:
        raise inbox.InboxError("氏の振り仮名・名の振り仮名のどちらもありません。")
    try:
        kisai = datetime.date.fromisoformat(str(payload.get("kisai_date")))
    except ValueError as exc:
        raise inbox.InboxError(
            f"戸籍に記載した日（kisai_date）が日付ではありません: {payload.get('kisai_date')!r}"
        ) from exc
    return {
        "juminhyo_code": code,
        "shimei": f"{payload['shi']}　{payload['mei']}" if payload.get("mei") else payload["shi"],
        "shi_furigana": shi,
        "mei_furigana": mei,
        "kisai_date": kisai,
    }


def keys(payload: dict[str, Any]) -> list[str]:
    """A notice is found by the person's 住民票コード."""
    return [parse(payload)["juminhyo_code"]]


def _of(message: InboxMessage) -> FuriganaTsuchi:
    items = parse(message.payload)
    return FuriganaTsuchi(
        key=message.idempotency_key,
        status=message.status,
        used_by_id=message.used_by_id,
        **items,
    )


def get(key: str) -> FuriganaTsuchi | None:
    message = inbox.get_received(MESSAGE_TYPE, key)
    return _of(message) if message is not None else None


def waiting_for(juminhyo_code: str | None) -> list[FuriganaTsuchi]:
    """The unused notices naming this 住民票コード (newest first)."""
    if not juminhyo_code:
        return []
    return [_of(m) for m in inbox.find(MESSAGE_TYPE, juminhyo_code)]


def problem(
    tsuchi: FuriganaTsuchi | None, *, juminhyo_code: str | None, procedure_pk: int | None
) -> str:
    """Why this notice cannot serve this 職権修正 ('' when it can)."""
    if tsuchi is None:
        return f"{NAME}が見つかりません（受信されていません）。"
    if tsuchi.juminhyo_code != (juminhyo_code or ""):
        return f"{NAME}の住民票コードが修正する方と一致しません。"
    if tsuchi.status == InboxStatus.USED and tsuchi.used_by_id != procedure_pk:
        return f"この{NAME}は別の手続で使用済みです。"
    return ""


def mark_used(key: str, procedure: Procedure) -> None:
    inbox.mark_used(MESSAGE_TYPE, key, procedure)
