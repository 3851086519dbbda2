"""The 交付申請書の交付 kind: at 承認 the 申請書ID is taken and the 管理簿 written; the
printed 申請書 (with its QR code) is the procedure's document from then on."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import HandoverDocument, ReviewBlock
from counter.procedure_models import Procedure
from mynumber import services_todoke
from mynumber.kernel import madoguchi, person_rows, result
from mynumber.kernel.todoke_entry import visitor_rows
from mynumber.kernel.todoke_kind import TodokeKind, after_block
from mynumber.models_shinseisho import ShinseishoKoufu
from mynumber.shinseisho import NAME, koufu_shinseisho_pdf

from .entry import KoufuShinseishoEntry, ShinseishoFields
from .plan import KoufuShinseishoPlan, plan


class KoufuShinseishoForm(ShinseishoFields):
    entry_class = KoufuShinseishoEntry
    planner = plan


class KoufuShinseishoKind(TodokeKind[KoufuShinseishoEntry, KoufuShinseishoPlan]):
    code: ClassVar[str] = "koufu_shinseisho"
    label: ClassVar[str] = "個人番号カード交付申請書の交付"
    order = 20
    form_class = KoufuShinseishoForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: KoufuShinseishoPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        return [
            ReviewBlock("申請者", person_rows(plan.person)),
            after_block(
                "交付申請書交付管理簿",
                [
                    ("申請書ID", "", "承認時に採番"),
                    *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                    ("郵送用封筒", "", "あり" if entry.fuutou else "なし"),
                ],
            ),
        ]

    def apply_plan(self, plan: KoufuShinseishoPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        row = services_todoke.do_shinseisho_koufu(
            plan.person,
            day=plan.day,
            uketorinin_kubun=entry.raichousha,
            uketorinin_shimei=madoguchi.visitor_name(
                plan.person, entry.raichousha, entry.dairinin_shimei
            ),
            honnin_kakunin=entry.honnin_kakunin,
            fuutou=entry.fuutou,
            procedure=approval.procedure,
            acting_user=approval.acting_user,
        )
        return result(
            [
                ("氏名", plan.person.full_name),
                ("申請書ID", row.shinseisho_id),
                *visitor_rows(entry, plan.person),
            ],
            shinseisho_id=row.shinseisho_id,
        )

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not procedure.result or "shinseisho_id" not in procedure.result:
            return []
        shinseisho_id = procedure.result["shinseisho_id"]

        def render() -> bytes:
            row = ShinseishoKoufu.objects.select_related("jumin__chouaza").get(
                shinseisho_id=shinseisho_id
            )
            return koufu_shinseisho_pdf(row)

        return [HandoverDocument("koufu_shinseisho", NAME, render)]

    def handover_documents(self, procedure: Procedure) -> list[str]:
        fuutou = self.entry_of(procedure.entry).fuutou if procedure.entry else False
        return [NAME + ("（郵送用封筒を添えて）" if fuutou else "")]
