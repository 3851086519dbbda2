"""The カード補記 kind: at 承認 the 補記 is recorded (the card leaves the list due), the
署名用電子証明書 issued again when asked; the card goes back with its 追記欄 written."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from mynumber import kernel, services, services_kofu

from .entry import HokiEntry
from .form import HokiForm
from .plan import HokiPlan, plan


class HokiKind(kernel.MynumberKind[HokiEntry, HokiPlan]):
    code: ClassVar[str] = "card_hoki"
    label: ClassVar[str] = "個人番号カードの補記（住所・氏名等の変更）"
    order = 60
    form_class = HokiForm
    template = "counter/procedure_entry_base.html"
    planner = plan

    def review_of(self, procedure: Procedure, plan: HokiPlan) -> list[ReviewBlock]:
        due = plan.card.hoki_jiyu or "―"
        rows = [
            *kernel.card_rows(plan.card),
            ReviewRow("補記が必要な変更", due, "補記済"),
            ReviewRow("追記欄", "", plan.naiyou),
            ReviewRow("ICチップ", "", plan.ic_chip.label),
        ]
        if plan.shomei:
            rows.append(ReviewRow("署名用電子証明書", "失効", "新たに発行"))
        return [
            ReviewBlock("カード所有者", kernel.person_rows(plan.person)),
            ReviewBlock("カード補記", rows),
        ]

    def apply_plan(self, plan: HokiPlan, approval: ido.Approval) -> dict[str, Any]:
        who = kernel.actor(approval)
        naiyou = f"{plan.naiyou}（{plan.ic_chip.label}）"
        services.do_hoki(plan.card, day=plan.day, naiyou=naiyou, **who)
        rows = [
            ("氏名", plan.person.full_name),
            ("カード発行番号", plan.card.hakkou_bango),
            ("補記", plan.naiyou),
            ("ICチップ", plan.ic_chip.label),
        ]
        if plan.shomei:
            services_kofu.do_reissue_shomei(plan.card, day=plan.day, **who)
            rows.append(("署名用電子証明書", "発行"))
        return kernel.result(rows, card_id=plan.card.pk)

    def handover_documents(self, procedure: Procedure) -> list[str]:
        if not (procedure.result or {}).get("card_id"):
            return []
        return ["個人番号カード（追記欄に補記・公印）"]
