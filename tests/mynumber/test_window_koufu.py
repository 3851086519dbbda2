"""カード交付（再交付含む） (seed 004: 個人番号（カード交付（再交付含む））): each rule of
the window, and the journey 交付前設定 → 交付 through the counter's machine."""

from __future__ import annotations

from typing import Any

import pytest

from counter import services
from counter.models import OutboxMessage
from counter.procedure_kinds import documents_of, get_kind
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo, examples_kofu, messages
from mynumber.card_koufu.plan import KYUU_RULE, TSUCHISHO_RULE
from mynumber.kernel import rules, visit_rules
from mynumber.models import (
    Card,
    CardStatus,
    CertShubetsu,
    CertStatus,
    DenshiShomeisho,
    PinSetteiKiroku,
)

from ..procedures import enter_and_check, run
from .window import refusals

pytestmark = pytest.mark.django_db

DAIRININ = {
    "raichousha": "dairinin",
    "dairinin_shimei": "髙橋　花子",
    "shoukaisho": True,
    "fuzai_riyu": "byouki",
    "sonmei": True,
}


def koufu_entry(person: Jumin, **changes: Any) -> dict[str, Any]:
    return examples_kofu.koufu_entry(person.atena_bango, **changes)


def test_only_a_card_set_up_is_handed_over(ichiro: Jumin) -> None:
    demo.applied(ichiro)  # 申請中: not yet 交付前設定
    problems = refusals("card_koufu", koufu_entry(ichiro))
    assert "交付前設定が済んだ" in problems["atena_bango"][0]


def test_the_tsuchisho_is_checked(ichiro: Jumin) -> None:
    demo.received(ichiro)
    problems = refusals("card_koufu", koufu_entry(ichiro, tsuchisho="nashi"))
    assert TSUCHISHO_RULE in problems["tsuchisho"][0]


def test_one_id_without_a_photo_is_not_enough(ichiro: Jumin) -> None:
    demo.received(ichiro)
    problems = refusals("card_koufu", koufu_entry(ichiro, honnin_kakunin="hokensho"))
    assert visit_rules.KAKUNIN_RULE in problems["honnin_kakunin_2"][0]


def test_two_ids_without_a_photo_are_enough(ichiro: Jumin) -> None:
    demo.received(ichiro)
    entry = koufu_entry(ichiro, honnin_kakunin="hokensho", honnin_kakunin_2="nenkin_techo")
    assert refusals("card_koufu", entry) == {}


def test_under_15_the_houtei_dairinin_comes(sakura: Jumin) -> None:
    demo.received(sakura)
    entry = koufu_entry(sakura, cs_shomei=False)
    assert rules.HOUTEI_RULE in refusals("card_koufu", entry)["raichousha"][0]
    assert refusals("card_koufu", {**entry, "raichousha": "houtei"}) == {}


def test_a_seinen_hikoukennin_comes_with_the_houtei_dairinin(ichiro: Jumin) -> None:
    demo.received(ichiro)
    entry = koufu_entry(ichiro, seinen_hikoukennin=True)
    assert rules.HOUTEI_RULE in refusals("card_koufu", entry)["raichousha"][0]


def test_a_dairinin_needs_the_shoukaisho_kaitousho(ichiro: Jumin) -> None:
    demo.received(ichiro)
    entry = koufu_entry(ichiro, **{**DAIRININ, "shoukaisho": False})
    assert rules.DAIRININ_RULE in refusals("card_koufu", entry)["shoukaisho"][0]


def test_a_dairinin_needs_the_reason_the_holder_cannot_come_and_its_proof(ichiro: Jumin) -> None:
    demo.received(ichiro)
    entry = koufu_entry(ichiro, **{**DAIRININ, "fuzai_riyu": "", "sonmei": False})
    problems = refusals("card_koufu", entry)
    assert visit_rules.FUZAI_RULE in problems["fuzai_riyu"][0]
    assert visit_rules.FUZAI_RULE in problems["sonmei"][0]
    assert refusals("card_koufu", koufu_entry(ichiro, **DAIRININ)) == {}


@pytest.mark.parametrize("pin", visit_rules.PINS, ids=lambda pin: pin.field)
def test_each_pin_is_set_at_the_koufu(ichiro: Jumin, pin: visit_rules.Pin) -> None:
    demo.received(ichiro)
    problems = refusals("card_koufu", koufu_entry(ichiro, **{pin.field: False}))
    assert visit_rules.PIN_RULE in problems[pin.field][0]


def test_no_shomei_pin_under_15(sakura: Jumin) -> None:
    demo.received(sakura)
    entry = koufu_entry(sakura, raichousha="houtei", cs_shomei=True)
    assert visit_rules.SHOMEI_RULE in refusals("card_koufu", entry)["cs_shomei"][0]


def test_a_held_card_must_be_named_as_the_old_card(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    demo.received(ichiro, shinsei_jiyu="koushin")
    assert KYUU_RULE in refusals("card_koufu", koufu_entry(ichiro))["kyuu_card"][0]


def test_the_old_card_ends_and_is_collected_at_the_koufu(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    old = demo.issued(ichiro)
    new = demo.received(ichiro, shinsei_jiyu="koushin")
    entry = koufu_entry(ichiro, kyuu_card="mynumber_card", kyuu_kaishu=True)
    run("card_koufu", entry, contractor, clerk)
    assert Card.objects.get(pk=old.pk).status == CardStatus.KAISHU
    assert Card.objects.get(pk=new.pk).status == CardStatus.KOUFUZUMI


def test_under_15_no_shomei_certificate_is_issued(
    sakura: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.received(sakura)
    run("card_koufu", koufu_entry(sakura, raichousha="houtei", cs_shomei=False), contractor, clerk)
    kinds = set(DenshiShomeisho.objects.filter(card=card).values_list("shubetsu", flat=True))
    assert kinds == {CertShubetsu.RIYOUSHA}


def test_journey_kofu_mae_settei_then_koufu(ichiro: Jumin, contractor: Any, clerk: Any) -> None:
    """申請中 → 交付前設定 (交付通知書) → 交付 (PINs recorded, 受領書) through the machine."""
    card = demo.applied(ichiro)
    settei = {
        "atena_bango": ichiro.atena_bango,
        "hakkou_bango": "D88000000001",
        "hakkou_date": r.days_ago(3).isoformat(),
        "settei_date": r.today().isoformat(),
        "check_shimei": True,
        "check_jusho": True,
        "check_seinengappi": True,
        "check_seibetsu": True,
        "check_shashin": True,
        "kekka": "settei",
        "horyuu_riyu": "",
    }
    settei_proc = run("kofu_mae_settei", settei, contractor, clerk)
    (tsuchisho,) = documents_of(settei_proc)
    assert tsuchisho.render().startswith(b"%PDF")
    card.refresh_from_db()
    assert card.status == CardStatus.KOUFUMAE

    koufu = enter_and_check("card_koufu", koufu_entry(ichiro), contractor)
    assert get_kind("card_koufu").review(koufu)  # 審査 shows the before/after
    koufu = services.do_approve(koufu, acting_user=clerk, terminal=None)
    koufu = services.do_issue(koufu, acting_user=contractor, terminal=None)
    card.refresh_from_db()
    assert card.status == CardStatus.KOUFUZUMI and card.koufu_date == r.today()
    certs = DenshiShomeisho.objects.filter(card=card, status=CertStatus.YUUKOU)
    assert {c.shubetsu for c in certs} == {CertShubetsu.SHOMEI, CertShubetsu.RIYOUSHA}
    recorded = PinSetteiKiroku.objects.filter(card=card, procedure=koufu)
    assert {k.shurui for k in recorded} == {pin.shurui for pin in visit_rules.PINS}
    assert OutboxMessage.objects.filter(
        message_type=messages.KOUFU, source_id=str(card.pk)
    ).exists()
    (juryousho,) = documents_of(koufu)
    assert juryousho.slug == "juryousho" and juryousho.render().startswith(b"%PDF")
    assert "受領書" in " ".join(get_kind("card_koufu").handover_documents(koufu))
