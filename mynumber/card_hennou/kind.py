"""The 返納 kind: at 承認 a valid card is 返納 (ended and kept) and an ended one 回収."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from mynumber import services
from mynumber.kernel import person_rows, result
from mynumber.kernel.todoke_entry import visitor_rows
from mynumber.kernel.todoke_kind import TodokeKind, after_block
from mynumber.models import HaishiJiyu

from .entry import JIYU, CardHennouEntry, HennouFields
from .plan import ENDED, KOKUGAI_KEIZOKU_FROM, CardHennouPlan, plan


class CardHennouForm(HennouFields):
    entry_class = CardHennouEntry
    planner = plan


def gimu_text(plan: CardHennouPlan) -> str:
    return "あり（番号法施行令第15条第1項）" if plan.gimu else "なし（本人の希望: 同条第4項）"


class CardHennouKind(TodokeKind[CardHennouEntry, CardHennouPlan]):
    code: ClassVar[str] = "card_hennou"
    label: ClassVar[str] = "個人番号カードの返納"
    order = 50
    form_class = CardHennouForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: CardHennouPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        return [
            ReviewBlock("カードの所有者", person_rows(plan.person)),
            after_block(
                "個人番号カード",
                [
                    ("発行番号", plan.card.hakkou_bango, plan.card.hakkou_bango),
                    ("状態", plan.card.get_status_display(), "回収" if plan.kaishu else "返納"),
                    ("返納の事由", "", JIYU[entry.jiyu]),
                    ("返納の義務", "", gimu_text(plan)),
                    *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                ],
            ),
        ]

    def flags_of(self, plan: CardHennouPlan) -> list[str]:
        if plan.day >= KOKUGAI_KEIZOKU_FROM and not plan.gimu and not plan.kaishu:
            return [
                "国外転出後もカードは継続して利用できます（令和6年5月27日から）。返納は本人の希望によります。"
            ]
        return []

    def apply_plan(self, plan: CardHennouPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        common = {
            "day": plan.day,
            "acting_user": approval.acting_user,
            "procedure": approval.procedure,
        }
        if plan.kaishu:
            services.do_collect(plan.card, jiyu=ENDED.get(entry.jiyu, HaishiJiyu.SONOTA), **common)
        else:
            services.do_return(plan.card, reason=JIYU[entry.jiyu], **common)
        return result(
            [
                ("氏名", plan.person.full_name),
                ("カード", f"{plan.card.hakkou_bango}（{'回収' if plan.kaishu else '返納'}）"),
                ("返納の事由", JIYU[entry.jiyu]),
                ("返納の義務", gimu_text(plan)),
                *visitor_rows(entry, plan.person),
            ],
            card_id=plan.card.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["受理完了の伝達（返納された個人番号カードは市で保管）"]
