"""住民異動届（他課用）: printed from the 他課 messages an approval wrote."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from counter import services
from counter.models import OutboxMessage
from counter.procedure_kinds import documents_of
from juki import takka
from juki.ido.tennyu import tennyu_entry
from juki.models import Jumin

from .factories import ChouazaFactory
from .ido.test_tennyu import enter_and_check, family
from .test_documents import pdftotext


@pytest.fixture
def place(db: None) -> Any:
    return ChouazaFactory(name="吾妻橋一丁目", kana="アズマバシイッチョウメ", postal_code="1300001")


def text_of(pdf: bytes, tmp_path: Path) -> str:
    return pdftotext(pdf, tmp_path)


@pytest.mark.django_db
def test_an_approved_tennyu_has_the_sheet_with_its_departments(
    contractor,
    clerk,
    place,
    tmp_path,
) -> None:
    pending = enter_and_check(tennyu_entry(chouaza=place.code, persons=family()), contractor)
    assert "takka" not in [d.slug for d in documents_of(pending)]
    approved = services.do_approve(pending, acting_user=clerk, terminal=None)
    (sheet,) = takka.takka_documents(approved)
    assert "takka" in [d.slug for d in documents_of(approved)]
    text = text_of(sheet.render(), tmp_path)
    assert "住民異動届（他課用）" in text
    assert "転入" in text and "国保" in text and "税務" in text
    for person in approved.entry["persons"]:
        assert person["shi"] in text
    # one message per 他課 (the one shape): the sheet still has the addresses and household
    messages = OutboxMessage.objects.filter(message_type="jumin_ido").order_by("id")
    got = takka.sheet_from(messages)
    assert got is not None
    assert got.ido_jiyu == "転入" and got.setai_bango == approved.result["setai_bango"]
    assert got.zenjusho == "大阪府大阪市北区梅田一丁目1番1号"
    assert got.jusho == Jumin.objects.get(atena_bango=approved.result["atena_bango"][0]).address
    assert len(got.persons) == 4
    assert {p.atena_bango: p.departments for p in got.persons}[
        approved.result["atena_bango"][0]
    ] == {
        "takka_zei",
        "takka_kokuho",
        "takka_nenkin",
        "takka_senkyo",
    }


def test_the_sample_renders_without_a_database(tmp_path) -> None:
    text = text_of(takka.build_sample(), tmp_path)
    assert "髙橋" in text and "𠮷男" in text and "受付確認印" in text


# --------------------------------------------------------------------------- the one rule


@pytest.mark.parametrize(
    ("birth", "foreign", "expected"),
    [
        # 8 on 2026-11-21: 学齢 and 児童手当
        (datetime.date(2018, 5, 1), False, {"zei", "kokuho", "jidou_teate", "shugaku"}),
        # 18 and Japanese: 選挙; 児童手当 until the March after the 18th birthday
        (datetime.date(2008, 6, 1), False, {"zei", "kokuho", "jidou_teate", "senkyo"}),
        # 30 and foreign: 年金, no 選挙
        (datetime.date(1996, 1, 1), True, {"zei", "kokuho", "nenkin"}),
        # 60: no longer 年金 (第1号 is 20–59)
        (datetime.date(1966, 11, 21), False, {"zei", "kokuho", "senkyo"}),
        # 70: 介護
        (datetime.date(1956, 1, 1), False, {"zei", "kokuho", "senkyo", "kaigo"}),
    ],
)
def test_a_newcomer_goes_to_every_takka_that_may_cover_them(
    birth: datetime.date, foreign: bool, expected: set[str]
) -> None:
    from juki.ido import kernel
    from juki.models import JuminShubetsu

    person = Jumin(
        seinengappi=birth,
        shubetsu=JuminShubetsu.FOREIGN if foreign else JuminShubetsu.JAPANESE,
    )
    day = datetime.date(2026, 11, 21)
    got = kernel.takka_destinations(person, day, reason="newcomer")
    assert {d.removeprefix("takka_") for d in got} == expected


def test_a_resident_goes_to_those_that_hold_something_and_a_setai_change_to_zei_and_kokuho() -> (
    None
):
    from juki.ido import kernel

    day = datetime.date(2026, 11, 21)
    person = Jumin(seinengappi=datetime.date(1950, 1, 1), kaigo_date=day, senkyo_touroku=True)
    resident = kernel.takka_destinations(person, day)
    assert {d.removeprefix("takka_") for d in resident} == {"zei", "kaigo", "senkyo"}
    setai = kernel.takka_destinations(person, day, reason="setai")
    assert {d.removeprefix("takka_") for d in setai} == {"zei", "kokuho", "kaigo"}
    with pytest.raises(ValueError, match="unknown reason"):
        kernel.takka_destinations(person, day, reason="other")
