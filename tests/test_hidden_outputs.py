"""表示設定 (標準仕様書 j1390) on every output: 本籍, 住民票コード, 個人番号 and 在留資格等
are hidden on the 照会票 PDF, the 仮登録 (entry), 照合 and 審査 screens of the member of
staff who chose it, as on the resident page (tests/test_resident_page.py)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from counter.hiding import MASK, mask_blocks
from counter.procedure_kinds import ReviewBlock, ReviewRow
from juki.ido.kernel import tennyu_person
from juki.ido.tennyu import tennyu_entry
from juki.models import JuminShubetsu, Kubun3045, Seibetsu

from .conftest import login_as
from .factories import (
    ChouazaFactory,
    JuminFactory,
    foreign_person,
    register_household,
    valid_juminhyo_code,
)
from .procedures import enter, enter_and_check
from .test_documents import pdftotext, squash

HONSEKI = "京都府京都市上京区今出川町1番"
HITTOUSHA = "大阪　源三郎"  # not the person: the hidden 筆頭者 must not appear
CODE = valid_juminhyo_code(987651)
KOJIN = "621498320257"
ZAIRYU = "技術・人文知識・国際業務"
CARD = "AB12345678CD"

#: each 表示設定, the values it hides (as printed) and the entry fields it masks
CASES = {
    "hide_honseki": ([HONSEKI, HITTOUSHA], ["honseki", "hittousha"]),
    "hide_juminhyo_code": ([CODE], ["juminhyo_code"]),
    "hide_kojin_bango": ([KOJIN], ["kojin_bango"]),
    "hide_zairyu": ([ZAIRYU, CARD], ["zairyu_shikaku", "zairyu_card_bango"]),
}


def choose(user: Any, code: str) -> None:
    user.display_settings = {code: True}
    user.save(update_fields=["display_settings"])


def persons() -> list[dict[str, Any]]:
    return [
        tennyu_person(
            shi="大阪",
            mei="一郎",
            shi_kana="オオサカ",
            mei_kana="イチロウ",
            seinengappi=datetime.date(1980, 1, 10),
            seibetsu=Seibetsu.MALE,
            zokugara="世帯主",
            honseki=HONSEKI,
            hittousha=HITTOUSHA,
            juminhyo_code=CODE,
            kojin_bango=KOJIN,
        ),
        tennyu_person(
            shubetsu=JuminShubetsu.FOREIGN,
            shi="SMITH",
            mei="JOHN",
            shi_kana="スミス",
            mei_kana="ジョン",
            name_alphabet="SMITH JOHN",
            seinengappi=datetime.date(1990, 1, 2),
            seibetsu=Seibetsu.MALE,
            zokugara="同居人",
            juminhyo_code=valid_juminhyo_code(987652),
            kokuseki="アメリカ合衆国",
            gaikokujin_date=datetime.date(2020, 4, 1),
            kubun_30_45=Kubun3045.CHUCHOKI,
            zairyu_shikaku=ZAIRYU,
            zairyu_kikan="5年",
            zairyu_manryo_date=datetime.date(2030, 1, 1),
            zairyu_card_bango=CARD,
        ),
    ]


def hidden_values(code: str) -> list[str]:
    return CASES[code][0]


@pytest.fixture
def entry(db: None) -> dict[str, Any]:
    place = ChouazaFactory(name="吾妻橋一丁目", kana="アヅマバシ1チョウメ")
    return tennyu_entry(chouaza=place.code, persons=persons())


# --------------------------------------------------------------------------- 照会票


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(CASES))
def test_the_shokai_hyo_pdf_hides_what_the_printer_chose_to_hide(
    client: Client, contractor: Any, tmp_path: Path, code: str
) -> None:
    head, smith = register_household(
        JuminFactory.build(
            shi="大阪",
            mei="一郎",
            honseki=HONSEKI,
            hittousha=HITTOUSHA,
            juminhyo_code=CODE,
            kojin_bango=KOJIN,
        ),
        foreign_person(zairyu_shikaku=ZAIRYU, card=CARD, zokugara="同居人"),
    )
    login_as(client, contractor)
    texts = {}
    for chosen in (False, True):
        if chosen:
            choose(contractor, code)
        for j in (head, smith):
            pdf = client.get(reverse("juki:resident_pdf", args=[j.atena_bango])).content
            texts[chosen, j.pk] = squash(pdftotext(pdf, tmp_path))
    plain = texts[False, head.pk] + texts[False, smith.pk]
    hidden = texts[True, head.pk] + texts[True, smith.pk]
    assert KOJIN not in plain and KOJIN not in hidden  # the 照会票 never prints it
    for value in hidden_values(code):
        if value == KOJIN:
            continue
        assert squash(value) in plain, value
        assert squash(value) not in hidden, value
    if code != "hide_kojin_bango":
        assert MASK in hidden


# --------------------------------------------------------------------------- 審査 and 照合


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(CASES))
def test_the_review_screen_hides_what_the_clerk_chose_to_hide(
    client: Client, contractor: Any, clerk: Any, entry: dict[str, Any], code: str
) -> None:
    proc = enter_and_check("tennyu", entry, contractor)
    login_as(client, clerk)
    url = reverse("counter:review_detail", args=[proc.pk])
    plain = client.get(url).content.decode()
    choose(clerk, code)
    hidden = client.get(url).content.decode()
    for value in hidden_values(code):
        if value == KOJIN:  # the 審査 shows only 「記載あり」 for a 個人番号
            assert "記載あり" in plain
            continue
        assert value in plain, value
        assert value not in hidden, value
    assert MASK in hidden and MASK not in plain


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(CASES))
def test_the_check_screen_hides_what_the_contractor_chose_to_hide(
    client: Client, contractor: Any, entry: dict[str, Any], code: str
) -> None:
    proc = enter("tennyu", entry, contractor)
    login_as(client, contractor)
    url = reverse("counter:procedure_check", args=[proc.pk])
    plain = client.get(url).content.decode()
    choose(contractor, code)
    hidden = client.get(url).content.decode()
    for value in hidden_values(code):
        if value == KOJIN:
            continue
        assert value in plain, value
        assert value not in hidden, value
    assert MASK in hidden and MASK not in plain


def test_a_hidden_row_the_procedure_changes_still_reads_as_changed(contractor: Any) -> None:
    contractor.display_settings = {"hide_honseki": True}
    blocks = [
        ReviewBlock("x", [ReviewRow("本籍", "東京都", "大阪府"), ReviewRow("氏名", "a", "a")])
    ]
    (block,) = mask_blocks(blocks, contractor)
    honseki, shimei = block.rows
    assert "東京都" not in (honseki.before + honseki.after) and honseki.changed
    assert shimei == blocks[0].rows[1]


# --------------------------------------------------------------------------- 仮登録


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(CASES))
def test_the_entry_screen_masks_the_fields_the_contractor_chose_to_hide(
    client: Client, contractor: Any, entry: dict[str, Any], code: str
) -> None:
    proc = enter("tennyu", entry, contractor)
    login_as(client, contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])

    def masked_fields(html: str) -> set[str]:
        found = re.findall(r'<input type="password" name="[^"]*?(\w+)"', html)
        return {name.rsplit("-", 1)[-1] for name in found}

    assert not masked_fields(client.get(url).content.decode())
    choose(contractor, code)
    html = client.get(url).content.decode()
    assert set(CASES[code][1]) <= masked_fields(html)
    # the others stay plain
    assert "shi" not in masked_fields(html) and "seinengappi" not in masked_fields(html)
