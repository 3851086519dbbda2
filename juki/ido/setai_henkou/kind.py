"""The 世帯変更 kind: what 承認 writes, the messages and the documents.

The address never changes here (j720 "address change with 世帯変更" is out of scope: that
is a 転居). At 承認 each person whose row changes (世帯番号, 世帯主 or 続柄) gets an
IdoJiyu.SETAI_HENKOU history row, and the outbox gets 住基ネット and 他課 messages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from counter.procedure_kinds import ReviewBlock, Subject
from counter.services import ProcedureRefused

from ...models import IdoJiyu, Jumin, Setai
from ...services import create_setai, set_setai_nushi
from .. import kernel
from .entry import CODE, HENKOU, SetaiHenkouEntry
from .form import SetaiHenkouForm
from .plan import ARTICLE, HenkouPlan, plan_setai_henkou
from .review import approved_blocks, review_blocks

if TYPE_CHECKING:
    from counter.models import Procedure

ENTRY_TEMPLATE = "juki/ido/setai_henkou_entry.html"
BUNRI_RYUIJI = "世帯分離に伴う世帯主変更"


class SetaiHenkouKind(kernel.KakuninKind, kernel.PlannedKind[SetaiHenkouEntry, HenkouPlan]):
    """世帯変更届 (住基法第25条: 世帯分離・世帯合併・世帯主変更・世帯構成変更)."""

    code: ClassVar[str] = CODE
    label: ClassVar[str] = "世帯変更"
    form_class = SetaiHenkouForm
    template = ENTRY_TEMPLATE
    planner = plan_setai_henkou

    def subjects_of(self, entry: SetaiHenkouEntry) -> Sequence[Subject]:
        out = [
            kernel.setai_subject(bango)
            for bango in (entry.setai_bango, entry.other_setai_bango)
            if bango
        ]
        persons = [
            *entry.atena_bangos,
            entry.setai_nushi,
            *entry.zokugara,
            *entry.staying_zokugara,
        ]
        out += [kernel.jumin_subject(a, f"宛名番号 {a} の方") for a in dict.fromkeys(persons) if a]
        return out

    def refused_flags(self, entry: SetaiHenkouEntry, refusal: ProcedureRefused) -> list[str]:
        flags = super().refused_flags(entry, refusal)
        return kernel.with_late_flag(flags, entry.ido_date, entry.todoke_date, ARTICLE)

    def summary_of(self, typed: SetaiHenkouEntry) -> str:
        what = HENKOU.get(typed.henkou, "")
        if not what:
            return ""
        ido = kernel.wareki_text(typed.ido_date)
        return f"{what}（世帯番号 {typed.setai_bango}） 異動日 {ido}"

    # --- review ------------------------------------------------------------------------

    def review_of(self, procedure: Procedure, plan: HenkouPlan) -> list[ReviewBlock]:
        return review_blocks(plan)

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        return approved_blocks(procedure.result)

    # --- 承認 --------------------------------------------------------------------------

    def apply_plan(self, plan: HenkouPlan, approval: kernel.Approval) -> dict[str, Any]:
        late = kernel.FLAG_TODOKE_KIKAN if kernel.is_late(plan.flags) else ""
        ctx = approval.context(
            IdoJiyu.SETAI_HENKOU,
            ido_date=plan.ido_date,
            todoke_date=plan.todoke_date,
            ryuiji="　".join(p for p in (plan.label, late) if p),
        )
        rireki: dict[str, int] = {}
        households: list[Setai] = [plan.setai]
        emptied = ""

        def write(m: Jumin, changes: dict[str, Any]) -> None:
            rireki[m.atena_bango] = kernel.change_in_household(m, changes, ctx)

        if plan.henkou == "bunri":
            new = create_setai()
            set_setai_nushi(new, plan.new_head)
            households.insert(0, new)
            for m in plan.movers:
                write(m, {"setai": new, "zokugara": plan.zokugara[m.atena_bango]})
                m.setai = new
            if plan.remaining is not None:
                ryuiji = BUNRI_RYUIJI + ("（職権）" if plan.remaining.shokken else "")
                rctx = dataclasses.replace(ctx, ryuiji=ryuiji)
                rireki.update(kernel.apply_remaining(plan.remaining, rctx))
        elif plan.henkou == "gappei":
            assert plan.other is not None
            for m in plan.other_members:
                m.setai = plan.other
                write(m, {"setai": plan.setai, "zokugara": plan.zokugara[m.atena_bango]})
                m.setai = plan.setai
            set_setai_nushi(plan.other, None)  # kept: no members, no head
            emptied = plan.other.setai_bango
            households.append(plan.other)
        elif plan.henkou == "nushi_henkou":
            assert plan.new_head is not None
            set_setai_nushi(plan.setai, plan.new_head)
            for m in plan.members:
                write(m, {"zokugara": plan.zokugara[m.atena_bango]})
        else:
            for m in plan.members:
                if m.atena_bango in plan.zokugara:
                    write(m, {"zokugara": plan.zokugara[m.atena_bango]})
        changed = plan.changed_persons()
        notices = approval.notices(ctx, jiyu=f"{IdoJiyu.SETAI_HENKOU.label}（{plan.label}）")
        for m in changed:
            notices.honnin_kakunin(m)
            notices.takka(m, reason="setai")
        message_ids = notices.write(households)
        return {
            "kind": self.code,
            "henkou": plan.henkou,
            "persons": [m.atena_bango for m in changed],
            "setai_bangos": [s.setai_bango for s in households],
            "new_setai_bango": households[0].setai_bango if plan.henkou == "bunri" else "",
            "emptied_setai_bango": emptied,
            "former_setai_nushi": plan.head.atena_bango if plan.head else "",
            "setai_nushi": plan.new_head.atena_bango if plan.new_head else "",
            "shokken_setai_nushi": bool(plan.remaining and plan.remaining.shokken),
            "rireki": rireki,
            "outbox": message_ids,
            "flags": plan.flags,
        }

    # --- documents ---------------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["住民異動届（他課用）控え"]

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        plan = self.planned(entry)
        household = plan.after()[0]  # the new household of a 世帯分離, else the one changed
        return kernel.kakunin_pdf(
            kind_label=f"{self.label}（{plan.label}）",
            members=household.members,
            changed={m.atena_bango for m in plan.changed_persons()},
            setai_bango=household.setai.setai_bango if household.setai else "",
            procedure_label=str(procedure.reception) if procedure.pk else "",
        )


KINDS: tuple[SetaiHenkouKind, ...] = (SetaiHenkouKind(),)
