"""What the every-state and fuzz tests ran, counted for the end of the run (printed by
tests/conftest.py's pytest_terminal_summary), so CI's log shows how much was covered."""

from __future__ import annotations

from collections import Counter

#: "pages", "pages_5xx", "fuzz", "fuzz_5xx", "fuzz_forms", "race_losers" …
COUNTS: Counter[str] = Counter()


def page(status: int) -> None:
    COUNTS["pages"] += 1
    if status >= 500:
        COUNTS["pages_5xx"] += 1


def fuzz(status: int | None = None) -> None:
    """One fuzz case; ``status`` when it went through a view."""
    COUNTS["fuzz"] += 1
    if status is not None and status >= 500:
        COUNTS["fuzz_5xx"] += 1


def lines() -> list[str]:
    c = COUNTS
    out = []
    if c["pages"]:
        out.append(
            f"pages (every kind in every state; every page with hostile parameters): "
            f"{c['pages']} requests, {c['pages_5xx']} server errors"
        )
    if c["fuzz"]:
        out.append(
            f"form fuzz: {c['fuzz']} cases over {c['fuzz_forms']} forms, "
            f"{c['fuzz_5xx']} server errors"
        )
    if c["race_losers"]:
        out.append(
            f"concurrent approvals: {c['race_losers']} losers, "
            f"{c['race_refused']} shown the refusal, {c['race_5xx']} server errors"
        )
    return out
