"""The entry of a 回答: which registration, the day, and what the window checked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry
from seal import kernel


@dataclass(frozen=True)
class KaitouEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    kaitou_date: datetime.date | None = None
    raichousha: str = kernel.Raichousha.HONNIN
    shougou_inei_id: int | None = None
    check_kaitousho: bool = False
    check_inei_itchi: bool = False
