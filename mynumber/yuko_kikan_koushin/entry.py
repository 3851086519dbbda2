"""The entry of an 有効期間更新: the 有効期間変更申請書, who came, the 在留カード checked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry


@dataclass(frozen=True)
class KoushinEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    shinsei_date: datetime.date | None = None
    raichousha: str = "honnin"
    shoukaisho: bool = False
    honnin_kakunin: str = ""
    check_zairyu_card: bool = False
