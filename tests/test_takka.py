"""住民異動届（他課用）: printed from the 他課 messages an approval wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from counter import services
from counter.procedure_kinds import documents_of
from juki import takka
from juki.ido.tennyu import tennyu_entry

from .factories import ChouazaFactory
from .test_documents import pdftotext
from .test_tennyu import enter_and_check, family


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


def test_the_sample_renders_without_a_database(tmp_path) -> None:
    text = text_of(takka.build_sample(), tmp_path)
    assert "髙橋" in text and "𠮷男" in text and "受付確認印" in text
