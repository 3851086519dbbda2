"""Fault drill: 承認 over HTTP while a web worker, the Celery worker and PostgreSQL fail.

Starts the production shape on loopback in a temp dir (scripts/stack.sh with
STACK_RESTART=1: PostgreSQL on a unix socket, Redis, gunicorn with 3 workers, a Celery
worker and beat, DJANGO_DEBUG=0), prepares P four-person 転入 in 照合 through the services
(as bench/approve.py does), and lets C clerks approve them over HTTP (login, the 審査 page,
the 承認 form with its CSRF and one-time token). During the run it kills -9 one gunicorn
worker, kills -9 the Celery worker (stack.sh restarts it, as systemd would) and stops
PostgreSQL for ten seconds. Afterwards it lets the outbox drain and checks from the
database and the outbox directory: applied / half-applied approvals, outbox messages lost
or written twice, the 5xx the clerks saw and the seconds to the first approval after
PostgreSQL came back. The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import queue
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _drill_checks import OutboxWatcher, check_register_and_outbox, drain
from _drill_clerk import Clerk
from _setup import ROOT, print_result, require_postgresql, setup_django


class Stack:
    """scripts/stack.sh in a temp dir, on its own ports, restarting what dies."""

    def __init__(self, base: Path, args: argparse.Namespace) -> None:
        self.base = base
        self.dir = base / "stack"
        self.port = args.port
        self.pg_port = args.pg_port
        self.pg_bin = newest_pg_bin()
        self.log_path = base / "stack.log"
        self.as_root = os.geteuid() == 0
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_DEBUG", "JUKI_TESTING"}
        }
        self.env.update(
            JUKI_VAR_DIR=str(base),
            JUKI_STACK_DIR=str(self.dir),
            PORT=str(args.port),
            STACK_REDIS_PORT=str(args.redis_port),
            STACK_PG_PORT=str(args.pg_port),
            SEED_RESIDENTS=str(args.residents),
            WEB_CONCURRENCY=str(args.web_workers),
            CELERY_CONCURRENCY="2",
            STACK_RESTART="1",
            STACK_VENV=sys.prefix,
            PG_BIN=self.pg_bin,
        )
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def socket_dir(self) -> Path:
        return self.dir / "run"

    @property
    def database_url(self) -> str:
        return f"postgres://postgres@/juki?host={self.socket_dir}&port={self.pg_port}"

    def start(self, timeout: float) -> None:
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(  # noqa: S603  (our own script)
                ["/bin/bash", str(ROOT / "scripts" / "stack.sh")],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.time() + timeout
        from _drill_clerk import Clerk

        probe = Clerk(-1, self.port, "", "")
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"stack.sh exited ({self.proc.returncode}); see {self.log_path}")
            if probe.request("GET", "/login/", 0, "probe")[0] == 200:
                return
            time.sleep(1)
        sys.exit(f"the stack did not come up in {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # stack.sh stops everything it started
        try:
            self.proc.wait(90)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    # ------------------------------------------------------------------ faults
    def pid(self, name: str) -> int:
        return int((self.dir / name).read_text().split()[0])

    def pg_ctl(self, *args: str) -> None:
        command = [f"{self.pg_bin}/pg_ctl", "-D", str(self.dir / "pg"), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(  # noqa: S603  (PostgreSQL's own pg_ctl on our cluster)
            command, cwd=self.dir, check=True, stdout=subprocess.DEVNULL
        )

    def stop_postgresql(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "-t", "60", "stop")

    def start_postgresql(self) -> None:
        options = f"-k {self.socket_dir} -p {self.pg_port} -c listen_addresses=''"
        self.pg_ctl("-l", str(self.dir / "postgres.log"), "-w", "-t", "120", "-o", options, "start")


def newest_pg_bin() -> str:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        sys.exit("PostgreSQL server binaries not found (apt-get install postgresql)")
    return str(Path(found[-1]).parent)


def children(pid: int) -> list[int]:
    """The direct children of `pid` (from /proc)."""
    result = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            text = Path(stat).read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            result.append(int(stat.split("/")[2]))
    return result


def kill_web_worker(stack: Stack) -> dict[str, Any]:
    workers = children(stack.pid("gunicorn.pid"))
    victim = random.choice(workers)
    os.kill(victim, signal.SIGKILL)
    return {"fault": "kill -9 gunicorn worker", "pid": victim, "workers": len(workers)}


def kill_celery_worker(stack: Stack) -> dict[str, Any]:
    """kill -9 the worker and its pool (a systemd unit's cgroup); its restart is timed aside."""
    main = stack.pid("celery-worker.pid")
    pool = children(main)
    for pid in [main, *pool]:
        os.kill(pid, signal.SIGKILL)
    killed_at = time.time()
    fault: dict[str, Any] = {"fault": "kill -9 celery worker", "pid": main, "pool": pool}

    def await_restart() -> None:
        while time.time() - killed_at < 60:
            # the pid file is missing or half-written while the worker starts again
            with contextlib.suppress(OSError, ValueError, IndexError):
                if stack.pid("celery-worker.pid") != main:
                    fault["restarted_after_s"] = round(time.time() - killed_at, 1)
                    return
            time.sleep(0.2)
        fault["restarted_after_s"] = None

    threading.Thread(target=await_restart, daemon=True).start()
    return fault


def prepare(count: int, seed: int) -> tuple[list[int], str, str]:
    """P procedures in 照合 and a clerk who may approve them (with a password)."""
    from approve import prepare as prepare_procedures
    from approve import staff

    started = time.perf_counter()
    procedures = [p.pk for p in prepare_procedures(count, seed=seed)]
    *_, clerk = staff()
    password = secrets.token_urlsafe(16)
    clerk.set_password(password)
    clerk.save(update_fields=["password"])
    print(f"prepared {count} four-person 転入 in 照合 in {time.perf_counter() - started:.1f} s")
    return procedures, clerk.username, password


def run_clerks(
    stack: Stack, args: argparse.Namespace, procedures: list[int], user: str, password: str
) -> tuple[list[Clerk], list[dict[str, Any]], dict[str, float]]:
    """The clerks approve; the faults strike when a share of the approvals is done."""
    work: queue.Queue[int] = queue.Queue()
    for pk in procedures:
        work.put(pk)
    clerks = [Clerk(i, stack.port, user, password) for i in range(args.clients)]
    stop = threading.Event()
    deadline = time.time() + args.run_timeout
    threads = [
        threading.Thread(target=c.run, args=(work, deadline, args.think, stop), daemon=True)
        for c in clerks
    ]
    for thread in threads:
        thread.start()

    def done() -> int:
        return sum(len(c.outcome.approved) for c in clerks)

    def wait_for(share: float) -> None:
        while done() < share * len(procedures) and any(t.is_alive() for t in threads):
            time.sleep(0.05)

    faults: list[dict[str, Any]] = []
    times: dict[str, float] = {"start": time.time()}
    for share, skip, kill in (
        (0.15, args.skip_web_kill, kill_web_worker),
        (0.30, args.skip_worker_kill, kill_celery_worker),
    ):
        if not skip:
            wait_for(share)
            at = round(time.time() - times["start"], 1)
            fault = kill(stack)  # the same dict: the worker's restart time lands in it later
            fault["at_s"] = at
            faults.append(fault)
    if not args.skip_pg_stop:
        wait_for(0.45)
        times["pg_stop"] = time.time()
        stack.stop_postgresql()
        times["pg_down"] = time.time()
        time.sleep(args.pg_seconds)
        times["pg_start"] = time.time()
        stack.start_postgresql()
        times["pg_up"] = time.time()
        faults.append(
            {
                "at_s": round(times["pg_stop"] - times["start"], 1),
                "fault": "PostgreSQL stopped (pg_ctl stop -m fast)",
                "stop_took_s": round(times["pg_down"] - times["pg_stop"], 2),
                "down_s": round(times["pg_up"] - times["pg_down"], 1),
                "start_took_s": round(times["pg_up"] - times["pg_start"], 2),
            }
        )
    for thread in threads:
        thread.join()
    times["end"] = time.time()
    return clerks, faults, times


def client_figures(clerks: Sequence[Clerk], times: dict[str, float]) -> dict[str, Any]:
    events = [e for c in clerks for e in c.events]
    # 503 (with Retry-After) is the honest answer while the database is away; every other
    # 5xx is a server error
    errors = [e for e in events if e.status >= 500 and e.status != 503]
    unavailable = [e for e in events if e.status == 503]
    outage = (times.get("pg_stop", 0.0), times.get("pg_up", 0.0))

    def window(at: float) -> str:
        return "pg_outage" if outage[0] <= at <= outage[1] + 1 else "other"

    approved = sorted(t for c in clerks for t, _ in c.outcome.approved)
    recover = recover_from_start = None
    if "pg_up" in times:
        after = [t for t in approved if t >= times["pg_up"]]
        recover = round(after[0] - times["pg_up"], 2) if after else None
        recover_from_start = round(after[0] - times["pg_start"], 2) if after else None
    pages: dict[int, str] = {}
    for clerk in clerks:
        for status, title in clerk.error_pages.items():
            pages.setdefault(status, title)
    return {
        "requests": len(events),
        "approve_posts": sum(1 for e in events if e.step == "approve"),
        "server_errors": len(errors),
        "server_errors_by": dict(
            Counter(f"{window(e.at)}:{e.step}:{e.status}" for e in errors).most_common()
        ),
        "unavailable_503": len(unavailable),
        "unavailable_503_by": dict(Counter(window(e.at) for e in unavailable).most_common()),
        "error_pages": {str(k): v for k, v in sorted(pages.items())},
        "connection_errors": sum(1 for e in events if e.status == 0),
        "connection_errors_by": dict(
            Counter(f"{window(e.at)}:{e.step}" for e in events if e.status == 0).most_common()
        ),
        "clerk_approved": len(approved),
        "clerk_found_done": sum(len(c.outcome.already) for c in clerks),
        "clerk_refused": {str(k): v for c in clerks for k, v in c.outcome.refused.items()},
        "clerk_gave_up": sorted(pk for c in clerks for pk in c.outcome.gave_up),
        "recover_seconds": recover,  # from PostgreSQL ready (pg_ctl start -w returned)
        "recover_seconds_from_pg_start": recover_from_start,  # from the start command
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=60)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--residents", type=int, default=3000, help="seed_demo's register")
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--think", type=float, default=0.5, help="seconds between approvals")
    parser.add_argument("--pg-seconds", type=float, default=10.0)
    parser.add_argument("--skip-pg-stop", action="store_true")
    parser.add_argument("--skip-web-kill", action="store_true")
    parser.add_argument("--skip-worker-kill", action="store_true")
    parser.add_argument("--drain-timeout", type=float, default=180.0)
    parser.add_argument("--run-timeout", type=float, default=300.0)
    parser.add_argument("--port", type=int, default=8391)
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--pg-port", type=int, default=54391)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (logs, data)")
    args = parser.parse_args(argv)
    random.seed(args.seed)

    base = Path(tempfile.mkdtemp(prefix="juki-drill-"))
    base.chmod(0o755)  # the postgres user reaches its cluster below it
    stack = Stack(base, args)
    print(f"starting the stack in {base} (log: {stack.log_path}) …", flush=True)
    started = time.time()
    try:
        stack.start(timeout=600)
        print(f"stack up in {time.time() - started:.0f} s", flush=True)
        os.environ["DATABASE_URL"] = stack.database_url
        os.environ["JUKI_OUTBOX_DIR"] = str(base / "outbox")
        # The drill's own process only prepares and checks: it publishes nothing for real.
        os.environ["CELERY_BROKER_URL"] = "memory://"
        os.environ["CELERY_RESULT_BACKEND"] = "cache+memory://"
        setup_django()
        require_postgresql()
        from django.db import connection

        procedures, user, password = prepare(args.procedures, args.seed)
        connection.close()  # PostgreSQL goes away during the run
        watcher = OutboxWatcher(base / "outbox")
        watcher.start()
        clerks, faults, times = run_clerks(stack, args, procedures, user, password)
        clients = client_figures(clerks, times)
        print(f"clients done in {times['end'] - times['start']:.1f} s: {clients}", flush=True)
        drain_seconds = drain(procedures, args.drain_timeout)
        watcher.stop()
        checks = check_register_and_outbox(procedures, base / "outbox", watcher)
    finally:
        stack.stop()
    result = {
        "benchmark": "fault_drill",
        "procedures": args.procedures,
        "clients": args.clients,
        "web_workers": args.web_workers,
        "approvals_attempted": len(procedures),
        "applied": checks["applied"],
        "half_applied": checks["half_applied"],
        "not_applied": checks["not_applied"],
        "outbox_messages": checks["outbox"]["messages"],
        "outbox_lost": checks["outbox"]["lost"],
        "outbox_delivered_twice": checks["outbox"]["delivered_twice"],
        "server_errors": clients["server_errors"],
        "unavailable_503": clients["unavailable_503"],
        "connection_errors": clients["connection_errors"],
        "recover_seconds": clients["recover_seconds"],
        "recover_seconds_from_pg_start": clients["recover_seconds_from_pg_start"],
        "drain_seconds": drain_seconds,
        "faults": faults,
        "clients_detail": clients,
        "checks": checks,
    }
    if args.keep:
        print(f"kept {base}", flush=True)
    else:
        shutil.rmtree(base, ignore_errors=True)
    print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
