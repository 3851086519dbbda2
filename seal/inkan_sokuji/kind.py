"""The 即時登録 kind: at 承認 the seal is registered and a 印鑑登録証 issued."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.procedure_models import IdDocument, Procedure
from juki.ido import kernel as ido
from seal import kernel, services

from .entry import SokujiEntry
from .form import SokujiForm
from .plan import SokujiPlan, plan


class SokujiKind(kernel.SealKind[SokujiEntry, SokujiPlan]):
    code: ClassVar[str] = "inkan_sokuji"
    label: ClassVar[str] = "印鑑登録（即時）"
    order = 20
    form_class = SokujiForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: SokujiPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        app = plan.application
        confirm = plan.houhou.label
        if plan.hoshounin is not None:
            h = plan.hoshounin
            confirm += f"　保証人 {h.jumin.full_name}（印鑑登録番号 {h.toroku_bango}）"
        elif entry.honnin_kakunin:
            confirm += f"　{IdDocument(entry.honnin_kakunin).label}"
        return [
            ReviewBlock("申請者", kernel.person_rows(app.person)),
            ReviewBlock(
                "印鑑登録（即時）",
                [
                    ReviewRow("状態", "", "登録（印鑑登録証を交付）"),
                    ReviewRow("登録年月日", "", ido.wareki_text(app.day)),
                    ReviewRow("意思の確認", "", confirm),
                    ReviewRow("印影", "", entry.inei_moji),
                    ReviewRow("寸法", "", f"{app.inei.width_mm}×{app.inei.height_mm}mm"),
                ],
            ),
        ]

    def apply_plan(self, plan: SokujiPlan, approval: ido.Approval) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        app = plan.application
        toroku, card = services.do_sokuji(
            app.person,
            app.application(entry),
            houhou=plan.houhou,
            inei_id=app.inei.pk,
            actor=kernel.actor(approval),
            honnin_kakunin=entry.honnin_kakunin,
            hoshounin=plan.hoshounin,
            hoshounin_inei_id=plan.hoshounin_inei.pk if plan.hoshounin_inei else None,
        )
        return kernel.result(
            [
                ("氏名", app.person.full_name),
                ("印鑑登録番号", toroku.toroku_bango),
                ("登録証番号", card.bango),
            ],
            toroku_id=toroku.pk,
            torokusho_bango=card.bango,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        bango = procedure.result.get("torokusho_bango") if procedure.result else None
        return [f"印鑑登録証（登録証番号 {bango}）: 受領書に署名を受けて交付"] if bango else []
