"""Rules of the 住民記録システム標準仕様書 that no kind's own tests assert on their own:
each test names its item (jNNN) and asserts the rule itself."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from juki.ido import shokken_shusei, tenkyo
from juki.models import IdoJiyu, Jumin, JuminRireki

from .factories import JuminFactory, register_household
from .procedures import fresh, last_rireki, run

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def couple(db: Any) -> tuple[Jumin, Jumin]:
    nushi, tsuma = register_household(
        JuminFactory.build(shi="小林", mei="健", banchi="3番4号", katagaki="101号室"),
        JuminFactory.build(shi="小林", mei="恵", zokugara="妻"),
    )
    return nushi, tsuma


def test_j630_another_dwelling_on_the_same_banchi_is_a_tenkyo(
    couple: tuple[Jumin, Jumin], contractor: Any, clerk: Any
) -> None:
    """j630: 同一地番で別の住戸（方書が異なる）への移動は転居として処理する."""
    nushi, tsuma = couple
    moved = TODAY - datetime.timedelta(days=2)
    entry = tenkyo.tenkyo_entry(
        atena_bangos=[nushi.atena_bango, tsuma.atena_bango],
        chouaza=nushi.chouaza.code,
        banchi=nushi.banchi,
        katagaki="305号室",
        tenkyo_date=moved,
    )
    run("tenkyo", entry, contractor, clerk)
    for person in (nushi, tsuma):
        after = fresh(person)
        assert (after.chouaza_id, after.banchi, after.katagaki) == (
            nushi.chouaza_id,
            "3番4号",
            "305号室",
        )
        assert after.jusho_date == moved
        row = last_rireki(after)
        assert row.ido_jiyu == IdoJiyu.TENKYO and row.ido_date == moved


def test_j200_j480_each_history_row_records_when_where_and_on_which_terminal(
    couple: tuple[Jumin, Jumin], contractor: Any, clerk: Any
) -> None:
    """j200: 異動履歴に事由・異動日・処理日・届出日・入力場所・入力端末; j480: 処理日は当日."""
    nushi, tsuma = couple
    moved = TODAY - datetime.timedelta(days=5)
    reported = TODAY - datetime.timedelta(days=1)
    entry = tenkyo.tenkyo_entry(
        atena_bangos=[nushi.atena_bango, tsuma.atena_bango],
        chouaza=nushi.chouaza.code,
        banchi="9番1号",
        tenkyo_date=moved,
        todoke_date=reported,
    )
    before = {p.pk: last_rireki(p).rireki_no for p in (nushi, tsuma)}
    run("tenkyo", entry, contractor, clerk)
    terminal = clerk.default_terminal
    for person in (nushi, tsuma):
        row = last_rireki(person)
        assert row.rireki_no == before[person.pk] + 1
        assert row.ido_jiyu == IdoJiyu.TENKYO
        assert (row.ido_date, row.todoke_date, row.shori_date) == (moved, reported, TODAY)
        assert (row.place, row.terminal_code) == (terminal.place, terminal.code)
        assert row.entered_by_id == clerk.pk
        assert row.snapshot["banchi"] == "9番1号"
        assert row.snapshot["setai_bango"] == fresh(person).setai.setai_bango


def test_j860_a_correction_keeps_the_wrong_history_as_it_was(
    couple: tuple[Jumin, Jumin], contractor: Any, clerk: Any
) -> None:
    """j860: 誤記修正でも誤った記載の履歴は残す（上書きしない）."""
    _nushi, tsuma = couple
    wrong = last_rireki(tsuma)
    wrong_snapshot = dict(wrong.snapshot)
    assert wrong_snapshot["mei"] == "恵"
    entry = shokken_shusei.shokken_shusei_entry(
        atena_bango=tsuma.atena_bango,
        riyu="戸籍の記載との相違",
        changes={"mei": "惠"},
    )
    run("shokken_shusei", entry, contractor, clerk)
    assert fresh(tsuma).mei == "惠"
    kept = JuminRireki.objects.get(pk=wrong.pk)
    assert kept.snapshot == wrong_snapshot and kept.rireki_no == wrong.rireki_no
    newest = last_rireki(tsuma)
    assert newest.rireki_no == wrong.rireki_no + 1
    assert newest.snapshot["mei"] == "惠" and newest.ido_jiyu == IdoJiyu.SHOKKEN_SHUSEI
