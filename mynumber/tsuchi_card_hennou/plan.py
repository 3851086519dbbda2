"""The plan of a 通知カード返納届: the card itself must be at the window (seed ③:
「通知カードの確認」)."""

from __future__ import annotations

from counter.kind_plan import Problems
from mynumber.kernel.tsuchi_card_kind import TsuchiCardPlan, plan_todoke
from mynumber.models_tsuchi import TsuchiCardTodokeKind

from .entry import JIYU, TsuchiCardHennouEntry

CARD_RULE = "改正前の番号法第7条第7項（返納は通知カードを添えて）"


def plan(entry: TsuchiCardHennouEntry, *, lock: bool = False) -> TsuchiCardPlan:
    def card_seen(problems: Problems) -> None:
        problems.require(
            entry.check_card,
            f"{CARD_RULE}: 返納される通知カードを確認してください。",
            field="check_card",
        )

    return plan_todoke(
        entry,
        TsuchiCardTodokeKind.HENNOU,
        jiyu=entry.jiyu,
        choices=JIYU,
        lock=lock,
        extra=card_seen,
    )
