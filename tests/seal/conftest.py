"""Fixtures of the 印鑑登録 tests: a household, a scanned 印影."""

from __future__ import annotations

from typing import Any

import pytest

from juki.demo import residents as r
from juki.models import Jumin
from seal import demo


@pytest.fixture
def takahashi(db: None) -> list[Jumin]:
    """髙橋 一郎 (46), 花子 (44), 太郎 (17), 桜 (13)."""
    return r.household(r.TAKAHASHI[:4])


@pytest.fixture
def ichiro(takahashi: list[Jumin]) -> Jumin:
    return takahashi[0]


@pytest.fixture
def scan_id(db: None) -> int:
    return demo.inei().pk


def shoukai_entry(person: Jumin, inei_id: int, **changes: Any) -> dict[str, Any]:
    return demo.application(person, inei_id, **changes)


def sokuji_entry(person: Jumin, inei_id: int, **changes: Any) -> dict[str, Any]:
    return {
        **demo.application(person, inei_id),
        "houhou": "sokuji_shomei",
        "honnin_kakunin": "driver_license",
        "hoshounin_atena_bango": "",
        "hoshounin_inei_id": None,
        "check_hoshounin_inei": False,
        **changes,
    }
