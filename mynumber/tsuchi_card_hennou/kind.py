"""The 通知カード返納届 kind: at 承認 the 届出 is recorded and the 運用状況 set (返納);
on a 国外転出 the card is endorsed and handed back."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from mynumber.kernel import tsuchi_card_kind as shared
from mynumber.kernel.todoke_kind import TodokeKind
from mynumber.models_tsuchi import TsuchiCardTodokeKind

from .entry import HennouFields, TsuchiCardHennouEntry
from .plan import plan

KIND = TsuchiCardTodokeKind.HENNOU


class TsuchiCardHennouForm(HennouFields):
    entry_class = TsuchiCardHennouEntry
    planner = plan


class TsuchiCardHennouKind(TodokeKind[TsuchiCardHennouEntry, shared.TsuchiCardPlan]):
    code: ClassVar[str] = "tsuchi_card_hennou"
    label: ClassVar[str] = "通知カードの返納届"
    order = 86
    form_class = TsuchiCardHennouForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: shared.TsuchiCardPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        after = "返納（補記して還付）" if plan.kanpu else "返納（回収）"
        return shared.review(KIND.label, procedure, entry, plan, after)

    def apply_plan(self, plan: shared.TsuchiCardPlan, approval: Any) -> dict[str, Any]:
        return shared.apply(KIND, self.entry_of(approval.procedure.entry), plan, approval)

    def handover_documents(self, procedure: Procedure) -> list[str]:
        if procedure.result.get("kanpu"):
            return ["通知カード: 国外転出による返納を補記して還付"]
        return ["受理完了の伝達（通知カードは回収）"]
