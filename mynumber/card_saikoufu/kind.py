"""The 再交付申請 kind: at 承認 the old card is ended (lost) or collected (handed in) and
the new 交付申請 registered; at 交付 the fee is taken through the レジ (fee_lines)."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import FeeLine, ReviewBlock
from counter.procedure_models import Procedure
from mynumber import services
from mynumber.kernel import actor, person_rows, result
from mynumber.kernel.todoke_entry import visitor_rows
from mynumber.kernel.todoke_kind import TodokeKind, after_block
from mynumber.models import HaishiJiyu, ShinseiHouhou

from .entry import HOUHOU, CardSaikoufuEntry, SaikoufuFields
from .fees import CARD_FEE, CARD_FEE_LABEL, CERT_FEE, CERT_FEE_LABEL, basis
from .plan import CardSaikoufuPlan, plan


class CardSaikoufuForm(SaikoufuFields):
    entry_class = CardSaikoufuEntry
    planner = plan


class CardSaikoufuKind(TodokeKind[CardSaikoufuEntry, CardSaikoufuPlan]):
    code: ClassVar[str] = "card_saikoufu"
    label: ClassVar[str] = "個人番号カードの再交付申請"
    order = 30
    form_class = CardSaikoufuForm
    planner = plan

    def fee_lines(self, procedure: Procedure) -> list[FeeLine]:
        if not procedure.entry:
            return []
        entry = self.entry_of(procedure.entry)
        lines = [FeeLine(CARD_FEE, CARD_FEE_LABEL, 1, basis(entry.riyu))]
        if entry.denshi_shomeisho:
            lines.append(FeeLine(CERT_FEE, CERT_FEE_LABEL, 1, basis(entry.riyu)))
        return lines

    def review_of(self, procedure: Procedure, plan: CardSaikoufuPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        old = plan.old
        fate = "" if old is None else ("廃止（紛失）" if plan.riyu.lost else "回収")
        return [
            ReviewBlock("申請者", person_rows(plan.person)),
            after_block(
                "再交付申請",
                [
                    ("再交付の事由", "", plan.riyu.label),
                    ("従前のカード", old.get_status_display() if old else "（なし）", fate),
                    ("申請方法", "", HOUHOU[entry.houhou]),
                    ("電子証明書", "", "発行を希望" if entry.denshi_shomeisho else "希望しない"),
                    ("手数料", "", "免除" if plan.riyu.free else "有料（交付時にレジで）"),
                    *((label, "", value) for label, value in visitor_rows(entry, plan.person)),
                ],
            ),
        ]

    def apply_plan(self, plan: CardSaikoufuPlan, approval: Any) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        old, who = plan.old, actor(approval)
        if old is not None and plan.riyu.lost and old.status != "haishi":
            note = f"{plan.riyu.label}（証する書類 {entry.shoumei_bango}）"
            services.do_revoke(old, day=plan.day, jiyu=HaishiJiyu.SAIKOUFU, note=note, **who)
        elif old is not None and not plan.riyu.lost:
            services.do_collect(old, day=plan.day, jiyu=HaishiJiyu.SAIKOUFU, **who)
        card = services.do_register_application(
            plan.person,
            shinsei_date=plan.day,
            shinsei_jiyu=plan.riyu.jiyu,
            shinsei_houhou=ShinseiHouhou(entry.houhou),
            kyuu_card=old,
            **who,
        )
        return result(
            [
                ("氏名", plan.person.full_name),
                ("再交付の事由", plan.riyu.label),
                (
                    "従前のカード",
                    f"{old.hakkou_bango}（{old.get_status_display()}）" if old else "（なし）",
                ),
                ("申請方法", HOUHOU[entry.houhou]),
                *visitor_rows(entry, plan.person),
            ],
            card_id=card.pk,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        if not procedure.entry:
            return []
        entry = self.entry_of(procedure.entry)
        docs = ["個人番号カード再交付申請書（控え）"]
        if entry.houhou == ShinseiHouhou.ONLINE:
            docs.append("WEB申請方法の案内")
        if entry.shoumei_bango:
            docs.append("紛失したことを証する書類（複写後に返却）")
        return docs
