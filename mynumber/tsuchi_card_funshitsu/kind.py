"""The 通知カード紛失届 kind: at 承認 the 届出 is recorded and the 運用状況 set to 紛失."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from mynumber.kernel import tsuchi_card_kind as shared
from mynumber.kernel.todoke_kind import TodokeKind
from mynumber.models_tsuchi import TsuchiCardTodokeKind

from .entry import FunshitsuFields, TsuchiCardFunshitsuEntry
from .plan import plan

KIND = TsuchiCardTodokeKind.FUNSHITSU


class TsuchiCardFunshitsuForm(FunshitsuFields):
    entry_class = TsuchiCardFunshitsuEntry
    planner = plan


class TsuchiCardFunshitsuKind(TodokeKind[TsuchiCardFunshitsuEntry, shared.TsuchiCardPlan]):
    code: ClassVar[str] = "tsuchi_card_funshitsu"
    label: ClassVar[str] = "通知カードの紛失届"
    order = 85
    form_class = TsuchiCardFunshitsuForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: shared.TsuchiCardPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        return shared.review(KIND.label, procedure, entry, plan, "紛失")

    def apply_plan(self, plan: shared.TsuchiCardPlan, approval: Any) -> dict[str, Any]:
        return shared.apply(KIND, self.entry_of(approval.procedure.entry), plan, approval)

    def handover_documents(self, procedure: Procedure) -> list[str]:
        # 令和2年5月25日以降、通知カードの再交付はない: the window says what to do instead
        return [
            "受理完了の伝達: 通知カードの再交付はできません（令和2年5月25日廃止）。"
            "個人番号は個人番号カードの申請又は個人番号入りの住民票の写しで確認できます",
            "発見時の手続案内: 見つかった通知カードは返納届とともにお持ちください",
        ]
