"""The 回収 kind: at 承認 the card is taken back (回収; 廃止 first if still held) and the
CS terminal's 廃止・回収 reaches J-LIS."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock
from counter.procedure_models import Procedure
from mynumber import services
from mynumber.kernel import madoguchi, person_rows, result
from mynumber.kernel.todoke_kind import TodokeKind, after_block
from mynumber.models import CardStatus, HaishiJiyu

from .entry import CardKaishuEntry, KaishuFields
from .plan import CardKaishuPlan, plan


class CardKaishuForm(KaishuFields):
    entry_class = CardKaishuEntry
    planner = plan


def jisansha_rows(entry: CardKaishuEntry) -> list[tuple[str, str]]:
    shown = madoguchi.id_label(entry.honnin_kakunin) if entry.honnin_kakunin else "提示なし"
    return [
        ("持参した方", f"{entry.jisansha_shimei}（{entry.jisansha_kankei}）"),
        ("持参した方の本人確認書類", shown),
    ]


class CardKaishuKind(TodokeKind[CardKaishuEntry, CardKaishuPlan]):
    code: ClassVar[str] = "card_kaishu"
    label: ClassVar[str] = "死亡した方の個人番号カードの回収"
    order = 55
    form_class = CardKaishuForm
    planner = plan

    def review_of(self, procedure: Procedure, plan: CardKaishuPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        # an ended card keeps the 事由 it ended by; one still held ends now by the 死亡
        ended = plan.card.get_haishi_jiyu_display() if plan.card.status == CardStatus.HAISHI else ""
        return [
            ReviewBlock("死亡した方（除票）", person_rows(plan.person)),
            after_block(
                "個人番号カード",
                [
                    ("発行番号", plan.card.hakkou_bango, plan.card.hakkou_bango),
                    ("状態", plan.card.get_status_display(), "回収"),
                    ("廃止の事由", ended, ended or "死亡"),
                    *((label, "", value) for label, value in jisansha_rows(entry)),
                ],
            ),
        ]

    def apply_plan(self, plan: CardKaishuPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        services.do_collect(
            plan.card,
            day=plan.day,
            jiyu=HaishiJiyu.SHIBOU,
            acting_user=approval.acting_user,
            procedure=approval.procedure,
        )
        return result(
            [
                ("氏名", plan.person.full_name),
                ("カード", f"{plan.card.hakkou_bango}（回収）"),
                *jisansha_rows(entry),
            ],
            card_id=plan.card.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["受理完了の伝達（回収した個人番号カードは市で保管）"]
