"""The plan of a 返納: the 事由, the card at the window, and what becomes of it.

番号法施行令第15条: the holder gives the card back when it has lapsed or was ended
(有効期間の満了・失効, 再交付の後に発見: 第1項, or when the mayor asks it) and may at
any time (第4項). A card still valid ends by the 返納 (返納); one already ended is taken
back (回収). A 国外転出 obliged the return until 2024-05-26; from 2024-05-27
(令和5年法律第48号の施行) the card continues abroad, and a return then is the holder's own
wish (``gimu`` tells which)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.models import Jumin
from mynumber.kernel import card_rules
from mynumber.kernel.todoke_entry import check_todoke
from mynumber.models import Card, CardStatus, HaishiJiyu

from .entry import JIYU, CardHennouEntry

#: 令和5年法律第48号（マイナンバー法等の一部改正）の国外転出者のカード継続利用の施行日
KOKUGAI_KEIZOKU_FROM = datetime.date(2024, 5, 27)
CARD_RULE = "番号法施行令第15条（返納は個人番号カードを添えて）"
#: the 事由 by which the card has ended (or ends now): it is collected (回収)
ENDED = {"hakken": HaishiJiyu.SAIKOUFU, "shikkou": HaishiJiyu.KIGEN_MANRYO}


def gimu(jiyu: str, day: datetime.date) -> bool:
    """Whether the law obliged this return (第15条第1項) rather than allowing it (第4項)."""
    if jiyu == "kokugai_tenshutsu":
        return day < KOKUGAI_KEIZOKU_FROM
    return jiyu in ENDED or jiyu == "meirei"


def returned_card(cards: list[Card], jiyu: str) -> Card | None:
    """The card the 返納 is about: for a 事由 by which the card has ended, the newest card
    ended (the one a 再交付 replaced, the one that lapsed), else the card held."""
    held = card_rules.held(cards)
    ended = next((c for c in cards if c.status == CardStatus.HAISHI), None)
    return (ended or held) if jiyu in ENDED else (held or ended)


def check_jiyu(problems: Problems, jiyu: str, card: Card, day: datetime.date) -> None:
    """The 事由 fits the card: found after a 再交付, the card that 再交付 ended; lapsed, a
    card past its 有効期限 (or ended already)."""
    ended = card.status == CardStatus.HAISHI
    if jiyu == "hakken":
        problems.require(
            ended and card.haishi_jiyu == HaishiJiyu.SAIKOUFU,
            f"{card_rules.HENNOU_RULE}: このカードは再交付により廃止したカードではありません"
            f"（{card.get_status_display()}）。",
            field="jiyu",
        )
    if jiyu == "shikkou":
        lapsed = card.yuukou_kigen is not None and card.yuukou_kigen < day
        problems.require(
            ended or lapsed,
            f"{card_rules.HENNOU_RULE}: このカードは有効期限内です"
            "（本人の希望による返納を選んでください）。",
            field="jiyu",
        )


@dataclass(frozen=True)
class CardHennouPlan:
    person: Jumin
    card: Card
    day: datetime.date
    #: 回収 (the card has ended or ends by its 事由) rather than 返納 of a valid card
    kaishu: bool
    gimu: bool


def plan(entry: CardHennouEntry, *, lock: bool = False) -> CardHennouPlan:
    def build(problems: Problems) -> CardHennouPlan:
        person = check_todoke(problems, entry, lock=lock)
        problems.require(entry.jiyu in JIYU, "返納の事由を選んでください。", field="jiyu")
        problems.require(
            entry.check_card,
            f"{CARD_RULE}: 返納される個人番号カードを確認してください。",
            field="check_card",
        )
        if person is None or entry.todoke_date is None:
            problems.stop()
        card = returned_card(card_rules.cards_of(person, lock=lock), entry.jiyu)
        if card is None:
            problems.stop(
                f"{card_rules.HENNOU_RULE}: この方には返納できる個人番号カードがありません"
                "（返納できるのは交付済み・一時停止・廃止のカードです）。",
                field="atena_bango",
            )
        check_jiyu(problems, entry.jiyu, card, entry.todoke_date)
        problems.raise_if_any()
        kaishu = card.status == CardStatus.HAISHI or entry.jiyu in ENDED
        return CardHennouPlan(
            person, card, entry.todoke_date, kaishu, gimu(entry.jiyu, entry.todoke_date)
        )

    return make_plan(build)
