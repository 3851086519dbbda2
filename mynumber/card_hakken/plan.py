"""The plan of a 発見: the person's card 一時停止 and the card itself at the window.

A card that is no longer 一時停止 because a 再交付 ended it (廃止) is refused: the found
card must be given back (番号法施行令第15条第1項: 再交付を受けた後に発見したとき). The
署名用電子証明書 is issued again only from 15 (公的個人認証法第3条第1項)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.models import Jumin
from mynumber import validity
from mynumber.kernel import card_rules
from mynumber.kernel.todoke_entry import check_todoke
from mynumber.models import Card, CardStatus, HaishiJiyu

from .entry import CardHakkenEntry

CARD_RULE = "事務処理要領（一時停止解除は発見したカードの確認のうえ）"
SHOMEI_RULE = "公的個人認証法第3条第1項（15歳未満の者に署名用電子証明書は発行しない）"


@dataclass(frozen=True)
class CardHakkenPlan:
    person: Jumin
    card: Card
    day: datetime.date
    shomei: bool


def plan(entry: CardHakkenEntry, *, lock: bool = False) -> CardHakkenPlan:
    def build(problems: Problems) -> CardHakkenPlan:
        person = check_todoke(problems, entry, lock=lock)
        problems.require(
            entry.check_card,
            f"{CARD_RULE}: 発見した個人番号カードを確認してください。",
            field="check_card",
        )
        if person is None or entry.todoke_date is None:
            problems.stop()
        cards = card_rules.cards_of(person, lock=lock)
        ended = next(
            (
                c
                for c in cards
                if c.haishi_jiyu == HaishiJiyu.SAIKOUFU and c.status == CardStatus.HAISHI
            ),
            None,
        )
        held = card_rules.held(cards)
        if ended is not None and (held is None or held.status != CardStatus.ICHIJI_TEISHI):
            problems.stop(
                f"{card_rules.HENNOU_RULE}: 再交付の申請により廃止したカードです。"
                "発見したカードは返納届により返納してください。",
                field="atena_bango",
            )
        card = card_rules.require_held(
            problems,
            cards,
            CardStatus.ICHIJI_TEISHI,
            card_rules.FUNSHITSU_RULE,
            "一時停止解除は紛失届により一時停止したカードについて受け付けます",
        )
        if entry.shomei_saihakkou:
            problems.require(
                validity.shomei_allowed(person.seinengappi, entry.todoke_date),
                f"{SHOMEI_RULE}: 15歳未満の方には署名用電子証明書を発行しません。",
                field="shomei_saihakkou",
            )
        problems.raise_if_any()
        assert card is not None
        return CardHakkenPlan(person, card, entry.todoke_date, entry.shomei_saihakkou)

    return make_plan(build)
