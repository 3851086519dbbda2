"""The entry of a 照会: the 印鑑登録申請書 and the 照合 checklist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from seal import kernel


@dataclass(frozen=True)
class ShoukaiEntry(kernel.ApplicationEntry):
    VERSION: ClassVar[int] = 1
