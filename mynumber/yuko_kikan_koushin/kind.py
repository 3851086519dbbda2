"""The 有効期間更新 kind: at 承認 the card's 有効期限 moves to the new end of stay (written
on the card's 追記欄 at the window: seed ⑨)."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from jputil import wareki
from juki.ido import kernel as ido
from mynumber import kernel, services

from .entry import KoushinEntry
from .form import KoushinForm
from .plan import KoushinPlan, plan


class KoushinKind(kernel.MynumberKind[KoushinEntry, KoushinPlan]):
    code: ClassVar[str] = "yuko_kikan_koushin"
    label: ClassVar[str] = "個人番号カードの有効期間更新（在留期間の更新）"
    order = 30
    form_class = KoushinForm
    template = "counter/procedure_entry_base.html"
    planner = plan

    def review_of(self, procedure: Procedure, plan: KoushinPlan) -> list[ReviewBlock]:
        before = ido.wareki_text(plan.card.yuukou_kigen) if plan.card.yuukou_kigen else "―"
        return [
            ReviewBlock("カード所有者", kernel.person_rows(plan.person)),
            ReviewBlock(
                "有効期間の更新",
                [
                    # j90: a foreign resident's 在留期間の満了の日 in 西暦
                    ReviewRow(
                        "在留期間の満了の日（住民票）", "", wareki.to_seireki(plan.stay_until)
                    ),
                    ReviewRow("カードの有効期限", before, ido.wareki_text(plan.new_until)),
                    ReviewRow("追記欄", "", "新しい有効期限を補記"),
                ],
            ),
        ]

    def apply_plan(self, plan: KoushinPlan, approval: ido.Approval) -> dict[str, Any]:
        before = plan.card.yuukou_kigen
        services.do_renew_validity(
            plan.card, day=plan.day, new_stay_until=plan.stay_until, **kernel.actor(approval)
        )
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("在留期間の満了の日", wareki.to_seireki(plan.stay_until)),  # j90
                ("従前の有効期限", ido.wareki_text(before) if before else "―"),
                ("新しい有効期限", ido.wareki_text(plan.card.yuukou_kigen)),
            ],
            card_id=plan.card.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        if not (procedure.result or {}).get("card_id"):
            return []
        return ["個人番号カード（追記欄に新しい有効期限を補記）", "在留カード"]
