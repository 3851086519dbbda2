"""公用請求 (住基法第12条の2; ADR 0031): the 事務, its 根拠法令 and the 請求事由; free but
counted; 「公用」 on the certificate; a 個人番号 only under 番号法第19条. One test per rule."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certificates.juminhyo_utsushi.plan import plan as juminhyo_plan
from certificates.kernel.request import basis_text, names_an_article, names_bangohou_19
from certificates.kisai_jiko.plan import plan as kisai_plan
from juki.demo import residents as r
from juki.models import Jumin

from .test_who_may_have_what import kouyou, problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def takahashi() -> list[Jumin]:
    return r.household(r.TAKAHASHI[:3])


def test_kouyou_names_the_jimu_its_law_requires(takahashi) -> None:
    """第12条の2第1項: only for a 事務 a 法令 gives the body."""
    found = problems(juminhyo_plan, kouyou(takahashi[:1], kouyou_jimu=""))
    assert "住基法第12条の2第1項" in found["kouyou_jimu"][0]


@pytest.mark.parametrize("konkyo", ["", "国税徴収法", "第141条", "滞納処分のため"])
def test_kouyou_names_the_law_and_its_article(takahashi, konkyo: str) -> None:
    """第12条の2第2項第4号: the 根拠となる法令の条項, a 法令 and its 条."""
    found = problems(juminhyo_plan, kouyou(takahashi[:1], kouyou_konkyo=konkyo))
    assert "住基法第12条の2第2項第4号" in found["kouyou_konkyo"][0]


def test_kouyou_states_its_reason_unless_a_criminal_investigation(takahashi) -> None:
    """第12条の2第2項第4号括弧書: 犯罪捜査等 may leave the 請求事由 out, the 事務 and its
    条項 standing for it; any other 公用 request states it."""
    found = problems(juminhyo_plan, kouyou(takahashi[:1], riyu=""))
    assert "住基法第12条の2第2項第4号" in found["riyu"][0]
    sousa = kouyou(
        takahashi[:1],
        riyu="",
        kouyou_jiyu_konnan=True,
        kouyou_kikan="警視庁向島警察署",
        kouyou_jimu="犯罪の捜査",
        kouyou_konkyo="刑事訴訟法第197条第2項",
    )
    assert problems(juminhyo_plan, sousa) == {}
    assert "犯罪捜査等のため省略" in basis_text(sousa)


def test_kouyou_kojin_bango_needs_the_item_of_bangohou_19(takahashi) -> None:
    """番号法第19条: a 個人番号 is provided only in the cases it lists; the request names
    the 号, else it is refused with the rule named."""
    need = {"kisai": ["kojin_bango"], "hitsuyo_riyu": "地方税の賦課徴収に必要"}
    found = problems(juminhyo_plan, kouyou(takahashi[:1], **need))
    assert "番号法第19条" in found["bango_konkyo"][0]
    vague = problems(juminhyo_plan, kouyou(takahashi[:1], **need, bango_konkyo="番号法"))
    assert "番号法第19条" in vague["bango_konkyo"][0]
    named = kouyou(takahashi[:1], **need, bango_konkyo="番号法第19条第8号")
    assert problems(juminhyo_plan, named) == {}
    assert "番号法第19条第8号" in basis_text(named)


def test_kouyou_without_kojin_bango_needs_no_item_of_bangohou_19(takahashi) -> None:
    assert problems(juminhyo_plan, kouyou(takahashi[:1], kisai=["katagaki"])) == {}


def test_kouyou_rules_hold_for_the_kisai_jiko_shoumeisho(takahashi) -> None:
    from certificates.kisai_jiko.entry import KisaiJikoEntry

    data: dict[str, Any] = {
        **kouyou(takahashi[:1]).to_json(),
        "kisai": ["kojin_bango"],
        "hitsuyo_riyu": "必要",
        "kouyou_jimu": "",
    }
    found = problems(kisai_plan, KisaiJikoEntry.from_json(data))
    assert "bango_konkyo" in found and "kouyou_jimu" in found


def test_kouyou_is_printed_kouyou_on_the_certificate() -> None:
    """j1060: 「公用」 on a 公用 certificate (certificates.printing.issue)."""
    from certificates.printing import issue

    assert issue.KOUYOU == "公用"


@given(st.text(min_size=1, max_size=20).filter(str.strip), st.integers(1, 999))
def test_names_an_article_needs_a_law_before_its_article(law: str, jou: int) -> None:
    assert names_an_article(f"{law}第{jou}条")
    assert not names_an_article(f"第{jou}条")
    assert not names_an_article(law.replace("条", ""))


@given(st.text(max_size=10), st.integers(min_value=1, max_value=20))
def test_names_bangohou_19_accepts_every_item_named(prefix: str, gou: int) -> None:
    assert names_bangohou_19(f"{prefix}番号法第19条第{gou}号")
    assert not names_bangohou_19(f"{prefix}番号法第18条第{gou}号".replace("19", ""))


@given(st.text(max_size=40))
def test_names_bangohou_19_never_passes_without_the_article(text: str) -> None:
    if names_bangohou_19(text):
        assert "号" in text and "番号" in text
