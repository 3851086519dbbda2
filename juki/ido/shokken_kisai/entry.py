"""The entry of a 職権記載 (the keys of the stored JSON are its fields)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, ClassVar

from .. import kernel

CODE = "shokken_kisai"
KISAI_RIYU_DEFAULT = "戸籍の届出・通知に基づく職権記載"


@dataclasses.dataclass(frozen=True)
class ShokkenKisaiEntry(kernel.AddressFields, kernel.NewcomerHousehold):
    VERSION: ClassVar[int] = 1
    riyu: str = ""
    #: the date of the 戸籍 notice, decision or 申出 the record is based on (j780)
    todoke_date: datetime.date | None = None
    #: 住民となった年月日 (= 住所を定めた年月日, the 異動日)
    jumin_date: datetime.date | None = None
    zenjusho: str = ""
    #: one person, as kernel.tennyu_person() (every PERSON_KEYS key, dates ISO)
    persons: tuple[dict[str, str], ...] = ()


def shokken_kisai_entry(
    *,
    chouaza: str,
    person: dict[str, Any],
    jumin_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    riyu: str = KISAI_RIYU_DEFAULT,
    zenjusho: str = "",
    banchi: str = "1番2号",
    katagaki: str = "",
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 職権記載 of one person (``person``: kernel.tennyu_person(...))."""
    return ShokkenKisaiEntry(
        riyu=riyu,
        todoke_date=todoke_date or kernel.today(),
        jumin_date=jumin_date or kernel.today(),
        zenjusho=zenjusho,
        chouaza=chouaza,
        banchi=banchi,
        katagaki=katagaki,
        **kernel.newcomer_household(setai_bango),
        persons=(
            person if set(person) >= set(kernel.PERSON_KEYS) else kernel.tennyu_person(**person),
        ),
    ).to_json()
