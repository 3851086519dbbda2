"""出生 (戸籍届に基づく職権記載) as a procedure kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter.procedure_kinds import ReviewBlock, ReviewRow

from ... import services
from ...models import Jumin, recorded_date_text
from .. import kernel
from .entry import CODE, ShusseiEntry
from .form import ShusseiForm
from .plan import ShusseiPlan, plan

if TYPE_CHECKING:
    from counter.models import Procedure


def _child_rows(j: Jumin) -> list[tuple[str, str]]:
    return [
        ("氏名", j.full_name),
        ("フリガナ", j.full_kana),
        ("生年月日", j.seinengappi_text),
        ("性別", j.get_seibetsu_display()),
        ("続柄", j.zokugara),
        ("本籍", j.honseki),
        ("筆頭者", j.hittousha),
        ("住所", j.address),
        ("住民となった年月日", recorded_date_text(j.jumin_date, j.jumin_date_hyoki)),
        ("住所を定めた年月日", recorded_date_text(j.jusho_date, j.jusho_date_hyoki)),
        ("届出年月日", kernel.wareki_text(j.todoke_date)),
        ("住民票コード", j.juminhyo_code or "（承認時に付番）"),
    ]


class ShusseiKind(kernel.ShokkenKind[ShusseiEntry, ShusseiPlan]):
    """出生 (戸籍届に基づく職権記載)."""

    code = CODE
    form_class = ShusseiForm
    planner = plan

    def summary_of(self, e: ShusseiEntry) -> str:
        birth = recorded_date_text(e.seinengappi, e.seinengappi_hyoki)
        return f"出生 {e.shi}　{e.mei}（{birth}生）→ 世帯番号{e.setai_bango}"

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        r = procedure.result
        return [
            ReviewBlock(
                "承認済み",
                [
                    ReviewRow("宛名番号", "", r.get("atena_bango", "")),
                    ReviewRow("住民票コード", "", r.get("juminhyo_code", "")),
                ],
            )
        ]

    def review_of(self, procedure: Procedure, plan: ShusseiPlan) -> list[ReviewBlock]:
        child = plan.child
        blocks = [
            kernel.content_block(
                "出生の内容",
                plan.todoke_date,
                ("受理年月日", kernel.wareki_text(plan.juri_date)),
                ("生年月日（異動日）", child.seinengappi_text),
                ("住所", child.address),
            )
        ]
        after = kernel.ordered([*plan.members, child])
        nushi = plan.nushi.full_name if plan.nushi else "（なし）"
        rows = [ReviewRow("世帯主", nushi, nushi)]
        rows += [ReviewRow(m.full_name, m.zokugara if m.pk else "", m.zokugara) for m in after]
        blocks.append(ReviewBlock(f"世帯（世帯番号 {plan.setai.setai_bango}）", rows))
        blocks.append(
            ReviewBlock(
                f"出生した子　{child.shi}　{child.mei}",
                [ReviewRow(label, "", value) for label, value in _child_rows(child)],
            )
        )
        return blocks

    def apply_plan(self, plan: ShusseiPlan, approval: kernel.Approval) -> dict[str, Any]:
        child = plan.child
        child.juminhyo_code = kernel.assign_juminhyo_code()
        ctx = approval.context(
            self.ido_jiyu,
            ido_date=child.seinengappi,
            ido_date_hyoki=child.seinengappi_hyoki,
            todoke_date=plan.todoke_date,
            ryuiji=f"出生届（戸籍 {kernel.wareki_text(plan.juri_date)}受理）に基づく職権記載",
        )
        services.register_person(child, plan.setai, ctx)
        return {
            "kind": self.code,
            **kernel.newcomer_recorded(approval, ctx, child, plan.setai, assigned=True),
            "rireki_no": child.rireki_no,
            "flags": plan.flags,
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["住民票コード通知票", "住民異動連絡票"]


KIND = ShusseiKind()
KINDS: tuple[ShusseiKind, ...] = (KIND,)
