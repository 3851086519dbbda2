"""4情報 search: 氏名 (カナ or 漢字), 生年月日, 性別, 住所, plus exact numbers.

Names are compared through the folded keys stored on Jumin, by prefix. The keys compare
by code point on both databases (SearchKeyField: COLLATE "C" on PostgreSQL, SQLite's
binary order), so a prefix is the range key >= p AND key < p⁺, and results come in key
order: one index on (key, 生年月日, id) finds the range and yields the first page
without sorting every match of a common surname.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from jputil import searchkeys

from .models import Chouaza, Jumin, JuminStatus


def prefix_q(field: str, prefix: str) -> Q:
    """Rows whose `field` starts with `prefix`, as an index range."""
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": searchkeys.prefix_upper_bound(prefix)})


def looks_like_kana(text: str) -> bool:
    """True when a name query is a reading (kana) rather than kanji."""
    folded = searchkeys.fold_kana(text)
    return bool(folded) and all("\u30a0" <= ch <= "\u30ff" for ch in folded)


@dataclass(frozen=True)
class Conditions:
    """One search, as typed (already cleaned by the form)."""

    shimei: str = ""
    mei_only: bool = False
    seinengappi: datetime.date | None = None
    seibetsu: str = ""
    chouaza: Chouaza | None = None
    banchi: str = ""
    atena_bango: str = ""
    juminhyo_code: str = ""
    kojin_bango: str = ""
    include_johyo: bool = False

    def is_empty(self) -> bool:
        return not any(
            (
                self.shimei,
                self.seinengappi,
                self.chouaza,
                self.atena_bango,
                self.juminhyo_code,
                self.kojin_bango,
            )
        )


def search_residents(cond: Conditions) -> QuerySet[Jumin]:
    """The residents matching every given condition, in reading order.

    The 町字 of a page's rows come in a second query (by primary key, ≤ one per row): a
    join in the search's own query lets PostgreSQL hash-join and sort every match when it
    estimates few (a common full name: ~600 rows read for a page of 51, ADR 0023); alone,
    the range is always read in index order and stops at the page."""
    qs = Jumin.objects.prefetch_related("chouaza")
    if not cond.include_johyo:
        qs = qs.filter(status=JuminStatus.LIVE)
    for number in ("atena_bango", "juminhyo_code", "kojin_bango"):
        if value := getattr(cond, number):
            qs = qs.filter(**{number: value})
    key = "search_kana"
    if cond.shimei:
        if looks_like_kana(cond.shimei):
            key = "search_mei_kana" if cond.mei_only else "search_kana"
            qs = qs.filter(prefix_q(key, searchkeys.fold_kana(cond.shimei)))
        else:
            key = "search_kanji"
            qs = qs.filter(prefix_q(key, searchkeys.fold_kanji(cond.shimei)))
    if cond.seinengappi:
        qs = qs.filter(seinengappi=cond.seinengappi)
    if cond.seibetsu:
        qs = qs.filter(seibetsu=cond.seibetsu)
    if cond.chouaza:
        qs = qs.filter(chouaza=cond.chouaza)
        if cond.banchi:
            qs = qs.filter(banchi__startswith=cond.banchi)
    # Ordered by the key searched, so the index that found the rows also orders them.
    return qs.order_by(key, "seinengappi", "id")
