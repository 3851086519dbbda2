"""What 審査 shows of a 転居: the register before and after, from the plan."""

from __future__ import annotations

from typing import Any

from counter.procedure_kinds import ReviewBlock, ReviewRow

from ...models import recorded_date_text
from .. import kernel
from .plan import TenkyoPlan


def review_blocks(plan: TenkyoPlan) -> list[ReviewBlock]:
    """The before/after view of a 転居 (stable titles: the 照合 ticks go by them)."""
    w = plan.move
    blocks = [
        kernel.content_block(
            f"{w.name}の内容",
            plan.todoke_date,
            (f"{w.name}日（異動日）", kernel.wareki_text(plan.tenkyo_date)),
            ("新しい住所", plan.new_address),
            ("世帯の扱い", w.setai_modes()[plan.mode]),
        )
    ]
    after_setai = plan.target.setai_bango if plan.target is not None else "（承認時に付番）"
    head = plan.target_head
    old_head = kernel.live_head(plan.setai, plan.members)
    for j in plan.movers:
        blocks.append(
            ReviewBlock(
                f"{w.name}する方：{j.full_name}（宛名番号 {j.atena_bango}）",
                [
                    ReviewRow("住所", j.address, plan.new_address),
                    ReviewRow(
                        "住所を定めた年月日",
                        recorded_date_text(j.jusho_date, j.jusho_date_hyoki),
                        kernel.wareki_text(plan.tenkyo_date),
                    ),
                    ReviewRow("世帯番号", plan.setai.setai_bango, after_setai),
                    ReviewRow(
                        "世帯主",
                        old_head.full_name if old_head else "",
                        head.full_name if head else "（世帯主なし）",
                    ),
                    ReviewRow(
                        "続柄", j.zokugara, plan.mover_zokugara.get(j.atena_bango, j.zokugara)
                    ),
                ],
            )
        )
    if plan.mode == "join" and plan.target is not None:
        rows = [ReviewRow(m.full_name, m.zokugara, m.zokugara) for m in plan.target_members]
        rows += [
            ReviewRow(j.full_name, "", plan.mover_zokugara[j.atena_bango]) for j in plan.movers
        ]
        blocks.append(ReviewBlock(f"{w.name}先の世帯（世帯番号 {plan.target.setai_bango}）", rows))
    rem = plan.remaining
    if rem is not None:
        rows = [
            ReviewRow("世帯員（住民）の数", f"{len(plan.members)}人", f"{len(rem.staying)}人"),
            ReviewRow(
                "世帯主",
                rem.former.full_name if rem.former else "（なし）",
                kernel.HEADLESS_AFTER
                if rem.headless
                else rem.new_head.full_name
                if rem.staying and rem.new_head
                else "（世帯員なし）",
            ),
        ]
        rows += [
            ReviewRow(
                f"{m.full_name}の続柄", m.zokugara, rem.zokugara.get(m.atena_bango, m.zokugara)
            )
            for m in kernel.ordered(rem.staying)
        ]
        blocks.append(ReviewBlock(f"元の世帯（世帯番号 {plan.setai.setai_bango}）", rows))
    if plan.flags:
        blocks.insert(1, ReviewBlock("注意事項", [ReviewRow("注意", "", f) for f in plan.flags]))
    return blocks


def approved_blocks(name: str, result: dict[str, Any]) -> list[ReviewBlock]:
    """What the 承認 did (the register has moved on since)."""
    return [
        ReviewBlock(
            "承認済み",
            [
                ReviewRow(f"{name}した方", "", "、".join(result.get("persons", []))),
                ReviewRow("新しい住所", "", result.get("jusho", "")),
                ReviewRow("世帯番号", "", result.get("setai_bango", "")),
            ],
        )
    ]
