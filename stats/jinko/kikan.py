"""The 住民期間 of one 住民票, computed from its 異動履歴 (ADR 0038). No database access.

The rules (住基法第8条・第22条〜第25条, 施行令第7条〜第12条; 事務処理要領の記載・消除・記載の修正):
- A person counts from the 住民となった年月日 to the 消除年月日 (the day of the 死亡,
  転出 …: no longer a resident on it) as the record reads now: a 職権修正 of either date
  (施行令第12条第3項) or a 消除年月日 made earlier by a 転入通知 (施行令第8条, j50) moves
  the stay; a 取消 (転出取消: the 届出 is void) gives the record back its stay as if the
  消除 had not happened.
- A 転出予定者 (a live record with 転出予定年月日, ADR 0017) counts until that day even
  when the 消除 has not been run yet (標準仕様書 j1080).
- The items counted (町字, 世帯, 住民種別, 性別, 国籍・地域, 在留資格) change on the 異動日
  of each history row; of two rows with the same 異動日 the later one holds. The
  生年月日 is the record's as it reads now: a correction says when the person was born.
- The 除票 that a 区 keeps at a 区間転入 (消除事由 区間転出, ADR 0021) is a copy of a stay
  the live record carries on: it counts nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: the snapshot keys the 期間 read (juki.services.snapshot_of writes them)
SNAPSHOT_KEYS = (
    "status",
    "jumin_date",
    "shojo_date",
    "shojo_jiyu",
    "tenshutsu_yotei_date",
    "chouaza_code",
    "setai_bango",
    "shubetsu",
    "seibetsu",
    "seinengappi",
    "kokuseki",
    "zairyu_shikaku",
)
#: the items a 期間 holds: a change of any starts a new one
ITEMS = ("chouaza_code", "setai_bango", "shubetsu", "seibetsu", "kokuseki", "zairyu_shikaku")
JOHYO = "johyo"
KUKAN_TENSHUTSU = "kukan_tenshutsu"
TENSHUTSU_JIYU = ("tenshutsu", "kokugai_tenshutsu")


@dataclass(frozen=True)
class Rireki:
    """What a 期間 needs of one history row (``SNAPSHOT_KEYS`` of its snapshot)."""

    id: int
    rireki_no: int
    ido_jiyu: str
    ido_date: datetime.date
    snapshot: dict[str, Any]


@dataclass(frozen=True)
class Kikan:
    """One 住民期間 (stats.jinko.models.JuminKikan without its bookkeeping)."""

    kaishi_date: datetime.date
    shuryo_date: datetime.date | None
    kaishi_jiyu: str
    shuryo_jiyu: str
    kaishi_rireki_id: int | None
    shuryo_rireki_id: int | None
    #: the stretch begins the stay (the 記載) / ends it (the 消除, the 転出予定日); the
    #: others begin or end at a change within the stay (転居, 世帯変更 …)
    kisai: bool
    shojo: bool
    chouaza_code: str
    setai_bango: str
    shubetsu: str
    seibetsu: str
    tanjo: int
    kokuseki: str
    zairyu_shikaku: str


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def tanjo_of(day: datetime.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _items(snapshot: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(snapshot.get(k) or "") for k in ITEMS)


def _end(rows: Sequence[Rireki]) -> tuple[datetime.date | None, str, int | None]:
    """The day the stay ends (exclusive), its 事由 and history row, as the record reads now."""
    latest = rows[-1].snapshot
    if latest.get("status") == JOHYO:
        # the 消除 is the first row of the run of 除票 rows at the end (later ones correct it)
        first = len(rows) - 1
        while first > 0 and rows[first - 1].snapshot.get("status") == JOHYO:
            first -= 1
        # a 除票 without its 消除年月日 (a migrated record) ends on the 消除 row's 異動日
        day = _date(latest.get("shojo_date")) or rows[first].ido_date
        return day, str(latest.get("shojo_jiyu") or ""), rows[first].id
    yotei = _date(latest.get("tenshutsu_yotei_date"))
    if yotei is None:
        return None, "", None
    approved = next((r for r in reversed(rows) if r.ido_jiyu in TENSHUTSU_JIYU), None)
    jiyu = approved.ido_jiyu if approved else TENSHUTSU_JIYU[0]
    return yotei, jiyu, approved.id if approved else None


def kikan_of(rows: Sequence[Rireki]) -> list[Kikan]:
    """The 住民期間 of one 住民票 from its history rows (any order), oldest first."""
    if not rows:
        return []
    rows = sorted(rows, key=lambda r: r.rireki_no)
    latest = rows[-1].snapshot
    if latest.get("status") == JOHYO and latest.get("shojo_jiyu") == KUKAN_TENSHUTSU:
        return []
    start = _date(latest.get("jumin_date")) or rows[0].ido_date
    end, end_jiyu, end_rireki = _end(rows)
    if end is not None and end <= start:
        return []
    birth = _date(latest.get("seinengappi"))
    tanjo = tanjo_of(birth) if birth else 0
    # one point per 異動日, the last row of that day holding
    points: dict[datetime.date, Rireki] = {}
    for row in sorted(rows, key=lambda r: (r.ido_date, r.rireki_no)):
        points[row.ido_date] = row
    days = sorted(points)
    spans: list[tuple[datetime.date, Rireki]] = []
    for i, day in enumerate(days):
        if i + 1 < len(days) and days[i + 1] <= start:
            continue  # replaced before the stay began
        # the first row holds from the start of the stay (a データ移行 row is dated at
        # the migration, the stay began earlier)
        kaishi = day if spans else start
        if end is not None and kaishi >= end:
            break
        row = points[day]
        if spans and _items(row.snapshot) == _items(spans[-1][1].snapshot):
            continue  # nothing counted changed: the stretch goes on
        spans.append((kaishi, row))
    result: list[Kikan] = []
    for i, (kaishi, row) in enumerate(spans):
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        opener = rows[0] if i == 0 else row
        snap = row.snapshot
        result.append(
            Kikan(
                kaishi_date=kaishi,
                shuryo_date=nxt[0] if nxt else end,
                kaishi_jiyu=opener.ido_jiyu,
                shuryo_jiyu=nxt[1].ido_jiyu if nxt else end_jiyu,
                kaishi_rireki_id=opener.id,
                shuryo_rireki_id=nxt[1].id if nxt else end_rireki,
                kisai=i == 0,
                shojo=nxt is None and end is not None,
                chouaza_code=str(snap.get("chouaza_code") or ""),
                setai_bango=str(snap.get("setai_bango") or ""),
                shubetsu=str(snap.get("shubetsu") or ""),
                seibetsu=str(snap.get("seibetsu") or ""),
                tanjo=tanjo,
                kokuseki=str(snap.get("kokuseki") or ""),
                zairyu_shikaku=str(snap.get("zairyu_shikaku") or ""),
            )
        )
    return result
