"""The plan of a 交付申請書の交付: the person, the visitor, and no second card.

A 交付申請書 serves a new application only: refused while another application is open
or a valid card is held far from its 有効期限 (mynumber.kernel.card_rules); for someone
under 15 the 法定代理人 comes (the kernel's rules.check_houtei_dairinin)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.models import Jumin
from mynumber.kernel import card_rules, rules
from mynumber.kernel.todoke_entry import check_todoke

from .entry import KoufuShinseishoEntry


@dataclass(frozen=True)
class KoufuShinseishoPlan:
    person: Jumin
    day: datetime.date


def plan(entry: KoufuShinseishoEntry, *, lock: bool = False) -> KoufuShinseishoPlan:
    def build(problems: Problems) -> KoufuShinseishoPlan:
        person = check_todoke(problems, entry, lock=lock)
        day = entry.todoke_date
        if person is None or day is None:
            problems.stop()
        rules.check_houtei_dairinin(problems, person, day, raichousha=entry.raichousha)
        card_rules.check_no_valid_card(problems, card_rules.cards_of(person, lock=lock), day)
        problems.raise_if_any()
        return KoufuShinseishoPlan(person, day)

    return make_plan(build)
