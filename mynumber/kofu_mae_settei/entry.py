"""The entry of a 交付前設定: the card as it came (発行番号, 発行日), the 個人番号カード事前
チェックシート's items and the result (設定, or 保留 with the reason)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from counter.kind_entry import Entry


@dataclass(frozen=True)
class SetteiEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    hakkou_bango: str = ""
    hakkou_date: datetime.date | None = None
    settei_date: datetime.date | None = None
    check_shimei: bool = False
    check_jusho: bool = False
    check_seinengappi: bool = False
    check_seibetsu: bool = False
    check_shashin: bool = False
    kekka: str = "settei"
    horyuu_riyu: str = ""
