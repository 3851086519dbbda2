"""The plan of a 通知カード紛失届 (改正前の番号法第7条第6項: 紛失したときは直ちに届出)."""

from __future__ import annotations

from counter.kind_plan import Problems
from mynumber.kernel import madoguchi
from mynumber.kernel.tsuchi_card_kind import TsuchiCardPlan, plan_todoke
from mynumber.models_tsuchi import TsuchiCardTodokeKind

from .entry import JIYU, TsuchiCardFunshitsuEntry


def plan(entry: TsuchiCardFunshitsuEntry, *, lock: bool = False) -> TsuchiCardPlan:
    def dates(problems: Problems) -> None:
        madoguchi.check_not_before(
            problems, entry.funshitsu_date, entry.todoke_date, "紛失に気づいた日", "funshitsu_date"
        )

    return plan_todoke(
        entry, TsuchiCardTodokeKind.FUNSHITSU, jiyu=entry.jiyu, choices=JIYU, lock=lock, extra=dates
    )
