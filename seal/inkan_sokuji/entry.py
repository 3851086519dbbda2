"""The entry of a 即時登録: the 申請書, the checklist, and how the will was confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from seal import kernel
from seal.models import TorokuHouhou


@dataclass(frozen=True)
class SokujiEntry(kernel.ApplicationEntry):
    VERSION: ClassVar[int] = 1

    houhou: str = TorokuHouhou.SOKUJI_SHOMEI
    honnin_kakunin: str = ""
    hoshounin_atena_bango: str = ""
    hoshounin_inei_id: int | None = None
    check_hoshounin_inei: bool = False
