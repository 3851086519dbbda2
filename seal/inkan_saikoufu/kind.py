"""The 再交付 kind: at 承認 a new 登録証 number; the old one invalid from that moment."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from seal import kernel, services

from .entry import SaikoufuEntry
from .form import SaikoufuForm
from .plan import SaikoufuPlan, plan


class SaikoufuKind(kernel.SealKind[SaikoufuEntry, SaikoufuPlan]):
    code: ClassVar[str] = "inkan_saikoufu"
    label: ClassVar[str] = "印鑑登録証の再交付"
    order = 40
    form_class = SaikoufuForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: SaikoufuPlan) -> list[ReviewBlock]:
        old = plan.old.bango if plan.old else "（なし）"
        return [
            ReviewBlock("登録者", kernel.person_rows(plan.person)),
            ReviewBlock(
                "印鑑登録証の再交付",
                [
                    ReviewRow("印鑑登録番号", plan.toroku.toroku_bango, plan.toroku.toroku_bango),
                    ReviewRow("登録証番号", old, "新しい番号（承認時に採番）"),
                    ReviewRow("従前の登録証", "有効", "承認の時点から無効"),
                ],
            ),
        ]

    def apply_plan(self, plan: SaikoufuPlan, approval: Any) -> dict[str, Any]:
        card = services.do_saikoufu(plan.toroku, actor=kernel.actor(approval))
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("新しい登録証番号", card.bango),
                ("無効とした登録証番号", plan.old.bango if plan.old else ""),
            ],
            toroku_id=plan.toroku.pk,
            torokusho_bango=card.bango,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        bango = procedure.result.get("torokusho_bango") if procedure.result else None
        return (
            [f"新しい印鑑登録証（登録証番号 {bango}）: 受領書に署名を受けて交付"] if bango else []
        )
