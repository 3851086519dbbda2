"""Shared helpers for the benchmarks in bench/ (not a benchmark itself: no ``.py`` run).

Every benchmark is a plain script run as ``.venv/bin/python bench/NAME.py`` (``make bench``
runs them all under ``scripts/with-postgres.sh``). Each one calls :func:`setup_django`
first, then :func:`require_postgresql`, and prints its figures with :func:`print_result`
as one JSON object on the last line of its output.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Make the project importable and set Django up (idempotent).

    ``JUKI_TESTING=1`` lets config.settings start without DJANGO_SECRET_KEY: a benchmark
    serves no requests. DATABASE_URL chooses the database (``scripts/with-postgres.sh``
    exports it).
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("JUKI_TESTING", "1")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def require_postgresql() -> None:
    """Exit with a clear message unless the default database is PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit(
            f"This benchmark measures PostgreSQL only; the database is {connection.vendor}.\n"
            "Run it under a throwaway cluster:  make bench  or\n"
            "  JUKI_TESTING=1 scripts/with-postgres.sh .venv/bin/python " + sys.argv[0]
        )


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (0–100) by linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * pct / 100.0
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def summarize(values: Sequence[float], ndigits: int = 3) -> dict[str, float]:
    """p50/p95/p99/max (and mean) of a list of timings, rounded."""
    if not values:
        return {"n": 0, "p50": math.nan, "p95": math.nan, "p99": math.nan, "max": math.nan}
    return {
        "n": len(values),
        "p50": round(percentile(values, 50), ndigits),
        "p95": round(percentile(values, 95), ndigits),
        "p99": round(percentile(values, 99), ndigits),
        "max": round(max(values), ndigits),
        "mean": round(sum(values) / len(values), ndigits),
    }


def print_result(result: dict[str, Any]) -> None:
    """The figures as ONE JSON object on the last line of output (machine-readable)."""
    sys.stdout.flush()
    print(json.dumps(result, ensure_ascii=False, sort_keys=False, default=str), flush=True)
