"""The entry of a カード交付: who came and with what (交付通知書, ID, the 代理人's papers),
the old card, the certificates wanted and the PINs set."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry


@dataclass(frozen=True)
class KoufuEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    koufu_date: datetime.date | None = None
    tsuchisho: str = "jisan"
    raichousha: str = "honnin"
    seinen_hikoukennin: bool = False
    dairinin_shimei: str = ""
    shoukaisho: bool = False
    fuzai_riyu: str = ""
    sonmei: bool = False
    honnin_kakunin: str = ""
    honnin_kakunin_2: str = ""
    kyuu_card: str = "nashi"
    kyuu_kaishu: bool = False
    shomei_kibou: bool = True
    cs_shomei: bool = False
    cs_riyousha: bool = False
    cs_juki: bool = False
    cs_kenmen: bool = False
