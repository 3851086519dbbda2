"""The plan of a 紛失届: the card the person holds, not yet suspended by us.

番号法第17条第5項: 紛失したときは直ちに届出. A card the コールセンター suspended is still
交付済 here until this 届出 records it (with its 受付番号, when given); a card already
一時停止 in this register was reported already."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.models import Jumin
from mynumber.kernel import card_rules, madoguchi
from mynumber.kernel.todoke_entry import check_todoke
from mynumber.models import Card, CardStatus

from .entry import JIYU, CardFunshitsuEntry


@dataclass(frozen=True)
class CardFunshitsuPlan:
    person: Jumin
    card: Card
    day: datetime.date
    haishi: bool


def plan(entry: CardFunshitsuEntry, *, lock: bool = False) -> CardFunshitsuPlan:
    def build(problems: Problems) -> CardFunshitsuPlan:
        person = check_todoke(problems, entry, lock=lock)
        problems.require(entry.jiyu in JIYU, "届出の事由を選んでください。", field="jiyu")
        madoguchi.check_not_before(
            problems, entry.funshitsu_date, entry.todoke_date, "紛失に気づいた日", "funshitsu_date"
        )
        if person is None:
            problems.stop()
        card = card_rules.require_held(
            problems,
            card_rules.cards_of(person, lock=lock),
            CardStatus.KOUFUZUMI,
            card_rules.FUNSHITSU_RULE,
            "紛失の届出は交付済みのカードについて受け付けます",
        )
        problems.raise_if_any()
        assert card is not None and entry.todoke_date is not None
        return CardFunshitsuPlan(person, card, entry.todoke_date, entry.jiyu == "shoushitsu")

    return make_plan(build)


def reason(entry: CardFunshitsuEntry) -> str:
    """The history's 事由: how it was lost and who suspended it first."""
    parts = [JIYU.get(entry.jiyu, entry.jiyu)]
    if entry.callcenter:
        parts.append(
            "コールセンターで一時停止済み"
            + (f"（受付番号 {entry.callcenter_bango}）" if entry.callcenter_bango else "")
        )
    if entry.keisatsu_bango:
        parts.append(f"警察の受理番号 {entry.keisatsu_bango}")
    return "・".join(parts)
