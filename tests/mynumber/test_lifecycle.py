"""The card's own life (django-fsm): every transition from every state, the history row
of each move, the certificates through it, and the messages to the card management
system."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django_fsm import TransitionNotAllowed

from counter.models import OutboxMessage
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo, messages, services
from mynumber.models import (
    Card,
    CardStatus,
    CertShubetsu,
    CertStatus,
    HaishiJiyu,
    PinShurui,
    PinSousa,
    Raichousha,
    ShinseiJiyu,
)

pytestmark = pytest.mark.django_db

S = CardStatus
OPEN = {S.SHINSEI, S.KOUFUMAE, S.KOUFUZUMI, S.ICHIJI_TEISHI}
#: transition → (the states it leaves from, the state it reaches)
MATRIX = {
    "uketori": ({S.SHINSEI}, S.KOUFUMAE),
    "koufu": ({S.KOUFUMAE}, S.KOUFUZUMI),
    "teishi": ({S.KOUFUZUMI}, S.ICHIJI_TEISHI),
    "kaijo": ({S.ICHIJI_TEISHI}, S.KOUFUZUMI),
    "hennou": ({S.KOUFUZUMI, S.ICHIJI_TEISHI}, S.HENNOU),
    "haishi": (OPEN, S.HAISHI),
    "kaishu": ({S.HAISHI}, S.KAISHU),
    "torikeshi": ({S.SHINSEI, S.KOUFUMAE}, S.TORIKESHI),
}


@pytest.mark.parametrize("state", list(S), ids=str)
@pytest.mark.parametrize("name", list(MATRIX))
def test_the_transition_matrix(name: str, state: CardStatus, ichiro: Jumin) -> None:
    card = Card(jumin=ichiro, status=state)
    sources, target = MATRIX[name]
    if state in sources:
        getattr(card, name)()
        assert card.status == target
    else:
        with pytest.raises(TransitionNotAllowed):
            getattr(card, name)()


def sent(card: Card) -> list[str]:
    return list(
        OutboxMessage.objects.filter(source_type="mynumber.card", source_id=str(card.pk))
        .order_by("id")
        .values_list("message_type", flat=True)
    )


def test_application_to_koufu_writes_history_certificates_and_the_koufu_message(
    ichiro: Jumin, clerk: Any
) -> None:
    card = demo.received(ichiro)
    assert card.status == S.KOUFUMAE
    assert card.yuukou_kigen is not None
    services.do_issue_card(card, day=r.today(), acting_user=clerk)
    card.refresh_from_db()
    assert card.status == S.KOUFUZUMI
    assert card.koufu_date == r.today()
    acts = list(card.rireki.values_list("act", "from_status", "to_status"))
    assert acts == [
        ("交付申請", "", S.SHINSEI),
        ("交付前設定", S.SHINSEI, S.KOUFUMAE),
        ("交付通知書の発送", S.KOUFUMAE, S.KOUFUMAE),
        ("交付", S.KOUFUMAE, S.KOUFUZUMI),
    ]
    assert card.rireki.last().by == clerk  # type: ignore[union-attr]
    shubetsu = set(card.certificates.values_list("shubetsu", flat=True))
    assert shubetsu == {CertShubetsu.SHOMEI, CertShubetsu.RIYOUSHA}
    assert sent(card) == [messages.KOUFU]


def test_a_card_issued_under_15_carries_no_shomei_certificate(sakura: Jumin) -> None:
    card = demo.issued(sakura)
    assert list(card.certificates.values_list("shubetsu", flat=True)) == [CertShubetsu.RIYOUSHA]


def test_loss_suspends_the_card_revokes_shomei_and_holds_riyousha(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    services.do_suspend(card, day=r.today(), acting_user=None, reason="外出先で紛失")
    states = dict(card.certificates.values_list("shubetsu", "status"))
    assert card.status == S.ICHIJI_TEISHI
    assert states == {
        CertShubetsu.SHOMEI: CertStatus.SHIKKOU,
        CertShubetsu.RIYOUSHA: CertStatus.HORYUU,
    }
    services.do_resume(card, day=r.today(), acting_user=None)
    assert card.status == S.KOUFUZUMI
    live = card.certificates.exclude(status=CertStatus.SHIKKOU)
    assert sorted(live.values_list("shubetsu", "status")) == [
        (CertShubetsu.RIYOUSHA, CertStatus.YUUKOU),
        (CertShubetsu.SHOMEI, CertStatus.YUUKOU),
    ]
    assert card.certificates.filter(shubetsu=CertShubetsu.SHOMEI).count() == 2  # reissued
    assert sent(card)[-2:] == [messages.TEISHI, messages.KAIJO]


def test_hennou_ends_the_card_and_its_certificates_and_tells_haishi_and_kaishu(
    ichiro: Jumin,
) -> None:
    card = demo.issued(ichiro)
    services.do_return(card, day=r.today(), acting_user=None)
    assert card.status == S.HENNOU
    assert not card.certificates.exclude(status=CertStatus.SHIKKOU).exists()
    assert sent(card)[-2:] == [messages.HAISHI, messages.KAISHU]


def test_a_new_card_ends_and_collects_the_one_it_replaces(ichiro: Jumin) -> None:
    old = demo.issued(ichiro)
    new = demo.received(ichiro, shinsei_jiyu=ShinseiJiyu.SAIKOUFU_HASON)
    assert new.kyuu_card == old
    services.do_issue_card(new, day=r.today(), acting_user=None)
    old.refresh_from_db()
    assert old.status == S.KAISHU
    assert old.haishi_jiyu == HaishiJiyu.SAIKOUFU
    assert [a for a in old.rireki.values_list("act", flat=True)][-2:] == [
        "廃止（再交付（新しいカードの交付））",
        "回収",
    ]
    assert sent(old)[-2:] == [messages.HAISHI, messages.KAISHU]


def test_a_person_holds_one_valid_card_at_a_time(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    with pytest.raises(IntegrityError), transaction.atomic():
        Card.objects.create(jumin=ichiro, status=S.KOUFUZUMI)


def test_a_person_has_one_card_pending_at_a_time(ichiro: Jumin) -> None:
    demo.applied(ichiro)
    with pytest.raises(IntegrityError), transaction.atomic():
        demo.applied(ichiro)


def test_an_application_withdrawn_before_koufu_is_torikeshi(ichiro: Jumin) -> None:
    card = demo.received(ichiro)
    services.do_cancel_application(card, day=r.today(), acting_user=None, reason="本人の申出")
    assert card.status == S.TORIKESHI
    assert sent(card) == [messages.HAISHI]  # J-LIS had made it


def test_renewal_moves_the_valid_until_to_the_new_stay(db: None) -> None:
    (an, *_rest) = r.household(r.NGUYEN[:1])
    an.zairyu_shikaku = "技術・人文知識・国際業務"
    an.zairyu_manryo_date = r.today().replace(year=r.today().year + 1)
    an.save(update_fields=["zairyu_shikaku", "zairyu_manryo_date"])
    card = demo.issued(an)
    assert card.yuukou_kigen == an.zairyu_manryo_date
    new_stay = an.zairyu_manryo_date.replace(year=an.zairyu_manryo_date.year + 3)
    services.do_renew_validity(card, day=r.today(), new_stay_until=new_stay, acting_user=None)
    assert card.yuukou_kigen == new_stay
    assert sent(card)[-1] == messages.KOUSHIN


def test_a_dairinin_sets_a_pin_only_with_the_shoukaisho(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    with pytest.raises(services.CardRefused, match="照会書兼回答書"):
        services.do_record_pin_setting(
            card,
            shurui=PinShurui.RIYOUSHA,
            sousa=PinSousa.SAISETTEI,
            raichousha=Raichousha.DAIRININ,
            acting_user=None,
        )
    kiroku = services.do_record_pin_setting(
        card,
        shurui=PinShurui.RIYOUSHA,
        sousa=PinSousa.SAISETTEI,
        raichousha=Raichousha.DAIRININ,
        shoukaisho=True,
        acting_user=None,
    )
    assert kiroku.shoukaisho
    assert card.rireki.last().act == "暗証番号再設定（初期化）"  # type: ignore[union-attr]


def test_the_demo_seeds_cards_in_their_states(takahashi: list[Jumin], db: None) -> None:
    r.household(r.SATO)
    assert demo.seed() == 8
    states = set(Card.objects.values_list("status", flat=True))
    assert states == {S.KOUFUZUMI, S.KOUFUMAE, S.SHINSEI, S.ICHIJI_TEISHI, S.HENNOU}
