"""What 審査 shows of a 世帯変更: the households before and after, from the plan."""

from __future__ import annotations

from typing import Any

from counter.procedure_kinds import ReviewBlock, ReviewRow

from .. import kernel
from .entry import HENKOU
from .plan import HenkouPlan


def review_blocks(plan: HenkouPlan) -> list[ReviewBlock]:
    """The before/after view (stable titles: the 照合 ticks go by them)."""
    blocks = [
        kernel.content_block(
            "世帯変更の内容",
            plan.todoke_date,
            ("異動日", kernel.wareki_text(plan.ido_date)),
            ("変更の種類", plan.label),
        )
    ]
    if plan.flags:
        blocks.append(ReviewBlock("注意事項", [ReviewRow("注意", "", f) for f in plan.flags]))
    before_head = plan.head.full_name if plan.head else "（なし）"
    before = {m.atena_bango: m for m in [*plan.members, *plan.other_members]}
    for h in plan.after():
        if h.setai is None:
            title = "新しい世帯（世帯番号は承認時に付番）"
            old_head = ""
        else:
            title = f"世帯（世帯番号 {h.setai.setai_bango}）"
            old_head = before_head
        rows = [ReviewRow("世帯主", old_head, h.head.full_name if h.head else "（世帯主なし）")]
        for m in kernel.ordered(h.members):
            was = before[m.atena_bango]
            where = (
                ""
                if h.setai is not None and was.setai_id == h.setai.pk
                else (f"（世帯番号 {was.setai.setai_bango}）")
            )
            rows.append(ReviewRow(f"{m.full_name}の続柄", f"{was.zokugara}{where}", m.zokugara))
        blocks.append(ReviewBlock(title, rows))
    if plan.other is not None:
        other_head = kernel.live_head(plan.other, plan.other_members)
        blocks.append(
            ReviewBlock(
                f"合併してなくなる世帯（世帯番号 {plan.other.setai_bango}）",
                [
                    ReviewRow("世帯員（住民）の数", f"{len(plan.other_members)}人", "0人"),
                    ReviewRow(
                        "世帯主",
                        other_head.full_name if other_head else "（なし）",
                        "（なし：世帯は記録として残ります）",
                    ),
                ],
            )
        )
    return blocks


def approved_blocks(result: dict[str, Any]) -> list[ReviewBlock]:
    """What the 承認 did (the register has moved on since)."""
    return [
        ReviewBlock(
            "承認済み",
            [
                ReviewRow("変更の種類", "", HENKOU.get(result.get("henkou", ""), "")),
                ReviewRow("変更した方", "", "、".join(result.get("persons", []))),
                ReviewRow("世帯番号", "", "、".join(result.get("setai_bangos", []))),
            ],
        )
    ]
