"""The list shown to the 閲覧者: one 町字, only the 基本4情報, never a protected person.

- Items: 氏名, 生年月日, 性別, 住所 only (住基法第11条第1項: 第7条第1号から第3号まで及び
  第7号; 第11条の2第1項 the same 一部の写し). A foreign resident's 通称 is part of the 氏名
  (施行令第30条の26第1項). Nothing else is read from the database (no 世帯主, 続柄, 本籍 …).
- Persons: the live 住民票 of the 町字 (a 除票 is no longer in the 住民基本台帳: 第15条の2;
  a 転出予定者 still is until the 消除, so stays), in the age band booked, minus every
  person an active 支援措置 protects, 仮 or confirmed, 申出者 or 併せて求める者, whatever
  its 対象事務 (事務処理要領 第6の10; DOMAIN.md).
- Order: by address, or shuffled by the visit's seed (標準仕様書 j1320: 無作為の順), so a
  reprint of the same visit is the same list.

One query whatever the number of persons (the protected are a subquery).
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import re
from dataclasses import dataclass

from jputil.wareki import to_seireki, to_wareki
from juki.models import Jumin, JuminShubetsu, JuminStatus, Seibetsu, recorded_date_text
from juki.shien.marks import protected_atena_bangos_query

from .models import EtsuranKai, EtsuranMoushide, Narabi

#: the only columns read: the 基本4情報 and what prints them (住基法第11条第1項)
COLUMNS = (
    "atena_bango",
    "shi",
    "mei",
    "tsushou",
    "shubetsu",
    "seinengappi",
    "seinengappi_hyoki",
    "seibetsu",
    "chouaza__prefecture",
    "chouaza__city",
    "chouaza__name",
    "banchi",
    "katagaki",
)

#: the headings the 閲覧者 sees, and nothing else
HEADINGS = ("氏名", "生年月日", "性別", "住所")


@dataclass(frozen=True)
class EtsuranRow:
    """One person of the list: the four items, as printed."""

    shimei: str
    seinengappi: str
    seibetsu: str
    jusho: str

    def cells(self) -> tuple[str, str, str, str]:
        return (self.shimei, self.seinengappi, self.seibetsu, self.jusho)


def _years_ago(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 2月29日
        return day.replace(year=day.year - years, day=28)


_DIGITS = re.compile(r"(\d+)")


def _address_key(banchi: str, katagaki: str, atena_bango: str) -> tuple[object, ...]:
    """番地 in natural order (2 before 10), the 方書 next; the 宛名番号 breaks ties."""
    parts = tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(banchi))
    return (tuple((isinstance(p, int), p) for p in parts), katagaki, atena_bango)


def _row(v: dict[str, object]) -> EtsuranRow:
    foreign = v["shubetsu"] == JuminShubetsu.FOREIGN
    name = f"{v['shi']}　{v['mei']}".strip("　")
    if foreign and v["tsushou"]:
        name = f"{name}（通称 {v['tsushou']}）"
    born = v["seinengappi"]
    assert isinstance(born, datetime.date)
    hyoki = str(v["seinengappi_hyoki"])
    seinengappi = recorded_date_text(born, hyoki, seireki=foreign)
    if not seinengappi:
        seinengappi = to_seireki(born) if foreign else to_wareki(born)
    address = f"{v['chouaza__prefecture']}{v['chouaza__city']}{v['chouaza__name']}{v['banchi']}"
    if v["katagaki"]:
        address = f"{address}　{v['katagaki']}"
    return EtsuranRow(name, seinengappi, Seibetsu(str(v["seibetsu"])).label, address)


def listed(
    moushide: EtsuranMoushide, *, day: datetime.date, seed: int
) -> list[tuple[str, EtsuranRow]]:
    """The persons of the booking's 町字 and range on `day`, in the booking's order, each
    with the 宛名番号 the 閲覧者 never sees (kept for the disclosure record only)."""
    people = (
        Jumin.objects.filter(status=JuminStatus.LIVE, chouaza_id=moushide.chouaza_id)
        .exclude(atena_bango__in=protected_atena_bangos_query())
        .values(*COLUMNS)
    )
    if moushide.nenrei_from is not None:  # at least N years old on the day
        people = people.filter(seinengappi__lte=_years_ago(day, moushide.nenrei_from))
    if moushide.nenrei_to is not None:  # not yet N+1
        people = people.filter(seinengappi__gt=_years_ago(day, moushide.nenrei_to + 1))
    found = sorted(
        people,
        key=lambda v: _address_key(str(v["banchi"]), str(v["katagaki"]), str(v["atena_bango"])),
    )
    if moushide.narabi == Narabi.RANDOM:
        # a reproducible order, not a secret: the seed is kept with the visit (j1320)
        random.Random(seed).shuffle(found)  # noqa: S311
    return [(str(v["atena_bango"]), _row(v)) for v in found]


def etsuran_list(moushide: EtsuranMoushide, *, day: datetime.date, seed: int) -> list[EtsuranRow]:
    """The persons of the booking's 町字 and range on `day`, in the booking's order."""
    return [row for _atena, row in listed(moushide, day=day, seed=seed)]


def list_csv(rows: list[EtsuranRow]) -> str:
    """The list as CSV (標準仕様書 j1320: the 閲覧用写し as PDF/CSV), the four items only."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("番号", *HEADINGS))
    writer.writerows((n, *row.cells()) for n, row in enumerate(rows, start=1))
    return out.getvalue()


def list_of(kai: EtsuranKai) -> list[EtsuranRow]:
    """The list of a visit, the same every time it is shown or printed that day."""
    return etsuran_list(kai.moushide, day=kai.etsuran_date, seed=kai.seed)


def listed_of(kai: EtsuranKai) -> list[tuple[str, EtsuranRow]]:
    """The list of a visit with each person's 宛名番号 (services.record_shown keeps them)."""
    return listed(kai.moushide, day=kai.etsuran_date, seed=kai.seed)
