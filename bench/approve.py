"""承認 of a four-person 転入 on a big register (PostgreSQL).

Loads the register (or reuses one already loaded, e.g. by bench/search.py), prepares
P four-person 転入 procedures through the real services up to 照合 (受付 → 仮登録 → 照合 by
two contractors), then times `counter.services.do_approve` by a city clerk for each:
the transition, its history, the register writes of four persons with their snapshots,
and the outbox messages, in one transaction. Also counts the queries of one approval.
Targets (issue 7): p95 ≤ 30 ms and ≤ 30 queries per approval.
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from collections.abc import Sequence
from typing import Any

from _setup import migrate, print_result, require_postgresql, setup_django, summarize

TARGET_P95_MS = 30.0
TARGET_QUERIES = 30
#: the first approvals warm the caches (permissions, content types, templates): reported apart
WARM = 5


def ensure_register(n_residents: int, *, seed: int) -> dict[str, Any]:
    """Load `n_residents` when the register is empty; reuse a loaded one otherwise."""
    from _load import load_residents

    from juki.models import Jumin

    present = Jumin.objects.count()
    if present:
        print(f"reusing the loaded register: {present:,} residents", flush=True)
        return {"reused": True, "residents": present}
    print(f"loading {n_residents:,} residents …", flush=True)
    load = load_residents(n_residents, seed=seed, log=lambda line: print(line, flush=True))
    return {"reused": False, "residents": n_residents, "load_seconds": load.get("load_seconds")}


def _numbers(rng: random.Random) -> tuple[str, str]:
    """A 住民票コード and 個人番号 outside the loader's ranges (leading 9), check digits valid."""
    from jputil.numbers import juminhyo_code_check_digit, kojin_bango_check_digit

    code10 = "9" + "".join(rng.choice("0123456789") for _ in range(9))
    kojin11 = "9" + "".join(rng.choice("0123456789") for _ in range(10))
    return code10 + juminhyo_code_check_digit(code10), kojin11 + kojin_bango_check_digit(kojin11)


def family_entry(rng: random.Random, chouaza_code: str, n: int) -> dict[str, Any]:
    """A new household of four: 世帯主, 妻, two children."""
    from juki.ido.kernel import tennyu_person
    from juki.ido.tennyu import tennyu_entry

    today = datetime.date.today()  # noqa: DTZ011  (a date for the entry, as a clerk types it)
    shi, shi_kana = rng.choice(
        [("髙橋", "タカハシ"), ("山﨑", "ヤマザキ"), ("渡邊", "ワタナベ"), ("佐藤", "サトウ")]
    )
    members = [
        ("太郎", "タロウ", "1", "世帯主", datetime.date(1980, 4, 1)),
        ("花子", "ハナコ", "2", "妻", datetime.date(1982, 6, 3)),
        ("一郎", "イチロウ", "1", "子", datetime.date(2012, 9, 9)),
        ("二葉", "フタバ", "2", "子", datetime.date(2015, 1, 20)),
    ]
    persons = []
    for mei, mei_kana, seibetsu, zokugara, born in members:
        code, kojin = _numbers(rng)
        persons.append(
            tennyu_person(
                shi=shi,
                mei=f"{mei}{n}",
                shi_kana=shi_kana,
                mei_kana=mei_kana,
                seinengappi=born,
                seibetsu=seibetsu,
                zokugara=zokugara,
                honseki="大阪府大阪市北区梅田一丁目1番",
                hittousha=f"{shi}　{mei}{n}",
                juminhyo_code=code,
                kojin_bango=kojin,
            )
        )
    return tennyu_entry(
        chouaza=chouaza_code,
        persons=persons,
        banchi=f"{n % 30 + 1}番{n % 9 + 1}号",
        tennyu_date=today - datetime.timedelta(days=3),
        todoke_date=today,
    )


def staff() -> tuple[Any, Any, Any]:
    from django.contrib.auth.models import Group

    from counter.models import StaffUser, Terminal
    from counter.roles import Role, ensure_roles

    ensure_roles()
    terminal, _ = Terminal.objects.get_or_create(
        code="BENCH1", defaults={"name": "ベンチ", "place": "本庁", "printer_name": "プリンタ999"}
    )

    def user(name: str, role: Role) -> Any:
        u, _ = StaffUser.objects.get_or_create(
            username=name, defaults={"default_terminal": terminal}
        )
        u.groups.add(Group.objects.get(name=role.value))
        return StaffUser.objects.get(pk=u.pk)  # fresh: no cached permissions across roles

    return (
        user("bench_juchu1", Role.CONTRACTOR),
        user("bench_juchu2", Role.CONTRACTOR),
        user("bench_shokuin", Role.CLERK),
    )


def prepare(count: int, *, seed: int) -> list[Any]:
    """`count` 転入 procedures in 照合, ready for 承認."""
    from counter import services
    from juki.manifest import IDO
    from juki.models import Chouaza, Jumin

    # A rerun on a reused register must not bring the same newcomers again (they are
    # residents now): the register's size joins the seed.
    rng = random.Random(f"{seed}/{Jumin.objects.count()}")
    enterer, checker, _clerk = staff()
    codes = list(Chouaza.objects.values_list("code", flat=True))
    ready = []
    for n in range(count):
        reception = services.do_receive(
            acting_user=enterer,
            terminal=enterer.default_terminal,
            category=IDO,
            visitor_kind="honnin",
            visitor_name="来庁　者",
            id_documents=["driver_license"],
            has_ininjo=False,
            kinds=["tennyu"],
        )
        procedure = reception.procedures.get()
        procedure = services.do_enter(
            procedure,
            family_entry(rng, rng.choice(codes), n),
            acting_user=enterer,
            terminal=enterer.default_terminal,
        )
        ready.append(
            services.do_check(
                procedure, acting_user=checker, terminal=checker.default_terminal, all_ticked=True
            )
        )
    return ready


class _QueryClock:
    """Sums the time spent inside the database driver (an `execute_wrapper`)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def approve_all(
    procedures: Sequence[Any], *, profile: str | None = None
) -> tuple[list[float], int, list[float]]:
    """Times each 承認; returns the times, the queries of a steady one, and each SQL time."""
    import cProfile

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from counter import services

    *_, clerk = staff()
    times: list[float] = []
    sql_ms: list[float] = []
    queries = 0
    profiler = cProfile.Profile() if profile else None
    for i, procedure in enumerate(procedures):
        clock = _QueryClock()
        with connection.execute_wrapper(clock):
            started = time.perf_counter()
            if i == min(WARM, len(procedures) - 1):  # a steady one: caches are warm by now
                with CaptureQueriesContext(connection) as ctx:
                    services.do_approve(
                        procedure, acting_user=clerk, terminal=clerk.default_terminal
                    )
                queries = len(ctx.captured_queries)
            else:
                if profiler is not None and i >= WARM:
                    profiler.enable()
                services.do_approve(procedure, acting_user=clerk, terminal=clerk.default_terminal)
                if profiler is not None:
                    profiler.disable()
            times.append((time.perf_counter() - started) * 1000)
        sql_ms.append(clock.seconds * 1000)
    if profiler is not None and profile:
        profiler.dump_stats(profile)
        print(f"profile of the steady approvals written to {profile}", flush=True)
    return times, queries, sql_ms


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--procedures", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--profile", metavar="FILE", help="write a cProfile of the steady approvals to FILE"
    )
    args = parser.parse_args(argv)

    # Delivery of the outbox belongs to the Celery workers, not to the approval: publish
    # to an in-memory broker (as a city publishes to Redis) instead of running eagerly.
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    os.environ.setdefault("CELERY_RESULT_BACKEND", "cache+memory://")
    setup_django()
    require_postgresql()
    migrate()
    register = ensure_register(args.residents, seed=args.seed)
    started = time.perf_counter()
    procedures = prepare(args.procedures, seed=args.seed)
    print(
        f"prepared {len(procedures)} four-person 転入 in 照合 "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    times, queries, sql_ms = approve_all(procedures, profile=args.profile)
    steady = times[WARM:] if len(times) > 20 else times
    stats = summarize(steady)
    sql_stats = summarize(sql_ms[WARM:] if len(sql_ms) > 20 else sql_ms)
    from juki.models import Jumin

    print(
        f"承認 of a four-person 転入: p50 {stats['p50']:.1f} ms, p95 {stats['p95']:.1f} ms, "
        f"max {stats['max']:.1f} ms; {queries} queries per approval, "
        f"of which the database took p50 {sql_stats['p50']:.1f} ms",
        flush=True,
    )
    result = {
        "benchmark": "approve",
        "residents": Jumin.objects.count(),
        "register": register,
        "procedures": len(times),
        "persons_per_procedure": 4,
        "approve_ms": stats,
        "first_approvals_ms": [round(t, 1) for t in times[:WARM]],
        "queries_per_approval": queries,
        "sql_ms": sql_stats,
        "target_p95_ms": TARGET_P95_MS,
        "target_queries": TARGET_QUERIES,
        "meets_target": stats["p95"] <= TARGET_P95_MS and queries <= TARGET_QUERIES,
    }
    print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
