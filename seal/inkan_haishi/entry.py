"""The entry of a 廃止: who, on which day, and why (印章亡失 or a plain 廃止申請)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry
from seal import kernel
from seal.models import HaishiReason


@dataclass(frozen=True)
class HaishiEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    shinsei_date: datetime.date | None = None
    raichousha: str = kernel.Raichousha.HONNIN
    jiyu: str = HaishiReason.BOUSHITSU
