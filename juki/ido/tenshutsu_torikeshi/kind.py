"""転出取消届 on the procedure machine.

The persons return to the register in the same household (the Setai link never
changed), with a 取消 history row: a 除票 by 転出 as a resident again, a 転出予定者 (ADR
0017) without the 転出先 and 転出予定日. The reaction ``tenshutsu_torikeshi`` carries the
消除年月日 undone, so the 印鑑登録 the 消除 ended comes back (seal.reactions). A 世帯主
changed by the 転出 is restored with the members' former 続柄 (from the history before
the 転出).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow, Subject

from ... import reactions
from ...models import IdoJiyu, JuminStatus
from ...services import update_person
from .. import kernel
from .entry import TorikeshiEntry
from .form import CODE, TorikeshiForm
from .plan import TorikeshiPlan, plan

if TYPE_CHECKING:
    from counter.models import Procedure

TORIKESHI_RYUIJI = "転出取消"
#: sent to the CS when a 特例転出's 転出証明書情報 no longer holds (施行令第24条の2)
JOHO_SAKUJO = "tenshutsu_shomeisho_joho_sakujo"


class TenshutsuTorikeshiKind(kernel.PlannedKind[TorikeshiEntry, TorikeshiPlan]):
    """転出取消届: the persons return to their household; a 取消 history row is added."""

    code: ClassVar[str] = CODE
    label: ClassVar[str] = "転出取消"
    form_class = TorikeshiForm
    planner = plan
    template = "juki/ido/tenshutsu_torikeshi_entry.html"

    def subjects_of(self, entry: TorikeshiEntry) -> Sequence[Subject]:
        setai_bango = kernel.first_setai_bango(entry.atena_bangos)
        return kernel.persons_and_setai(entry.atena_bangos, setai_bango)

    def flags_of(self, plan: TorikeshiPlan) -> list[str]:
        return []

    # --- 審査 ---------------------------------------------------------------------------

    def review_of(self, procedure: Procedure, plan: TorikeshiPlan) -> list[ReviewBlock]:
        setai = plan.setai.setai_bango
        blocks = [
            ReviewBlock(
                f"転出を取り消す方：{j.full_name}（宛名番号 {j.atena_bango}）",
                [
                    ReviewRow("状態", j.get_status_display(), JuminStatus.LIVE.label),
                    ReviewRow("消除事由", j.get_shojo_jiyu_display(), ""),
                    ReviewRow("消除年月日", kernel.wareki_text(j.shojo_date), ""),
                    ReviewRow("転出先", j.tenshutsusaki, ""),
                    ReviewRow("転出予定年月日", kernel.wareki_text(j.tenshutsu_yotei_date), ""),
                    ReviewRow("世帯", setai, setai),
                ],
            )
            for j in plan.persons
        ]
        if plan.restore_nushi is not None:
            current = plan.setai.setai_nushi
            rows = [
                ReviewRow(
                    "世帯主", current.full_name if current else "", plan.restore_nushi.full_name
                )
            ]
            rows += [
                ReviewRow(
                    f"{m.full_name}の続柄",
                    m.zokugara,
                    plan.restore_zokugara.get(m.atena_bango, m.zokugara),
                )
                for m in plan.members
            ]
            blocks.append(ReviewBlock("世帯主と続柄の回復", rows))
        return blocks

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        persons = "、".join(procedure.result.get("persons", []))
        return [ReviewBlock("承認済み", [ReviewRow("取り消した方", "", persons)])]

    # --- 承認 ---------------------------------------------------------------------------

    def apply_plan(self, plan: TorikeshiPlan, approval: kernel.Approval) -> dict[str, Any]:
        ctx = approval.context(
            IdoJiyu.TORIKESHI,
            ido_date=plan.todoke_date,
            todoke_date=plan.todoke_date,
            ryuiji=f"{TORIKESHI_RYUIJI}（{plan.reason}）",
        )
        rireki: dict[str, int] = {}
        shojo: dict[str, datetime.date | None] = {}
        #: the persons already removed (not 転出予定者): their 消除 was notified
        removed = {j.atena_bango for j in plan.persons if j.is_johyo}
        cancelled: datetime.date | None = None
        for j in plan.persons:
            shojo[j.atena_bango] = j.shojo_date
            cancelled = cancelled or j.shojo_date or j.tenshutsu_yotei_date
            row = update_person(
                j,
                {
                    "status": JuminStatus.LIVE,
                    "shojo_jiyu": "",
                    "shojo_date": None,
                    "tenshutsusaki": "",
                    "tenshutsu_yotei_date": None,
                    "zokugara": plan.before[j.atena_bango].get("zokugara", j.zokugara),
                },
                ctx,
            )
            assert row is not None
            rireki[j.atena_bango] = row.rireki_no
        household: dict[str, int] = {}
        if plan.restore_nushi is not None:
            hctx = dataclasses.replace(ctx, ryuiji=f"{TORIKESHI_RYUIJI}に伴う世帯主・続柄の回復")
            household = kernel.change_setai_nushi(
                plan.setai, plan.restore_nushi, plan.members, plan.restore_zokugara, hctx
            )
        notices = approval.notices(ctx, jiyu=TORIKESHI_RYUIJI)
        message_ids = self.notify(notices, plan, cancelled, removed=removed)
        for j in plan.persons:
            # shojo_date: the 消除 the 取消 undoes (None for a 転出予定者), so that what
            # ended with it (印鑑登録) comes back
            reactions.fire(
                "tenshutsu_torikeshi",
                jumin=j,
                ido_date=plan.todoke_date,
                shojo_date=shojo[j.atena_bango],
            )
        return {
            "kind": self.code,
            "persons": [j.atena_bango for j in plan.persons],
            "setai_bango": plan.setai.setai_bango,
            "rireki": rireki,
            "cancelled_tenshutsu": {
                a: (p.pk if p is not None else None) for a, p in plan.originals.items()
            },
            "restored_setai_nushi": plan.restore_nushi.atena_bango if plan.restore_nushi else "",
            "household_rireki": household,
            "outbox": message_ids,
        }

    def notify(
        self,
        notices: kernel.IdoNotices,
        plan: TorikeshiPlan,
        cancelled: datetime.date | None,
        *,
        removed: set[str],
    ) -> list[int]:
        """The persons are back: 本人確認情報, 附票, 入管, 他課 for those whose 消除 was
        notified (``removed``; a 転出予定者's never was, ADR 0017); the members to 税 and
        国保 when their 世帯主 is restored; the 特例転出's 転出証明書情報 withdrawn."""
        for j in plan.persons:
            original = kernel.tenshutsu_result(plan.originals.get(j.atena_bango))
            if original.get("tokurei"):
                payload = {
                    **notices.base(),
                    "atena_bango": j.atena_bango,
                    "juminhyo_code": j.juminhyo_code or "",
                    "torikesu_ido_date": kernel.iso(cancelled),
                    "reason": plan.reason,
                }
                notices.send(kernel.JUKINET_CS, JOHO_SAKUJO, payload, j.atena_bango)
            if j.atena_bango not in removed:
                continue
            notices.honnin_kakunin(j)
            notices.fuhyo(j)
            notices.nyukan(j)
            notices.takka(j, reason="resident")
        if plan.restore_nushi is not None:
            for m in plan.members:
                notices.takka(m, reason="setai")
        return notices.write([plan.setai])

    # --- 交付 ---------------------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["転出証明書（返納を受ける）"]

    def summary_of(self, entry: TorikeshiEntry) -> str:
        count = len(entry.atena_bangos)
        return f"転出取消 {count}人" if count else ""


KINDS = (TenshutsuTorikeshiKind(),)
