"""j60 blank checks of the 戸籍の表示 and the 第30条の45 items, and the 通称 (j20, j70).

住民記録システム標準仕様書 1.1.6 (j60), 1.1.12 (j120); 住基法第7条第4号, 第30条の45;
住基法施行令第30条の25, 第30条の26; 施行規則第45条.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from juki import services
from juki.item_forms import REQUIRED_BY_KUBUN, JuminItemsForm
from juki.models import IdoJiyu, JuminShubetsu, Setai, TsushouRireki

from .conftest import login_as
from .factories import ChouazaFactory, JuminFactory, foreign_person, resident
from .test_register import form_data

pytestmark = pytest.mark.django_db

J60 = "は空欄にできません（住民記録システム標準仕様書 j60）。"


def foreign_data(**overrides: str) -> dict[str, str]:
    return form_data(
        **{
            "shubetsu": "2",
            "honseki": "",
            "hittousha": "",
            "kokuseki": "ベトナム",
            "gaikokujin_date": "R2.4.1",
            "kubun_30_45": "1",
            "zairyu_card_bango": "AB12345678CD",
            **overrides,
        }
    )


def test_the_hittousha_of_a_japanese_may_not_be_blank() -> None:
    form = JuminItemsForm(data=form_data(hittousha=""))
    assert not form.is_valid()
    assert form.errors["hittousha"] == [f"筆頭者{J60}"]


@pytest.mark.parametrize("word", ["なし", "不明"])
def test_the_koseki_may_be_recorded_as_none_or_unknown(word: str) -> None:
    assert JuminItemsForm(data=form_data(honseki=word, hittousha=word)).is_valid()


@pytest.mark.parametrize(
    ("kubun", "field", "label"),
    [
        ("1", "zairyu_card_bango", "在留カードの番号"),
        ("2", "zairyu_card_bango", "特別永住者証明書の番号"),
        ("3", "joriku_kikan", "上陸期間"),
        ("4", "kari_taizai_kikan", "仮滞在期間"),
    ],
)
def test_the_30_45_item_of_each_kubun_may_not_be_blank(kubun: str, field: str, label: str) -> None:
    form = JuminItemsForm(data=foreign_data(kubun_30_45=kubun, zairyu_card_bango=""))
    assert not form.is_valid()
    assert form.errors[field] == [f"{label}{J60}"]


def test_a_keika_taizaisha_has_no_30_45_item_to_fill() -> None:
    for kubun in ("5", "6"):
        form = JuminItemsForm(data=foreign_data(kubun_30_45=kubun, zairyu_card_bango=""))
        assert form.is_valid(), form.errors


def test_a_foreigner_needs_no_koseki() -> None:
    assert JuminItemsForm(data=foreign_data()).is_valid()


ITEMS = {"zairyu_card_bango": "AB12345678CD", "joriku_kikan": "6月", "kari_taizai_kikan": "3月"}


@settings(max_examples=30, deadline=None)
@given(
    kubun=st.sampled_from(["1", "2", "3", "4", "5", "6"]),
    given_items=st.sets(st.sampled_from(sorted(ITEMS))),
)
def test_a_foreigners_entry_is_valid_exactly_when_the_items_of_the_kubun_are_there(
    kubun: str, given_items: set[str]
) -> None:
    data = foreign_data(
        kubun_30_45=kubun, **{k: ITEMS[k] if k in given_items else "" for k in ITEMS}
    )
    form = JuminItemsForm(data=data)
    missing = set(REQUIRED_BY_KUBUN.get(kubun, {})) - given_items
    assert form.is_valid() == (not missing), form.errors
    assert set(form.errors) == missing


# --------------------------------------------------------------------------- 通称


def test_a_tsushou_is_refused_for_a_japanese_next_to_the_field() -> None:
    form = JuminItemsForm(data=form_data(tsushou="山田一郎"))
    assert not form.is_valid()
    assert any("通称は外国人住民の住民票にだけ記載できます" in e for e in form.errors["tsushou"])
    assert JuminItemsForm(data=foreign_data(tsushou="山田一郎")).is_valid()


def test_the_register_itself_refuses_a_tsushou_for_a_japanese() -> None:
    person = JuminFactory.build(tsushou="山田一郎", chouaza=ChouazaFactory())
    with pytest.raises(ValidationError) as info:
        services.check_items(person)
    assert "tsushou" in info.value.message_dict


def _ctx(day: datetime.date) -> services.IdoContext:
    return services.IdoContext(
        acting_user=None, terminal=None, ido_jiyu=IdoJiyu.SHOKKEN_SHUSEI, ido_date=day
    )


def test_each_kisai_and_sakujo_of_a_tsushou_keeps_its_date_and_city() -> None:
    place = ChouazaFactory()
    city = f"{place.prefecture}{place.city}"
    person = foreign_person(tsushou="山田一郎", tsushou_kana="ヤマダイチロウ", chouaza=place)
    services.register_person(
        person, Setai.objects.create(setai_bango="900001"), _ctx(datetime.date(2024, 4, 1))
    )
    services.update_person(person, {"tsushou": "山田二郎"}, _ctx(datetime.date(2024, 6, 1)))
    services.update_person(person, {"tsushou": ""}, _ctx(datetime.date(2024, 9, 1)))
    rows = list(
        TsushouRireki.objects.filter(jumin=person).values_list(
            "tsushou", "kisai_date", "kisai_shichouson", "sakujo_date", "sakujo_shichouson"
        )
    )
    assert rows == [
        ("山田一郎", datetime.date(2024, 4, 1), city, datetime.date(2024, 6, 1), city),
        ("山田二郎", datetime.date(2024, 6, 1), city, datetime.date(2024, 9, 1), city),
    ]


def test_a_person_without_a_tsushou_writes_no_history() -> None:
    person = foreign_person(chouaza=ChouazaFactory())
    services.register_person(
        person, Setai.objects.create(setai_bango="900002"), _ctx(datetime.date(2024, 4, 1))
    )
    services.update_person(person, {"mei": "JANE"}, _ctx(datetime.date(2024, 5, 1)))
    assert not TsushouRireki.objects.filter(jumin=person).exists()


def test_the_resident_page_shows_the_tsushou_history(client: Client, clerk: Any) -> None:
    person = resident(
        shubetsu=JuminShubetsu.FOREIGN,
        honseki="",
        hittousha="",
        kokuseki="中国",
        kubun_30_45="2",
        zairyu_card_bango="AB12345678CD",
    )
    services.update_person(person, {"tsushou": "李一郎"}, _ctx(datetime.date(2024, 6, 1)))
    login_as(client, clerk)
    html = client.get(f"/juki/residents/{person.atena_bango}/").content.decode()
    assert "通称の記載・削除" in html
    assert f"李一郎：令和6年6月1日 {person.chouaza.prefecture}{person.chouaza.city}で記載" in html
