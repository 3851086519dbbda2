"""The entry of a 特急発行: the condition met, who came, the ID, the photo and where the
card is to be sent."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry


@dataclass(frozen=True)
class TokkyuuEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    shinsei_date: datetime.date | None = None
    jiyu: str = ""
    raichousha: str = "honnin"
    seinen_hikoukennin: bool = False
    honnin_kakunin: str = ""
    honnin_kakunin_2: str = ""
    check_shashin: bool = False
    sofusaki: str = "jusho"
