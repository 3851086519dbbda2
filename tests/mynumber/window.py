"""Helpers of the tests of the card procedures at the window (ADR 0036)."""

from __future__ import annotations

from typing import Any

from counter.kind_plan import PlanRefused
from counter.procedure_kinds import get_kind


def refusals(kind: str, entry: dict[str, Any]) -> dict[str, list[str]]:
    """Every problem the kind's plan finds in ``entry``, by field (what the window shows
    next to each field)."""
    out: dict[str, list[str]] = {}
    try:
        get_kind(kind).planned(entry)  # type: ignore[attr-defined]
    except PlanRefused as refused:
        for problem in refused.problems:
            out.setdefault(problem.field or "", []).append(problem.message)
    return out
