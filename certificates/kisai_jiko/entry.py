"""The entry of a 記載事項証明書: the request, the persons, the items to certify."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from certificates import kernel


@dataclass(frozen=True)
class KisaiJikoEntry(kernel.RequestEntry):
    """``{"v": 1, "seikyusha_kubun": "honnin", …, "atena_bangos": [...], "kisai": [...]}``."""

    VERSION: ClassVar[int] = 1

    atena_bangos: tuple[str, ...] = ()
    johyo: bool = False
    #: the items ticked (the 方書 among them: j1030, only here may it be left out)
    kisai: tuple[str, ...] = ()
