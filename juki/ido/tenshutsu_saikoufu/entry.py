"""The 転出証明書再交付's entry: the persons of one 転出."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .. import kernel


@dataclass(frozen=True)
class SaikoufuEntry(kernel.Entry):
    VERSION: ClassVar[int] = 1

    todoke_date: datetime.date | None = None
    atena_bangos: tuple[str, ...] = ()


def saikoufu_entry(*, todoke_date: datetime.date, atena_bangos: Sequence[str]) -> dict[str, Any]:
    """The entry JSON of a 転出証明書再交付."""
    return SaikoufuEntry(todoke_date=todoke_date, atena_bangos=tuple(atena_bangos)).to_json()
