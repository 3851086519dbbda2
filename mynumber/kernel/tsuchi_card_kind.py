"""The two 通知カード 届出 (紛失, 返納) share their plan and their 承認: the holder, the
rules of mynumber.kernel.tsuchi_card, and the 届出 recorded with its 運用状況 sent."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from counter.kind_plan import Problems, make_plan
from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from juki.models import Jumin
from mynumber import services_todoke
from mynumber.models_tsuchi import TsuchiCardTodokeKind

from . import tsuchi_card
from .kind import person_rows, result
from .todoke_entry import TodokeEntry, check_todoke, visitor_rows
from .todoke_kind import after_block

#: 通知カード返納: a 国外転出 has the card endorsed and handed back (seed ⑤⑦)
KOKUGAI_TENSHUTSU = "kokugai_tenshutsu"


@dataclass(frozen=True)
class TsuchiCardPlan:
    person: Jumin
    day: datetime.date
    jiyu: str
    jiyu_label: str
    kanpu: bool


def plan_todoke(
    entry: TodokeEntry,
    kind: TsuchiCardTodokeKind,
    *,
    jiyu: str,
    choices: dict[str, str],
    lock: bool,
    extra: Callable[[Problems], None] | None = None,
) -> TsuchiCardPlan:
    """Every problem of a 通知カード 届出; ``extra(problems)`` adds the kind's own."""

    def build(problems: Problems) -> TsuchiCardPlan:
        person = check_todoke(problems, entry, lock=lock)
        problems.require(jiyu in choices, "事由を選んでください。", field="jiyu")
        if extra is not None:
            extra(problems)
        if person is None:
            problems.stop()
        tsuchi_card.check_could_hold(problems, person)
        tsuchi_card.check_first(problems, person, kind, lock=lock)
        problems.raise_if_any()
        assert entry.todoke_date is not None
        return TsuchiCardPlan(
            person, entry.todoke_date, jiyu, choices[jiyu], kanpu=jiyu == KOKUGAI_TENSHUTSU
        )

    return make_plan(build)


def review(
    title: str, procedure: Procedure, entry: TodokeEntry, plan: TsuchiCardPlan, after: str
) -> list[ReviewBlock]:
    return [
        ReviewBlock("通知カードの名義人", person_rows(plan.person)),
        after_block(
            title,
            [
                ("事由", "", plan.jiyu_label),
                *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                ("通知カードの運用状況", "", after),
            ],
        ),
    ]


def apply(
    kind: TsuchiCardTodokeKind, entry: TodokeEntry, plan: TsuchiCardPlan, approval: Any
) -> dict[str, Any]:
    todoke = services_todoke.do_tsuchi_card_todoke(
        plan.person,
        kind=kind,
        todoke_date=plan.day,
        jiyu=plan.jiyu,
        jiyu_label=plan.jiyu_label,
        kanpu=plan.kanpu,
        procedure=approval.procedure,
        acting_user=approval.acting_user,
    )
    return result(
        [
            ("氏名", plan.person.full_name),
            (kind.label, plan.jiyu_label),
            *visitor_rows(entry, plan.person),
        ],
        todoke_id=todoke.pk,
        kanpu=plan.kanpu,
    )
