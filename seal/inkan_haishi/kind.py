"""The 廃止 kind (印章亡失): at 承認 the registration ends, its 原票 kept closed."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from seal import kernel, services

from .entry import HaishiEntry
from .form import HaishiForm
from .plan import HaishiPlan, plan


class HaishiKind(kernel.SealKind[HaishiEntry, HaishiPlan]):
    code: ClassVar[str] = "inkan_haishi"
    label: ClassVar[str] = "印鑑登録の廃止（印章亡失）"
    order = 30
    form_class = HaishiForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: HaishiPlan) -> list[ReviewBlock]:
        before = plan.toroku.get_status_display()
        return [
            ReviewBlock("登録者", kernel.person_rows(plan.person)),
            ReviewBlock(
                "印鑑登録の廃止",
                [
                    ReviewRow("印鑑登録番号", plan.toroku.toroku_bango, plan.toroku.toroku_bango),
                    ReviewRow("状態", before, f"廃止（{plan.reason.label}）"),
                    ReviewRow("廃止年月日", "", ido.wareki_text(plan.day)),
                    ReviewRow("印鑑登録原票", "", "廃止として保存"),
                ],
            ),
        ]

    def apply_plan(self, plan: HaishiPlan, approval: ido.Approval) -> dict[str, Any]:
        services.do_haishi(
            plan.toroku, day=plan.day, reason=plan.reason, actor=kernel.actor(approval)
        )
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("印鑑登録番号", plan.toroku.toroku_bango),
                ("状態", f"廃止（{plan.reason.label}）"),
            ],
            toroku_id=plan.toroku.pk,
        )
