"""Cards in their states, made through mynumber.services: for the tests, the kinds'
examples and the demo (``seed_demo`` / ``make run``)."""

from __future__ import annotations

import datetime
import itertools

from juki.demo import residents as r
from juki.models import Jumin

from . import services
from .models import Card, PinShurui, PinSousa, ShinseiJiyu

_serial = itertools.count(1)


def hakkou_bango() -> str:
    """A card number as J-LIS might give it (unique within a run)."""
    return f"D{next(_serial):011d}"


def applied(
    person: Jumin,
    *,
    shinsei_date: datetime.date | None = None,
    shinsei_jiyu: str = ShinseiJiyu.SHINKI,
    tokkyu: bool = False,
) -> Card:
    """申請中: a 交付申請 received a month ago."""
    return services.do_register_application(
        person,
        shinsei_date=shinsei_date or r.days_ago(30),
        shinsei_jiyu=shinsei_jiyu,
        tokkyu=tokkyu,
        acting_user=None,
    )


def received(person: Jumin, *, sent: bool = True, shinsei_jiyu: str = ShinseiJiyu.SHINKI) -> Card:
    """交付前: the card came and was set up a week ago; its 交付通知書 mailed."""
    card = applied(person, shinsei_jiyu=shinsei_jiyu)
    services.do_receive_cards(
        card,
        hakkou_bango=hakkou_bango(),
        hakkou_date=r.days_ago(10),
        settei_date=r.days_ago(7),
        acting_user=None,
    )
    if sent:
        services.do_send_tsuchisho(card, day=r.days_ago(6), acting_user=None)
    return card


def issued(person: Jumin, *, shinsei_jiyu: str = ShinseiJiyu.SHINKI) -> Card:
    """交付済: handed over today, with its certificates and the four PINs set."""
    card = received(person, shinsei_jiyu=shinsei_jiyu)
    services.do_issue_card(card, day=r.today(), acting_user=None)
    for shurui in PinShurui:
        services.do_record_pin_setting(card, shurui=shurui, sousa=PinSousa.SETTEI, acting_user=None)
    return card


def seed(limit: int = 12) -> int:
    """A few cards in their states for ``make run`` (cards of the first live residents):
    交付済 (one with a カード補記 due, one due for its 継続利用), 交付前 (one returned),
    申請中 (for the 交付前設定 checklist), 一時停止, 返納. Returns the number made."""
    from django.db import transaction

    from juki.models import JuminStatus

    people = list(Jumin.objects.filter(status=JuminStatus.LIVE).order_by("id")[:limit])
    makers = [
        issued,
        issued,
        received,
        received,
        applied,
        applied,
        issued,
        issued,
        issued,
    ]
    made = 0
    for person, make in zip(people, makers, strict=False):
        with transaction.atomic():
            card = make(person)
            made += 1
            if made == 2:
                services.do_mark_hoki(card, day=r.today(), jiyu="転居（住所）", acting_user=None)
            elif made == 4:
                services.do_return_tsuchisho(card, day=r.today(), acting_user=None)
            elif made == 7:
                services.do_suspend(card, day=r.today(), acting_user=None, reason="紛失")
            elif made == 8:
                services.do_return(card, day=r.today(), acting_user=None)
            elif made == 9:
                Card.objects.filter(pk=card.pk).update(
                    keizoku_kigen=r.today() + datetime.timedelta(days=30)
                )
    return made
