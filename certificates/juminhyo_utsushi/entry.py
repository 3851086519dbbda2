"""The entry of a 住民票の写し (or 除票の写し): the request, the persons, the form of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from certificates import kernel


@dataclass(frozen=True)
class JuminhyoEntry(kernel.RequestEntry):
    """``{"v": 1, "seikyusha_kubun": "honnin", …, "atena_bangos": [...], "style": "renki"}``."""

    VERSION: ClassVar[int] = 1

    atena_bangos: tuple[str, ...] = ()
    #: 世帯全員: the whole household of the persons named (one of them suffices)
    setai_zenin: bool = False
    #: certificates.printing.Style: "renki" (世帯連記式) or "kojin" (個人票)
    style: str = "renki"
    #: 除票の写し (住基法第15条の4): 個人票 only
    johyo: bool = False
    #: the items ticked (certificates.items.Items' names)
    kisai: tuple[str, ...] = ()
    #: 個人票 only: the history
    rireki: bool = False
