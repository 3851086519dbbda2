"""The PIN-setting record: that a PIN was set, never the PIN."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from ..models import (
    Card,
    PinSetteiKiroku,
    PinShurui,
    PinSousa,
    Raichousha,
)
from .core import (
    DAIRININ_RULE,
    CardRefused,
    _history,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser


@transaction.atomic
def do_record_pin_setting(
    card: Card,
    *,
    shurui: str,
    sousa: str,
    raichousha: str = Raichousha.HONNIN,
    shoukaisho: bool = False,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> PinSetteiKiroku:
    """That a PIN was set, changed or reset at the CS terminal (カード省令第33条): which,
    how, by whom, with whom. A 任意代理人 only with the 照会書兼回答書 (DAIRININ_RULE).
    Nothing of the PIN itself is taken."""
    if raichousha == Raichousha.DAIRININ and not shoukaisho:
        raise CardRefused(f"{DAIRININ_RULE}: 照会書兼回答書を確認してください。")
    kiroku = PinSetteiKiroku.objects.create(
        card=card,
        shurui=shurui,
        sousa=sousa,
        at=timezone.now(),
        by=acting_user,
        raichousha=raichousha,
        shoukaisho=shoukaisho,
        procedure=procedure,
    )
    _history(
        card,
        card.status,
        f"暗証番号{PinSousa(sousa).label}",
        acting_user=acting_user,
        procedure=procedure,
        reason=f"{PinShurui(shurui).label}・{Raichousha(raichousha).label}",
    )
    return kiroku
