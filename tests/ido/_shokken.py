"""What the tests of the 職権 kinds (出生, 死亡, 職権記載, 職権消除, 職権修正) share: the
髙橋 households, and a procedure taken 受付 → 仮登録 → 照合 (contractor) → 承認 (clerk).

Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from counter.procedure_kinds import get_kind
from counter.procedure_models import ProcedureState
from juki.models import Jumin, Seibetsu

from ..conftest import login_as
from ..factories import ChouazaFactory, JuminFactory, register_household

# the 職権 kinds' tests import the shared helpers from here
from ..procedures import enter_and_check, fresh, last_rireki, messages, receive, run

__all__ = ["enter_and_check", "fresh", "last_rireki", "messages", "receive", "run"]

S = ProcedureState
TODAY = timezone.localdate()
HONSEKI = "東京都墨田区吾妻橋一丁目1番"


def _member(**kw: Any) -> Jumin:
    base: dict[str, Any] = {"shi": "髙橋", "shi_kana": "タカハシ", "hittousha": "髙橋　一郎"}
    base.update(kw)
    return JuminFactory.build(**base)


@pytest.fixture
def family(db: Any) -> dict[str, Jumin]:
    """髙橋 家: 世帯主, 妻, 子 (with kokuho on the head)."""
    nushi, tsuma, taro = register_household(
        _member(
            mei="一郎",
            mei_kana="イチロウ",
            seinengappi=datetime.date(1975, 6, 1),
            kokuho_date=datetime.date(2015, 4, 1),
            senkyo_touroku=True,
        ),
        _member(
            mei="花子",
            mei_kana="ハナコ",
            zokugara="妻",
            seinengappi=datetime.date(1980, 2, 3),
            seibetsu=Seibetsu.FEMALE,
        ),
        _member(
            mei="太郎", mei_kana="タロウ", zokugara="子", seinengappi=datetime.date(2010, 5, 5)
        ),
    )
    return {"nushi": nushi, "tsuma": tsuma, "taro": taro}


@pytest.fixture
def couple(db: Any) -> dict[str, Jumin]:
    nushi, tsuma = register_household(
        _member(mei="一郎", mei_kana="イチロウ", seinengappi=datetime.date(1950, 1, 1)),
        _member(
            mei="花子",
            mei_kana="ハナコ",
            zokugara="妻",
            seinengappi=datetime.date(1952, 3, 3),
            seibetsu=Seibetsu.FEMALE,
        ),
    )
    return {"nushi": nushi, "tsuma": tsuma}


def plan_of(code: str, entry: dict[str, Any]) -> Any:
    """The plan of a stored entry, through its kind (PlanRefused lists every problem)."""
    return get_kind(code).planned(entry)  # type: ignore[attr-defined]


def problems_of(refused: Any) -> list[tuple[str | None, str]]:
    return [(p.field, p.message) for p in refused.problems]


def assert_entry_screen(client: Any, contractor: Any, kind: str, labels: list[str]) -> None:
    """The kind's 仮登録 screen renders with its items, in Japanese, with the save key."""
    ChouazaFactory()
    login_as(client, contractor)
    proc = receive(contractor, kind)
    response = client.get(reverse("counter:procedure_entry", args=[proc.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for label in labels:
        assert label in page, label
    assert "仮登録 (Alt+S)" in page
