"""Fixtures of the 個人番号カード tests: the 髙橋 household."""

from __future__ import annotations

import pytest

from juki.demo import residents as r
from juki.models import Jumin


@pytest.fixture
def takahashi(db: None) -> list[Jumin]:
    """髙橋 一郎 (46), 花子 (44), 太郎 (17), 桜 (13)."""
    return r.household(r.TAKAHASHI[:4])


@pytest.fixture
def ichiro(takahashi: list[Jumin]) -> Jumin:
    return takahashi[0]


@pytest.fixture
def sakura(takahashi: list[Jumin]) -> Jumin:
    return takahashi[3]
