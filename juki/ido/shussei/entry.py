"""The entry of a 出生 (the keys of the stored JSON are its fields)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, ClassVar

from jputil import wareki

from ...models import Seibetsu
from .. import kernel

CODE = "shussei"

#: the child's items of a 出生 entry, in the order of the 出生届
CHILD_FIELDS = [
    "shi",
    "mei",
    "shi_kana",
    "mei_kana",
    # 氏名の振り仮名: the 出生届 carries it since 2025-05-26 (戸籍法第29条, 住基法第7条第1号の2)
    "shi_furigana",
    "mei_furigana",
    "seibetsu",
    "seinengappi",
    "zokugara",
    "honseki",
    "hittousha",
]


@dataclasses.dataclass(frozen=True)
class ShusseiEntry(kernel.Entry):
    VERSION: ClassVar[int] = 1
    todoke_date: datetime.date | None = None
    #: the day 戸籍 received the 出生届
    juri_date: datetime.date | None = None
    setai_bango: str = ""
    shi: str = ""
    mei: str = ""
    shi_kana: str = ""
    mei_kana: str = ""
    shi_furigana: str = ""
    mei_furigana: str = ""
    seibetsu: str = ""
    seinengappi: datetime.date | None = None
    seinengappi_hyoki: str = ""
    zokugara: str = ""
    honseki: str = ""
    hittousha: str = ""


def shussei_entry(
    *,
    setai_bango: str,
    shi: str,
    mei: str,
    shi_kana: str,
    mei_kana: str,
    seinengappi: datetime.date | str | wareki.RecordedDate,
    seibetsu: str = Seibetsu.MALE,
    zokugara: str = "子",
    honseki: str = "",
    hittousha: str = "",
    todoke_date: datetime.date | None = None,
    juri_date: datetime.date | None = None,
    shi_furigana: str = "",
    mei_furigana: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 出生 (seinengappi: a date, or recorded wording per j80)."""
    birth, hyoki = kernel.recorded_input(seinengappi)
    todoke = todoke_date or kernel.today()
    return ShusseiEntry(
        todoke_date=todoke,
        juri_date=juri_date or todoke,
        setai_bango=setai_bango,
        shi=shi,
        mei=mei,
        shi_kana=shi_kana,
        mei_kana=mei_kana,
        shi_furigana=shi_furigana,
        mei_furigana=mei_furigana,
        seibetsu=str(seibetsu),
        seinengappi=birth,
        seinengappi_hyoki=hyoki,
        zokugara=zokugara,
        honseki=honseki,
        hittousha=hittousha,
    ).to_json()
