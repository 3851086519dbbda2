"""The register: exact names, checked numbers, recorded dates, append-only history."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from jputil.numbers import is_valid_atena_bango
from juki.item_forms import JuminItemsForm
from juki.models import Jumin, JuminRireki, JuminStatus

from .factories import ChouazaFactory, JuminFactory, register_household, resident


def form_data(**overrides: str) -> dict[str, str]:
    place = ChouazaFactory()
    data = {
        "shi": "山田",
        "mei": "太郎",
        "shi_kana": "ヤマダ",
        "mei_kana": "タロウ",
        "shubetsu": "1",
        "seinengappi": "S50.1.1",
        "seibetsu": "1",
        "zokugara": "世帯主",
        "honseki": "東京都墨田区吾妻橋一丁目1番",
        "hittousha": "山田　太郎",
        "jumin_date": "R6.4.1",
        "jusho_date": "令和6年4月1日",
        "chouaza": str(place.pk),
        "banchi": "1番2号",
        "kojin_bango": "621498320257",
        "juminhyo_code": "24727059608",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_valid_entry_converts_dates_and_kana() -> None:
    form = JuminItemsForm(
        data=form_data(shi_kana="やまだ", mei_kana="ﾀﾛｳ", kojin_bango="６２１４９８３２０２５７")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["shi_kana"] == "ヤマダ"
    assert form.cleaned_data["mei_kana"] == "タロウ"
    assert form.cleaned_data["seinengappi"] == datetime.date(1975, 1, 1)
    assert form.cleaned_data["kojin_bango"] == "621498320257"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kojin_bango", "621498320258", "個人番号のチェックデジットが正しくありません。"),
        ("juminhyo_code", "24727059609", "チェックデジット"),
        ("seinengappi", "昭和64年1月8日", "昭和は昭和元年12月25日から昭和64年1月7日まで"),
        ("jusho_date", "平成31年5月1日", "平成31年4月30日まで"),
        ("seinengappi", "R99.1.1", "未来の日付は入力できません"),
        ("shi", "髙" * 10_000, "100"),
        ("zokugara", "祖父", "続柄「祖父」は使用できません"),
        ("shi_kana", "Yamada", "全角カタカナ"),
        ("shi", "山田\n", "制御文字"),
    ],
)
def test_bad_input_gets_a_clear_message_next_to_the_field(
    field: str, value: str, message: str
) -> None:
    form = JuminItemsForm(data=form_data(**{field: value}))
    assert not form.is_valid()
    assert any(message in e for e in form.errors[field]), form.errors[field]


@pytest.mark.django_db
def test_mandatory_items_depend_on_the_kind_of_resident() -> None:
    form = JuminItemsForm(data=form_data(honseki="", juminhyo_code=""))
    assert not form.is_valid()
    assert "本籍は空欄にできません（住民記録システム標準仕様書 j60）。" in form.errors["honseki"]
    assert JuminItemsForm(data=form_data(honseki="不明")).is_valid()
    foreign = JuminItemsForm(data=form_data(shubetsu="2", honseki=""))
    assert not foreign.is_valid()
    assert set(foreign.errors) == {"kokuseki", "gaikokujin_date", "kubun_30_45"}
    foreign = JuminItemsForm(
        data=form_data(
            shubetsu="2",
            honseki="",
            kokuseki="ベトナム",
            gaikokujin_date="R2.4.1",
            kubun_30_45="1",
            zairyu_card_bango="ab12345678cd",
        )
    )
    assert foreign.is_valid(), foreign.errors
    assert foreign.cleaned_data["zairyu_card_bango"] == "AB12345678CD"


@pytest.mark.django_db
def test_recorded_dates_keep_their_wording() -> None:
    form = JuminItemsForm(data=form_data(seinengappi="昭和10年月日不詳"))
    assert form.is_valid(), form.errors
    person = form.save(commit=False)
    assert person.seinengappi == datetime.date(1935, 1, 1)
    assert person.seinengappi_hyoki == "昭和10年月日不詳"
    assert person.seinengappi_text == "昭和10年月日不詳"


NAMES = [
    "𠮷田",
    "髙橋",
    "山﨑",
    # 邊 and 邉 with selectors of IPAmj明朝's own (Moji_Joho) collection: 邊+U+E0100 and
    # 邉+U+E0103 (Adobe-Japan1 selectors)
    # are not in the font and are refused (j1070, tests/test_moji.py).
    "渡邊\U000e0108",
    "渡邉\U000e0110",
    "塚\ufa10本",
    "齋藤　",
    " 澤田",
]


@pytest.mark.django_db
@pytest.mark.parametrize("shi", NAMES)
def test_names_round_trip_byte_for_byte(shi: str) -> None:
    person = resident(shi=shi, mei="花子")
    stored = Jumin.objects.get(pk=person.pk)
    assert stored.shi.encode("utf-8") == shi.encode("utf-8")
    form = JuminItemsForm(data=form_data(shi=shi))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["shi"] == shi


@pytest.mark.django_db
def test_numbers_are_unique_among_live_records_only() -> None:
    first = resident()
    with pytest.raises(IntegrityError), transaction.atomic():
        resident(kojin_bango=first.kojin_bango)
    Jumin.objects.filter(pk=first.pk).update(status=JuminStatus.JOHYO)
    again = resident(kojin_bango=first.kojin_bango, juminhyo_code=first.juminhyo_code)
    assert again.pk != first.pk


@pytest.mark.django_db
def test_household_numbers_and_history() -> None:
    head, wife, child = register_household(
        JuminFactory.build(),
        JuminFactory.build(mei="花子", mei_kana="ハナコ", zokugara="妻", seibetsu="2"),
        JuminFactory.build(
            mei="一郎", mei_kana="イチロウ", zokugara="子", seinengappi=datetime.date(2010, 5, 5)
        ),
    )
    assert is_valid_atena_bango(head.atena_bango) and is_valid_atena_bango(head.setai.setai_bango)
    assert head.setai.setai_nushi == head and wife.setai_id == head.setai_id
    rireki = JuminRireki.objects.get(jumin=child)
    assert rireki.rireki_no == 1 and child.rireki_no == 1
    assert rireki.snapshot["zokugara"] == "子"
    assert rireki.snapshot["setai_nushi_name"] == "山田　太郎"
    assert rireki.snapshot["setai_bango"] == head.setai.setai_bango
    with pytest.raises(PermissionError):
        rireki.save()
    with pytest.raises(PermissionError):
        rireki.delete()
    with pytest.raises(PermissionError):
        JuminRireki.objects.filter(pk=rireki.pk).update(ryuiji="x")
    with pytest.raises(PermissionError, match="異動履歴は削除できません。"):
        JuminRireki.objects.filter(pk=rireki.pk).delete()


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(
    shi=st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=30
    ).filter(lambda s: s.strip())
)
def test_any_printable_name_is_stored_exactly(shi: str) -> None:
    person = resident(shi=shi)
    assert Jumin.objects.get(pk=person.pk).shi == shi
