"""The 転居 and 区間転入 kinds: what 承認 writes, the messages and the documents.

At 承認 each mover gets the new address with 住所を定めた年月日 = 転居日 and a history row
of the move's 事由 (the 届出年月日 and 従前の住所 of the 住民票 are the 転入's items,
住基法第7条第8号, and stay; the history row keeps the 転居's 届出日; a 区間転入 is the
new 区's 転入, so it sets them, and the 区 left keeps a 除票: j470, ADR 0021); the staying members
get a SETAI_HENKOU row when their 世帯主 changes; an emptied household is kept, without a
世帯主. The messages go to the outbox in the same transaction (``kernel.IdoNotices``).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django.utils import timezone

from counter.procedure_kinds import ReviewBlock, Subject
from counter.services import ProcedureRefused

from ... import reactions
from ...models import IdoJiyu, Jumin, Setai, ShojoJiyu, has_gyouseiku
from ...services import (
    IdoContext,
    append_rireki,
    create_setai,
    leave_johyos,
    set_setai_nushi,
    update_person,
)
from .. import kernel
from .entry import KUKAN_TENNYU, TENKYO, Move, TenkyoEntry
from .form import KukanTennyuForm, TenkyoForm
from .plan import ARTICLE, TenkyoPlan, plan_tenkyo
from .review import approved_blocks, review_blocks

if TYPE_CHECKING:
    from counter.models import Procedure

ENTRY_TEMPLATE = "juki/ido/tenkyo_entry.html"
MODE_SUMMARY = {"same": "世帯ごと", "new": "新世帯", "join": "既存世帯へ"}


class TenkyoKind(kernel.KakuninKind, kernel.PlannedKind[TenkyoEntry, TenkyoPlan]):
    """転居届 (区内転居, 住基法第23条)."""

    code: ClassVar[str] = "tenkyo"
    order: ClassVar[int] = 30
    label: ClassVar[str] = "転居"
    move: ClassVar[Move] = TENKYO

    form_class = TenkyoForm
    template = ENTRY_TEMPLATE

    def plan(self, entry: TenkyoEntry, *, lock: bool = False) -> TenkyoPlan:
        return plan_tenkyo(entry, lock=lock, move=self.move)

    def subjects_of(self, entry: TenkyoEntry) -> Sequence[Subject]:
        out = [kernel.jumin_subject(a, f"宛名番号 {a} の方") for a in entry.atena_bangos]
        for bango in (entry.setai_bango, entry.join_setai_bango):
            if bango:
                out.append(kernel.setai_subject(bango))
        return out

    def refused_flags(self, entry: TenkyoEntry, refusal: ProcedureRefused) -> list[str]:
        flags = super().refused_flags(entry, refusal)
        return kernel.with_late_flag(flags, entry.tenkyo_date, entry.todoke_date, ARTICLE)

    def summary_of(self, typed: TenkyoEntry) -> str:
        if not typed.atena_bangos:
            return ""
        mode = MODE_SUMMARY.get(typed.setai_mode, "")
        moved = kernel.wareki_text(typed.tenkyo_date)
        w = self.move
        return f"{w.name} {len(typed.atena_bangos)}人（{mode}） {typed.banchi} {w.name}日 {moved}"

    # --- review ------------------------------------------------------------------------

    def review_of(self, procedure: Procedure, plan: TenkyoPlan) -> list[ReviewBlock]:
        return review_blocks(plan)

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        return approved_blocks(self.move.name, procedure.result)

    # --- 承認 --------------------------------------------------------------------------

    def apply_plan(self, plan: TenkyoPlan, approval: kernel.Approval) -> dict[str, Any]:
        w = self.move
        ctx = approval.context(
            w.ido_jiyu,
            ido_date=plan.tenkyo_date,
            todoke_date=plan.todoke_date,
            ryuiji=kernel.FLAG_TODOKE_KIKAN if kernel.is_late(plan.flags) else "",
        )

        def setai_henkou(ryuiji: str) -> IdoContext:
            """The rows of those whose 世帯主 changed with the move."""
            return dataclasses.replace(ctx, ido_jiyu=IdoJiyu.SETAI_HENKOU, ryuiji=ryuiji)

        former_address = {j.atena_bango: j.address for j in plan.movers}
        target, headed = self._target(plan)
        leaving = self._leave_ku(plan, ctx) if w.kukan else {}
        rireki: dict[str, int] = {}
        for j in plan.movers:
            changes = plan.mover_changes(j) | leaving.get(j.atena_bango, {})
            if target.pk != plan.setai.pk:
                changes["setai"] = target
            row = update_person(j, changes, ctx)
            assert row is not None  # the address always changes
            j.setai = target
            rireki[j.atena_bango] = row.rireki_no
            # the 個人番号カード shows the old address (mynumber: カード補記)
            reactions.fire(
                "tenkyo", jumin=j, ido_date=plan.tenkyo_date, todoke_date=plan.todoke_date
            )
        household: dict[str, int] = {}
        if headed:  # the household joined had no 世帯主: a mover heads it now
            hctx = setai_henkou(f"{w.name}者を世帯主とする世帯主の記載")
            for m in plan.target_members:
                m.setai = target
                household[m.atena_bango] = append_rireki(m, hctx, ["setai_nushi"]).rireki_no
        rem = plan.remaining
        if rem is not None:
            ryuiji = w.nushi_henkou_ryuiji + ("（職権）" if rem.shokken else "")
            household = kernel.apply_remaining(rem, setai_henkou(ryuiji))
        everyone_left = (rem is None and target.pk != plan.setai.pk) or (rem and not rem.staying)
        emptied = bool(everyone_left and plan.setai.setai_nushi_id is not None)
        if emptied:
            set_setai_nushi(plan.setai, None)  # kept, without members or head
        households = [target] if target.pk == plan.setai.pk else [target, plan.setai]
        message_ids = self._notify(approval.notices(ctx), plan, former_address, households)
        return {
            "kind": self.code,
            "setai_mode": plan.mode,
            "persons": [j.atena_bango for j in plan.movers],
            "jusho": plan.new_address,
            "tenkyo_date": kernel.iso(plan.tenkyo_date),
            "former_setai_bango": plan.setai.setai_bango,
            "setai_bango": target.setai_bango,
            "setai_nushi": target.setai_nushi.atena_bango if target.setai_nushi else "",
            "rireki": rireki,
            "staying_setai_nushi_changed": bool(rem and rem.changes),
            "shokken_setai_nushi": bool(rem and rem.shokken),
            "former_setai_nushi": rem.former.atena_bango if rem and rem.former else "",
            "staying_setai_nushi": rem.new_head.atena_bango
            if rem and rem.changes and rem.new_head
            else "",
            "former_setai_emptied": emptied,
            "household_rireki": household,
            "outbox": message_ids,
            "flags": plan.flags,
        }

    def _leave_ku(self, plan: TenkyoPlan, ctx: IdoContext) -> dict[str, dict[str, Any]]:
        """区間転入 (j470, ADR 0021): the 区 left keeps a 除票 of each mover as they stood
        there, and each 住民票 takes the 区間転入's 届出年月日 and 従前の住所 (as a 転入
        would: 住基法第38条 and its 政令 treat a 指定都市's 区 as the 市 for the register).
        The changes of each mover, by 宛名番号."""
        # the 町字's city names the 区 (「横浜市鶴見区」): no look-up of the 行政区
        left = "・".join(dict.fromkeys(j.chouaza.city for j in plan.movers))
        johyos = leave_johyos(
            plan.movers,
            dataclasses.replace(
                ctx, ido_jiyu=IdoJiyu.KUKAN_TENSHUTSU, ryuiji=f"区間転入による{left}の除票"
            ),
            shojo_jiyu=ShojoJiyu.KUKAN_TENSHUTSU,
            shojo_date=plan.tenkyo_date,
            saki=plan.new_address,
        )
        return {
            j.atena_bango: {
                "zen_jumin": johyo,
                "todoke_date": plan.todoke_date,
                "zenjusho": j.address,
                "zenjusho_postal_code": j.chouaza.postal_code,
            }
            for j, johyo in zip(plan.movers, johyos, strict=True)
        }

    def _target(self, plan: TenkyoPlan) -> tuple[Setai, bool]:
        """The movers' household after 承認, and whether it just got its 世帯主."""
        if plan.mode == "same" and not self.move.kukan:
            return plan.setai, False
        if plan.mode in ("same", "new"):  # 区間転入 of a household: a new 世帯番号 (j130)
            target = create_setai()
            set_setai_nushi(target, plan.target_head)
            return target, False
        assert plan.target is not None
        if plan.target_head is not None and (
            kernel.live_head(plan.target, plan.target_members) is None
        ):
            set_setai_nushi(plan.target, plan.target_head)
            return plan.target, True
        return plan.target, False

    def _notify(
        self,
        notices: kernel.IdoNotices,
        plan: TenkyoPlan,
        former_address: dict[str, str],
        households: list[Setai],
    ) -> list[int]:
        for j in plan.movers:
            notices.honnin_kakunin(j, zenjusho=former_address[j.atena_bango])
            notices.fuhyo(j)
            # the 住所 of a 外国人住民's 住民票 changed: 住基法第30条の50 (and the 転居届 is
            # their 住居地の届出, 入管法第19条の9第3項)
            notices.nyukan(j)
            notices.takka(j, reason="resident")
        rem = plan.remaining
        if rem is not None and rem.changes:
            jiyu = IdoJiyu.SETAI_HENKOU.label
            for m in rem.staying:
                notices.honnin_kakunin(m, jiyu=jiyu)
                notices.takka(m, reason="setai", jiyu=jiyu)
        return notices.write(households)

    # --- documents ---------------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        entry = self.entry_of(procedure.entry)
        persons = list(Jumin.objects.filter(atena_bango__in=entry.atena_bangos))
        moved = entry.tenkyo_date or timezone.localdate()
        w = self.move
        names = []
        if any(p.kojin_bango for p in persons):
            names.append(f"個人番号カード等への裏書（{w.name}）")
        if any(p.is_foreign for p in persons):
            names.append("在留カード等への住居地の裏書（住居地届出）")
        names.append("住民異動届（他課用）控え")
        if any(kernel.is_gakurei(p.seinengappi, moved) for p in persons):
            names.append("就学通知")
        return names

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        plan = self.planned(entry)
        after: list[Jumin] = []
        for j in plan.movers:
            c = copy.copy(j)
            for name, value in plan.mover_changes(j).items():
                setattr(c, name, value)
            after.append(c)
        if plan.mode == "join":
            after = [*plan.target_members, *after]
        bango = plan.target.setai_bango if plan.target is not None else ""
        return kernel.kakunin_pdf(
            kind_label=self.label,
            members=after,
            changed={j.atena_bango for j in plan.movers},
            setai_bango=bango,
            procedure_label=str(procedure.reception) if procedure.pk else "",
        )


class KukanTennyuKind(TenkyoKind):
    """区間転入 (指定都市): persons of a live household move from another 行政区.

    The 住民票 stays (same 宛名番号, j130) with the new address, 住所を定めた年月日,
    届出年月日, 従前の住所 and an IdoJiyu.KUKAN_TENNYU history row; the 区 left keeps a
    除票 of the person as they stood there (消除事由 区間転出, same 宛名番号, linked by
    ``zen_jumin``: j470, ADR 0021); a household that moves whole gets a new 世帯番号 in
    its new 区, and the one it leaves is kept without members.
    """

    code: ClassVar[str] = "kukan_tennyu"
    order: ClassVar[int] = 100
    label: ClassVar[str] = "区間転入"
    move: ClassVar[Move] = KUKAN_TENNYU
    form_class = KukanTennyuForm

    def is_offered(self) -> bool:
        return has_gyouseiku()


KINDS: tuple[TenkyoKind, ...] = (TenkyoKind(), KukanTennyuKind())
