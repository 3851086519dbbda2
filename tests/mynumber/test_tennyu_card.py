"""The 転入届's item 「個人番号カードの提示」, per person: only the card a person showed is
taken over for its 継続利用 (番号法第17条第2項). A 特例転入 is made with the card holder's
card, and a 世帯員 without one may come along with the 世帯主 (住基法第24条の2第1項・第2項),
so the 特例 alone lists no one's card."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter.procedure_kinds import get_kind
from juki.demo import residents as r
from juki.ido.tennyu.entry import TennyuEntry, entry_post_data, tennyu_entry
from juki.ido.tennyu.form import TennyuEntryForm
from juki.ido.tennyu.review import content_blocks
from juki.models import Jumin
from mynumber.models import Card, CardStatus
from tests.factories import receive_tenshutsu_joho
from tests.procedures import enter_and_check, post_items, receive, run

pytestmark = pytest.mark.django_db


def _three(**items: Any) -> dict[str, Any]:
    """佐藤 家 (世帯主, 妻, 子) moved in three days ago."""
    moved = r.days_ago(3)
    return tennyu_entry(
        chouaza=r.chouaza().code,
        persons=r.incoming(r.SATO[:3], moved=moved),
        tennyu_date=moved,
        tenshutsu_yotei_date=r.days_ago(5),
        **items,
    )


def _tokurei(**items: Any) -> dict[str, Any]:
    return receive_tenshutsu_joho(_three(shoumeisho="tokurei", **items))


def _carded() -> list[str]:
    return sorted(Card.objects.values_list("jumin__mei", flat=True))


def test_a_tokurei_tennyu_of_three_where_one_shows_a_card_lists_exactly_that_card(
    contractor: Any, clerk: Any
) -> None:
    entry = _tokurei(mynumber_card=[0])
    run("tennyu_tokurei", entry, contractor, clerk)
    assert Jumin.objects.count() == 3
    (card,) = Card.objects.all()
    assert card.jumin.mei == "健"
    assert card.status == CardStatus.KOUFUZUMI
    assert card.keizoku_kigen == r.today() + datetime.timedelta(days=90)


def test_an_ordinary_tennyu_lists_the_card_of_the_person_who_showed_it(
    contractor: Any, clerk: Any
) -> None:
    form = TennyuEntryForm(
        entry_post_data(_three(mynumber_card=[1])),
        kind=get_kind("tennyu"),  # type: ignore[arg-type]
    )
    assert form.is_valid(), form.errors
    assert form.entry is not None and form.entry["mynumber_card"] == [1]
    run("tennyu", form.entry, contractor, clerk)
    assert _carded() == ["恵"]


def test_a_tennyu_entered_before_the_card_item_loads_and_approves_listing_no_card(
    contractor: Any, clerk: Any
) -> None:
    entry = {k: v for k, v in _three().items() if k != "mynumber_card"}
    entry["v"] = 1
    assert TennyuEntry.from_json(entry).mynumber_card == ()
    run("tennyu", entry, contractor, clerk)
    assert Jumin.objects.count() == 3 and not Card.objects.exists()


def test_a_tokurei_tennyu_entered_before_the_card_item_is_read_as_it_was_entered(
    contractor: Any, clerk: Any
) -> None:
    """Version 1 listed every person of a 特例転入; 照合 now shows it per person."""
    entry = {k: v for k, v in _tokurei().items() if k != "mynumber_card"}
    entry["v"] = 1
    assert TennyuEntry.from_json(entry).mynumber_card == (0, 1, 2)
    run("tennyu_tokurei", entry, contractor, clerk)
    assert _carded() == ["健", "恵", "陽翔"]


def test_shougou_and_shinsa_show_whose_card_was_shown() -> None:
    typed = TennyuEntry.from_json(_three(mynumber_card=[0]))
    blocks = content_blocks(typed, r.chouaza())
    shown = [
        next(row.after for row in block.rows if row.label == "個人番号カード")
        for block in blocks
        if block.title.startswith("転入者")
    ]
    assert shown == ["提示あり（継続利用の対象）", "提示なし", "提示なし"]


def test_the_entry_form_shows_the_saved_item_ticked_on_its_person(contractor: Any) -> None:
    procedure = receive(contractor, "tennyu_tokurei")
    procedure.entry = _tokurei(mynumber_card=[2])
    posted = dict(post_items(get_kind("tennyu_tokurei").entry_form(procedure, None)))
    ticked = sorted(k for k in posted if k.endswith("-mynumber_card"))
    assert ticked == ["persons-2-mynumber_card"]


def test_an_entry_with_the_item_goes_through_checking(contractor: Any) -> None:
    proc = enter_and_check("tennyu", _three(mynumber_card=[0, 2]), contractor)
    assert TennyuEntry.from_json(proc.entry).mynumber_card == (0, 2)
