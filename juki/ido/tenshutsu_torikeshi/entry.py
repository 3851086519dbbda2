"""The 転出取消's entry: the persons (除票 by 転出) and the reason."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .. import kernel


@dataclass(frozen=True)
class TorikeshiEntry(kernel.Entry):
    VERSION: ClassVar[int] = 1

    todoke_date: datetime.date | None = None
    atena_bangos: tuple[str, ...] = ()
    reason: str = ""


def torikeshi_entry(
    *, todoke_date: datetime.date, atena_bangos: Sequence[str], reason: str
) -> dict[str, Any]:
    """The entry JSON of a 転出取消 (what the form's clean produces)."""
    return TorikeshiEntry(
        todoke_date=todoke_date, atena_bangos=tuple(atena_bangos), reason=reason
    ).to_json()
