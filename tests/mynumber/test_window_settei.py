"""交付前設定 (seed 004: 個人番号（カード交付前設定）): the card checked against the
register item by item, set up with its 交付通知書, or put aside with the reason."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter.procedure_kinds import documents_of, get_kind
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo, examples_kofu
from mynumber.kofu_mae_settei.plan import CHECK_RULE, CHECKLIST
from mynumber.models import Card, CardRireki, CardStatus

from ..procedures import run
from .window import refusals

pytestmark = pytest.mark.django_db


def settei_entry(person: Jumin, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "hakkou_bango": "D99000000001",
        "hakkou_date": r.days_ago(5).isoformat(),
        "settei_date": r.today().isoformat(),
        "check_shimei": True,
        "check_jusho": True,
        "check_seinengappi": True,
        "check_seibetsu": True,
        "check_shashin": True,
        "kekka": "settei",
        "horyuu_riyu": "",
        **changes,
    }


@pytest.mark.parametrize("item", CHECKLIST, ids=lambda item: item.field)
def test_a_card_whose_item_does_not_match_the_register_is_not_set_up(
    ichiro: Jumin, item: Any
) -> None:
    demo.applied(ichiro)
    problems = refusals("kofu_mae_settei", settei_entry(ichiro, **{item.field: False}))
    (message,) = problems[item.field]
    assert CHECK_RULE in message and item.label in message


def test_a_card_put_aside_needs_its_reason(ichiro: Jumin) -> None:
    demo.applied(ichiro)
    entry = settei_entry(ichiro, kekka="horyuu", check_shashin=False)
    assert CHECK_RULE in refusals("kofu_mae_settei", entry)["horyuu_riyu"][0]


def test_a_card_put_aside_stays_applied_for_with_the_reason_and_no_tsuchisho(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.applied(ichiro)
    entry = settei_entry(ichiro, kekka="horyuu", check_shashin=False, horyuu_riyu="写真が別人")
    proc = run("kofu_mae_settei", entry, contractor, clerk)
    card.refresh_from_db()
    assert card.status == CardStatus.SHINSEI and card.tsuchisho_sent_date is None
    last = CardRireki.objects.filter(card=card).last()
    assert last is not None and last.act == "交付前設定（保留）" and "写真が別人" in last.reason
    assert documents_of(proc) == []


def test_a_matching_card_is_set_up_and_its_tsuchisho_mailed(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.applied(ichiro)
    proc = run("kofu_mae_settei", settei_entry(ichiro), contractor, clerk)
    card.refresh_from_db()
    assert card.status == CardStatus.KOUFUMAE
    assert card.hakkou_bango == "D99000000001" and card.settei_date == r.today()
    assert card.tsuchisho_sent_date == r.today()
    assert card.yuukou_kigen is not None and card.yuukou_kigen > r.today()
    (doc,) = documents_of(proc)
    assert doc.slug == "koufu_tsuchisho" and doc.render().startswith(b"%PDF")


def test_only_a_card_applied_for_is_set_up(ichiro: Jumin) -> None:
    problems = refusals("kofu_mae_settei", settei_entry(ichiro))
    assert "申請中の個人番号カードはありません" in problems["atena_bango"][0]


def test_a_hakkou_bango_already_set_up_is_refused(takahashi: list[Jumin]) -> None:
    ichiro, hanako = takahashi[:2]
    taken = demo.received(hanako)
    demo.applied(ichiro)
    problems = refusals("kofu_mae_settei", settei_entry(ichiro, hakkou_bango=taken.hakkou_bango))
    assert "既に設定されています" in problems["hakkou_bango"][0]


def test_a_hakkou_date_after_the_settei_date_is_refused(ichiro: Jumin) -> None:
    demo.applied(ichiro)
    later = (r.today() + datetime.timedelta(days=1)).isoformat()
    problems = refusals("kofu_mae_settei", settei_entry(ichiro, hakkou_date=later))
    assert problems["hakkou_date"]


def test_a_holder_of_an_old_card_is_marked_to_bring_it(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    old = demo.issued(ichiro)
    demo.applied(ichiro, shinsei_jiyu="koushin")
    proc = run("kofu_mae_settei", settei_entry(ichiro), contractor, clerk)
    assert proc.result["holds_card"] is True
    assert Card.objects.get(pk=old.pk).status == CardStatus.KOUFUZUMI  # ends at the 交付


def test_a_change_of_the_register_after_the_application_is_flagged(
    takahashi: list[Jumin],
) -> None:
    """Seed ③: 「対象に異動がある場合には確認用住民票を出力し、カードフォルダに保管」."""
    hanako = takahashi[1]
    demo.applied(hanako)
    examples_kofu.approved(
        "shokken_shusei",
        {
            "atena_bango": hanako.atena_bango,
            "setai_bango": "",
            "shusei_date": r.today().isoformat(),
            "tsuchi_date": r.today().isoformat(),
            "riyu": "戸籍の記載との相違（戸籍法第24条第4項通知）",
            "changes": {"mei": "華子", "mei_kana": "ハナヨ"},
        },
    )
    flags = get_kind("kofu_mae_settei").flags(settei_entry(hanako))
    assert any("確認用住民票" in flag for flag in flags)
