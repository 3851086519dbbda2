"""A household gets another 世帯主 as a consequence of an 異動 (j490): its history rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ...models import IdoJiyu, Jumin, Setai
from ...services import IdoContext, append_rireki, set_setai_nushi, update_person
from .household import HEADLESS_MARK


def change_setai_nushi(
    setai: Setai,
    nushi: Jumin | None,
    members: Sequence[Jumin],
    zokugara: Mapping[str, str],
    ctx: IdoContext,
) -> dict[str, int]:
    """Make ``nushi`` the 世帯主 (None: the household is left without one, j100) and give
    each member their 続柄 in ``zokugara`` (by 宛名番号; unchanged when absent). Every
    member gets a history row, even one whose own items did not change, since the 世帯主
    on their 住民票 did. Returns the rows' numbers.
    """
    set_setai_nushi(setai, nushi)
    rows: dict[str, int] = {}
    for m in members:
        row = update_person(m, {"zokugara": zokugara.get(m.atena_bango, m.zokugara)}, ctx)
        if row is None:
            row = append_rireki(m, ctx, ["setai_nushi"])
        rows[m.atena_bango] = row.rireki_no
    return rows


class LeftHousehold(Protocol):
    """A plan some persons leave the register by (死亡, 職権消除, 転出): the household after."""

    @property
    def setai(self) -> Setai: ...
    @property
    def staying(self) -> Sequence[Jumin]: ...
    @property
    def former_nushi(self) -> Jumin | None: ...
    @property
    def new_nushi(self) -> Jumin | None: ...
    #: the 世帯主 leaves and others stay
    @property
    def nushi_changes(self) -> bool: ...
    #: only one stays, who becomes 世帯主 by 職権 (世帯主変更通知書)
    @property
    def shokken_nushi(self) -> bool: ...
    @property
    def new_zokugara(self) -> Mapping[str, str]: ...
    #: two or more stay and none was chosen: no 世帯主 (j100, j490, j500)
    @property
    def headless(self) -> bool: ...


def head_after_left(plan: LeftHousehold, ctx: IdoContext, ryuiji: str) -> dict[str, Any]:
    """At 承認, when the 世帯主 left: the new one (or none, j100) and the staying members'
    続柄, each with a 世帯変更 history row (``ryuiji``, 「（職権）」 added for a head by
    職権, 「（世帯主なし）」 for a household left without one). Returns the procedure's
    result about it."""
    household: dict[str, int] = {}
    zokugara_before: dict[str, str] = {}
    if plan.nushi_changes and (plan.new_nushi is not None or plan.headless):
        zokugara_before = {m.atena_bango: m.zokugara for m in plan.staying}
        mark = "（職権）" if plan.shokken_nushi else HEADLESS_MARK if plan.headless else ""
        hctx = dataclasses.replace(ctx, ido_jiyu=IdoJiyu.SETAI_HENKOU, ryuiji=ryuiji + mark)
        household = change_setai_nushi(
            plan.setai, plan.new_nushi, plan.staying, plan.new_zokugara, hctx
        )
    return {
        "setai_nushi_changed": plan.nushi_changes,
        "shokken_setai_nushi": plan.shokken_nushi,
        "setai_nushi_nashi": plan.headless,
        "former_setai_nushi": plan.former_nushi.atena_bango if plan.former_nushi else "",
        "new_setai_nushi": plan.new_nushi.atena_bango if plan.new_nushi else "",
        "household_rireki": household,
        "zokugara_before": zokugara_before,
    }
