"""The 紛失届 kind: at 承認 the card is 一時停止 (焼失: 廃止) and J-LIS told."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from mynumber import services
from mynumber.kernel import person_rows, result
from mynumber.kernel.todoke_entry import visitor_rows
from mynumber.kernel.todoke_kind import TodokeKind, after_block
from mynumber.models import HaishiJiyu

from .entry import CardFunshitsuEntry, FunshitsuFields
from .plan import CardFunshitsuPlan, plan, reason


class CardFunshitsuForm(FunshitsuFields):
    entry_class = CardFunshitsuEntry
    planner = plan


class CardFunshitsuKind(TodokeKind[CardFunshitsuEntry, CardFunshitsuPlan]):
    code: ClassVar[str] = "card_funshitsu"
    label: ClassVar[str] = "個人番号カードの紛失届"
    order = 40
    form_class = CardFunshitsuForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: CardFunshitsuPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        after = "廃止" if plan.haishi else "一時停止"
        return [
            ReviewBlock("カードの所有者", person_rows(plan.person)),
            after_block(
                "個人番号カード",
                [
                    ("発行番号", plan.card.hakkou_bango, plan.card.hakkou_bango),
                    ("状態", plan.card.get_status_display(), after),
                    ("署名用電子証明書", "有効", "失効"),
                    ("利用者証明用電子証明書", "有効", "失効" if plan.haishi else "一時保留"),
                    ("事由", "", reason(entry)),
                    *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                ],
            ),
        ]

    def apply_plan(self, plan: CardFunshitsuPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        why = reason(entry)
        common = {
            "day": plan.day,
            "acting_user": approval.acting_user,
            "procedure": approval.procedure,
        }
        if plan.haishi:
            services.do_revoke(plan.card, jiyu=HaishiJiyu.SONOTA, note=why, **common)
        else:
            services.do_suspend(plan.card, reason=why, **common)
        return result(
            [
                ("氏名", plan.person.full_name),
                ("カード", f"{plan.card.hakkou_bango}（{plan.card.get_status_display()}）"),
                ("事由", why),
                *visitor_rows(entry, plan.person),
            ],
            card_id=plan.card.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return [
            "受理完了の伝達: 警察へ遺失届（盗難の場合は被害届）を出してください"
            "（再交付申請に受理番号が必要です）",
            "関係先への連絡を案内（健康保険証として登録した医療機関等・民間サービス）",
            "発見した場合は一時停止解除届、再交付を希望する場合は再交付申請",
        ]
