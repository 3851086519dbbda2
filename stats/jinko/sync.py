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

import dataclasses
import datetime
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection, transaction
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
#: from this many rows on, PostgreSQL gets them by COPY
COPY_FROM = 200


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


#: what tells two 期間 apart: every item of one (the model's columns of the same names)
KEY_FIELDS = tuple(f.name for f in dataclasses.fields(Kikan))


def _key(k: Kikan) -> tuple[object, ...]:
    return tuple(getattr(k, name) for name in KEY_FIELDS)


def _values(jumin_id: int, newest: int, k: Kikan) -> dict[str, Any]:
    return {"jumin_id": jumin_id, "kiroku_rireki": newest, "haishi_rireki": None, **vars(k)}


def _insert(rows: Sequence[dict[str, Any]]) -> None:
    """Add the rows (``_values``): PostgreSQL's COPY for many (a rebuild writes a row per
    resident; bulk_create spent most of its time making and preparing model instances),
    else bulk_create."""
    if connection.vendor != "postgresql" or len(rows) < COPY_FROM:
        JuminKikan.objects.bulk_create([JuminKikan(**r) for r in rows], batch_size=CHUNK)
        return
    fields = [f for f in JuminKikan._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(JuminKikan._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        raw: Any = cursor.cursor  # psycopg's own cursor (Django's wrapper has no copy())
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])


def recompute(jumin_ids: Sequence[int]) -> int:
    """Compute the records' 期間 again; retire what no longer holds, add what is new.
    Returns the number of rows written (added + retired)."""
    written = 0
    for chunk in _chunks(sorted(set(jumin_ids)), CHUNK):
        history = _history(chunk)
        current: dict[int, dict[tuple[object, ...], int]] = {}
        rows_now = JuminKikan.objects.filter(jumin_id__in=chunk, haishi_rireki__isnull=True)
        for pk, jumin_id, *key in rows_now.values_list("pk", "jumin_id", *KEY_FIELDS):
            current.setdefault(jumin_id, {})[tuple(key)] = pk
        retire: dict[int, list[int]] = {}
        add: list[dict[str, Any]] = []
        for jumin_id in chunk:
            rows = history.get(jumin_id, [])
            newest = max((r.id for r in rows), default=0)
            wanted = {_key(k): k for k in kikan_of(rows)}
            have = current.get(jumin_id, {})
            for key, pk in have.items():
                if key not in wanted:
                    retire.setdefault(newest, []).append(pk)
            for key, k in wanted.items():
                if key not in have:
                    add.append(_values(jumin_id, newest, k))
        for newest, pks in retire.items():
            written += JuminKikan.objects.filter(pk__in=pks).update(haishi_rireki=newest)
        _insert(add)
        written += len(add)
    return written


#: inside ``one_catch_up()``: the history row the block's first catch-up reached
_SCOPE: ContextVar[list[int] | None] = ContextVar("kikan_catch_up_scope", default=None)


@contextmanager
def one_catch_up() -> Iterator[None]:
    """One catch-up for a block of figures (a page, a report, a year's run): the first
    figure asked brings the 住民期間 up to the history, the others stand on the same row,
    so the tables of one page agree with each other and cost no catch-up each."""
    if _SCOPE.get() is not None:  # inside another block: its catch-up serves
        yield
        return
    token = _SCOPE.set([])
    try:
        yield
    finally:
        _SCOPE.reset(token)


def bring_up(*, settled: bool = False) -> tuple[int, int]:
    """Bring the 住民期間 up to the history: (records computed, the newest history row
    they now stand on). One caller at a time (the mark's row is locked). Inside
    ``one_catch_up()`` only the first call does it."""
    scope = _SCOPE.get()
    if scope and not settled:
        return 0, scope[0]
    done, seen = _bring_up(settled=settled)
    if scope is not None and not scope:
        scope.append(seen)
    return done, seen


@transaction.atomic
def _bring_up(*, settled: bool = False) -> tuple[int, int]:
    mark, _ = KikanShinchoku.objects.select_for_update().get_or_create(pk=1)
    new = JuminRireki.objects.filter(id__gt=mark.rireki_made).order_by()
    seen = new.aggregate(m=Max("id"))["m"]
    if seen is None:
        return 0, mark.rireki_made
    jumin_ids = sorted(set(new.filter(id__lte=seen).values_list("jumin_id", flat=True)))
    recompute(jumin_ids)
    if settled:
        last: int | None = seen
    else:
        last = new.filter(processed_at__lt=timezone.now() - SETTLE).aggregate(m=Max("id"))["m"]
    if last is not None and last > mark.rireki_made:
        mark.rireki_made = last
        mark.save(update_fields=["rireki_made", "updated_at"])
    return len(jumin_ids), seen


def catch_up(*, settled: bool = False) -> int:
    """Bring the 住民期間 up to the history; the number of records computed."""
    return bring_up(settled=settled)[0]


@transaction.atomic
def rebuild() -> int:
    """Every record's 期間 computed again from the whole history (after a load or a
    repair; the retired rows stay). Returns the number of records."""
    KikanShinchoku.objects.update_or_create(pk=1, defaults={"rireki_made": 0})
    return catch_up(settled=True)
