"""The 照会 kind: at 承認 the registration is made 照会中 and the 照会書兼回答書 printed."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import HandoverDocument, ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from seal import documents, kernel, services
from seal.models import InkanToroku, ShimeiKeishiki

from .entry import ShoukaiEntry
from .form import ShoukaiForm
from .plan import plan


class ShoukaiKind(kernel.SealKind[ShoukaiEntry, kernel.ApplicationPlan]):
    code: ClassVar[str] = "inkan_shoukai"
    label: ClassVar[str] = "印鑑登録（照会）"
    order = 10
    form_class = ShoukaiForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: kernel.ApplicationPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        keishiki = ShimeiKeishiki(entry.shimei_keishiki).label
        return [
            ReviewBlock("申請者", kernel.person_rows(plan.person)),
            ReviewBlock(
                "印鑑登録（照会）",
                [
                    ReviewRow("状態", "", "照会中（照会書兼回答書を住所地へ送付）"),
                    ReviewRow("申請年月日", "", ido.wareki_text(plan.day)),
                    ReviewRow("印影", "", f"{entry.inei_moji}（{keishiki}）"),
                    ReviewRow("寸法", "", f"{plan.inei.width_mm}×{plan.inei.height_mm}mm"),
                ],
            ),
        ]

    def apply_plan(self, plan: kernel.ApplicationPlan, approval: ido.Approval) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        toroku = services.do_shoukai(
            plan.person,
            plan.application(entry),
            inei_id=plan.inei.pk,
            actor=kernel.actor(approval),
        )
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("印鑑登録番号", toroku.toroku_bango),
                ("状態", "照会中"),
                ("回答期限", ido.wareki_text(toroku.kaitou_kigen)),
            ],
            toroku_id=toroku.pk,
        )

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        toroku_id = procedure.result.get("toroku_id") if procedure.result else None
        if not toroku_id:
            return []

        def render() -> bytes:
            toroku = InkanToroku.objects.select_related("jumin__chouaza").get(pk=toroku_id)
            return documents.shokai_kaitou_pdf(toroku)

        return [HandoverDocument("shokai_kaitou", documents.SHOKAI_KAITOU_NAME, render)]
