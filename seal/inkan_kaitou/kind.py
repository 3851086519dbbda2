"""The 回答 kind: at 承認 the registration 照会中 becomes 登録 and a 登録証 is issued."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from seal import kernel, services

from .entry import KaitouEntry
from .form import KaitouForm
from .plan import KaitouPlan, plan


class KaitouKind(kernel.SealKind[KaitouEntry, KaitouPlan]):
    code: ClassVar[str] = "inkan_kaitou"
    label: ClassVar[str] = "印鑑登録（回答）"
    order = 15
    form_class = KaitouForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: KaitouPlan) -> list[ReviewBlock]:
        return [
            ReviewBlock("申請者", kernel.person_rows(plan.person)),
            ReviewBlock(
                "印鑑登録（回答）",
                [
                    ReviewRow("印鑑登録番号", plan.toroku.toroku_bango, plan.toroku.toroku_bango),
                    ReviewRow("状態", "照会中", "登録（印鑑登録証を交付）"),
                    ReviewRow("回答期限", ido.wareki_text(plan.toroku.kaitou_kigen), ""),
                    ReviewRow("回答年月日", "", ido.wareki_text(plan.day)),
                ],
            ),
        ]

    def apply_plan(self, plan: KaitouPlan, approval: ido.Approval) -> dict[str, Any]:
        card = services.do_kaitou(
            plan.toroku,
            day=plan.day,
            actor=kernel.actor(approval),
            shougou_inei_id=plan.shougou_inei.pk if plan.shougou_inei else None,
        )
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("印鑑登録番号", plan.toroku.toroku_bango),
                ("登録証番号", card.bango),
            ],
            toroku_id=plan.toroku.pk,
            torokusho_bango=card.bango,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        bango = procedure.result.get("torokusho_bango") if procedure.result else None
        return [f"印鑑登録証（登録証番号 {bango}）: 受領書に署名を受けて交付"] if bango else []
