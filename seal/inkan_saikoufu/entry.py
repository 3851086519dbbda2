"""The entry of a 再交付: who, on which day, and why the card is asked again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry
from seal import kernel


@dataclass(frozen=True)
class SaikoufuEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    shinsei_date: datetime.date | None = None
    raichousha: str = kernel.Raichousha.HONNIN
    riyu: str = "boushitsu"
