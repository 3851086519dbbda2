"""The 通知書交付 kind: at 承認 the 管理簿【返戻】 records the 交付 (who, which ID)."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from juki.ido.kernel import wareki_text
from mynumber import services_todoke
from mynumber.kernel import madoguchi, person_rows, result
from mynumber.kernel.todoke_entry import visitor_rows
from mynumber.kernel.todoke_kind import TodokeKind, after_block

from .entry import TsuchishoKoufuEntry, TsuchishoKoufuFormBase
from .plan import TsuchishoKoufuPlan, plan


class TsuchishoKoufuForm(TsuchishoKoufuFormBase):
    entry_class = TsuchishoKoufuEntry
    planner = plan


class TsuchishoKoufuKind(TodokeKind[TsuchishoKoufuEntry, TsuchishoKoufuPlan]):
    code: ClassVar[str] = "tsuchisho_koufu"
    label: ClassVar[str] = "個人番号通知書の交付（返戻分）"
    order = 80
    form_class = TsuchishoKoufuForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: TsuchishoKoufuPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        henrei = plan.henrei
        riyu = henrei.get_henrei_riyu_display()
        return [
            ReviewBlock("通知書の名あて人", person_rows(plan.person)),
            after_block(
                "個人番号通知書管理簿【返戻】",
                [
                    (
                        "返戻を受けた日",
                        wareki_text(henrei.henrei_date),
                        wareki_text(henrei.henrei_date),
                    ),
                    ("返戻の理由", riyu, riyu),
                    ("状態", henrei.get_status_display(), "交付済"),
                    *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                ],
            ),
        ]

    def apply_plan(self, plan: TsuchishoKoufuPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        name = madoguchi.visitor_name(plan.person, entry.raichousha, entry.dairinin_shimei)
        services_todoke.do_tsuchisho_koufu(
            plan.henrei,
            day=plan.day,
            uketorinin_shimei=name,
            uketorinin_kubun=entry.raichousha,
            honnin_kakunin=entry.honnin_kakunin,
            dairiken=entry.dairiken,
            procedure=approval.procedure,
            acting_user=approval.acting_user,
        )
        return result(
            [("氏名", plan.person.full_name), *visitor_rows(entry, plan.person)],
            henrei_id=plan.henrei.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["個人番号通知書（返戻分）: 受領を確認して交付"]
