"""The rules on the person's card that the 届出 kinds share: which card the 届出 is
about (the one held, the one applied for) and in which state it must be, each refusal
naming the rule and the card's state.

番号法第17条第5項: the holder reports a lost card at once (紛失届 → 一時停止);
番号法施行令第15条: a card is given back (返納) — at any time (第4項), and when found after
a 再交付 (第1項); カード省令: a valid card is not issued twice."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.db.models import QuerySet

from counter.kind_plan import Problems
from juki.ido import kernel as ido
from juki.models import Jumin, JuminRireki
from mynumber.models import HELD_STATES, Card, CardStatus

FUNSHITSU_RULE = "番号法第17条第5項（紛失の届出）"
HENNOU_RULE = "番号法施行令第15条（個人番号カードの返納）"
CHOUFUKU_RULE = "カード省令（有効な個人番号カードを重ねて交付しない）"
#: 事務処理要領: the 更新 application is taken from three months before the 有効期限
KOUSHIN_MONTHS = 3


def ido_since_shinsei(jumin_id: Any, shinsei_date: Any) -> QuerySet[JuminRireki]:
    """事前チェックシート (交付前設定): the person's register changed on or after the 申請日,
    so a 確認用住民票 goes into the card's folder (the 券面 may need a 補記 at 交付). The
    異動日 decides, not the 処理日: a record loaded by データ移行 bears the load day as its
    処理日 and is no change. Either argument may be an ``OuterRef`` (the checklist's
    subquery) or a value (the 交付前設定's plan)."""
    return JuminRireki.objects.filter(jumin_id=jumin_id, ido_date__gte=shinsei_date)


def cards_of(person: Jumin, *, lock: bool = False) -> list[Card]:
    """The person's cards, the newest first (few: one per application)."""
    rows = Card.objects.filter(jumin=person).order_by("-id")
    if lock:
        rows = rows.select_for_update()
    return list(rows)


def held(cards: list[Card]) -> Card | None:
    return next((c for c in cards if c.status in HELD_STATES), None)


def pending(cards: list[Card]) -> Card | None:
    return next((c for c in cards if c.status in (CardStatus.SHINSEI, CardStatus.KOUFUMAE)), None)


def state_text(card: Card | None) -> str:
    if card is None:
        return "この方に交付した個人番号カードはありません"
    return (
        f"この方の個人番号カード（{card.hakkou_bango or card.pk}）は{card.get_status_display()}です"
    )


def require_held(
    problems: Problems, cards: list[Card], status: CardStatus, rule: str, what: str
) -> Card | None:
    """The card the person holds, in ``status``; else a refusal naming its state."""
    card = held(cards)
    ok = card is not None and card.status == status
    problems.require(
        ok,
        f"{rule}: {state_text(card or (cards[0] if cards else None))}（{what}）。",
        field="atena_bango",
    )
    return card if ok else None


def koushin_from(card: Card) -> datetime.date | None:
    """The first day a new card may be applied for while this one is valid."""
    if card.yuukou_kigen is None:
        return None
    return months_before(card.yuukou_kigen, KOUSHIN_MONTHS)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day when it has fewer days)."""
    years, index = divmod(day.month - 1 - months, 12)
    year, month = day.year + years, index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def check_no_valid_card(
    problems: Problems, cards: list[Card], day: datetime.date, *, saikoufu: bool = False
) -> None:
    """A new 交付申請 while a valid card is held only near its 有効期限 (更新) or as a
    再交付 (the held card ends by it); while another application is open, never."""
    open_ = pending(cards)
    if open_ is not None:
        problems.add(
            f"{CHOUFUKU_RULE}: 既に交付申請中のカードがあります（{open_.get_status_display()}）。"
            "取り下げる場合は申請取消を受け付けてください。",
            field="atena_bango",
        )
    card = held(cards)
    if saikoufu or card is None or card.status != CardStatus.KOUFUZUMI:
        return
    start = koushin_from(card)
    problems.require(
        start is not None and day >= start,
        f"{CHOUFUKU_RULE}: 有効な個人番号カード（有効期限 {ido.wareki_text(card.yuukou_kigen)}）"
        f"をお持ちです。更新の申請は{ido.wareki_text(start)}から受け付けます"
        "（紛失・損傷の場合は再交付申請）。",
        field="atena_bango",
    )
