"""The entry of a カード補記: the 補記対応届出 (what is written), the IC chip's update, the
署名用電子証明書 asked again, who came."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry


@dataclass(frozen=True)
class HokiEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    todoke_date: datetime.date | None = None
    hoki_naiyou: str = ""
    ic_chip: str = "ari"
    shomei_saihakkou: bool = False
    raichousha: str = "honnin"
    shoukaisho: bool = False
    honnin_kakunin: str = ""
