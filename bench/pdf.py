"""Printed certificates (PostgreSQL): a warm print, and the throughput through Celery.

1. The median time of ONE final single-sheet 住民票の写し (世帯連記式, three persons) in a
   warm process: certificates.printing.render_juminhyo with its 発行番号 serial, QR token,
   WeasyPrint render and the copy's record. Target (issue 10): ≤ 120 ms.
2. The throughput of N (1,000) such certificates printed by the Celery task
   certificates.tasks.print_juminhyo with two workers (two `celery worker --pool solo`
   processes) on a Redis broker started here (Debian's redis-server, on a free loopback
   port, no persistence): sheets per second from the first task sent to the last result.
   Target: ≥ 20 sheets/s. The workers are warmed (their first, cold render) first.

Runs under `make bench` (scripts/with-postgres.sh exports DATABASE_URL). The last line of
output is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _setup import ROOT, migrate, print_result, require_postgresql, setup_django, summarize

TARGET_MS = 120.0
TARGET_SHEETS_PER_S = 20.0
WORKERS = 2
QUEUE = "bench_pdf"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_redis(workdir: Path) -> int:
    """Debian's redis-server on a free loopback port (it does not start by itself)."""
    exe = shutil.which("redis-server")
    if exe is None:
        sys.exit(
            "redis-server is not installed: apt-get install redis-server (make stack installs it)"
        )
    port = free_port()
    subprocess.run(  # noqa: S603
        [
            exe,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--dir",
            str(workdir),
            "--pidfile",
            str(workdir / "redis.pid"),
        ],
        check=True,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return port
        except OSError:
            time.sleep(0.05)
    sys.exit("redis-server did not answer")


def stop_redis(workdir: Path) -> None:
    """Stop the server this script started (by the pid it wrote), nothing else."""
    pidfile = workdir / "redis.pid"
    if pidfile.exists():
        os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)


def household() -> list[Any]:
    """Three persons of one household (one 連記 sheet), written through juki.services."""
    from juki.models import Chouaza, Jumin, Seibetsu, Setai
    from juki.models_rireki import IdoJiyu
    from juki.services import IdoContext, bulk_register

    place, _ = Chouaza.objects.get_or_create(
        code="13107999000",
        defaults={
            "prefecture": "東京都",
            "city": "墨田区",
            "name": "吾妻橋九丁目",
            "kana": "アヅマバシキュウチョウメ",
            "postal_code": "1300001",
        },
    )
    born = datetime.date(1975, 5, 2)
    base = {
        "shi_kana": "ヨシダ",
        "seibetsu": Seibetsu.MALE,
        "honseki": "東京都墨田区吾妻橋一丁目23番",
        "hittousha": "𠮷田　太郎",
        "jumin_date": datetime.date(2008, 4, 1),
        "jusho_date": datetime.date(2008, 4, 1),
        "banchi": "1番2号",
        "chouaza": place,
    }
    people = [
        Jumin(shi="𠮷田", mei="太郎", zokugara="世帯主", seinengappi=born, **base),
        Jumin(shi="𠮷田", mei="﨑子", zokugara="妻", seinengappi=born, **base),
        Jumin(shi="𠮷田", mei="髙志", zokugara="子", seinengappi=datetime.date(2005, 1, 9), **base),
    ]
    ctx = IdoContext(acting_user=None, terminal=None, ido_jiyu=IdoJiyu.IKOU, ido_date=born)
    bulk_register([(Setai(), people)], ctx=ctx)
    return people


def warm_print(people: list[Any], *, warm: int, runs: int) -> dict[str, Any]:
    from django.utils import timezone

    from certificates.items import Items
    from certificates.printing import IssueContext, Style, render_juminhyo

    context = IssueContext(day=timezone.localdate(), terminal="本庁1", draft=False)
    items = Items(setai_nushi_zokugara=True)
    times: list[float] = []
    pages = 0
    for i in range(warm + runs):
        started = time.perf_counter()
        rendered = render_juminhyo(
            people, style=Style.RENKI, items=items, context=context, setai_zenin=True
        )
        elapsed = (time.perf_counter() - started) * 1000
        pages = rendered.page_count
        if i >= warm:
            times.append(elapsed)
    return {
        "ms": summarize(times, 1),
        "median_ms": round(statistics.median(times), 1),
        "pages": pages,
    }


def start_workers(env: dict[str, str], logdir: Path) -> list[subprocess.Popen[bytes]]:
    procs = []
    for i in range(WORKERS):
        log = (logdir / f"worker{i}.log").open("wb")
        cmd = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "-n",
            f"benchpdf{i}@%h",
            "-Q",
            QUEUE,
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ]
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log))  # noqa: S603
    return procs


def wait_ready(app: Any, count: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if len(replies) >= count:
            return
    sys.exit(f"the {count} Celery workers did not answer within {timeout:.0f} s")


def through_celery(people: list[Any], *, certificates: int) -> dict[str, Any]:
    from django.utils import timezone

    from certificates.items import Items
    from certificates.tasks import print_juminhyo
    from config.celery import app

    kwargs = {
        "style": "renki",
        "items": Items(setai_nushi_zokugara=True).to_json(),
        "day": timezone.localdate().isoformat(),
        "terminal": "本庁1",
        "setai_zenin": True,
    }
    atena = [p.atena_bango for p in people]
    wait_ready(app, WORKERS)
    # each worker's first print is cold (fonts, templates): not counted
    warmup = [print_juminhyo.apply_async((atena,), kwargs, queue=QUEUE) for _ in range(WORKERS * 2)]
    for r in warmup:
        r.get(timeout=300)
    started = time.perf_counter()
    results = [
        print_juminhyo.apply_async((atena,), kwargs, queue=QUEUE) for _ in range(certificates)
    ]
    sheets = sum(int(r.get(timeout=1800)["pages"]) for r in results)
    elapsed = time.perf_counter() - started
    return {
        "certificates": certificates,
        "sheets": sheets,
        "seconds": round(elapsed, 2),
        "sheets_per_s": round(sheets / elapsed, 1),
        "workers": WORKERS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--warm", type=int, default=5, help="untimed prints first")
    parser.add_argument("--runs", type=int, default=30, help="timed warm prints")
    parser.add_argument("--certificates", type=int, default=1000, help="through Celery")
    parser.add_argument("--no-celery", action="store_true", help="only the warm print")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    workers: list[subprocess.Popen[bytes]] = []
    try:
        if not args.no_celery:
            port = start_redis(workdir)
            broker = f"redis://127.0.0.1:{port}/0"
            # before Django and Celery read their settings (NOTES.md: changing app.conf later hangs)
            os.environ["CELERY_BROKER_URL"] = broker
            os.environ["CELERY_RESULT_BACKEND"] = broker
        setup_django()
        require_postgresql()
        migrate()
        people = household()
        warm = warm_print(people, warm=args.warm, runs=args.runs)
        print(f"one single-sheet 住民票の写し, warm: median {warm['median_ms']} ms", flush=True)
        celery: dict[str, Any] | None = None
        if not args.no_celery:
            env = {**os.environ, "JUKI_TESTING": "1"}
            env.pop("JUKI_EAGER_TASKS", None)
            workers = start_workers(env, workdir)
            celery = through_celery(people, certificates=args.certificates)
            print(
                f"{celery['certificates']} certificates through Celery ({WORKERS} workers): "
                f"{celery['sheets_per_s']} sheets/s",
                flush=True,
            )
        result = {
            "benchmark": "pdf",
            "warm_print_ms": warm["ms"],
            "warm_print_median_ms": warm["median_ms"],
            "celery": celery,
            "target_ms": TARGET_MS,
            "target_sheets_per_s": TARGET_SHEETS_PER_S,
            "meets_target": warm["median_ms"] <= TARGET_MS
            and (celery is None or celery["sheets_per_s"] >= TARGET_SHEETS_PER_S),
        }
    finally:
        for proc in workers:
            proc.terminate()
        for proc in workers:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        stop_redis(workdir)
        shutil.rmtree(workdir, ignore_errors=True)
    print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
