"""The population per cell of the 異動統計 at the end of a day (S1's stats.jinko)."""

from __future__ import annotations

import datetime

from .. import jinko
from .ledger import Cell

#: the axes of a cell, in Cell's order
CELL_AXES: tuple[jinko.Axis, ...] = ("chouaza", "seibetsu", "shubetsu")


def population(day: datetime.date) -> dict[Cell, int]:
    """The persons counted at the end of `day`, per 町字 × 性別 × 住民種別."""
    return {Cell(*key): n for key, n in jinko.jinko(day, by=CELL_AXES).counts.items()}
