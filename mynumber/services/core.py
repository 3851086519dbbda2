"""What every card write shares: the history row, the move, the message, the lookups."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from counter import outbox

from .. import messages, validity
from ..models import (
    Card,
    CardRireki,
    CardStatus,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser
    from juki.models import Jumin

#: 番号法施行令第13条・事務処理要領: a 任意代理人 acts only with the 照会書兼回答書
DAIRININ_RULE = "番号法施行令第13条第3項・事務処理要領（任意代理人は照会書兼回答書が必要）"


class CardRefused(ValueError):
    """An act the card's rules refuse (a message naming the rule)."""


def _history(
    card: Card,
    before: str,
    act: str,
    *,
    acting_user: StaffUser | None,
    procedure: Procedure | None,
    reason: str = "",
) -> CardRireki:
    return CardRireki.objects.create(
        card=card,
        at=timezone.now(),
        by=acting_user,
        from_status=before,
        to_status=card.status,
        act=act,
        reason=reason[:200],
        procedure=procedure,
    )


def _move(
    card: Card,
    transition: str,
    *,
    act: str,
    acting_user: StaffUser | None,
    procedure: Procedure | None,
    reason: str = "",
    **fields: Any,
) -> CardRireki:
    before = card.status
    getattr(card, transition)()
    for name, value in fields.items():
        setattr(card, name, value)
    card.save(update_fields=["status", *fields])
    return _history(card, before, act, acting_user=acting_user, procedure=procedure, reason=reason)


def _send(
    card: Card, rireki: CardRireki, message_type: str, day: datetime.date, **extra: Any
) -> None:
    outbox.enqueue(
        destination=messages.CARD_KANRI,
        message_type=message_type,
        payload=messages.payload(card, day, **extra),
        idempotency_key=f"mynumber-card-{card.pk}-{rireki.pk}-{message_type}",
        source_type="mynumber.card",
        source_id=card.pk,
    )


def _edit(
    card: Card,
    act: str,
    *,
    acting_user: StaffUser | None,
    procedure: Procedure | None,
    reason: str = "",
    **fields: Any,
) -> CardRireki:
    """An act that changes the card's data, not its state."""
    for name, value in fields.items():
        setattr(card, name, value)
    if fields:
        card.save(update_fields=list(fields))
    return _history(
        card, card.status, act, acting_user=acting_user, procedure=procedure, reason=reason
    )


def stay_limit_of(jumin: Jumin) -> datetime.date | None:
    """The end of stay that limits the person's card (validity.stay_limit)."""
    return validity.stay_limit(
        is_foreign=jumin.is_foreign,
        zairyu_shikaku=jumin.zairyu_shikaku,
        kubun_30_45=jumin.kubun_30_45,
        zairyu_manryo_date=jumin.zairyu_manryo_date,
        gaikokujin_date=jumin.gaikokujin_date,
    )


def held_card(jumin_id: int) -> Card | None:
    """The card the person holds (交付済 or 一時停止), locked for the caller's change."""
    return (
        Card.objects.select_for_update()
        .filter(jumin_id=jumin_id, status__in=[CardStatus.KOUFUZUMI, CardStatus.ICHIJI_TEISHI])
        .first()
    )


def pending_card(jumin_id: int) -> Card | None:
    """The person's card not yet handed over (申請中 or 交付前), locked."""
    return (
        Card.objects.select_for_update()
        .filter(jumin_id=jumin_id, status__in=[CardStatus.SHINSEI, CardStatus.KOUFUMAE])
        .first()
    )
