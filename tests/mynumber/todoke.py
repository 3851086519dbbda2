"""Entries of the window 届出 kinds (ADR 0037) for the tests, written from their JSON
shape, and the problems a kind's plan finds in one."""

from __future__ import annotations

from typing import Any

from counter.kind_plan import PlanRefused
from counter.procedure_kinds import get_kind
from juki.demo import residents as r
from juki.models import Jumin


def todoke(person: Jumin, **fields: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "todoke_date": r.today().isoformat(),
        "raichousha": "honnin",
        "dairinin_shimei": "",
        "dairiken": "",
        "honnin_kakunin": "driver_license",
        **fields,
    }


def funshitsu(person: Jumin, **fields: Any) -> dict[str, Any]:
    return todoke(
        person,
        **{
            "jiyu": "funshitsu",
            "funshitsu_date": r.days_ago(1).isoformat(),
            "callcenter": False,
            "callcenter_bango": "",
            "keisatsu_bango": "",
            **fields,
        },
    )


def hakken(person: Jumin, **fields: Any) -> dict[str, Any]:
    return todoke(person, **{"check_card": True, "shomei_saihakkou": True, **fields})


def hennou(person: Jumin, **fields: Any) -> dict[str, Any]:
    return todoke(person, **{"jiyu": "nini", "check_card": True, **fields})


def saikoufu(person: Jumin, **fields: Any) -> dict[str, Any]:
    return todoke(
        person,
        **{
            "riyu": "funshitsu",
            "shoumei_bango": "第1234号",
            "shoumei_copied": True,
            "check_card": False,
            "denshi_shomeisho": True,
            "houhou": "madoguchi",
            "check_photo": True,
            **fields,
        },
    )


def problems(kind: str, entry: dict[str, Any]) -> list[tuple[str | None, str]]:
    """Every (field, message) the kind's plan finds in ``entry``."""
    try:
        get_kind(kind).planned(entry)  # type: ignore[attr-defined]
    except PlanRefused as refused:
        return [(p.field, p.message) for p in refused.problems]
    return []


def refused_at(kind: str, entry: dict[str, Any], field: str) -> str:
    """The one message next to ``field`` (fails when none)."""
    found = [m for f, m in problems(kind, entry) if f == field]
    assert found, problems(kind, entry)
    return found[0]
