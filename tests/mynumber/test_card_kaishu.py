"""死亡した方の個人番号カードの回収 (番号法施行令第14条): the 死亡届's 承認 ends the card; the
family brings it and the city takes it back, J-LIS told; a living holder is sent to the
返納届, and every other problem of the entry is shown at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter.models import OutboxMessage
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo, messages
from mynumber.models import CardRireki, CardStatus, HaishiJiyu

from ..procedures import run
from .todoke import problems

pytestmark = pytest.mark.django_db


def shibou(person: Jumin, *, died: datetime.date) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "setai_bango": person.setai.setai_bango,
        "todoke_date": r.today().isoformat(),
        "shibou_date": died.isoformat(),
        "shibou_date_hyoki": "",
        "new_setai_nushi": "",
        "zokugara_changes": {},
    }


def kaishu(person: Jumin, **fields: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "todoke_date": r.today().isoformat(),
        "jisansha_shimei": "髙橋　一郎",
        "jisansha_kankei": "夫",
        "honnin_kakunin": "",
        "check_card": True,
        **fields,
    }


def test_the_card_of_a_wife_who_died_is_taken_back_from_her_husband(
    takahashi: list[Jumin], contractor: Any, clerk: Any
) -> None:
    _ichiro, hanako, *_ = takahashi
    card = demo.issued(hanako)
    run("shibou", shibou(hanako, died=r.days_ago(3)), contractor, clerk)
    card.refresh_from_db()
    assert (card.status, card.haishi_jiyu) == (CardStatus.HAISHI, HaishiJiyu.SHIBOU)
    before = OutboxMessage.objects.filter(message_type=messages.KAISHU).count()

    proc = run("card_kaishu", kaishu(hanako), contractor, clerk)

    card.refresh_from_db()
    assert card.status == CardStatus.KAISHU and card.kaishu_date == r.today()
    last = CardRireki.objects.filter(card=card).order_by("-id").first()
    assert last is not None and last.procedure_id == proc.pk
    kaishu_sent = OutboxMessage.objects.filter(message_type=messages.KAISHU)
    assert kaishu_sent.count() == before + 1
    rows = dict(proc.result["rows"])
    assert rows["持参した方"] == "髙橋　一郎（夫）"
    assert rows["持参した方の本人確認書類"] == "提示なし"
    # taken back once: a second visit finds no card to collect
    (message,) = [m for f, m in problems("card_kaishu", kaishu(hanako)) if f == "atena_bango"]
    assert "回収する個人番号カードがありません" in message


def test_a_card_the_register_did_not_end_is_ended_by_the_death_then_collected(
    takahashi: list[Jumin], contractor: Any, clerk: Any
) -> None:
    """A card still held (its holder's 死亡 recorded before the card was known here, or
    by a path that fired no reaction) ends with the 事由 死亡 on the way."""
    _ichiro, hanako, *_ = takahashi
    run("shibou", shibou(hanako, died=r.days_ago(3)), contractor, clerk)
    card = demo.issued(Jumin.objects.get(pk=hanako.pk))
    assert card.status == CardStatus.KOUFUZUMI
    run("card_kaishu", kaishu(hanako), contractor, clerk)
    card.refresh_from_db()
    assert (card.status, card.haishi_jiyu) == (CardStatus.KAISHU, HaishiJiyu.SHIBOU)
    moves = list(
        CardRireki.objects.filter(card=card).order_by("id").values_list("to_status", flat=True)
    )
    assert moves[-2:] == [CardStatus.HAISHI, CardStatus.KAISHU]


def test_a_living_holder_is_sent_to_the_hennou_todoke(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    (message,) = [m for f, m in problems("card_kaishu", kaishu(ichiro)) if f == "atena_bango"]
    assert "死亡により消除されていません" in message and "返納届" in message
    assert "番号法施行令第14条" in message


def test_every_problem_of_the_entry_is_shown_at_once(
    takahashi: list[Jumin], contractor: Any, clerk: Any
) -> None:
    _ichiro, hanako, *_ = takahashi
    demo.issued(hanako)
    run("shibou", shibou(hanako, died=r.days_ago(3)), contractor, clerk)
    entry = kaishu(
        hanako,
        todoke_date=r.days_ago(5).isoformat(),
        jisansha_shimei=" ",
        jisansha_kankei="",
        check_card=False,
    )
    found = dict(problems("card_kaishu", entry))
    assert set(found) == {"todoke_date", "jisansha_shimei", "jisansha_kankei", "check_card"}
    assert "死亡日" in found["todoke_date"]
    unknown = dict(problems("card_kaishu", kaishu(hanako, atena_bango="0000000000")))
    assert "宛名番号を確かめてください" in unknown["atena_bango"]
