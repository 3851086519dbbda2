"""The entry of a 印鑑登録証明書交付申請書: the card's number, who asks, how many."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry
from seal import kernel


@dataclass(frozen=True)
class ShomeiEntry(Entry):
    VERSION: ClassVar[int] = 1

    #: the 登録証番号 read from the card presented (entered or scanned)
    torokusho_bango: str = ""
    shinsei_date: datetime.date | None = None
    raichousha: str = kernel.Raichousha.HONNIN
    #: the 代理人's name as the 申請書 states it (要領 第4: the card is what counts)
    dairinin_shimei: str = ""
    tsusu: int = 1
