"""The card's reactions to the register (mynumber.reactions) and the daily sweep: 転入
starts the 継続利用's 90 days, 転居 and a change of 氏名 list the card for its カード補記 and
end the 署名用電子証明書, 死亡 ends the card; overdue cards and certificates lapse."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from juki.demo import examples
from juki.demo import residents as r
from juki.models import IdoJiyu, Jumin
from juki.services import IdoContext, update_person
from mynumber import demo, reactions, tasks
from mynumber.models import Card, CardStatus, CertShubetsu, CertStatus, HaishiJiyu
from tests.procedures import run

pytestmark = pytest.mark.django_db


def _live_certs(card: Card) -> set[str]:
    return set(
        card.certificates.exclude(status=CertStatus.SHIKKOU).values_list("shubetsu", flat=True)
    )


def test_a_tokurei_tennyu_lists_the_card_for_keizoku_within_90_days_of_the_todoke(
    contractor: Any, clerk: Any
) -> None:
    ex = examples.for_kind("tennyu_tokurei", 1)
    run("tennyu_tokurei", ex.entry, contractor, clerk)
    card = Card.objects.get()
    todoke = datetime.date.fromisoformat(ex.entry["todoke_date"])
    assert card.status == CardStatus.KOUFUZUMI
    assert card.keizoku_kigen == todoke + datetime.timedelta(days=90)
    assert card.jumin.atena_bango
    assert card.rireki.get().act == "転入（他市区町村で交付されたカード）"


def test_a_tennyu_without_the_card_lists_nothing(contractor: Any, clerk: Any) -> None:
    ex = examples.for_kind("tennyu", 1)
    run("tennyu", ex.entry, contractor, clerk)
    assert not Card.objects.exists()


def test_a_saitennyu_takes_this_citys_card_to_the_new_juminhyo(db: None) -> None:
    (old,) = r.household(r.TAKAHASHI[:1])
    card = demo.issued(old)
    (moved,) = r.household(r.SATO[:1])  # stands in for the new 住民票
    moved.zen_jumin_id = old.pk
    assert reactions.card_on_tennyu(jumin=moved, ido_date=r.today()) == 1
    card.refresh_from_db()
    assert card.jumin_id == moved.pk
    assert card.keizoku_kigen == r.today() + datetime.timedelta(days=90)


def test_a_tenkyo_lists_the_card_for_hoki_and_ends_the_shomei_certificate(
    contractor: Any, clerk: Any
) -> None:
    ex = examples.for_kind("tenkyo", 1)
    person = Jumin.objects.get(atena_bango=ex.entry["atena_bangos"][0])
    card = demo.issued(person)
    run("tenkyo", ex.entry, contractor, clerk)
    card.refresh_from_db()
    assert card.hoki_since == datetime.date.fromisoformat(ex.entry["tenkyo_date"])
    assert card.hoki_jiyu == "転居（住所）"
    assert _live_certs(card) == {CertShubetsu.RIYOUSHA}
    shomei = card.certificates.get(shubetsu=CertShubetsu.SHOMEI)
    assert shomei.shikkou_jiyu == "kihon_joho"


def _ctx() -> IdoContext:
    return IdoContext(
        acting_user=None, terminal=None, ido_jiyu=IdoJiyu.SHOKKEN_SHUSEI, ido_date=r.today()
    )


def test_a_change_of_shi_lists_the_card_for_hoki_and_ends_the_shomei_certificate(
    ichiro: Jumin,
) -> None:
    card = demo.issued(ichiro)
    update_person(ichiro, {"shi": "高橋"}, _ctx())
    card.refresh_from_db()
    assert card.hoki_jiyu == "氏の変更"
    assert _live_certs(card) == {CertShubetsu.RIYOUSHA}


def test_a_change_of_the_search_furigana_alone_needs_no_hoki(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    update_person(ichiro, {"shi_kana": "タカバシ"}, _ctx())
    card.refresh_from_db()
    assert card.hoki_since is None
    assert _live_certs(card) == {CertShubetsu.RIYOUSHA, CertShubetsu.SHOMEI}


def test_shibou_ends_the_card(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    reactions.card_on_shibou(jumin=ichiro, ido_date=r.today())
    card.refresh_from_db()
    assert card.status == CardStatus.HAISHI
    assert card.haishi_jiyu == HaishiJiyu.SHIBOU
    assert not _live_certs(card)


def test_the_sweep_ends_a_card_whose_keizoku_period_passed_and_keeps_one_within_it(
    takahashi: list[Jumin],
) -> None:
    late, in_time = demo.issued(takahashi[0]), demo.issued(takahashi[1])
    Card.objects.filter(pk=late.pk).update(keizoku_kigen=r.days_ago(1))
    Card.objects.filter(pk=in_time.pk).update(keizoku_kigen=r.today())
    done = tasks.card_shikkou()
    late.refresh_from_db()
    in_time.refresh_from_db()
    assert done["keizoku"] == 1
    assert (late.status, late.haishi_jiyu) == (CardStatus.HAISHI, HaishiJiyu.KEIZOKU_KIGEN)
    assert in_time.status == CardStatus.KOUFUZUMI
    assert reactions.lapse_overdue()["keizoku"] == 0  # idempotent


def test_the_sweep_ends_cards_and_certificates_past_their_yuukou_kigen(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    card.certificates.update(yuukou_kigen=r.days_ago(1))
    assert reactions.lapse_overdue()["certificates"] == 2
    assert card.status == CardStatus.KOUFUZUMI
    Card.objects.filter(pk=card.pk).update(yuukou_kigen=r.days_ago(1))
    assert reactions.lapse_overdue()["kigen"] == 1
    card.refresh_from_db()
    assert card.haishi_jiyu == HaishiJiyu.KIGEN_MANRYO
