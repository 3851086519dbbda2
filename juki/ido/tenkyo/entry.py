"""The entry of a 転居 (or 区間転入): what 仮登録 keeps, in the order of the paper form.

The JSON (``TenkyoEntry.to_json()``, ``tenkyo_entry()``)::

    {"v": 1, "todoke_date": "2026-04-10", "tenkyo_date": "2026-04-05",
     "setai_bango": "<the movers' household>", "atena_bangos": ["<宛名番号>", …],
     "chouaza": "<町字コード>", "banchi": "3番4号", "katagaki": "",
     "setai_mode": "same" | "new" | "join",
     "setai_nushi": "",            # new: the new household's 世帯主 (a mover)
     "join_setai_bango": "",       # join: the household joined
     "zokugara": {"<宛名番号>": "妻", …},   # new/join: each mover's 続柄 there
     "staying_setai_nushi": "",    # the 世帯主 moves and 2+ stay: their new head
     "staying_zokugara": {}}       # the staying members' 続柄 when the head changes

A 区間転入 differs in three things (``Move``, ADR 0009): it is offered only where the
町字 master has 行政区; the new address must lie in another 区 (and a 転居 in the same
one); and a household that moves whole gets a new 世帯番号 in its new 区, the 宛名番号
staying (j130). Its history rows carry IdoJiyu.KUKAN_TENNYU.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils import timezone

from ...models import IdoJiyu
from .. import kernel

SETAI_MODES = {
    "same": "世帯ごと転居（世帯番号・世帯主・続柄はそのまま）",
    "new": "転居する方で新しい世帯をつくる",
    "join": "転居先の世帯に入る",
}


@dataclass(frozen=True)
class Move:
    """A move within the municipality as a kind names and records it.

    転居 keeps the household's 世帯番号 when the whole household moves; a 区間転入
    (between two 行政区 of a 指定都市) gives it a new one and keeps the 宛名番号 (j130).
    """

    code: str
    name: str
    ido_jiyu: IdoJiyu
    kukan: bool = False

    def setai_modes(self) -> dict[str, str]:
        modes = {key: label.replace("転居", self.name) for key, label in SETAI_MODES.items()}
        if self.kukan:
            modes["same"] = (
                f"世帯ごと{self.name}（世帯主・続柄はそのまま。世帯番号は新しく付番：j130）"
            )
        return modes

    @property
    def nushi_henkou_ryuiji(self) -> str:
        """The 留意事項 of the rows of a household whose 世帯主 moved away."""
        return f"{self.name}に伴う世帯主変更"


TENKYO = Move("tenkyo", "転居", IdoJiyu.TENKYO)
#: 区間転入 (指定都市 only; 住基法第23条, the register kept by 区 under 第38条)
KUKAN_TENNYU = Move("kukan_tennyu", "区間転入", IdoJiyu.KUKAN_TENNYU, kukan=True)
NUSHI_HENKOU_RYUIJI = TENKYO.nushi_henkou_ryuiji


@dataclass(frozen=True)
class TenkyoEntry(kernel.AddressFields, kernel.StayingHousehold):
    """A 転居届 as entered (see the module docstring)."""

    VERSION: ClassVar[int] = 1

    todoke_date: datetime.date | None = None
    tenkyo_date: datetime.date | None = None
    setai_bango: str = ""
    atena_bangos: tuple[str, ...] = ()
    setai_mode: str = "same"
    setai_nushi: str = ""
    join_setai_bango: str = ""


def tenkyo_entry(
    *,
    atena_bangos: Sequence[str],
    chouaza: str,
    banchi: str,
    katagaki: str = "",
    tenkyo_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    setai_mode: str = "same",
    setai_nushi: str = "",
    join_setai_bango: str = "",
    zokugara: dict[str, str] | None = None,
    staying_setai_nushi: str = "",
    staying_zokugara: dict[str, str] | None = None,
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 転居 (what the form produces), for the form and tests.

    Dates default to today; ``setai_bango`` is looked up from the first person. What
    the chosen handling does not use is left out (a 「世帯ごと」 has no 続柄).
    """
    if not setai_bango and atena_bangos:
        setai_bango = kernel.setai_bango_of(atena_bangos[0])
    today = timezone.localdate()
    return TenkyoEntry(
        todoke_date=todoke_date or today,
        tenkyo_date=tenkyo_date or today,
        setai_bango=setai_bango,
        atena_bangos=tuple(atena_bangos),
        chouaza=chouaza,
        banchi=banchi,
        katagaki=katagaki,
        setai_mode=setai_mode,
        setai_nushi=setai_nushi if setai_mode == "new" else "",
        join_setai_bango=join_setai_bango if setai_mode == "join" else "",
        zokugara=dict(zokugara or {}) if setai_mode != "same" else {},
        staying_setai_nushi=staying_setai_nushi,
        staying_zokugara=dict(staying_zokugara or {}),
    ).to_json()
