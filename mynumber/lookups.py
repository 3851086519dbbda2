"""The lists the card screens show (mynumber.views), each one query of the cards with
their holders: cards awaiting 交付, cards and certificates expiring, 継続利用 due,
カード補記 due, and the 交付前設定 checklist (the card's kind, ADR 0036, works through it).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from juki.models import JuminStatus

from . import validity
from .kernel.card_rules import ido_since_shinsei
from .models import (
    HELD_STATES,
    HORYUU_ACT,
    Card,
    CardRireki,
    CardStatus,
    CertStatus,
    DenshiShomeisho,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it has none)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _cards() -> QuerySet[Card]:
    return Card.objects.select_related("jumin", "jumin__chouaza")


@dataclass(frozen=True)
class KoufuMachi:
    """Cards set up and waiting for their holders (交付前), by the 交付通知書's state."""

    unsent: list[Card]
    sent: list[Card]
    returned: list[Card]


def koufu_machi() -> KoufuMachi:
    cards = list(_cards().filter(status=CardStatus.KOUFUMAE).order_by("settei_date", "id"))
    return KoufuMachi(
        unsent=[c for c in cards if c.tsuchisho_sent_date is None],
        sent=[c for c in cards if c.tsuchisho_sent_date and not c.tsuchisho_returned_date],
        returned=[c for c in cards if c.tsuchisho_returned_date is not None],
    )


def expiring_cards(today: datetime.date, months: int) -> list[Card]:
    """Held cards whose 有効期限 falls within the next ``months`` months."""
    return list(
        _cards()
        .filter(
            status__in=HELD_STATES,
            yuukou_kigen__gte=today,
            yuukou_kigen__lte=add_months(today, months),
        )
        .order_by("yuukou_kigen", "id")
    )


def expiring_certificates(today: datetime.date, months: int) -> list[DenshiShomeisho]:
    """Live certificates of held cards whose 有効期限 falls within the next months."""
    return list(
        DenshiShomeisho.objects.select_related("card", "card__jumin", "card__jumin__chouaza")
        .filter(
            status=CertStatus.YUUKOU,
            card__status__in=HELD_STATES,
            yuukou_kigen__gte=today,
            yuukou_kigen__lte=add_months(today, months),
        )
        .order_by("yuukou_kigen", "id")
    )


def keizoku_due() -> list[Card]:
    """Held cards waiting for their 継続利用 after a 転入, the nearest 期限 first."""
    return list(
        _cards()
        .filter(status__in=HELD_STATES, keizoku_kigen__isnull=False)
        .order_by("keizoku_kigen", "id")
    )


def hoki_due() -> list[Card]:
    """Held cards whose 券面 no longer matches the register (カード補記 due)."""
    return list(
        _cards()
        .filter(status__in=HELD_STATES, hoki_since__isnull=False)
        .order_by("hoki_since", "id")
    )


@dataclass(frozen=True)
class ChecklistRow:
    """One card of the 交付前設定: what the seed's 事前チェックシート asks of it."""

    card: Card
    #: still in the register (a 除票 holder's card is not set up)
    live: bool
    #: the register changed since the 申請 (print a 確認用住民票 into the card's folder)
    changed: bool
    #: the person holds a card now (住基カード・個人番号カード所有者: mark the はがき)
    holds_card: bool
    #: under 15 on the day: no 署名用電子証明書
    no_shomei: bool
    #: a foreign resident's stay ends within the card's first year (有効期間更新 soon)
    stay_ends_soon: bool
    #: put aside at a 交付前設定 (still 申請中): the latest reason recorded, else ""
    horyuu: str = ""

    @property
    def ok(self) -> bool:
        return self.live and not self.changed and not self.horyuu


def checklist(today: datetime.date) -> list[ChecklistRow]:
    """The cards that came from J-LIS and wait for their 交付前設定 (申請中), each with
    the checks against the register (異動 since the 申請: the rule the 交付前設定's plan
    applies, ``ido_since_shinsei``) and the reason of a card put aside, in one query."""
    changed = ido_since_shinsei(OuterRef("jumin_id"), OuterRef("shinsei_date"))
    held = Card.objects.filter(jumin_id=OuterRef("jumin_id"), status__in=HELD_STATES)
    horyuu = CardRireki.objects.filter(card_id=OuterRef("pk"), act=HORYUU_ACT).order_by(
        "-at", "-id"
    )
    cards = (
        _cards()
        .filter(status=CardStatus.SHINSEI)
        .annotate(
            changed=Exists(changed),
            holds_card=Exists(held),
            horyuu=Subquery(horyuu.values("reason")[:1]),
        )
        .order_by("shinsei_date", "id")
    )
    soon = add_months(today, 12)
    rows = []
    for card in cards:
        j = card.jumin
        limit = validity.stay_limit(
            is_foreign=j.is_foreign,
            zairyu_shikaku=j.zairyu_shikaku,
            kubun_30_45=j.kubun_30_45,
            zairyu_manryo_date=j.zairyu_manryo_date,
            gaikokujin_date=j.gaikokujin_date,
        )
        rows.append(
            ChecklistRow(
                card=card,
                live=j.status == JuminStatus.LIVE,
                changed=bool(getattr(card, "changed", False)),
                holds_card=bool(getattr(card, "holds_card", False)),
                no_shomei=not validity.shomei_allowed(j.seinengappi, today),
                stay_ends_soon=limit is not None and limit <= soon,
                horyuu=getattr(card, "horyuu", None) or "",
            )
        )
    return rows
