"""住民異動届受理通知 (j580): to whom it goes.

標準仕様書 j580: 「届出人の旧住所宛て（旧住所がない場合は異動者の新住所宛て）」. The
転居 case (届出人 at the address before) is tests/test_tenkyo.py, the 転入 from another
city (届出人 at the new address) tests/ido/test_tennyu.py.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from juki import juri_tsuchi
from juki.ido.kernel import tennyu_person
from juki.ido.tennyu import tennyu_entry
from juki.models import Jumin, Seibetsu

from ..factories import ChouazaFactory, valid_juminhyo_code
from ._shokken import run
from .test_shussei import baby_entry


@pytest.mark.django_db
def test_juri_tsuchi_from_abroad_goes_to_the_idousha_at_the_new_address(
    contractor: Any, clerk: Any
) -> None:
    """国外からの転入 has no old address in Japan: the 異動者, not the 届出人, at the new one."""
    chouaza = ChouazaFactory(name="吾妻橋一丁目", kana="アヅマバシ1チョウメ")
    person = tennyu_person(
        shi="海外",
        mei="帰子",
        shi_kana="カイガイ",
        mei_kana="キコ",
        seinengappi=datetime.date(1990, 1, 2),
        seibetsu=Seibetsu.FEMALE,
        zokugara="世帯主",
        honseki="東京都墨田区押上一丁目1番",
        hittousha="海外　帰子",
        juminhyo_code=valid_juminhyo_code(900031),
    )
    entry = tennyu_entry(
        chouaza=chouaza.code,
        persons=[person],
        zenjusho="アメリカ合衆国",
        zenjusho_postal_code="",
        shoumeisho="nashi",
    )
    proc = run("tennyu_kokugai", entry, contractor, clerk)
    notice = juri_tsuchi.notice_of(proc)
    assert notice is not None
    kiko = Jumin.objects.get(mei="帰子")
    assert proc.reception.visitor_name != kiko.full_name
    assert notice.addressee == kiko.full_name
    assert notice.address == kiko.address


@pytest.mark.django_db
def test_juri_tsuchi_of_a_birth_goes_to_the_child_at_the_new_address(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """出生: the child had no address before; the notice names the 異動者 at the new one."""
    proc = run("shussei", baby_entry(family), contractor, clerk)
    notice = juri_tsuchi.notice_of(proc)
    assert notice is not None
    baby = Jumin.objects.get(atena_bango=proc.result["atena_bango"])
    assert notice.addressee == baby.full_name != proc.reception.visitor_name
    assert notice.address == baby.address and notice.lines[0].before == ""
