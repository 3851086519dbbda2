"""Cards in their states, made through mynumber.services: for the tests, the kinds'
examples (M2, M3) and the demo (``seed_demo`` / ``make run``)."""

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
