"""The plan of a 再交付申請: the 事由, its proof or the card, and no open application.

- A loss (紛失・盗難・災害) needs the document that proves it, its number recorded and
  the document copied (カード省令の再交付申請: 紛失の事実を疎明する資料; seed ②
  「紛失したことを証する書類を複写」); the lost card (交付済 or 一時停止) ends (廃止) at 承認.
- Any other 事由: the card is handed in (seed ② 「個人番号カードの回収」) and collected.
- One application at a time (カード省令: a valid card is not issued twice; the pending
  one must be withdrawn first).
- 窓口から郵送: the 顔写真 is checked (seed ③: 必須)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.models import Jumin
from mynumber.kernel import card_rules
from mynumber.kernel.todoke_entry import check_todoke
from mynumber.models import Card, CardStatus, ShinseiHouhou

from .entry import HOUHOU, CardSaikoufuEntry
from .fees import RIYU, Riyu

SHOUMEI_RULE = "カード省令（再交付申請: 紛失の事実を疎明する資料）"
KAISHU_RULE = "事務処理要領（紛失以外の再交付は個人番号カードを回収）"
PHOTO_RULE = "カード省令（交付申請書には顔写真を添える）"


@dataclass(frozen=True)
class CardSaikoufuPlan:
    person: Jumin
    day: datetime.date
    riyu: Riyu
    #: the card the new one replaces: ended (lost) or collected (handed in) at 承認
    old: Card | None


def plan(entry: CardSaikoufuEntry, *, lock: bool = False) -> CardSaikoufuPlan:
    def build(problems: Problems) -> CardSaikoufuPlan:
        person = check_todoke(problems, entry, lock=lock)
        riyu = RIYU.get(entry.riyu)
        problems.require(riyu is not None, "再交付の事由を選んでください。", field="riyu")
        problems.require(entry.houhou in HOUHOU, "申請方法を選んでください。", field="houhou")
        if riyu is not None and riyu.lost:
            problems.require(
                bool(entry.shoumei_bango.strip()),
                f"{SHOUMEI_RULE}: 紛失を証する書類の番号（受理番号等）を入力してください。",
                field="shoumei_bango",
            )
            problems.require(
                entry.shoumei_copied,
                f"{SHOUMEI_RULE}: 紛失を証する書類を複写してください。",
                field="shoumei_copied",
            )
        if entry.houhou == ShinseiHouhou.MADOGUCHI:
            problems.require(
                entry.check_photo, f"{PHOTO_RULE}: 顔写真を確認してください。", field="check_photo"
            )
        if person is None or riyu is None or entry.todoke_date is None:
            problems.stop()
        cards = card_rules.cards_of(person, lock=lock)
        card_rules.check_no_valid_card(problems, cards, entry.todoke_date, saikoufu=True)
        old = card_rules.held(cards) or next(
            (c for c in cards if c.status == CardStatus.HAISHI), None
        )
        if not riyu.lost:
            problems.require(
                entry.check_card or old is None,
                f"{KAISHU_RULE}: 個人番号カードを回収してください（紛失の場合は事由を紛失に）。",
                field="check_card",
            )
        problems.raise_if_any()
        return CardSaikoufuPlan(person, entry.todoke_date, riyu, old)

    return make_plan(build)
