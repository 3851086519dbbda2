"""The household some members leave while they stay in the city (転居, 世帯分離): who
stays, who heads it afterwards (j490, ``head_after_leaving``) and its history rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from counter.kind_plan import Problems

from ...models import Jumin, Setai
from ...services import IdoContext, append_rireki, set_setai_nushi, update_person
from .household import HEADLESS_MARK, HeadAfterLeaving, head_after_leaving
from .household_rules import zokugara_field


@dataclass(frozen=True, kw_only=True)
class Remaining(HeadAfterLeaving):
    """A household some members leave: who stays, and who heads it (``HeadAfterLeaving``:
    when ``changes``, each who stays gets a history row; ``shokken``, a 世帯主変更通知書)."""

    setai: Setai
    staying: list[Jumin]


def plan_remaining(
    problems: Problems,
    setai: Setai,
    members: Sequence[Jumin],
    leaving: set[str],
    *,
    wanted: str,
    changes: dict[str, str],
    act: str,
) -> Remaining | None:
    """j490 for the household left behind (``act``: 「転居し」「新しい世帯に移り」).

    One staying person becomes 世帯主 by 職権; with two or more the new 世帯主 may be
    chosen (``wanted``, the form's ``staying_setai_nushi``), else the household is left
    without one (j100, j500); ``changes`` are the staying members' new 続柄. None (with
    the problem added) when the rule refuses.
    """
    staying = [m for m in members if m.atena_bango not in leaving]
    before = len(problems.items)
    with problems.collecting():
        head = head_after_leaving(
            setai,
            staying,
            leaving,
            wanted=wanted,
            changes=changes,
            act=act,
            nushi_field="staying_setai_nushi",
            zokugara_field=zokugara_field,
        )
    if len(problems.items) > before:
        return None
    return Remaining(setai=setai, staying=staying, **vars(head))


def apply_remaining(rem: Remaining, ctx: IdoContext) -> dict[str, int]:
    """Set the staying household's new 世帯主 (or none, j100) and 続柄 (a history row for
    each member; 「（世帯主なし）」 after the 留意事項 of a household left without one)."""
    if not rem.changes or (rem.new_head is None and not rem.headless):
        return {}
    if rem.headless:
        ctx = dataclasses.replace(ctx, ryuiji=ctx.ryuiji + HEADLESS_MARK)
    set_setai_nushi(rem.setai, rem.new_head)
    rows: dict[str, int] = {}
    for m in rem.staying:
        m.setai = rem.setai  # the instance that names the new head in the snapshot
        zokugara = rem.zokugara.get(m.atena_bango, m.zokugara)
        rows[m.atena_bango] = change_in_household(m, {"zokugara": zokugara}, ctx)
    return rows


def change_in_household(m: Jumin, changes: dict[str, Any], ctx: IdoContext) -> int:
    """A member's items change with their household's: the history row's number.

    A row is written even when none of their own items changed, since the 世帯主 shown
    on their 住民票 did.
    """
    row = update_person(m, changes, ctx)
    if row is None:
        row = append_rireki(m, ctx, ["setai_nushi"])
    return row.rireki_no
