"""人口統計 (and 異動統計) over a big register with a year of history, on PostgreSQL.

1. The register: loaded (bench/_load.py, データ移行 rows dated a year ago) or reused.
2. A year of 異動 simulated as history rows, one day after another: 転居 to another
   町字, 世帯変更, 転出 (the 承認 with its 転出予定日, then the 消除 on that day; some
   still 転出予定者 at the end), 死亡, and new residents (転入 households, 出生) through
   juki.services.bulk_register. The rows of the persons already there are written as
   history only (the 人口統計 reads nothing else); new persons are whole records.
3. The 住民期間 built from the whole history (``stats.jinko.rebuild``: timed once).
4. Measured, each over several days and rounds (medians): ``jinko(day, by=(町字, 性別,
   5歳階級))`` (the issue's target: ≤ 3 s at 1,000,000 residents), ``setai_su(day)``,
   the catch-up with nothing new (every call pays it), and the 異動統計 of a month
   (``stats.idou.month_report``, ADR 0039: ≤ 1 s) when that module is installed.

    JUKI_TESTING=1 scripts/with-postgres.sh .venv/bin/python bench/stats.py --residents 100000

The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench._setup` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import load_residents, reuse_register
from bench._setup import migrate, print_result, require_postgresql, setup_django, summarize

#: each existing resident's chance of one 異動 in the year (a city's usual turnover)
RATES = {"tenkyo": 0.05, "setai_henkou": 0.01, "tenshutsu": 0.04, "shibou": 0.009}
#: new residents in the year, as a share of the register: 転入 and 出生
NEW = {"tennyu": 0.04, "shussei": 0.007}
DAY = datetime.timedelta(days=1)
CHUNK = 5000


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def _rireki(
    jumin_id: int,
    no: int,
    jiyu: str,
    when: datetime.date,
    snapshot: dict[str, Any],
    changed: list[str],
    tz: Any,
) -> Any:
    """A history row as the 承認 of that day would have written it."""
    from juki.models import JuminRireki

    moment = datetime.datetime.combine(when, datetime.time(10), tzinfo=tz)
    return JuminRireki(
        jumin_id=jumin_id, rireki_no=no, ido_jiyu=jiyu, ido_date=when, shori_date=when,
        processed_at=moment, changed_fields=changed, snapshot=snapshot,
    )  # fmt: skip


def _fresh_numbers(households: Sequence[tuple[Any, list[Any]]], rng: random.Random) -> None:
    """New 住民票コード and 個人番号 for the generated persons whose numbers a resident
    already holds: the loader's numbers spread over the whole range, so among a million
    a few of a day's random ones are taken (the database refuses a second live holder)."""
    from jputil.numbers import juminhyo_code_check_digit, kojin_bango_check_digit
    from juki.models import Jumin

    persons = [m for _setai, members in households for m in members]
    while True:
        codes = set(
            Jumin.objects.filter(juminhyo_code__in=[m.juminhyo_code for m in persons]).values_list(
                "juminhyo_code", flat=True
            )
        )
        kojin = set(
            Jumin.objects.filter(
                kojin_bango__in=[m.kojin_bango for m in persons if m.kojin_bango]
            ).values_list("kojin_bango", flat=True)
        )
        taken = [m for m in persons if m.juminhyo_code in codes or m.kojin_bango in kojin]
        if not taken:
            return
        for m in taken:
            first10 = f"{rng.randrange(10**10):010d}"
            m.juminhyo_code = first10 + juminhyo_code_check_digit(first10)
            if m.kojin_bango:
                first11 = f"{rng.randrange(10**11):011d}"
                m.kojin_bango = first11 + kojin_bango_check_digit(first11)


def simulate_year(start: datetime.date, *, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    """History rows for a year of 異動 from ``start`` (the day after the load's rows)."""
    from django.utils import timezone

    from juki.demo import generate_households
    from juki.models import Chouaza, IdoJiyu, Jumin, JuminRireki, Setai
    from juki.services import IdoContext, bulk_register

    rng = random.Random(seed)
    tz = timezone.get_current_timezone()
    ids = list(Jumin.objects.order_by("id").values_list("id", flat=True))
    chouaza = list(Chouaza.objects.order_by("code"))
    codes = [c.code for c in chouaza]
    setai_bangos = list(Setai.objects.values_list("setai_bango", flat=True)[:50_000])
    picked: dict[int, str] = {}
    pool = rng.sample(ids, k=min(len(ids), int(len(ids) * sum(RATES.values()))))
    at = 0
    for what, rate in RATES.items():
        for jumin_id in pool[at : at + int(len(ids) * rate)]:
            picked[jumin_id] = what
        at += int(len(ids) * rate)
    counts = dict.fromkeys([*RATES, *NEW, "tenshutsu_yotei"], 0)
    order = sorted(picked)
    for i in range(0, len(order), CHUNK):
        chunk = order[i : i + CHUNK]
        rows = []
        firsts = JuminRireki.objects.filter(jumin_id__in=chunk, rireki_no=1).values_list(
            "jumin_id", "snapshot"
        )
        for jumin_id, snapshot in firsts:
            what = picked[jumin_id]
            day = start + DAY * rng.randrange(365)
            snap = dict(snapshot)

            def row(
                no: int, jiyu: str, when: datetime.date, s: dict[str, Any], changed: list[str]
            ) -> Any:
                return _rireki(jumin_id, no, jiyu, when, s, changed, tz)  # noqa: B023 (used at once)

            if what == "tenkyo":
                snap["chouaza_code"] = rng.choice(codes)
                rows.append(row(2, IdoJiyu.TENKYO, day, snap, ["chouaza", "banchi"]))
            elif what == "setai_henkou":
                snap["setai_bango"] = rng.choice(setai_bangos)
                rows.append(row(2, IdoJiyu.SETAI_HENKOU, day, snap, ["setai"]))
            elif what == "tenshutsu":
                yotei = day + DAY * rng.randrange(1, 15)
                snap["tenshutsu_yotei_date"] = yotei.isoformat()
                rows.append(row(2, IdoJiyu.TENSHUTSU, day, snap, ["tenshutsu_yotei_date"]))
                if yotei < start + DAY * 365:
                    gone = {**snap, "status": "johyo", "shojo_jiyu": "tenshutsu"}
                    gone["shojo_date"] = yotei.isoformat()
                    rows.append(row(3, IdoJiyu.TENSHUTSU, yotei, gone, ["status", "shojo_date"]))
                else:
                    counts["tenshutsu_yotei"] += 1
            else:
                gone = {**snap, "status": "johyo", "shojo_jiyu": "shibou"}
                gone["shojo_date"] = day.isoformat()
                rows.append(row(2, IdoJiyu.SHIBOU, day, gone, ["status", "shojo_date"]))
            counts[what] += 1
        JuminRireki.objects.bulk_create(rows, batch_size=CHUNK)
        log(f"  simulated 異動 of {min(i + CHUNK, len(order)):,} / {len(order):,} residents")
    per_day = {what: len(ids) * share / 365 for what, share in NEW.items()}
    carry = dict.fromkeys(NEW, 0.0)
    for d in range(365):
        day = start + DAY * d
        for what, rate in per_day.items():
            carry[what] += rate
            n = int(carry[what])
            if not n:
                continue
            carry[what] -= n
            households = generate_households(rng, n, chouaza, faker_seed=seed * 7919 + d, today=day)
            _fresh_numbers(households, rng)
            for _setai, members in households:
                for m in members:
                    m.jumin_date = m.jusho_date = day
                    if what == "shussei":
                        m.seinengappi, m.seinengappi_hyoki = day, ""
            jiyu = IdoJiyu.TENNYU if what == "tennyu" else IdoJiyu.SHUSSEI
            ctx = IdoContext(acting_user=None, terminal=None, ido_jiyu=jiyu, ido_date=day)
            counts[what] += bulk_register(households, ctx=ctx)
    log(f"  new residents: {counts['tennyu']:,} 転入, {counts['shussei']:,} 出生")
    return counts


def measure(
    days: Sequence[datetime.date], rounds: int, fn: Callable[[datetime.date], Any]
) -> list[float]:
    timings: list[float] = []
    for _ in range(rounds):
        for day in days:
            seconds, _value = _timed(lambda day=day: fn(day))
            timings.append(seconds)
    return timings


def _jinko_sql(day: datetime.date) -> tuple[str, Sequence[Any]]:
    """The SQL of ``jinko(day, by=(町字, 性別, 5歳階級))``."""
    from django.db.models import Count, ExpressionWrapper, F, IntegerField, Value

    from stats.jinko.kikan import tanjo_of
    from stats.jinko.query import current_on

    age = ExpressionWrapper(
        (Value(tanjo_of(day + DAY)) - F("tanjo")) / Value(10000) / Value(5),
        output_field=IntegerField(),
    )
    qs = (
        current_on(day)
        .annotate(nenrei5=age)
        .values("chouaza_code", "seibetsu", "nenrei5")
        .annotate(n=Count("id"))
        .order_by()
    )
    return qs.query.sql_with_params()


def _explain(sql: str, params: Sequence[Any]) -> tuple[float, str]:
    """PostgreSQL's own time for a query (EXPLAIN ANALYZE) and its plan's shape."""
    import json

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    nodes: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        name = node["Node Type"]
        if node.get("Strategy") and node["Strategy"] != "Plain":
            name += f" ({node['Strategy']})"
        if node.get("Sort Space Type") == "Disk" or node.get("Disk Usage"):
            name += " [disk]"
        if node.get("Relation Name"):
            name += f" on {node['Relation Name']}"
        nodes.append(name)
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return float(plan[0]["Planning Time"] + plan[0]["Execution Time"]), " > ".join(nodes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the days measured")
    parser.add_argument("--workers", type=int, default=2, help="generation processes")
    parser.add_argument("--chunk-size", type=int, default=50_000)
    args = parser.parse_args(argv)

    setup_django()
    require_postgresql()
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"PostgreSQL {version}; migrating …", flush=True)
    migrate()

    def log(line: str) -> None:
        print(line, flush=True)

    from juki.models import IdoJiyu, Jumin, JuminRireki
    from stats import jinko

    today = timezone.localdate()
    start = today - DAY * 365
    if Jumin.objects.exists():
        load = reuse_register()
        log(f"reusing the register already loaded ({load['residents']:,} residents)")
    else:
        log(f"loading {args.residents:,} residents (history dated {start})")
        load = load_residents(
            args.residents, seed=args.seed, chunk_size=args.chunk_size,
            workers=args.workers, today=start, log=log,
        )  # fmt: skip
    simulated: dict[str, int] = {}
    sim_seconds = 0.0
    if not JuminRireki.objects.exclude(ido_jiyu=IdoJiyu.IKOU).exists():
        log("simulating a year of 異動 …")
        sim_seconds, simulated = _timed(lambda: simulate_year(start + DAY, seed=args.seed, log=log))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) juki_juminrireki, juki_jumin")
    log("building the 住民期間 from the history …")
    build_seconds, records = _timed(jinko.rebuild)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) stats_juminkikan")
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE haishi_rireki IS NULL) FROM stats_juminkikan"
        )
        kikan_rows, current_rows = cursor.fetchone()
    days = [start - DAY, start + DAY * 90, start + DAY * 180, start + DAY * 270, today]
    by: tuple[Any, ...] = ("chouaza", "seibetsu", "nenrei5")
    log(f"measuring {len(days)} days × {args.rounds} rounds …")
    jinko_s = measure(days, args.rounds, lambda d: jinko.jinko(d, by=by))
    setai_s = measure(days, args.rounds, lambda d: jinko.setai_su(d))
    catch_up_s = [_timed(jinko.catch_up)[0] for _ in range(5)]
    from stats.jinko.query import setai_sql

    explained = [_explain(*_jinko_sql(d)) for d in days]
    server_ms = [ms for ms, _shape in explained]
    setai_explained = [_explain(*setai_sql(d)) for d in days]
    populations = {d.isoformat(): jinko.jinko(d, by=()).total() for d in days}
    idou: dict[str, Any] = {"available": False}
    try:
        from stats.idou import month_report
    except ImportError:
        log("stats.idou is not installed here: the 異動統計 is not measured")
    else:
        months = [
            (d.year, d.month) for d in (start + DAY * 45, start + DAY * 200, today - DAY * 40)
        ]
        idou_s = []
        for _ in range(args.rounds):
            for year, month in months:
                idou_s.append(_timed(lambda y=year, m=month: month_report(y, m))[0])
        idou = {"available": True, "months": months, "seconds": summarize(idou_s),
                "median_s": round(statistics.median(idou_s), 3)}  # fmt: skip
    result: dict[str, Any] = {
        "benchmark": "stats",
        "postgresql": version,
        "seed": args.seed,
        **load,
        "simulated": simulated,
        "simulate_seconds": round(sim_seconds, 1),
        "history_rows": JuminRireki.objects.count(),
        "kikan_build_seconds": round(build_seconds, 2),
        "kikan_records": records,
        "kikan_rows": kikan_rows,
        "kikan_current_rows": current_rows,
        "population": populations,
        "jinko_chouaza_sex_5yr_s": summarize(jinko_s),
        "jinko_median_s": round(statistics.median(jinko_s), 3),
        "jinko_server_ms": summarize(server_ms, 1),
        "jinko_plan": explained[-1][1],
        "setai_s": summarize(setai_s),
        "setai_median_s": round(statistics.median(setai_s), 3),
        "setai_server_ms": summarize([ms for ms, _shape in setai_explained], 1),
        "setai_plan": setai_explained[-1][1],
        "catch_up_idle_s": summarize(catch_up_s, 4),
        "idou_month": idou,
    }
    log(
        f"人口統計 町字×性別×5歳階級: median {result['jinko_median_s']} s; 世帯数: median "
        f"{result['setai_median_s']} s; 住民期間 built in {result['kikan_build_seconds']} s"
    )
    print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
