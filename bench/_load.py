"""The big register for the benchmarks: generated residents loaded with PostgreSQL COPY
(bench/search.py and bench/approve.py load it, or reuse one already loaded).

Kept apart from bench/search.py, which measures the searches over it.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench._setup` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._setup import setup_django

#: The Jumin indexes dropped before a big load and recreated after it (as Meta defines).
LOAD_REBUILT_INDEXES = (
    "jumin_search_kana",
    "jumin_search_mei_kana",
    "jumin_search_kanji",
    "jumin_chouaza_search_kana",
    "jumin_chouaza_search_kanji",
    "jumin_address",
    "jumin_juminhyo_code",
    "jumin_kojin_bango",
)


# =========================================================================== loading
#
# Generation (Faker, folding, snapshots) dominates, so it runs in worker processes that
# return ready COPY text; the parent only streams it to PostgreSQL. Numbers come from
# the person's serial (1..N in generation order), so chunks need no coordination:
#   Jumin.id = JuminRireki.id = serial, 宛名番号 = check-digit(atena base + serial),
#   Setai.id = serial of its first member, 世帯番号 = check-digit(setai base + that).
# 住民票コード and 個人番号 are replaced by a bijection of the serial (unique across
# chunks; each chunk's generator only knows its own), keeping the check digits valid.

_JUMINHYO_MOD = 10**10
_KOJIN_MOD = 10**11
_MULT = 7_919_281  # odd, not a multiple of 5: a bijection modulo 10**k

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: Any) -> str:
    """One value in COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):  # date and datetime (aware: isoformat has the offset)
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_COPY_ESCAPES)
    raise TypeError(f"no COPY format for {type(value).__name__}")


def _fields(model: Any) -> list[Any]:
    return list(model._meta.concrete_fields)


def _copy_sql(model: Any) -> str:
    cols = ", ".join(f'"{f.column}"' for f in _fields(model))
    return f"COPY {model._meta.db_table} ({cols}) FROM STDIN"


def _row(obj: Any, fields: Sequence[Any]) -> str:
    # pre_save fills auto_now/auto_now_add; everything else is the attribute
    return "\t".join(_copy_value(f.pre_save(obj, True)) for f in fields) + "\n"


@dataclass(frozen=True)
class ChunkTask:
    index: int
    persons: int
    serial_base: int  # persons generated before this chunk
    seed: int
    today: date
    atena_base: int
    setai_base: int
    history: bool


@dataclass
class ChunkData:
    index: int
    persons: int
    households: int
    setai: bytes
    jumin: bytes
    rireki: bytes


_worker_chouaza: list[Any] = []


def _init_worker(chouaza_rows: list[tuple[Any, ...]]) -> None:
    """Pool initializer: Django (for spawn) and the 町字 master as unsaved-looking rows."""
    setup_django()
    from juki.models import Chouaza

    _worker_chouaza[:] = [
        Chouaza(
            id=r[0],
            code=r[1],
            prefecture=r[2],
            city=r[3],
            name=r[4],
            kana=r[5],
            postal_code=r[6],
            search_kana=r[7],
        )
        for r in chouaza_rows
    ]


def _chouaza_rows(chouaza: Sequence[Any]) -> list[tuple[Any, ...]]:
    return [
        (c.id, c.code, c.prefecture, c.city, c.name, c.kana, c.postal_code, c.search_kana)
        for c in chouaza
    ]


def build_chunk(task: ChunkTask, chouaza: Sequence[Any] | None = None) -> ChunkData:
    """Generate one chunk of households and render it as COPY text (no DB access)."""
    from jputil.numbers import (
        juminhyo_code_check_digit,
        kojin_bango_check_digit,
        with_check_digit,
    )
    from juki.demo import generate_households
    from juki.models import IdoJiyu, Jumin, JuminRireki, Setai
    from juki.services import NUMBER_WIDTH, IdoContext, snapshot_of

    chouaza = list(chouaza if chouaza is not None else _worker_chouaza)
    rng = random.Random(task.seed * 1_000_003 + task.index)
    households = generate_households(
        rng, task.persons, chouaza, faker_seed=task.seed * 1_000 + task.index, today=task.today
    )
    ctx = IdoContext(
        acting_user=None,
        terminal=None,
        ido_jiyu=IdoJiyu.IKOU,
        ido_date=task.today,
    )
    juminhyo_offset = (task.seed * 104_729) % _JUMINHYO_MOD
    kojin_offset = (task.seed * 1_299_709) % _KOJIN_MOD
    setai_fields, jumin_fields, rireki_fields = _fields(Setai), _fields(Jumin), _fields(JuminRireki)
    setai_out, jumin_out, rireki_out = io.StringIO(), io.StringIO(), io.StringIO()
    serial = task.serial_base
    for setai, members in households:
        setai.id = serial + 1
        setai.setai_bango = with_check_digit(task.setai_base + serial + 1, NUMBER_WIDTH)
        head = None
        for member in members:
            serial += 1
            member.id = serial
            member.atena_bango = with_check_digit(task.atena_base + serial, NUMBER_WIDTH)
            member.setai = setai
            member.rireki_no = 1
            first10 = f"{(serial * _MULT + juminhyo_offset) % _JUMINHYO_MOD:010d}"
            member.juminhyo_code = first10 + juminhyo_code_check_digit(first10)
            if member.kojin_bango:
                first11 = f"{(serial * _MULT + kojin_offset) % _KOJIN_MOD:011d}"
                member.kojin_bango = first11 + kojin_bango_check_digit(first11)
            member.refresh_search_keys()
            if head is None and member.zokugara == "世帯主":
                head = member
        # The 世帯主 goes in with the household: the FK is DEFERRABLE INITIALLY DEFERRED
        # and checked at commit, when the person's row is there.
        setai.setai_nushi = head
        setai_out.write(_row(setai, setai_fields))
        for member in members:
            jumin_out.write(_row(member, jumin_fields))
            if task.history:
                rireki = ctx.rireki_for(member, 1, ["*"], snapshot_of(member, setai_nushi=head))
                rireki.id = member.id
                rireki_out.write(_row(rireki, rireki_fields))
    return ChunkData(
        index=task.index,
        persons=serial - task.serial_base,
        households=len(households),
        setai=setai_out.getvalue().encode(),
        jumin=jumin_out.getvalue().encode(),
        rireki=rireki_out.getvalue().encode(),
    )


def _chunks(tasks: list[ChunkTask], chouaza: list[Any], workers: int) -> Iterator[ChunkData]:
    """The chunks in order; with workers, at most 2 per worker in flight (bounded memory)."""
    if workers <= 1:
        for task in tasks:
            yield build_chunk(task, chouaza)
        return
    mp = multiprocessing.get_context("fork")
    with mp.Pool(workers, initializer=_init_worker, initargs=(_chouaza_rows(chouaza),)) as pool:
        pending: list[Any] = []
        queue = list(tasks)
        while queue or pending:
            while queue and len(pending) < 2 * workers:
                pending.append(pool.apply_async(build_chunk, (queue.pop(0),)))
            yield pending.pop(0).get()


def _copy(cursor: Any, model: Any, data: bytes) -> None:
    if not data:
        return
    with cursor.copy(_copy_sql(model)) as copy:
        view = memoryview(data)
        step = 1 << 20
        for start in range(0, len(view), step):
            copy.write(view[start : start + step])


def _set_sequences(cursor: Any, tables: Sequence[str]) -> None:
    for table in tables:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST((SELECT max(id) FROM {table}), 1))"
        )


def load_residents(
    n_persons: int,
    *,
    seed: int = 1,
    chunk_size: int = 50_000,
    workers: int = 2,
    history: bool = True,
    rebuild_indexes: bool = True,
    today: date | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Generate and COPY ``n_persons`` residents into an empty register; return timings.

    Works inside a transaction (tests) with ``workers=0`` and ``rebuild_indexes=False``:
    no VACUUM there (ANALYZE only) and no fork while a transaction holds the connection.
    """
    from django.db import connection, connections, transaction
    from django.utils import timezone

    from juki.demo import load_chouaza
    from juki.models import Jumin, JuminRireki, NumberSequence, Setai
    from juki.services import SEQ_ATENA, SEQ_SETAI

    if connection.vendor != "postgresql":
        raise RuntimeError("load_residents uses COPY: PostgreSQL only.")
    if Jumin.objects.exists() or Setai.objects.exists() or JuminRireki.objects.exists():
        raise RuntimeError("The register is not empty: load_residents needs an empty one.")
    today = today or timezone.localdate()
    started = time.perf_counter()
    chouaza = load_chouaza()
    bases = {
        s.name: s.last_value for s in NumberSequence.objects.filter(name__in=[SEQ_ATENA, SEQ_SETAI])
    }
    atena_base, setai_base = bases.get(SEQ_ATENA, 0), bases.get(SEQ_SETAI, 0)
    tasks = []
    for index, first in enumerate(range(0, n_persons, chunk_size)):
        tasks.append(
            ChunkTask(
                index=index,
                persons=min(chunk_size, n_persons - first),
                serial_base=first,
                seed=seed,
                today=today,
                atena_base=atena_base,
                setai_base=setai_base,
                history=history,
            )
        )
    in_transaction = connection.in_atomic_block
    if workers > 1 and in_transaction:
        workers = 0  # never fork while a transaction holds the connection
    rebuilt = [i for i in Jumin._meta.indexes if i.name in LOAD_REBUILT_INDEXES]
    if rebuild_indexes:
        with connection.schema_editor() as editor:
            for index in rebuilt:
                editor.remove_index(Jumin, index)
    if workers > 1:
        connections.close_all()  # the children must not inherit an open socket
    households = persons = 0
    copy_seconds = 0.0
    try:
        for chunk in _chunks(tasks, chouaza, workers):
            t0 = time.perf_counter()
            with transaction.atomic():
                connection.ensure_connection()
                with connection.connection.cursor() as cur:
                    _copy(cur, Setai, chunk.setai)
                    _copy(cur, Jumin, chunk.jumin)
                    _copy(cur, JuminRireki, chunk.rireki)
            copy_seconds += time.perf_counter() - t0
            households += chunk.households
            persons += chunk.persons
            elapsed = time.perf_counter() - started
            log(
                f"  loaded {persons:>9,} persons {households:>9,} households "
                f"({elapsed:7.1f} s, {persons / elapsed:8,.0f} persons/s)"
            )
    finally:
        t_index = time.perf_counter()
        if rebuild_indexes:
            with connection.schema_editor() as editor:
                for index in rebuilt:
                    editor.add_index(Jumin, index)
        index_seconds = time.perf_counter() - t_index
    t_analyze = time.perf_counter()
    with connection.cursor() as cursor:
        _set_sequences(cursor, ["juki_setai", "juki_jumin", "juki_juminrireki"])
        for name, base in ((SEQ_ATENA, atena_base), (SEQ_SETAI, setai_base)):
            NumberSequence.objects.update_or_create(
                name=name, defaults={"last_value": base + n_persons}
            )
        tables = "juki_setai, juki_jumin, juki_juminrireki, juki_chouaza"
        if in_transaction:
            cursor.execute(f"ANALYZE {tables}")
        else:
            # VACUUM sets hint bits and the visibility map, as a settled table has
            cursor.execute(f"VACUUM (ANALYZE) {tables}")
    analyze_seconds = time.perf_counter() - t_analyze
    seconds = time.perf_counter() - started
    history_rows = persons if history else 0
    return {
        "residents": persons,
        "households": households,
        "history_rows": history_rows,
        "load_seconds": round(seconds, 2),
        "rows_per_second": round(persons / seconds) if seconds else 0,
        "load_phases_seconds": {
            "copy": round(copy_seconds, 2),
            "index_rebuild": round(index_seconds, 2),
            "vacuum_analyze": round(analyze_seconds, 2),
        },
        "workers": max(workers, 1),
        "chunk_size": chunk_size,
    }


def reuse_register() -> dict[str, Any]:
    """The register already loaded (``--reuse``: e.g. restored from a ``pg_dump`` of an
    earlier run's, to measure a new index on the same data without generating it again):
    its counts, after ``VACUUM (ANALYZE)`` as a load ends."""
    from django.db import connection

    from juki.models import Jumin, JuminRireki, Setai

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) juki_setai, juki_jumin, juki_juminrireki, juki_chouaza")
    seconds = time.perf_counter() - started
    return {
        "reused": True,
        "residents": Jumin.objects.count(),
        "households": Setai.objects.count(),
        "history_rows": JuminRireki.objects.count(),
        "load_seconds": 0.0,
        "rows_per_second": 0,
        "load_phases_seconds": {"vacuum_analyze": round(seconds, 2)},
    }


# =========================================================================== queries
