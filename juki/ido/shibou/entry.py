"""The entry of a 死亡 (the keys of the stored JSON are its fields)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, ClassVar, Unpack

from jputil import wareki

from .. import kernel

CODE = "shibou"


@dataclasses.dataclass(frozen=True)
class ShibouEntry(kernel.LeavingEntry):
    VERSION: ClassVar[int] = 1
    todoke_date: datetime.date | None = None
    shibou_date: datetime.date | None = None
    #: a 死亡日 recorded as given (「令和6年月日不詳」, j80); shibou_date is its sort date
    shibou_date_hyoki: str = ""


def shibou_entry(
    *,
    atena_bango: str,
    shibou_date: datetime.date | str | wareki.RecordedDate,
    todoke_date: datetime.date | None = None,
    **household: Unpack[kernel.LeavingHousehold],
) -> dict[str, Any]:
    """The entry JSON of a 死亡 (shibou_date: a date, or recorded wording such as
    「令和6年月日不詳」, j80). ``setai_bango`` is looked up when not given."""
    day, hyoki = kernel.recorded_input(shibou_date)
    return ShibouEntry(
        todoke_date=todoke_date or kernel.today(),
        shibou_date=day,
        shibou_date_hyoki=hyoki,
        **kernel.leaving_fields(atena_bango, **household),
    ).to_json()
