"""The 暗証番号変更・再設定 kind: at 承認 one record per PIN (which, how, who came)."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from mynumber import kernel, services
from mynumber.models import Raichousha

from .entry import AnshouEntry
from .form import AnshouForm
from .plan import AnshouPlan, plan


class AnshouKind(kernel.MynumberKind[AnshouEntry, AnshouPlan]):
    code: ClassVar[str] = "anshou_bangou"
    label: ClassVar[str] = "個人番号カードの暗証番号変更・再設定"
    order = 40
    form_class = AnshouForm
    template = "counter/procedure_entry_base.html"
    planner = plan

    def review_of(self, procedure: Procedure, plan: AnshouPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        return [
            ReviewBlock("カード所有者", kernel.person_rows(plan.person)),
            ReviewBlock(
                f"暗証番号の{plan.sousa.label}",
                [
                    *kernel.card_rows(plan.card),
                    ReviewRow("対象", "", "、".join(p.label for p in plan.pins)),
                    ReviewRow("来庁者", "", Raichousha(entry.raichousha).label),
                ],
            ),
        ]

    def apply_plan(self, plan: AnshouPlan, approval: ido.Approval) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        for pin in plan.pins:
            services.do_record_pin_setting(
                plan.card,
                shurui=pin.shurui,
                sousa=plan.sousa,
                raichousha=entry.raichousha,
                shoukaisho=entry.shoukaisho,
                **kernel.actor(approval),
            )
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("カード発行番号", plan.card.hakkou_bango),
                (plan.sousa.label, "、".join(p.label for p in plan.pins)),
            ],
            card_id=plan.card.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        if not (procedure.result or {}).get("card_id"):
            return []
        return ["個人番号カード", "回答書（代理人の場合）"]
