"""Field groups several kinds' entries share (the JSON keys are the field names).

An entry takes a group as a base: ``class TennyuEntry(kernel.AddressFields, …)``. The
group's fields come first in the dataclass; every field has a default, so the order
matters to nothing (the stored JSON is read back by name).
"""

from __future__ import annotations

import dataclasses
from typing import TypedDict

from counter.kind_entry import Entry


@dataclasses.dataclass(frozen=True)
class AddressFields(Entry):
    """The address an entry records in the city: 町字コード, 番地, 方書."""

    chouaza: str = ""
    banchi: str = ""
    katagaki: str = ""


@dataclasses.dataclass(frozen=True)
class NewcomerHousehold(Entry):
    """The household persons new to the register join: their own (``"new"``) or the
    live one ``setai_bango`` (``"join"``)."""

    setai_mode: str = "new"
    setai_bango: str = ""

    @property
    def joins(self) -> bool:
        return self.setai_mode == "join"


class NewcomerHouseholdFields(TypedDict):
    setai_mode: str
    setai_bango: str


def newcomer_household(setai_bango: str) -> NewcomerHouseholdFields:
    """An entry builder's household: the live one ``setai_bango``, else a new one."""
    return {"setai_mode": "join" if setai_bango else "new", "setai_bango": setai_bango}


@dataclasses.dataclass(frozen=True)
class StayingHousehold(Entry):
    """The 続柄 entered, and the household left behind when its 世帯主 leaves it (j490):
    its new 世帯主 and the 続柄 of those who stay to them."""

    zokugara: dict[str, str] = dataclasses.field(default_factory=dict)
    staying_setai_nushi: str = ""
    staying_zokugara: dict[str, str] = dataclasses.field(default_factory=dict)
