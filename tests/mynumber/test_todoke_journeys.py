"""The window's 届出 on a 個人番号カード through the counter's machine (ADR 0037; seed 004:
個人番号（カード紛失）, （カード発見）, （カード再交付申請）, （カード返納）, （カード申請取消）,
（通知書交付）, （カード交付申請書交付）, （通知カード紛失・返納）): issue 13's journeys 紛失 →
発見 and a 再交付申請 whose 1,000円 appears in the 日計表, and each kind's 承認 on the card,
its 電子証明書, the 管理簿 and the messages to the card management system."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from counter import fees
from counter.demo_fees import ensure_demo_fees
from counter.models import FeeRow, OutboxMessage
from counter.procedure_kinds import FeeBasis, documents_of, get_kind
from counter.procedure_models import ProcedureState
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo, messages, services, services_todoke
from mynumber.messages_todoke import TORIKESHI, TSUCHI_CARD
from mynumber.models import (
    Card,
    CardRireki,
    CardStatus,
    CertShubetsu,
    CertStatus,
    DenshiShomeisho,
    HaishiJiyu,
    ShinseiJiyu,
    ShinseishoKoufu,
    TsuchiCardTodoke,
    TsuchishoHenrei,
)
from mynumber.models_tsuchi import HenreiRiyu, HenreiStatus
from stats.nikkei.report import day_report

from ..conftest import login_as
from ..procedures import approve, enter_and_check, run
from ..test_documents import pdftotext, squash
from .todoke import funshitsu, hakken, hennou, problems, saikoufu, todoke

pytestmark = pytest.mark.django_db


def certs(card: Card) -> dict[str, str]:
    """shubetsu → status of the card's certificates not 失効 (the newest of each)."""
    rows = DenshiShomeisho.objects.filter(card=card).exclude(status=CertStatus.SHIKKOU)
    return {c.shubetsu: c.status for c in rows.order_by("id")}


def sent(message_type: str) -> list[dict[str, Any]]:
    return [
        m.payload for m in OutboxMessage.objects.filter(message_type=message_type).order_by("id")
    ]


def test_journey_funshitsu_then_hakken_suspends_then_lifts_and_reissues_the_shomei(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.issued(ichiro)
    assert certs(card) == {
        CertShubetsu.RIYOUSHA: CertStatus.YUUKOU,
        CertShubetsu.SHOMEI: CertStatus.YUUKOU,
    }

    # 紛失: the コールセンター stopped it first; the window records it with its 受付番号
    entry = funshitsu(ichiro, callcenter=True, callcenter_bango="CC-77")
    lost = run("card_funshitsu", entry, contractor, clerk)
    card.refresh_from_db()
    assert card.status == CardStatus.ICHIJI_TEISHI and card.teishi_date == r.today()
    assert certs(card) == {CertShubetsu.RIYOUSHA: CertStatus.HORYUU}  # 署名用: 失効
    last = CardRireki.objects.filter(card=card).latest("id")
    assert "コールセンターで一時停止済み（受付番号 CC-77）" in last.reason
    assert last.procedure_id == lost.pk and last.by_id == clerk.pk
    (teishi,) = sent(messages.TEISHI)
    assert teishi["hakkou_bango"] == card.hakkou_bango
    assert any("警察" in d for d in get_kind("card_funshitsu").handover_documents(lost))

    # 発見: the card shown, the 一時停止 lifted, a new 署名用 issued
    run("card_hakken", hakken(ichiro), contractor, clerk)
    card.refresh_from_db()
    assert card.status == CardStatus.KOUFUZUMI and card.teishi_date is None
    assert certs(card) == {
        CertShubetsu.RIYOUSHA: CertStatus.YUUKOU,
        CertShubetsu.SHOMEI: CertStatus.YUUKOU,
    }
    shomei = DenshiShomeisho.objects.filter(card=card, shubetsu=CertShubetsu.SHOMEI)
    assert [c.status for c in shomei.order_by("id")] == [CertStatus.SHIKKOU, CertStatus.YUUKOU]
    assert len(sent(messages.KAIJO)) == 1


def test_journey_saikoufu_takes_1000_yen_at_the_reji_and_the_nikkei_counts_it(
    ichiro: Jumin, contractor: Any, clerk: Any, supervisor: Any, client: Client
) -> None:
    ensure_demo_fees([contractor.default_terminal])  # 800円 + 200円 in the demo master
    old = demo.issued(ichiro)
    run("card_funshitsu", funshitsu(ichiro), contractor, clerk)

    procedure = approve(enter_and_check("card_saikoufu", saikoufu(ichiro), contractor), clerk)
    lines = get_kind("card_saikoufu").fee_lines(procedure)
    assert [(line.code, line.quantity, line.basis) for line in lines] == [
        ("mynumber_card_saikoufu", 1, FeeBasis.TSUUJOU),
        ("mynumber_denshi_shomeisho", 1, FeeBasis.TSUUJOU),
    ]
    payment = fees.do_handover(
        procedure.reception,
        [procedure],
        received_yen=1000,
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )
    assert payment is not None and (payment.total_yen, payment.change_yen) == (1000, 0)
    procedure.refresh_from_db()
    assert procedure.state == ProcedureState.KOUFU
    assert sorted(FeeRow.objects.values_list("code", "amount_yen")) == [
        ("mynumber_card_saikoufu", 800),
        ("mynumber_denshi_shomeisho", 200),
    ]

    # the lost card ended at the application; the new one 申請中, replacing it
    old.refresh_from_db()
    assert (old.status, old.haishi_jiyu) == (CardStatus.HAISHI, HaishiJiyu.SAIKOUFU)
    new = Card.objects.get(pk=procedure.result["card_id"])
    assert (new.status, new.shinsei_jiyu, new.kyuu_card_id) == (
        CardStatus.SHINSEI,
        ShinseiJiyu.SAIKOUFU_FUNSHITSU,
        old.pk,
    )

    report = day_report(timezone.localdate())
    by_code = {j.code: j for j in report.by_jimu}
    assert by_code["mynumber_card_saikoufu"].figures.fees_yen == 800
    assert by_code["mynumber_denshi_shomeisho"].figures.fees_yen == 200
    assert report.total.fees_yen == 1000
    login_as(client, supervisor)
    page = client.get(reverse("stats:nikkei")).content.decode()
    assert "個人番号カード再交付手数料" in page and "電子証明書発行手数料" in page


def test_a_saikoufu_after_a_theft_is_free_but_counted(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    ensure_demo_fees([contractor.default_terminal])
    demo.issued(ichiro)
    procedure = approve(
        enter_and_check("card_saikoufu", saikoufu(ichiro, riyu="tounan"), contractor), clerk
    )
    payment = fees.do_handover(
        procedure.reception,
        [procedure],
        received_yen=0,
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )
    assert payment is None or payment.total_yen == 0
    rows = FeeRow.objects.values_list("code", "basis", "quantity", "amount_yen")
    assert sorted(rows) == [
        ("mynumber_card_saikoufu", FeeBasis.MENJO, 1, 0),
        ("mynumber_denshi_shomeisho", FeeBasis.MENJO, 1, 0),
    ]


def test_a_saikoufu_for_a_damaged_card_collects_it(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    old = demo.issued(ichiro)
    entry = saikoufu(ichiro, riyu="hason", shoumei_bango="", shoumei_copied=False, check_card=True)
    run("card_saikoufu", entry, contractor, clerk)
    old.refresh_from_db()
    assert old.status == CardStatus.KAISHU and old.kaishu_date == r.today()
    assert len(sent(messages.KAISHU)) == 1


def test_hennou_of_a_valid_card_ends_it_and_tells_jlis_haishi_and_kaishu(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.issued(ichiro)
    proc = run("card_hennou", hennou(ichiro), contractor, clerk)
    card.refresh_from_db()
    assert card.status == CardStatus.HENNOU and certs(card) == {}
    assert [p["jiyu"] for p in sent(messages.HAISHI)] == ["hennou"]
    assert len(sent(messages.KAISHU)) == 1
    assert dict(proc.result["rows"])["返納の義務"].startswith("なし")


def test_a_card_found_after_its_saikoufu_is_returned_and_collected(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    old = demo.issued(ichiro)
    run("card_funshitsu", funshitsu(ichiro), contractor, clerk)
    run("card_saikoufu", saikoufu(ichiro), contractor, clerk)
    # found: not lifted (the card ended by the 再交付) but given back
    (message,) = [m for f, m in problems("card_hakken", hakken(ichiro)) if f == "atena_bango"]
    assert "返納" in message and "施行令第15条" in message
    proc = run("card_hennou", hennou(ichiro, jiyu="hakken"), contractor, clerk)
    old.refresh_from_db()
    assert old.status == CardStatus.KAISHU
    assert dict(proc.result["rows"])["返納の義務"].startswith("あり")


def test_shinsei_torikeshi_before_delivery_sends_its_own_message(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.applied(ichiro)
    run("shinsei_torikeshi", todoke(ichiro, riyu="写真の撮り直し"), contractor, clerk)
    card.refresh_from_db()
    assert card.status == CardStatus.TORIKESHI
    (message,) = sent(TORIKESHI)
    assert message["atena_bango"] == ichiro.atena_bango and message["shinsei_date"]


def test_shinsei_torikeshi_of_a_delivered_card_ends_it_at_jlis(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.received(ichiro)
    run("shinsei_torikeshi", todoke(ichiro, riyu="不要になった"), contractor, clerk)
    card.refresh_from_db()
    assert card.status == CardStatus.TORIKESHI
    assert [p["jiyu"] for p in sent(messages.HAISHI)] == ["torikeshi"] and not sent(TORIKESHI)


def test_tsuchisho_koufu_writes_the_kanribo_and_a_second_visit_is_refused(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    henrei = services_todoke.do_henrei_uketsuke(
        ichiro, henrei_date=r.days_ago(10), riyu=HenreiRiyu.HOKAN_KIKAN, acting_user=clerk
    )
    entry = todoke(
        ichiro,
        raichousha="dairinin",
        dairinin_shimei="髙橋　花子",
        dairiken="ininjo",
        honnin_kakunin="passport",
        check_henrei_bunsho=True,
    )
    run("tsuchisho_koufu", entry, contractor, clerk)
    henrei.refresh_from_db()
    assert henrei.status == HenreiStatus.KOUFU and henrei.koufu_date == r.today()
    assert (henrei.uketorinin_shimei, henrei.uketorinin_kubun) == ("髙橋　花子", "dairinin")
    assert (henrei.honnin_kakunin, henrei.dairiken) == ("passport", "ininjo")
    acts = list(henrei.rireki.values_list("act", "to_status"))
    assert acts == [("返戻の受付", "hokan"), ("窓口で交付", "koufu")]
    (message,) = [m for f, m in problems("tsuchisho_koufu", entry) if f == "atena_bango"]
    assert "交付済" in message


def test_the_city_destroys_returned_tsuchisho_past_its_keeping_period(ichiro: Jumin) -> None:
    old = services_todoke.do_henrei_uketsuke(
        ichiro, henrei_date=r.days_ago(400), riyu=HenreiRiyu.ATESHO_NASHI, acting_user=None
    )
    fresh = services_todoke.do_henrei_uketsuke(
        ichiro, henrei_date=r.days_ago(10), riyu=HenreiRiyu.ATESHO_NASHI, acting_user=None
    )
    assert services_todoke.do_haiki_expired(r.today()) == 1
    assert services_todoke.do_haiki_expired(r.today()) == 0  # idempotent
    assert TsuchishoHenrei.objects.get(pk=old.pk).status == HenreiStatus.HAIKI
    assert TsuchishoHenrei.objects.get(pk=fresh.pk).status == HenreiStatus.HOKAN


def test_koufu_shinseisho_records_and_prints_the_shinseisho_id_with_its_qr(
    ichiro: Jumin, contractor: Any, clerk: Any, tmp_path: Path
) -> None:
    proc = run("koufu_shinseisho", todoke(ichiro, fuutou=True), contractor, clerk)
    row = ShinseishoKoufu.objects.get(procedure=proc)
    assert len(row.shinseisho_id) == 23 and row.shinseisho_id.isdigit() and row.fuutou
    assert (row.uketorinin_shimei, row.honnin_kakunin) == (ichiro.full_name, "driver_license")
    (doc,) = documents_of(proc)
    pdf = doc.render()
    assert pdf.startswith(b"%PDF")
    text = squash(pdftotext(pdf, tmp_path))
    assert row.shinseisho_id in text and "個人番号カード交付申請書" in text
    assert ichiro.kojin_bango not in text  # the 申請書ID names it, never the 個人番号
    second = run("koufu_shinseisho", todoke(ichiro), contractor, clerk)
    assert ShinseishoKoufu.objects.get(procedure=second).shinseisho_id != row.shinseisho_id


def test_tsuchi_card_funshitsu_then_hennou_records_both_and_the_cs_joukyou(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    entry = todoke(
        ichiro, jiyu="funshitsu", funshitsu_date=r.days_ago(2).isoformat(), keisatsu_todoke=False
    )
    run("tsuchi_card_funshitsu", entry, contractor, clerk)
    run(
        "tsuchi_card_hennou",
        todoke(ichiro, jiyu="kokugai_tenshutsu", check_card=True),
        contractor,
        clerk,
    )
    rows = list(TsuchiCardTodoke.objects.order_by("id").values_list("kind", "kanpu"))
    assert rows == [("funshitsu", False), ("hennou", True)]
    assert [(m["joukyou"], m["kanpu"]) for m in sent(TSUCHI_CARD)] == [
        ("funshitsu", False),
        ("hennou", True),
    ]


def test_the_old_card_found_after_the_new_one_was_handed_over_is_collected_alone(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    old = demo.issued(ichiro)
    run("card_funshitsu", funshitsu(ichiro), contractor, clerk)
    new = Card.objects.get(
        pk=run("card_saikoufu", saikoufu(ichiro), contractor, clerk).result["card_id"]
    )
    services.do_receive_cards(
        new,
        hakkou_bango=demo.hakkou_bango(),
        hakkou_date=r.today(),
        settei_date=r.today(),
        acting_user=None,
    )
    # the lost card cannot be handed in at the new card's 交付: it was ended, not collected
    services.do_issue_card(new, day=r.today(), acting_user=None, kyuu_kaishu=False)
    (message,) = [m for f, m in problems("card_hakken", hakken(ichiro)) if f == "atena_bango"]
    assert "返納" in message
    run("card_hennou", hennou(ichiro, jiyu="hakken"), contractor, clerk)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (CardStatus.KAISHU, CardStatus.KOUFUZUMI)
