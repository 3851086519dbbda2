"""The entry form of a 照会, in the order of the 印鑑登録申請書."""

from __future__ import annotations

from seal import kernel

from .entry import ShoukaiEntry
from .plan import plan


class ShoukaiForm(kernel.SealForm, kernel.ApplicationFields):
    entry_class = ShoukaiEntry
    planner = plan
