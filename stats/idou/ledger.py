"""The 異動 of a period, read from the 住民期間 (stats.jinko: S1's ADR 0038).

A 住民期間 is a stretch of one 住民票's stay in which what the statistics count holds
(町字, 世帯, 性別, 住民種別 …); the population on a day is the 期間 running on it. So
between the day before a period and its last day the population changes by exactly the
期間 that start within it minus those that end within it. Each start and end is one
`Ido`:

- a 期間 that starts on a day no 期間 of the same 住民票 ends: the person starts to be
  counted (記載: 転入, 出生, 職権記載 …, named by its 開始の異動事由);
- a 期間 that ends on a day no 期間 of the same 住民票 starts: the person stops being
  counted (消除: 転出, 死亡, 職権消除 …, named by its 終了の異動事由; a 転出予定者 on the
  転出予定日, j1080);
- an end and a start of one 住民票 on the same day: the person is counted on in another
  cell (転居, 区間転入, a correction) or, when only the 世帯 changed, in the same cell
  (not a 異動 of these tables).

Counting each as 減 in the cell it leaves and 増 in the cell it enters ties every cell's
balance exactly (docs/adr/0039).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q
from django.db.models.fields.json import KT

from juki.models import IdoJiyu, JuminRireki
from stats.jinko.models import JuminKikan


class Cell(NamedTuple):
    """Where a person is counted: 町字コード, 性別 (1 男, 2 女), 住民種別 (1 日本人, 2 外国人)."""

    chouaza_code: str
    seibetsu: str
    shubetsu: str


@dataclass(frozen=True)
class Ido:
    """One change of the count on `day`: from the cell `before` (None: not counted) to
    `after` (None: no longer counted), made by the 異動事由 `jiyu`. `address` is the
    従前の住所 of a 転入 or the 転出先 of a 転出 (else "")."""

    jumin_id: int
    day: datetime.date
    jiyu: str
    before: Cell | None
    after: Cell | None
    address: str = ""


#: the 事由 whose address says where the person came from or went (県内・県外)
_ADDRESSED = (IdoJiyu.TENNYU, IdoJiyu.TENSHUTSU)

_FIELDS = (
    "jumin_id",
    "kaishi_date",
    "shuryo_date",
    "kaishi_jiyu",
    "shuryo_jiyu",
    "kaishi_rireki_id",
    "shuryo_rireki_id",
    "chouaza_code",
    "seibetsu",
    "shubetsu",
)


class _Kikan(NamedTuple):
    jumin_id: int
    kaishi_date: datetime.date
    shuryo_date: datetime.date | None
    kaishi_jiyu: str
    shuryo_jiyu: str
    kaishi_rireki_id: int | None
    shuryo_rireki_id: int | None
    chouaza_code: str
    seibetsu: str
    shubetsu: str

    @property
    def cell(self) -> Cell:
        return Cell(self.chouaza_code, self.seibetsu, self.shubetsu)


def _kikan(start: datetime.date, end: datetime.date) -> list[_Kikan]:
    """The current 期間 that start or end within [start, end] (one query)."""
    rows = (
        JuminKikan.objects.filter(haishi_rireki__isnull=True)
        .filter(Q(kaishi_date__range=(start, end)) | Q(shuryo_date__range=(start, end)))
        .order_by()
        .values_list(*_FIELDS)
    )
    return [_Kikan(*row) for row in rows]


def _addresses(ids: Iterable[int]) -> dict[int, str]:
    """The 従前の住所 or 転出先 of history rows (one query; only those two keys read)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = (
        JuminRireki.objects.filter(id__in=wanted)
        .annotate(zen=KT("snapshot__zenjusho"), saki=KT("snapshot__tenshutsusaki"))
        .order_by()
        .values_list("id", "ido_jiyu", "zen", "saki")
    )
    return {
        rid: (saki if jiyu == IdoJiyu.TENSHUTSU else zen) or "" for rid, jiyu, zen, saki in rows
    }


def ido_of(start: datetime.date, end: datetime.date) -> list[Ido]:
    """Every change of the count within [start, end] (both days included)."""
    kikan = _kikan(start, end)
    ends = {(k.jumin_id, k.shuryo_date): k for k in kikan if k.shuryo_date and k.shuryo_date <= end}
    starts = {(k.jumin_id, k.kaishi_date): k for k in kikan if start <= k.kaishi_date}
    wanted = [k.kaishi_rireki_id for k in starts.values() if k.kaishi_jiyu in _ADDRESSED]
    wanted += [k.shuryo_rireki_id for k in ends.values() if k.shuryo_jiyu in _ADDRESSED]
    addresses = _addresses(i for i in wanted if i is not None)
    found: list[Ido] = []
    for key, new in starts.items():
        old = ends.get(key)
        address = addresses.get(new.kaishi_rireki_id or 0, "") if old is None else ""
        found.append(
            Ido(
                new.jumin_id,
                new.kaishi_date,
                new.kaishi_jiyu,
                old.cell if old is not None else None,
                new.cell,
                address,
            )
        )
    for key, old in ends.items():
        if key in starts:
            continue
        assert old.shuryo_date is not None
        address = addresses.get(old.shuryo_rireki_id or 0, "")
        found.append(Ido(old.jumin_id, old.shuryo_date, old.shuryo_jiyu, old.cell, None, address))
    return found
