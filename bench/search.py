"""Benchmark: 4情報 search (juki.search.search_residents) over a big register, PostgreSQL.

Run under a throwaway cluster (``make bench``, or)::

    JUKI_TESTING=1 scripts/with-postgres.sh .venv/bin/python bench/search.py \
        [--residents N] [--queries Q] [--seed S] [--rounds R] [--no-history]

1. Loads N generated residents (juki.demo.generate_households) with PostgreSQL COPY:
   juki_setai, juki_jumin, juki_juminrireki (one データ移行 history row per person).
2. Builds Q realistic window queries drawn from the loaded rows (fixed seed).
3. Runs each through Django (first page, 51 rows, as LazyPaginator does) for the client
   time, then EXPLAIN (ANALYZE, FORMAT JSON) of the same SQL for the server time.
4. Prints readable lines, then ONE JSON object on the last line.

See bench/README.md for what each figure means and the figures measured.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench._setup` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import LOAD_REBUILT_INDEXES, load_residents, reuse_register
from bench._setup import migrate, print_result, require_postgresql, setup_django, summarize

TARGET_P95_MS = 10.0
PAGE_ROWS = 51  # LazyPaginator fetches one row more than the 50 it shows

#: Query categories, with their share of the query set.
CATEGORIES: dict[str, float] = {
    "kana_name": 0.22,  # (a) 氏名カナ as typed (katakana, hiragana, half-width, ー)
    "kana_shi_birth": 0.15,  # (b) 氏カナ + 生年月日
    "kanji_name": 0.15,  # (c) 漢字氏名, sometimes the standard form of a 異体字 name
    "kana_shi_sex_chouaza": 0.12,  # (d) 氏カナ + 性別 + 町字
    "birth_chouaza_banchi": 0.10,  # (e) 生年月日 + 町字 + 番地
    "number": 0.16,  # (f) 住民票コード / 個人番号 / 宛名番号, exact
    "common_surname": 0.10,  # (g) a common surname alone, first page
}


@dataclass
class Query:
    category: str
    cond: Any  # juki.search.Conditions
    target_id: int | None = None  # the person the clerk is looking for, if one
    text: str = ""


_O_DAN_U = re.compile("([オコソトノホモヨロゴゾドボポョ])ウ")


def kana_as_typed(shi_kana: str, mei_kana: str, rng: random.Random) -> str:
    """A full kana name the way a clerk may type it."""
    import jaconv

    style = rng.choices(
        ("katakana", "nospace", "hiragana", "halfwidth", "long_vowel"),
        weights=(40, 15, 20, 10, 15),
    )[0]
    text = f"{shi_kana}　{mei_kana}".strip("　")
    if style == "nospace":
        return text.replace("　", "")
    if style == "hiragana":
        return jaconv.kata2hira(text)
    if style == "halfwidth":
        return jaconv.z2h(text.replace("　", " "), kana=True, ascii=False, digit=False)
    if style == "long_vowel":
        return _O_DAN_U.sub(r"\1ー", text)
    return text


def _sample_people(rng: random.Random, count: int) -> list[Any]:
    from juki.models import Jumin, JuminStatus

    bounds = Jumin.objects.filter(status=JuminStatus.LIVE).order_by("id")
    first = bounds.values_list("id", flat=True).first()
    last = bounds.reverse().values_list("id", flat=True).first()
    if first is None or last is None:
        raise RuntimeError("No live residents to draw queries from.")
    ids = [rng.randint(first, last) for _ in range(count * 2 + 50)]
    people = {
        j.id: j
        for j in Jumin.objects.filter(id__in=ids, status=JuminStatus.LIVE).select_related("chouaza")
    }
    ordered = [people[i] for i in ids if i in people]
    if not ordered:
        raise RuntimeError("No live residents sampled.")
    while len(ordered) < count:  # tiny registers: reuse
        ordered += ordered
    return ordered[:count]


def build_queries(n_queries: int, seed: int = 1) -> list[Query]:
    """A fixed (per seed) mix of window searches drawn from the loaded residents."""
    from django.db.models import Count

    from jputil import searchkeys
    from juki.demo import ITAIJI_SURNAMES
    from juki.models import Jumin, JuminStatus
    from juki.search import Conditions

    rng = random.Random(seed * 7_777 + 13)
    names = list(CATEGORIES)
    categories = rng.choices(names, weights=[CATEGORIES[n] for n in names], k=n_queries)
    people = _sample_people(rng, n_queries)
    live = Jumin.objects.filter(status=JuminStatus.LIVE)
    itaiji_people = list(live.filter(shi__in=[s for s, _ in ITAIJI_SURNAMES]).order_by("id")[:500])
    common = [
        row["shi_kana"]
        for row in live.exclude(shi_kana="")
        .values("shi_kana")
        .annotate(n=Count("id"))
        .order_by("-n", "shi_kana")[:10]
    ]
    queries: list[Query] = []
    for category, person in zip(categories, people, strict=True):
        p = person
        if category == "kana_name":
            text = kana_as_typed(p.shi_kana, p.mei_kana, rng)
            queries.append(Query(category, Conditions(shimei=text), p.id, text))
        elif category == "kana_shi_birth":
            cond = Conditions(shimei=p.shi_kana, seinengappi=p.seinengappi)
            queries.append(Query(category, cond, p.id, f"{p.shi_kana} {p.seinengappi}"))
        elif category == "kanji_name":
            if itaiji_people and rng.random() < 0.25:
                p = rng.choice(itaiji_people)
                # typed with the standard character: 高橋 for 髙橋
                text = f"{searchkeys.fold_kanji(p.shi)}　{p.mei}".strip("　")
            else:
                text = f"{p.shi}　{p.mei}".strip("　")
            queries.append(Query(category, Conditions(shimei=text), p.id, text))
        elif category == "kana_shi_sex_chouaza":
            cond = Conditions(shimei=p.shi_kana, seibetsu=p.seibetsu, chouaza=p.chouaza)
            text = f"{p.shi_kana} {p.get_seibetsu_display()} {p.chouaza.name}"
            queries.append(Query(category, cond, p.id, text))
        elif category == "birth_chouaza_banchi":
            banchi = p.banchi
            if rng.random() < 0.3 and "番" in banchi:
                banchi = banchi.split("番", 1)[0] + "番"  # only the 番 typed
            cond = Conditions(seinengappi=p.seinengappi, chouaza=p.chouaza, banchi=banchi)
            text = f"{p.seinengappi} {p.chouaza.name}{banchi}"
            queries.append(Query(category, cond, p.id, text))
        elif category == "number":
            kind = rng.choice(("juminhyo_code", "kojin_bango", "atena_bango"))
            if kind == "kojin_bango" and not p.kojin_bango:
                kind = "atena_bango"
            value = getattr(p, kind)
            queries.append(Query(category, Conditions(**{kind: value}), p.id, f"{kind}={value}"))
        else:  # common_surname
            text = rng.choice(common) if common else p.shi_kana
            queries.append(Query(category, Conditions(shimei=text), None, text))
    return queries


# =========================================================================== measuring


def _walk(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", ()):
        yield from _walk(child)


def _describe(node: dict[str, Any]) -> str:
    kind = node["Node Type"]
    if "Index Name" in node:
        return f"{kind} using {node['Index Name']}"
    if "Relation Name" in node:
        return f"{kind} on {node['Relation Name']}"
    return kind


def plan_shape(plan: dict[str, Any]) -> str:
    """The plan's nodes in depth-first order: 'Limit > Sort > Bitmap Heap Scan on …'."""
    return " > ".join(_describe(n) for n in _walk(plan))


def jumin_access(plan: dict[str, Any]) -> str:
    """How juki_jumin is read: its scan node, with the index(es) used."""
    for node in _walk(plan):
        kind = node["Node Type"]
        if node.get("Relation Name") == "juki_jumin" or (
            "Index Name" in node and str(node["Index Name"]).startswith(("jumin_", "juki_jumin"))
        ):
            if kind == "Bitmap Heap Scan":
                indexes = [
                    n["Index Name"] for n in _walk(node) if n["Node Type"] == "Bitmap Index Scan"
                ]
                return f"Bitmap Heap Scan on juki_jumin using {' + '.join(indexes)}"
            return _describe(node) if "Index Name" in node else f"{kind} on juki_jumin"
    return "?"


@dataclass
class Measurement:
    category: str
    server_ms: float
    client_ms: float
    rows: int
    found: bool | None
    access: str
    shape: str
    text: str = ""
    plan: dict[str, Any] = field(default_factory=dict)


def measure_query(query: Query) -> Measurement:
    """Client time of the first page through Django, then server time by EXPLAIN ANALYZE."""
    from django.db import connection

    from juki.search import search_residents

    qs = search_residents(query.cond)
    t0 = time.perf_counter()
    rows = list(qs[:PAGE_ROWS])
    client_ms = (time.perf_counter() - t0) * 1000
    sql, params = qs[:PAGE_ROWS].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    explained = json.loads(raw) if isinstance(raw, str) else raw
    top = explained[0]
    server_ms = float(top["Planning Time"]) + float(top["Execution Time"])
    found = None if query.target_id is None else any(r.id == query.target_id for r in rows)
    return Measurement(
        category=query.category,
        server_ms=server_ms,
        client_ms=client_ms,
        rows=len(rows),
        found=found,
        access=jumin_access(top["Plan"]),
        shape=plan_shape(top["Plan"]),
        text=query.text,
        plan=top["Plan"],
    )


def run_queries(queries: Sequence[Query]) -> list[Measurement]:
    return [measure_query(q) for q in queries]


def summarize_round(measurements: Sequence[Measurement]) -> dict[str, Any]:
    """Figures of one pass over the query set."""
    by_cat: dict[str, list[Measurement]] = {}
    for m in measurements:
        by_cat.setdefault(m.category, []).append(m)
    categories = {}
    for name in CATEGORIES:
        ms = by_cat.get(name, [])
        if not ms:
            continue
        targeted = [m.found for m in ms if m.found is not None]
        categories[name] = {
            "queries": len(ms),
            "server_ms": summarize([m.server_ms for m in ms]),
            "client_ms": summarize([m.client_ms for m in ms]),
            "mean_rows": round(sum(m.rows for m in ms) / len(ms), 1),
            "found_on_first_page": (round(sum(targeted) / len(targeted), 3) if targeted else None),
        }
    return {
        "server_ms": summarize([m.server_ms for m in measurements]),
        "client_ms": summarize([m.client_ms for m in measurements]),
        "by_category": categories,
    }


def _median_dicts(dicts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Key-wise median of the numeric leaves of same-shaped dicts."""
    out: dict[str, Any] = {}
    for key, value in dicts[0].items():
        values = [d[key] for d in dicts if key in d]
        if isinstance(value, dict):
            out[key] = _median_dicts(values)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            nums = [v for v in values if isinstance(v, int | float)]
            med = statistics.median(nums)
            out[key] = round(med, 3) if isinstance(med, float) else med
        else:
            out[key] = value
    return out


def plans_by_category(measurements: Sequence[Measurement]) -> dict[str, Any]:
    """Per category: how juki_jumin is read (counts) and the most common plan shape."""
    result: dict[str, Any] = {}
    for name in CATEGORIES:
        ms = [m for m in measurements if m.category == name]
        if not ms:
            continue
        access = Counter(m.access for m in ms)
        shapes = Counter(m.shape for m in ms)
        top_access, _ = access.most_common(1)[0]
        result[name] = {
            "top": top_access,
            "access": dict(access.most_common()),
            "shape": shapes.most_common(1)[0][0],
        }
    return result


def benchmark_queries(
    n_queries: int, *, seed: int = 1, rounds: int = 1, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Build the query set, run it ``rounds`` times; figures are medians over the rounds."""
    t0 = time.perf_counter()
    queries = build_queries(n_queries, seed)
    log(f"built {len(queries):,} queries in {time.perf_counter() - t0:.1f} s")
    summaries = []
    last: list[Measurement] = []
    for r in range(max(rounds, 1)):
        last = run_queries(queries)
        summary = summarize_round(last)
        summaries.append(summary)
        s, c = summary["server_ms"], summary["client_ms"]
        log(
            f"round {r + 1}: server p50 {s['p50']:.3f} ms p95 {s['p95']:.3f} ms "
            f"p99 {s['p99']:.3f} ms max {s['max']:.3f} ms; client p50 {c['p50']:.3f} ms "
            f"p95 {c['p95']:.3f} ms"
        )
    merged = _median_dicts(summaries)
    slowest = sorted(last, key=lambda m: m.server_ms, reverse=True)[:5]
    by_category = merged["by_category"]
    for fig in by_category.values():
        fig["meets_target"] = fig["server_ms"]["p95"] <= TARGET_P95_MS
    return {
        "queries": len(queries),
        "rounds": len(summaries),
        "server_ms": merged["server_ms"],
        "client_ms": merged["client_ms"],
        "by_category": by_category,
        "plans": plans_by_category(last),
        "rounds_server_ms": [
            {k: s["server_ms"][k] for k in ("p50", "p95", "p99", "max")} for s in summaries
        ],
        "slowest": [
            {
                "category": m.category,
                "query": m.text,
                "server_ms": round(m.server_ms, 3),
                "rows": m.rows,
                "shape": m.shape,
            }
            for m in slowest
        ],
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": merged["server_ms"]["p95"] <= TARGET_P95_MS,
    }


# =========================================================================== main


def _print_report(result: dict[str, Any]) -> None:
    print()
    print(
        f"residents {result['residents']:,}  households {result['households']:,}  "
        f"history rows {result['history_rows']:,}"
    )
    print(
        f"load {result['load_seconds']:.1f} s ({result['rows_per_second']:,} persons/s; "
        f"phases {result['load_phases_seconds']})"
    )
    s, c = result["server_ms"], result["client_ms"]
    print(
        f"{result['queries']:,} queries x {result['rounds']} rounds (medians over rounds)\n"
        f"  server ms  p50 {s['p50']:7.3f}  p95 {s['p95']:7.3f}  p99 {s['p99']:7.3f}  "
        f"max {s['max']:8.3f}\n"
        f"  client ms  p50 {c['p50']:7.3f}  p95 {c['p95']:7.3f}  p99 {c['p99']:7.3f}  "
        f"max {c['max']:8.3f}"
    )
    print(f"  {'category':<22} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>9}  found  plan")
    for name, fig in result["by_category"].items():
        sm = fig["server_ms"]
        found = fig["found_on_first_page"]
        found_text = f"{found:5.2f}" if found is not None else "    -"
        flag = "" if fig["meets_target"] else "  MISSES TARGET"
        print(
            f"  {name:<22} {fig['queries']:>5} {sm['p50']:>8.3f} {sm['p95']:>8.3f} "
            f"{sm['p99']:>8.3f} {sm['max']:>9.3f}  {found_text}  "
            f"{result['plans'][name]['top']}{flag}"
        )
    print("slowest queries (last round):")
    for m in result["slowest"]:
        print(f"  {m['server_ms']:9.3f} ms {m['category']:<22} {m['query']!r} rows={m['rows']}")
        print(f"      {m['shape']}")
    verdict = "meets" if result["meets_target"] else "MISSES"
    print(f"overall server p95 {s['p95']:.3f} ms {verdict} the target of {TARGET_P95_MS} ms")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the query set")
    parser.add_argument("--chunk-size", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2, help="generation processes")
    parser.add_argument("--no-history", dest="history", action="store_false")
    parser.add_argument(
        "--keep-indexes",
        dest="rebuild_indexes",
        action="store_false",
        help="load with the search indexes in place (default: drop, load, recreate)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="kept for old command lines: a register already in the database (loaded by "
        "bench/approve.py, which `make bench` runs first, or restored) is always measured "
        "as it is (migrated, then VACUUM ANALYZE); --residents is then ignored",
    )
    args = parser.parse_args(argv)

    setup_django()
    require_postgresql()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"PostgreSQL {version}; migrating …", flush=True)
    migrate()

    def log(line: str) -> None:
        print(line, flush=True)

    from juki.models import Jumin

    if Jumin.objects.exists():
        load = reuse_register()
        print(f"reusing the register already loaded ({load['residents']:,} residents)")
    else:
        print(
            f"loading {args.residents:,} residents (seed {args.seed}, {args.workers} workers, "
            f"chunks of {args.chunk_size:,}, history {'on' if args.history else 'off'})",
            flush=True,
        )
        load = load_residents(
            args.residents,
            seed=args.seed,
            chunk_size=args.chunk_size,
            workers=args.workers,
            history=args.history,
            rebuild_indexes=args.rebuild_indexes,
            log=log,
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'juki_jumin'")
        present = dict(cursor.fetchall())
    missing = [name for name in LOAD_REBUILT_INDEXES if name not in present]
    if missing:
        print(f"ERROR: indexes missing after the load: {missing}", file=sys.stderr)
        return 1
    indexes = {name: present[name] for name in LOAD_REBUILT_INDEXES}
    for definition in indexes.values():
        print(f"  {definition}")
    queries = benchmark_queries(args.queries, seed=args.seed, rounds=args.rounds, log=log)
    result: dict[str, Any] = {
        "benchmark": "search",
        "postgresql": version,
        "seed": args.seed,
        **load,
        "indexes": indexes,
        **queries,
    }
    _print_report(result)
    print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
