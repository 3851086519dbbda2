"""The examples of the window 届出 kinds (ADR 0037), what juki/demo/examples.py holds for
juki's: each prepares the register and the cards through the services (mynumber.demo,
mynumber.services_todoke) and returns a valid entry, written from its JSON shape, and one
the kind refuses by a rule of its own, with the field the refusal stands next to."""

from __future__ import annotations

from typing import Any

from juki.demo import examples
from juki.demo import residents as r
from juki.models import Jumin

from . import demo, services, services_todoke
from .examples_kofu import approved
from .models_tsuchi import HenreiRiyu


def _todoke(person: Jumin, **fields: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "todoke_date": r.today().isoformat(),
        "raichousha": "honnin",
        "dairinin_shimei": "",
        "dairiken": "",
        "honnin_kakunin": "driver_license",
        **fields,
    }


def _pair() -> tuple[Jumin, Jumin]:
    adult, wife = r.household(r.TAKAHASHI[:2])
    return adult, wife


def tsuchisho_koufu(persons: int) -> examples.Example:
    """A 通知書 returned 20 days ago; refused: a person the post returned none for."""
    adult, wife = _pair()
    services_todoke.do_henrei_uketsuke(
        adult, henrei_date=r.days_ago(20), riyu=HenreiRiyu.ATESHO_NASHI, acting_user=None
    )
    entry = _todoke(adult, check_henrei_bunsho=True)
    return examples.Example(entry, {**entry, "atena_bango": wife.atena_bango}, "atena_bango", 1)


def tsuchi_card_funshitsu(persons: int) -> examples.Example:
    """A lost 通知カード; refused: noticed after the day of the 届出."""
    adult, _wife = _pair()
    entry = _todoke(
        adult, jiyu="funshitsu", funshitsu_date=r.days_ago(3).isoformat(), keisatsu_todoke=True
    )
    late = {**entry, "todoke_date": r.days_ago(5).isoformat()}
    return examples.Example(entry, late, "funshitsu_date", 1)


def tsuchi_card_hennou(persons: int) -> examples.Example:
    """A 通知カード returned on a 国外転出; refused: the card not seen."""
    adult, _wife = _pair()
    entry = _todoke(adult, jiyu="kokugai_tenshutsu", check_card=True)
    return examples.Example(entry, {**entry, "check_card": False}, "check_card", 1)


def koufu_shinseisho(persons: int) -> examples.Example:
    """A 申請書 for an adult without a card; refused: a 13-year-old's asked by herself."""
    adult, _wife, _son, child = r.household(r.TAKAHASHI[:4])
    entry = _todoke(adult, fuutou=True)
    return examples.Example(entry, {**entry, "atena_bango": child.atena_bango}, "raichousha", 1)


def shinsei_torikeshi(persons: int) -> examples.Example:
    """An application withdrawn; refused: a person with none open."""
    adult, wife = _pair()
    demo.applied(adult)
    entry = _todoke(adult, riyu="写真を撮り直して申請し直すため")
    return examples.Example(entry, {**entry, "atena_bango": wife.atena_bango}, "atena_bango", 1)


def card_funshitsu(persons: int) -> examples.Example:
    """A card lost after the コールセンター stopped it; refused: a person with no card."""
    adult, wife = _pair()
    demo.issued(adult)
    entry = _todoke(
        adult,
        jiyu="funshitsu",
        funshitsu_date=r.days_ago(1).isoformat(),
        callcenter=True,
        callcenter_bango="CC-0001",
        keisatsu_bango="",
    )
    return examples.Example(entry, {**entry, "atena_bango": wife.atena_bango}, "atena_bango", 1)


def card_hakken(persons: int) -> examples.Example:
    """The lost card found; refused: the card not seen at the window."""
    adult, _wife = _pair()
    card = demo.issued(adult)
    services.do_suspend(card, day=r.today(), acting_user=None, reason="紛失")
    entry = _todoke(adult, check_card=True, shomei_saihakkou=True)
    return examples.Example(entry, {**entry, "check_card": False}, "check_card", 1)


def card_hennou(persons: int) -> examples.Example:
    """A card given back at will; refused: the card not seen at the window."""
    adult, _wife = _pair()
    demo.issued(adult)
    entry = _todoke(adult, jiyu="nini", check_card=True)
    return examples.Example(entry, {**entry, "check_card": False}, "check_card", 1)


def card_kaishu(persons: int) -> examples.Example:
    """The card of a wife who died, brought by her husband; refused: the living husband's."""
    husband, wife = _pair()
    demo.issued(wife)
    approved(
        "shibou",
        {
            "atena_bango": wife.atena_bango,
            "setai_bango": wife.setai.setai_bango,
            "todoke_date": r.days_ago(2).isoformat(),
            "shibou_date": r.days_ago(4).isoformat(),
            "shibou_date_hyoki": "",
            "new_setai_nushi": "",
            "zokugara_changes": {},
        },
    )
    entry = {
        "atena_bango": wife.atena_bango,
        "todoke_date": r.today().isoformat(),
        "jisansha_shimei": husband.full_name,
        "jisansha_kankei": "夫",
        "honnin_kakunin": "driver_license",
        "check_card": True,
    }
    return examples.Example(entry, {**entry, "atena_bango": husband.atena_bango}, "atena_bango", 1)


def card_saikoufu(persons: int) -> examples.Example:
    """A 再交付 of a lost card, with the police's 受理番号; refused: no proof of the loss."""
    adult, _wife = _pair()
    demo.issued(adult)
    entry = _todoke(
        adult,
        riyu="funshitsu",
        shoumei_bango="第1234号",
        shoumei_copied=True,
        check_card=False,
        denshi_shomeisho=True,
        houhou="madoguchi",
        check_photo=True,
    )
    return examples.Example(entry, {**entry, "shoumei_bango": ""}, "shoumei_bango", 1)


def register_examples() -> None:
    for builder in (
        tsuchisho_koufu,
        tsuchi_card_funshitsu,
        tsuchi_card_hennou,
        koufu_shinseisho,
        shinsei_torikeshi,
        card_funshitsu,
        card_hakken,
        card_hennou,
        card_kaishu,
        card_saikoufu,
    ):
        examples.register(builder.__name__, builder)
