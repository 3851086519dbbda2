"""The entry of a 住所確認: who, and on which day (kept on the procedure as JSON)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from juki.ido import kernel


@dataclass(frozen=True)
class JushoKakuninEntry(kernel.Entry):
    """``{"v": 1, "atena_bango": "…", "kakunin_date": "2026-04-01"}``."""

    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    kakunin_date: datetime.date | None = None
