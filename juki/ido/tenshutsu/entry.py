"""The 転出届's entry: what 仮登録 keeps (the keys of the stored JSON)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .. import kernel


@dataclass(frozen=True)
class TenshutsuEntry(kernel.Entry):
    """転出届 (国外転出・特例転出 included): the persons of one household who leave."""

    VERSION: ClassVar[int] = 1

    todoke_date: datetime.date | None = None
    tenshutsu_yotei_date: datetime.date | None = None
    kokugai: bool = False
    tokurei: bool = False
    tenshutsusaki_postal_code: str = ""
    tenshutsusaki: str = ""
    tenshutsusaki_country: str = ""
    #: the household searched when the entry was made (a later change is refused)
    setai_bango: str = ""
    atena_bangos: tuple[str, ...] = ()
    #: j490: the new 世帯主 and the staying members' 続柄 to them, when the head leaves
    new_setai_nushi: str = ""
    zokugara_changes: dict[str, str] = field(default_factory=dict)

    @property
    def late(self) -> bool:
        """Notified more than 14 days after the move (準ずる証明書)."""
        todoke, yotei = self.todoke_date, self.tenshutsu_yotei_date
        return bool(todoke and yotei and kernel.is_late_tenshutsu(todoke, yotei))


def tenshutsu_entry(
    *,
    todoke_date: datetime.date,
    tenshutsu_yotei_date: datetime.date,
    atena_bangos: Sequence[str],
    tenshutsusaki: str,
    tenshutsusaki_postal_code: str = "",
    kokugai: bool = False,
    tenshutsusaki_country: str = "",
    tokurei: bool = False,
    new_setai_nushi: str = "",
    zokugara_changes: dict[str, str] | None = None,
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 転出 (what the form's clean produces), for journeys and tests.

    ``setai_bango`` is looked up from the first person when not given.
    """
    if not setai_bango and atena_bangos:
        setai_bango = kernel.first_setai_bango(atena_bangos[:1])
    return TenshutsuEntry(
        todoke_date=todoke_date,
        tenshutsu_yotei_date=tenshutsu_yotei_date,
        kokugai=bool(kokugai),
        tokurei=bool(tokurei),
        tenshutsusaki_postal_code=tenshutsusaki_postal_code.replace("-", ""),
        tenshutsusaki=tenshutsusaki,
        tenshutsusaki_country=tenshutsusaki_country,
        setai_bango=setai_bango,
        atena_bangos=tuple(atena_bangos),
        new_setai_nushi=new_setai_nushi,
        zokugara_changes=dict(zokugara_changes or {}),
    ).to_json()
