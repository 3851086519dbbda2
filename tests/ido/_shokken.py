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

from counter import services
from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState
from juki.manifest import IDO
from juki.models import Jumin, JuminRireki, Seibetsu

from ..conftest import login_as
from ..factories import ChouazaFactory, JuminFactory, register_household

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


def fresh(j: Jumin) -> Jumin:
    return Jumin.objects.select_related("setai__setai_nushi").get(pk=j.pk)


def receive(user: Any, kind: str) -> Procedure:
    return services.do_receive(
        acting_user=user,
        terminal=user.default_terminal,
        category=IDO,
        visitor_kind="honnin",
        visitor_name="髙橋　花子",
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=[kind],
    ).procedures.get()


def enter_and_check(kind: str, entry: dict[str, Any], contractor: Any) -> Procedure:
    proc = receive(contractor, kind)
    proc = services.do_enter(
        proc, entry, acting_user=contractor, terminal=contractor.default_terminal
    )
    return services.do_check(
        proc, acting_user=contractor, terminal=contractor.default_terminal, all_ticked=True
    )


def run(kind: str, entry: dict[str, Any], contractor: Any, clerk: Any) -> Procedure:
    proc = enter_and_check(kind, entry, contractor)
    return services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)


def messages(proc: Procedure) -> set[tuple[str, str]]:
    return {
        (m.destination, m.message_type)
        for m in OutboxMessage.objects.filter(source_type="procedure", source_id=str(proc.pk))
    }


def last_rireki(j: Jumin) -> JuminRireki:
    row = JuminRireki.objects.filter(jumin=j).order_by("-rireki_no").first()
    assert row is not None
    return row


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
