"""転出届 (国外転出・特例転出 included) on the procedure machine.

Persons of one live household leave. At 承認 each records the 転出先 and 転出予定日 and
stays a resident, a 転出予定者, until the 消除 on the 転出予定日 or the earlier 転入日 of a
転入通知 (j50, ``kernel.tenshutsu_yotei``, ADR 0017); a 転出 whose 転出予定日 has come is
removed at once (消除事由 転出/国外転出). The household gets a new 世帯主 when its head
leaves (j490), the notices go to the outbox, and ``juki.reactions`` fires ``tenshutsu``
per person at the 消除 (印鑑登録 ends there). The result freezes the 転出証明書 data, so a
再交付 prints it as at first issue.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django.utils import timezone

from counter.procedure_kinds import HandoverDocument, ReviewBlock, ReviewRow, Subject
from counter.services import ProcedureRefused

from ... import reactions
from ...models import IdoJiyu, JuminStatus
from ...services import snapshot_of, update_person
from .. import kernel
from .entry import TenshutsuEntry
from .form import CODE, TenshutsuForm
from .plan import TenshutsuPlan, plan

if TYPE_CHECKING:
    from counter.models import Procedure


def _entry_flags(entry: TenshutsuEntry) -> list[str]:
    """What the 審査 queue shows of the entry itself (even when it cannot be approved)."""
    out: list[str] = []
    todoke, yotei = entry.todoke_date, entry.tenshutsu_yotei_date
    if todoke and yotei and entry.late:
        out.append(
            f"届出期間経過：転出の日から{(todoke - yotei).days}日後の届出です"
            f"（職権で消除し職権記録書を作成、{kernel.JUNZURU}を交付します：j640）。"
        )
    if entry.kokugai:
        out.append("国外転出です。")
    if entry.tokurei:
        out.append("特例転出：転出証明書は交付せず、転出証明書情報を住基ネットに送ります。")
    return out


def _saki_text(plan: TenshutsuPlan) -> str:
    parts = (kernel.postal_text(plan.postal_code), plan.tenshutsusaki_text)
    return " ".join(p for p in parts if p)


class TenshutsuKind(kernel.PlannedKind[TenshutsuEntry, TenshutsuPlan]):
    """転出届 (国外転出・特例転出 included)."""

    code: ClassVar[str] = CODE
    #: with 転入 and 転居, the most frequent 異動 (offered first on an empty register)
    order: ClassVar[int] = 20
    label: ClassVar[str] = "転出届"
    form_class = TenshutsuForm
    planner = plan
    template = "juki/ido/tenshutsu_entry.html"

    def subjects_of(self, entry: TenshutsuEntry) -> Sequence[Subject]:
        return kernel.persons_and_setai(entry.atena_bangos, entry.setai_bango)

    def flags_of(self, plan: TenshutsuPlan) -> list[str]:
        out = _entry_flags(plan.entry)
        if plan.shokken_nushi and plan.new_nushi is not None:
            out.append(
                f"世帯主の転出により、世帯に残る{plan.new_nushi.full_name}を職権で世帯主とします"
                "（世帯主変更通知書：j490）。"
            )
        if plan.headless:
            out.append(kernel.headless_flag("転出し"))
        return out

    def refused_flags(self, entry: TenshutsuEntry, refusal: ProcedureRefused) -> list[str]:
        return _entry_flags(entry) + super().refused_flags(entry, refusal)

    # --- 審査 ---------------------------------------------------------------------------

    def review_of(self, procedure: Procedure, plan: TenshutsuPlan) -> list[ReviewBlock]:
        yotei = kernel.wareki_text(plan.yotei_date)
        if plan.yotei_date <= timezone.localdate():
            after, shojo = JuminStatus.JOHYO.label, yotei
        else:  # ADR 0017: a resident until the 消除
            after = f"{JuminStatus.LIVE.label}（{kernel.YOTEI_RYUIJI}）"
            shojo = f"{yotei}（転入通知の転入日が早ければその日）"
        blocks = [
            ReviewBlock(
                f"転出する方：{j.full_name}（宛名番号 {j.atena_bango}）",
                [
                    ReviewRow("状態", j.get_status_display(), after),
                    ReviewRow(
                        "消除事由",
                        j.get_shojo_jiyu_display() if j.shojo_jiyu else "",
                        plan.shojo_jiyu.label,
                    ),
                    ReviewRow("消除年月日", kernel.wareki_text(j.shojo_date), shojo),
                    ReviewRow("転出先", j.tenshutsusaki, _saki_text(plan)),
                ],
            )
            for j in plan.leavers
        ]
        former = plan.former_nushi
        if plan.nushi_changes and plan.new_nushi:
            head_after = plan.new_nushi.full_name
        elif plan.headless:
            head_after = kernel.HEADLESS_AFTER
        else:
            head_after = former.full_name if former and plan.staying else "（全員転出）"
        rows = [
            ReviewRow(
                "世帯員（住民）の数",
                f"{len(plan.leavers) + len(plan.staying)}人",
                f"{len(plan.staying)}人",
            ),
            ReviewRow("世帯主", former.full_name if former else "（なし）", head_after),
        ]
        rows += [
            ReviewRow(
                f"{m.full_name}の続柄", m.zokugara, plan.new_zokugara.get(m.atena_bango, m.zokugara)
            )
            for m in kernel.ordered(plan.staying)
        ]
        blocks.append(ReviewBlock(f"世帯（世帯番号 {plan.setai.setai_bango}）", rows))
        return blocks

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        leavers = "、".join(procedure.result.get("leavers", []))
        return [ReviewBlock("承認済み", [ReviewRow("転出した方", "", leavers)])]

    # --- 承認 ---------------------------------------------------------------------------

    def apply_plan(self, plan: TenshutsuPlan, approval: kernel.Approval) -> dict[str, Any]:
        # The certificate shows each person as on the register at the 転出 (before it).
        cert = kernel.shomeisho_data(
            [snapshot_of(j) for j in plan.leavers],
            todoke=plan.todoke_date,
            yotei=plan.yotei_date,
            tenshutsusaki=plan.tenshutsusaki_text,
            postal_code=plan.postal_code,
            kokugai=plan.kokugai,
            late=plan.late,
            first_issued_on=timezone.localdate(),
        )
        # j50, ADR 0017: before the 転出予定日 the persons stay residents (転出予定者) and
        # the 消除 waits for the date or the 転入通知; a 転出 already made is removed now.
        # j640, ADR 0018: past the 14 days the 転出 is entered by 職権 (no 届出日; a
        # 職権記録書).
        shojo_now = plan.yotei_date <= timezone.localdate()
        if plan.late:
            ryuiji = kernel.LATE_RYUIJI
        elif shojo_now:
            ryuiji = ""
        else:
            ryuiji = kernel.YOTEI_RYUIJI
        ctx = approval.context(
            plan.jiyu,
            ido_date=plan.yotei_date,
            todoke_date=None if plan.late else plan.todoke_date,
            ryuiji=ryuiji,
        )
        kiroku = None
        if plan.late:
            kiroku = kernel.late_tenshutsu_kiroku(
                [snapshot_of(j) for j in plan.leavers],
                todoke=plan.todoke_date,
                yotei=plan.yotei_date,
                tenshutsusaki=plan.tenshutsusaki_text,
                kokugai=plan.kokugai,
            )
        rireki: dict[str, int] = {}
        for j in plan.leavers:
            changes: dict[str, Any] = {
                "tenshutsusaki": plan.tenshutsusaki_text,
                "tenshutsu_yotei_date": plan.yotei_date,
            }
            if shojo_now:
                changes.update(
                    status=JuminStatus.JOHYO,
                    shojo_jiyu=plan.shojo_jiyu,
                    shojo_date=plan.yotei_date,
                )
            row = update_person(j, changes, ctx)
            assert row is not None  # a live person always changes here
            rireki[j.atena_bango] = row.rireki_no
        head = kernel.head_after_left(plan, ctx, kernel.NUSHI_HENKOU_RYUIJI)
        message_ids = self.notify(approval.notices(ctx), plan, cert, shojo=shojo_now)
        if shojo_now:
            for j in plan.leavers:
                reactions.fire("tenshutsu", jumin=j, ido_date=plan.yotei_date)
        return {
            "kind": self.code,
            "setai_bango": plan.setai.setai_bango,
            "leavers": [j.atena_bango for j in plan.leavers],
            "shojo_date": kernel.iso(plan.yotei_date),
            "tenshutsu_yotei": not shojo_now,
            "late": plan.late,
            "kokugai": plan.kokugai,
            "tokurei": plan.tokurei,
            "rireki": rireki,
            **head,
            "outbox": message_ids,
            "certificate": None if plan.tokurei else cert,
            kernel.KIROKU_KEY: kiroku,
        }

    def notify(
        self,
        notices: kernel.IdoNotices,
        plan: TenshutsuPlan,
        cert: dict[str, Any],
        *,
        shojo: bool,
    ) -> list[int]:
        """The 転出's messages at 承認: the 転出証明書情報 of a 特例転出 (住基法第24条の2);
        the staying members to 税 and 国保 when their 世帯主 changed; and, only when the
        persons are removed now (``shojo``), the messages of the 消除 (本人確認情報, 附票,
        入管, 他課: ``kernel.shojo_notices``). A 転出予定者's go at the 消除 (ADR 0017)."""
        if plan.tokurei:  # one 転出証明書情報 for the 転入地 (what its 特例転入 loads)
            joho = kernel.tenshutsu_joho.joho_payload(
                plan.leavers,
                yotei=plan.yotei_date,
                tenshutsusaki=plan.tenshutsusaki_text,
                certificates={
                    p["atena_bango"]: {**p, "tenshutsusaki": cert["tenshutsusaki"]}
                    for p in cert["persons"]
                },
            )
            notices.send(
                kernel.JUKINET_CS,
                kernel.tenshutsu_joho.MESSAGE_TYPE,
                {**notices.base(), **joho},
                "proc",
            )
        if shojo:
            for j in plan.leavers:
                kernel.shojo_notices(notices, j, plan.yotei_date)
        if plan.nushi_changes:
            for m in plan.staying:
                notices.takka(m, reason="setai", jiyu=IdoJiyu.SETAI_HENKOU.label)
        return notices.write([plan.setai])

    # --- 交付 ---------------------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        entry = self.entry_of(procedure.entry)
        if entry.tokurei:
            return []
        # the 職権記録書 of a late one stays with the city (juki.shokken_kirokusho prints it)
        return [kernel.JUNZURU if entry.late else kernel.SHOMEISHO]

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not kernel.is_approved(procedure):
            return []
        cert = procedure.result.get("certificate")
        if not cert:
            return []  # 特例転出: the 転出証明書情報 went to the 住基ネット instead
        return [kernel.shomeisho_document(procedure, cert, code="tenshutsu_shomeisho")]

    def summary_of(self, typed: TenshutsuEntry) -> str:
        count = len(typed.atena_bangos)
        if not count:
            return ""
        where = typed.tenshutsusaki_country if typed.kokugai else ""
        where = where or typed.tenshutsusaki
        kind = "特例転出" if typed.tokurei else ("国外転出" if typed.kokugai else "転出")
        return f"{kind} {count}人 → {where}（{kernel.wareki_text(typed.tenshutsu_yotei_date)}）"


KINDS = (TenshutsuKind(),)
