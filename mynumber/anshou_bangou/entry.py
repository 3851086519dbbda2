"""The entry of a 暗証番号変更・再設定: which PINs, 変更 or 再設定, who came (never a PIN)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry


@dataclass(frozen=True)
class AnshouEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    shinsei_date: datetime.date | None = None
    sousa: str = "saisettei"
    cs_shomei: bool = False
    cs_riyousha: bool = False
    cs_juki: bool = False
    cs_kenmen: bool = False
    raichousha: str = "honnin"
    shoukaisho: bool = False
    honnin_kakunin: str = ""
