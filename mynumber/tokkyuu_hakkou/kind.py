"""The 特急発行 kind: at 承認 the 交付申請 is registered with its 特急発行 flag (the card
申請中); a 再交付 pays the card's and the certificates' 手数料 through the レジ."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import FeeLine, ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from mynumber import kernel, services
from mynumber.models import ShinseiHouhou

from .entry import TokkyuuEntry
from .form import TokkyuuForm
from .plan import Sofusaki, TokkyuJiyu, TokkyuuPlan, plan

#: the 再交付手数料 (手数料条例; counter.demo_fees, ADR 0037): the card, the 電子証明書
FEE_CARD = ("mynumber_card_saikoufu", "個人番号カード再交付手数料")
FEE_CERT = ("mynumber_denshi_shomeisho", "電子証明書発行手数料")


class TokkyuuKind(kernel.MynumberKind[TokkyuuEntry, TokkyuuPlan]):
    code: ClassVar[str] = "tokkyuu_hakkou"
    label: ClassVar[str] = "個人番号カードの特急発行（申請）"
    order = 50
    form_class = TokkyuuForm
    template = "counter/procedure_entry_base.html"
    planner = plan

    def review_of(self, procedure: Procedure, plan: TokkyuuPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        rows = [
            ReviewRow("特急発行の条件", "", plan.jiyu.label),
            ReviewRow("申請事由", "", plan.shinsei_jiyu.label),
            ReviewRow("送付先", "", Sofusaki(entry.sofusaki).label),
            ReviewRow("申請年月日", "", ido.wareki_text(plan.day)),
        ]
        if plan.old is not None:
            rows.append(
                ReviewRow("旧カード", plan.old.get_status_display(), "新しいカードの交付時に廃止")
            )
        return [
            ReviewBlock("申請者", kernel.person_rows(plan.person)),
            ReviewBlock("個人番号カードの交付申請（特急発行）", rows),
        ]

    def apply_plan(self, plan: TokkyuuPlan, approval: ido.Approval) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        card = services.do_register_application(
            plan.person,
            shinsei_date=plan.day,
            shinsei_jiyu=plan.shinsei_jiyu,
            shinsei_houhou=ShinseiHouhou.MADOGUCHI,
            tokkyu=True,
            kyuu_card=plan.old,
            **kernel.actor(approval),
        )
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("特急発行の条件", plan.jiyu.label),
                ("送付先", Sofusaki(entry.sofusaki).label),
                ("状態", card.get_status_display()),
            ],
            card_id=card.pk,
        )

    def fee_lines(self, procedure: Procedure) -> list[FeeLine]:
        """A 再交付 pays for the card and the 電子証明書 (番号法施行令: 再交付手数料);
        a 新生児等 or a 国外からの転入者 applies for a first card, free."""
        if not procedure.entry or self.entry_of(procedure.entry).jiyu != TokkyuJiyu.SAIKOUFU:
            return []
        return [FeeLine(code=code, label=label) for code, label in (FEE_CARD, FEE_CERT)]

    def handover_documents(self, procedure: Procedure) -> list[str]:
        if not (procedure.result or {}).get("card_id"):
            return []
        return ["本人確認書類（複写のうえ原本を返却）", "手続終了の連絡（カードは送付先へ）"]
