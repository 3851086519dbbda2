"""A household gets another 世帯主 as a consequence of an 異動 (j490): its history rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...models import Jumin, Setai
from ...services import IdoContext, append_rireki, set_setai_nushi, update_person


def change_setai_nushi(
    setai: Setai,
    nushi: Jumin,
    members: Sequence[Jumin],
    zokugara: Mapping[str, str],
    ctx: IdoContext,
) -> dict[str, int]:
    """Make ``nushi`` the 世帯主 and give each member their 続柄 in ``zokugara`` (by
    宛名番号; unchanged when absent). Every member gets a history row, even one whose own
    items did not change, since the 世帯主 on their 住民票 did. Returns the rows' numbers.
    """
    set_setai_nushi(setai, nushi)
    rows: dict[str, int] = {}
    for m in members:
        row = update_person(m, {"zokugara": zokugara.get(m.atena_bango, m.zokugara)}, ctx)
        if row is None:
            row = append_rireki(m, ctx, ["setai_nushi"])
        rows[m.atena_bango] = row.rireki_no
    return rows
