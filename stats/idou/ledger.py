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
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Case, Q, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform

from juki.models import IdoJiyu
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


_FIELDS = (
    "jumin_id",
    "kaishi_date",
    "shuryo_date",
    "kaishi_jiyu",
    "shuryo_jiyu",
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
    chouaza_code: str
    seibetsu: str
    shubetsu: str
    zenjusho: str | None
    tenshutsusaki: str | None

    @property
    def cell(self) -> Cell:
        return Cell(self.chouaza_code, self.seibetsu, self.shubetsu)


def _address(jiyu: str, wanted: IdoJiyu, rireki: str, key: str) -> Case:
    """`key` of the snapshot of the history row `rireki` when the 事由 field `jiyu` is
    `wanted` (only those snapshots are read), else ""."""
    return Case(
        When(**{jiyu: wanted}, then=KeyTextTransform(key, f"{rireki}__snapshot")),
        default=Value(""),
        output_field=TextField(),
    )


def _kikan(start: datetime.date, end: datetime.date) -> list[_Kikan]:
    """The current 期間 that start or end within [start, end], with the 従前の住所 of a
    転入 and the 転出先 of a 転出 read from their history rows (one query, whatever the
    figures: a page's count of queries does not depend on them)."""
    rows = (
        JuminKikan.objects.filter(haishi_rireki__isnull=True)
        .filter(Q(kaishi_date__range=(start, end)) | Q(shuryo_date__range=(start, end)))
        .annotate(
            zen=_address("kaishi_jiyu", IdoJiyu.TENNYU, "kaishi_rireki", "zenjusho"),
            saki=_address("shuryo_jiyu", IdoJiyu.TENSHUTSU, "shuryo_rireki", "tenshutsusaki"),
        )
        .order_by()
        .values_list(*_FIELDS, "zen", "saki")
    )
    return [_Kikan(*row) for row in rows]


def ido_of(start: datetime.date, end: datetime.date) -> list[Ido]:
    """Every change of the count within [start, end] (both days included)."""
    kikan = _kikan(start, end)
    ends = {(k.jumin_id, k.shuryo_date): k for k in kikan if k.shuryo_date and k.shuryo_date <= end}
    starts = {(k.jumin_id, k.kaishi_date): k for k in kikan if start <= k.kaishi_date}
    found: list[Ido] = []
    for key, new in starts.items():
        old = ends.get(key)
        found.append(
            Ido(
                new.jumin_id,
                new.kaishi_date,
                new.kaishi_jiyu,
                old.cell if old is not None else None,
                new.cell,
                (new.zenjusho or "") if old is None else "",
            )
        )
    for key, old in ends.items():
        if key in starts:
            continue
        assert old.shuryo_date is not None
        found.append(
            Ido(old.jumin_id, old.shuryo_date, old.shuryo_jiyu, old.cell, None,
                old.tenshutsusaki or "")
        )  # fmt: skip
    return found
