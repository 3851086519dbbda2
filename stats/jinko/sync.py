"""Keeping the 住民期間 up with the 異動履歴 (ADR 0038).

The 期間 are caught up when figures are asked (``catch_up``), not at each 承認: the
approval's transaction stays as it is, and every writer of history rows (the kinds,
データ移行, a bulk load by COPY) is followed alike. ``KikanShinchoku.rireki_made`` is
the history row up to which every record is computed; the records with a row after it
are computed again (idempotent: an unchanged record writes nothing).

A history row commits some time after its id is taken, so a row with a smaller id may
still appear after a larger one was seen. The mark therefore only moves to the rows
processed more than ``SETTLE`` ago; newer ones are looked at again next time. ``settled``
says no 承認 is running (after a load, in tests): the mark goes to the newest row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence

from django.db import transaction
from django.db.models import Max
from django.db.models.fields.json import KT
from django.utils import timezone

from juki.models import JuminRireki

from .kikan import SNAPSHOT_KEYS, Kikan, Rireki, kikan_of
from .models import JuminKikan, KikanShinchoku

#: longer than any 承認's transaction (a row older than this has committed or never will)
SETTLE = datetime.timedelta(minutes=10)
#: records computed per round (their history read in one query, their 期間 in another)
CHUNK = 2000


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _history(jumin_ids: Iterable[int]) -> dict[int, list[Rireki]]:
    """The history rows of the records, only the snapshot keys the 期間 read."""
    fields = {f"s_{k}": KT(f"snapshot__{k}") for k in SNAPSHOT_KEYS}
    rows = (
        JuminRireki.objects.filter(jumin_id__in=list(jumin_ids))
        .order_by()
        .annotate(**fields)
        .values_list("id", "jumin_id", "rireki_no", "ido_jiyu", "ido_date", *fields)
    )
    found: dict[int, list[Rireki]] = {}
    for rid, jumin_id, no, jiyu, day, *values in rows:
        # SQLite's key text of a JSON null is 'null' (PostgreSQL's is NULL); none of
        # these items can be that word
        snapshot = {
            k: None if v == "null" else v for k, v in zip(SNAPSHOT_KEYS, values, strict=True)
        }
        found.setdefault(jumin_id, []).append(Rireki(rid, no, jiyu, day, snapshot))
    return found


def _key(k: Kikan) -> tuple[object, ...]:
    return (
        k.kaishi_date,
        k.shuryo_date,
        k.kaishi_jiyu,
        k.shuryo_jiyu,
        k.kaishi_rireki_id,
        k.shuryo_rireki_id,
        k.kisai,
        k.shojo,
        k.chouaza_code,
        k.setai_bango,
        k.shubetsu,
        k.seibetsu,
        k.tanjo,
        k.kokuseki,
        k.zairyu_shikaku,
    )


def _row_key(r: JuminKikan) -> tuple[object, ...]:
    return (
        r.kaishi_date,
        r.shuryo_date,
        r.kaishi_jiyu,
        r.shuryo_jiyu,
        r.kaishi_rireki_id,
        r.shuryo_rireki_id,
        r.kisai,
        r.shojo,
        r.chouaza_code,
        r.setai_bango,
        r.shubetsu,
        r.seibetsu,
        r.tanjo,
        r.kokuseki,
        r.zairyu_shikaku,
    )


def recompute(jumin_ids: Sequence[int]) -> int:
    """Compute the records' 期間 again; retire what no longer holds, add what is new.
    Returns the number of rows written (added + retired)."""
    written = 0
    for chunk in _chunks(sorted(set(jumin_ids)), CHUNK):
        history = _history(chunk)
        current: dict[int, list[JuminKikan]] = {}
        for row in JuminKikan.objects.filter(jumin_id__in=chunk, haishi_rireki__isnull=True):
            current.setdefault(row.jumin_id, []).append(row)
        retire: dict[int, list[int]] = {}
        add: list[JuminKikan] = []
        for jumin_id in chunk:
            rows = history.get(jumin_id, [])
            newest = max((r.id for r in rows), default=0)
            wanted = {_key(k): k for k in kikan_of(rows)}
            have = {_row_key(r): r for r in current.get(jumin_id, [])}
            for key, r in have.items():
                if key not in wanted:
                    retire.setdefault(newest, []).append(r.pk)
            for key, k in wanted.items():
                if key not in have:
                    add.append(JuminKikan(jumin_id=jumin_id, kiroku_rireki=newest, **vars(k)))
        for newest, pks in retire.items():
            written += JuminKikan.objects.filter(pk__in=pks).update(haishi_rireki=newest)
        JuminKikan.objects.bulk_create(add, batch_size=CHUNK)
        written += len(add)
    return written


@transaction.atomic
def catch_up(*, settled: bool = False) -> int:
    """Bring the 住民期間 up to the history; the number of records computed.

    One caller at a time (the mark's row is locked), inside its own transaction."""
    mark, _ = KikanShinchoku.objects.select_for_update().get_or_create(pk=1)
    new = JuminRireki.objects.filter(id__gt=mark.rireki_made).order_by()
    jumin_ids = sorted(set(new.values_list("jumin_id", flat=True)))
    if not jumin_ids:
        return 0
    recompute(jumin_ids)
    if settled:
        last = new.aggregate(m=Max("id"))["m"]
    else:
        last = new.filter(processed_at__lt=timezone.now() - SETTLE).aggregate(m=Max("id"))["m"]
    if last is not None and last > mark.rireki_made:
        mark.rireki_made = last
        mark.save(update_fields=["rireki_made", "updated_at"])
    return len(jumin_ids)


@transaction.atomic
def rebuild() -> int:
    """Every record's 期間 computed again from the whole history (after a load or a
    repair; the retired rows stay). Returns the number of records."""
    KikanShinchoku.objects.update_or_create(pk=1, defaults={"rireki_made": 0})
    return catch_up(settled=True)
