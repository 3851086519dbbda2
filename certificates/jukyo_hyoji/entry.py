"""The entry of a 住居表示変更証明書: the request, the new address, the name to print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from certificates import kernel


@dataclass(frozen=True)
class JukyoHyojiEntry(kernel.RequestEntry):
    """``{"v": 1, …, "chouaza": "<町字コード>", "banchi": "1番1号", "meigi": "…"}``."""

    VERSION: ClassVar[int] = 1

    #: the new address (住居表示の実施後): 町字コード and 街区符号・住居番号
    chouaza: str = ""
    banchi: str = ""
    #: the name printed (the owner or resident the certificate is for), as asked
    meigi: str = ""
