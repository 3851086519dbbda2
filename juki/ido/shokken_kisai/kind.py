"""職権記載 (one person, by the city's own authority) as a procedure kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from counter.procedure_kinds import ReviewBlock, ReviewRow, Subject

from ... import services
from .. import kernel
from .entry import CODE, ShokkenKisaiEntry
from .form import ShokkenKisaiForm
from .plan import KisaiPlan, plan

if TYPE_CHECKING:
    from counter.models import Procedure


class ShokkenKisaiKind(kernel.ShokkenKind[ShokkenKisaiEntry, KisaiPlan]):
    """職権記載 (one person, by the city's own authority)."""

    code = CODE
    form_class = ShokkenKisaiForm
    planner = plan

    def subjects_of(self, entry: ShokkenKisaiEntry) -> Sequence[Subject]:
        out: list[Subject] = []
        if entry.joins and entry.setai_bango:
            out.append(kernel.setai_subject(entry.setai_bango))
        for p in entry.persons:
            if p.get("juminhyo_code"):
                out.append(kernel.juminhyo_code_subject(p["juminhyo_code"], p.get("shi", "")))
        return out

    def summary_of(self, e: ShokkenKisaiEntry) -> str:
        p = e.persons[0] if e.persons else {}
        where = "既存世帯へ" if e.joins else "新世帯"
        return f"職権記載 {p.get('shi', '')}　{p.get('mei', '')}（{where}）"

    def review_of(self, procedure: Procedure, plan: KisaiPlan) -> list[ReviewBlock]:
        e = self.entry_of(procedure.entry)
        j = plan.person
        blocks = [
            ReviewBlock(
                "職権記載の内容",
                [
                    ReviewRow("理由", "", e.riyu),
                    ReviewRow("通知・届出年月日", "", kernel.wareki_text(e.todoke_date)),
                    ReviewRow("住民となった年月日（異動日）", "", kernel.wareki_text(j.jumin_date)),
                    ReviewRow("従前の住所", "", e.zenjusho),
                    ReviewRow("住所", "", j.address if plan.chouaza else e.chouaza),
                ],
            )
        ]
        if plan.setai is not None:
            after = kernel.ordered([*plan.existing, j])
            rows = [ReviewRow(m.full_name, m.zokugara if m.pk else "", m.zokugara) for m in after]
            title = f"世帯（世帯番号 {plan.setai.setai_bango}）"
        else:
            rows = [ReviewRow(j.full_name, "", j.zokugara)]
            title = "世帯（新しい世帯）"
        blocks.append(ReviewBlock(title, rows))
        blocks.append(
            ReviewBlock(
                f"記載する方　{j.full_name}",
                [ReviewRow(label, "", value) for label, value in kernel.item_rows(j)],
            )
        )
        return blocks

    def apply_plan(self, plan: KisaiPlan, approval: kernel.Approval) -> dict[str, Any]:
        e = self.entry_of(approval.procedure.entry)
        j = plan.person
        assigned = not j.juminhyo_code
        if assigned:
            j.juminhyo_code = kernel.assign_juminhyo_code()
        ctx = approval.context(
            self.ido_jiyu, ido_date=j.jumin_date, todoke_date=e.todoke_date, ryuiji=e.riyu
        )
        setai = plan.setai
        if setai is None:
            setai = services.create_setai()
            setai.setai_nushi = j  # the head's own history row 1 names the head
        services.register_person(j, setai, ctx)
        if plan.setai is None:
            services.set_setai_nushi(setai, j)
        return {
            "kind": self.code,
            **kernel.newcomer_recorded(approval, ctx, j, setai, assigned=assigned),
            "juminhyo_code_assigned": assigned,
            "setai_mode": e.setai_mode,
            "flags": plan.flags,
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        # a code taken from the pool is told to the person in writing (住基法第30条の3第3項)
        coded = bool((procedure.result or {}).get("juminhyo_code_assigned"))
        return ["職権記載等通知書", *(["住民票コード通知票"] if coded else [])]


KIND = ShokkenKisaiKind()
KINDS: tuple[ShokkenKisaiKind, ...] = (KIND,)
