"""The plan of a 回収: the 除票 of the holder who died, and the card brought in.

The card is the holder's newest one not yet taken back: ended by the 死亡 (番号法施行令第14条),
or, where it was still held (a card the register's 死亡 did not reach), ended now with the
same 事由. The day cannot come before the 死亡日, and the card must be seen at the window."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.ido import kernel as ido
from juki.models import Jumin, JuminStatus, ShojoJiyu
from mynumber.kernel import card_rules, madoguchi, rules
from mynumber.models import HELD_STATES, Card, CardStatus

from .entry import CardKaishuEntry

KAISHU_RULE = "番号法施行令第14条（死亡によるカードの失効）・事務処理要領（失効したカードの回収）"
#: a card the city can still take back: ended, or one the 死亡 should have ended
COLLECTABLE = (CardStatus.HAISHI, *HELD_STATES)


@dataclass(frozen=True)
class CardKaishuPlan:
    person: Jumin
    card: Card
    day: datetime.date


def find_deceased(problems: Problems, atena_bango: str, *, lock: bool = False) -> Jumin | None:
    """The 除票 of the person with this 宛名番号 removed by 死亡, or a problem saying why
    not (a living holder returns the card by the 返納届)."""
    people = rules.records_of(atena_bango, lock=lock)
    dead = next(
        (p for p in people if p.status == JuminStatus.JOHYO and p.shojo_jiyu == ShojoJiyu.SHIBOU),
        None,
    )
    if dead is None:
        live = any(ido.is_live(p) for p in people)
        problems.add(
            f"{KAISHU_RULE}: 宛名番号{atena_bango}の方は死亡により消除されていません。"
            + (
                "死亡届の承認の後に回収するか、ご本人の返納は返納届によってください。"
                if live
                else "宛名番号を確かめてください。"
            ),
            field="atena_bango",
        )
    return dead


def collected_card(cards: list[Card]) -> Card | None:
    """The newest card not yet taken back."""
    return next((c for c in cards if c.status in COLLECTABLE), None)


def plan(entry: CardKaishuEntry, *, lock: bool = False) -> CardKaishuPlan:
    def build(problems: Problems) -> CardKaishuPlan:
        madoguchi.require_day(problems, entry.todoke_date, "受付年月日", "todoke_date")
        person = find_deceased(problems, entry.atena_bango, lock=lock)
        problems.require(
            entry.jisansha_shimei.strip(), "持参した方の氏名を入力してください。",
            field="jisansha_shimei",
        )  # fmt: skip
        problems.require(
            entry.jisansha_kankei.strip(), "死亡した方との関係を入力してください。",
            field="jisansha_kankei",
        )  # fmt: skip
        problems.require(
            entry.check_card,
            f"{KAISHU_RULE}: 持参された個人番号カードを確認してください。",
            field="check_card",
        )
        if person is None or entry.todoke_date is None:
            problems.stop()
        if person.shojo_date is not None and entry.todoke_date < person.shojo_date:
            problems.add(
                f"受付年月日が死亡日（{ido.wareki_text(person.shojo_date)}）より前です。",
                field="todoke_date",
            )
        card = collected_card(card_rules.cards_of(person, lock=lock))
        if card is None:
            problems.stop(
                f"{KAISHU_RULE}: この方には回収する個人番号カードがありません"
                "（回収済み、返納済み、又はカードの交付がありません）。",
                field="atena_bango",
            )
        problems.raise_if_any()
        return CardKaishuPlan(person, card, entry.todoke_date)

    return make_plan(build)
