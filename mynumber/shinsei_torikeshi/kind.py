"""The 申請取消 kind: at 承認 the application is withdrawn (取消) and J-LIS told."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from juki.ido.kernel import wareki_text
from mynumber import services_todoke
from mynumber.kernel import person_rows, result
from mynumber.kernel.todoke_entry import visitor_rows
from mynumber.kernel.todoke_kind import TodokeKind, after_block

from .entry import ShinseiTorikeshiEntry, TorikeshiFields
from .plan import ShinseiTorikeshiPlan, plan


class ShinseiTorikeshiForm(TorikeshiFields):
    entry_class = ShinseiTorikeshiEntry
    planner = plan


class ShinseiTorikeshiKind(TodokeKind[ShinseiTorikeshiEntry, ShinseiTorikeshiPlan]):
    code: ClassVar[str] = "shinsei_torikeshi"
    label: ClassVar[str] = "個人番号カード交付申請の取消"
    order = 60
    form_class = ShinseiTorikeshiForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: ShinseiTorikeshiPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        card = plan.card
        return [
            ReviewBlock("申請者", person_rows(plan.person)),
            after_block(
                "交付申請",
                [
                    ("申請日", wareki_text(card.shinsei_date), wareki_text(card.shinsei_date)),
                    ("申請事由", card.get_shinsei_jiyu_display(), card.get_shinsei_jiyu_display()),
                    ("状態", card.get_status_display(), "取消"),
                    ("取消の理由", "", entry.riyu),
                    *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                ],
            ),
        ]

    def apply_plan(self, plan: ShinseiTorikeshiPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        services_todoke.do_torikeshi(
            plan.card,
            day=plan.day,
            reason=entry.riyu,
            procedure=approval.procedure,
            acting_user=approval.acting_user,
        )
        return result(
            [
                ("氏名", plan.person.full_name),
                ("取り消した申請", f"{wareki_text(plan.card.shinsei_date)}の申請"),
                *visitor_rows(entry, plan.person),
            ],
            card_id=plan.card.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["再申請の案内（改めて交付申請書により申請できます）"]
