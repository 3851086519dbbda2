"""The entry of a 不在住証明書: the request, and the person and address asked about."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from certificates import kernel


@dataclass(frozen=True)
class FuzaijuEntry(kernel.RequestEntry):
    """``{"v": 1, "seikyusha_kubun": "daisansha", …, "fuzai_shimei": "…", "fuzai_jusho": "…"}``."""

    VERSION: ClassVar[int] = 1

    #: as the 請求者 writes them (the 登記簿 or the contract they come from)
    fuzai_shimei: str = ""
    fuzai_jusho: str = ""
    fuzai_seinengappi: datetime.date | None = None
