"""The entry of a 職権消除 (the keys of the stored JSON are its fields)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, ClassVar, Unpack

from .. import kernel

CODE = "shokken_shojo"
SHOJO_RIYU_DEFAULT = "実態調査の結果、居住の事実なし"


@dataclasses.dataclass(frozen=True)
class ChousaEntry(kernel.Entry):
    """A 実態調査 entered with the procedure (recorded at 承認)."""

    chousa_date: datetime.date | None = None
    chousain: str = ""
    kekka: str = ""
    saikoku_date: datetime.date | None = None
    koji_date: datetime.date | None = None
    memo: str = ""


@dataclasses.dataclass(frozen=True)
class ShokkenShojoEntry(kernel.LeavingEntry):
    VERSION: ClassVar[int] = 1
    shojo_date: datetime.date | None = None
    riyu: str = ""
    #: a recorded 実態調査 (JittaiChousa) …
    chousa_id: int | None = None
    #: … or one entered here
    chousa: ChousaEntry | None = None


def shokken_shojo_entry(
    *,
    atena_bango: str,
    shojo_date: datetime.date | None = None,
    riyu: str = SHOJO_RIYU_DEFAULT,
    chousa_id: int | None = None,
    chousa: dict[str, Any] | None = None,
    **household: Unpack[kernel.LeavingHousehold],
) -> dict[str, Any]:
    """The entry JSON of a 職権消除. The 実態調査 is a recorded one (``chousa_id``) or is
    entered here (``chousa``: chousa_date, chousain, kekka, saikoku_date, koji_date, memo;
    dates as dates or ISO) and recorded at 承認."""
    return ShokkenShojoEntry(
        shojo_date=shojo_date or kernel.today(),
        riyu=riyu,
        chousa_id=chousa_id,
        chousa=ChousaEntry.from_json(chousa, nested=True) if chousa else None,
        **kernel.leaving_fields(atena_bango, **household),
    ).to_json()
