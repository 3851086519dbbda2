"""The plan of a 申請取消: the person's application not yet handed over (申請中 or
交付前: a card handed over is ended by 返納, not withdrawn)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.models import Jumin
from mynumber.kernel import card_rules
from mynumber.kernel.todoke_entry import check_todoke
from mynumber.models import Card

from .entry import ShinseiTorikeshiEntry

TORIKESHI_RULE = "番号法第16条の2・事務処理要領（交付前の申請に限り取消）"


@dataclass(frozen=True)
class ShinseiTorikeshiPlan:
    person: Jumin
    card: Card
    day: datetime.date


def plan(entry: ShinseiTorikeshiEntry, *, lock: bool = False) -> ShinseiTorikeshiPlan:
    def build(problems: Problems) -> ShinseiTorikeshiPlan:
        person = check_todoke(problems, entry, lock=lock)
        problems.require(bool(entry.riyu.strip()), "取消の理由を入力してください。", field="riyu")
        if person is None:
            problems.stop()
        cards = card_rules.cards_of(person, lock=lock)
        card = card_rules.pending(cards)
        if card is None:
            last = cards[0] if cards else None
            problems.stop(
                f"{TORIKESHI_RULE}: {card_rules.state_text(last)}"
                "（取り消せるのは交付前の申請だけです）。",
                field="atena_bango",
            )
        problems.raise_if_any()
        assert entry.todoke_date is not None
        return ShinseiTorikeshiPlan(person, card, entry.todoke_date)

    return make_plan(build)
