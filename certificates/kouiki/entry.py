"""The entry of a 広域交付 request: the 請求者 (certificates.kernel), the home city and
what is asked of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from certificates import kernel


@dataclass(frozen=True)
class KouikiEntry(kernel.RequestEntry):
    """``{"v": 1, "seikyusha_kubun": "honnin", …, "juminhyo_code": "…", …}``."""

    VERSION: ClassVar[int] = 1

    #: the request's number: the outbox key and the answer's ``irai_no`` (set by the form)
    irai_no: str = ""
    #: the 請求者 came to the window themselves (第12条の4第1項: 提示してこれをしなければ)
    shuttou: bool = False
    #: the 個人番号カード or other photo ID shown (counter.procedure_models.IdDocument)
    honnin_shorui: str = ""
    #: the 請求者's 住民票コード (from the card) and the home city
    juminhyo_code: str = ""
    jutaku_dantai_code: str = ""
    jutaku_dantai_name: str = ""
    #: 世帯全員, or the household's members by name (empty: the 請求者 alone)
    setai_zenin: bool = False
    taisho_shimei: tuple[str, ...] = ()
    #: the items ticked (certificates.items.Items' names)
    kisai: tuple[str, ...] = ()
