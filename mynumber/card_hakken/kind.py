"""The 発見 kind: at 承認 the 一時停止 is lifted (J-LIS told) and the 署名用 reissued."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from mynumber import services
from mynumber.kernel import person_rows, result
from mynumber.kernel.todoke_entry import visitor_rows
from mynumber.kernel.todoke_kind import TodokeKind, after_block

from .entry import CardHakkenEntry, HakkenFields
from .plan import CardHakkenPlan, plan


class CardHakkenForm(HakkenFields):
    entry_class = CardHakkenEntry
    planner = plan


class CardHakkenKind(TodokeKind[CardHakkenEntry, CardHakkenPlan]):
    code: ClassVar[str] = "card_hakken"
    label: ClassVar[str] = "個人番号カードの発見（一時停止解除）"
    order = 45
    form_class = CardHakkenForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: CardHakkenPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        return [
            ReviewBlock("カードの所有者", person_rows(plan.person)),
            after_block(
                "個人番号カード",
                [
                    ("発行番号", plan.card.hakkou_bango, plan.card.hakkou_bango),
                    ("状態", plan.card.get_status_display(), "交付済"),
                    ("利用者証明用電子証明書", "一時保留", "有効"),
                    ("署名用電子証明書", "失効", "再発行" if plan.shomei else "失効のまま"),
                    *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                ],
            ),
        ]

    def apply_plan(self, plan: CardHakkenPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        services.do_resume(
            plan.card,
            day=plan.day,
            acting_user=approval.acting_user,
            procedure=approval.procedure,
            reissue_shomei=plan.shomei,
        )
        return result(
            [
                ("氏名", plan.person.full_name),
                ("カード", f"{plan.card.hakkou_bango}（一時停止解除）"),
                ("署名用電子証明書", "再発行" if plan.shomei else "発行しない"),
                *visitor_rows(entry, plan.person),
            ],
            card_id=plan.card.pk,
            shomei_reissued=plan.shomei,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        again = bool((procedure.result or {}).get("shomei_reissued"))
        return ["個人番号カード（一時停止解除）を返却"] + (
            ["署名用電子証明書の暗証番号をCS端末で本人が設定"] if again else []
        )
