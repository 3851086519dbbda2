"""The entry an application (照会, 即時登録) shares: the 申請書 and the 照合 checklist."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry
from seal.models import ShimeiKeishiki

from .rules import CHECKLIST, Raichousha


@dataclass(frozen=True)
class ApplicationEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    shinsei_date: datetime.date | None = None
    raichousha: str = Raichousha.HONNIN
    seinen_hikoukennin: bool = False
    houtei_dairinin: str = ""
    shimei_keishiki: str = ShimeiKeishiki.SHIMEI
    inei_moji: str = ""
    inei_id: int | None = None
    check_shimei: bool = False
    check_shokugyou: bool = False
    check_gomu: bool = False
    check_8mm: bool = False
    check_25mm: bool = False
    check_senmei: bool = False

    def ticked(self) -> dict[str, bool]:
        return {item.field: bool(getattr(self, item.field)) for item in CHECKLIST}
