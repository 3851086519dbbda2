"""Issue 10's whole journey through the screens: 本人 asks for a 住民票の写し of the whole
household with 続柄 → 審査 (承認) → 交付 with 1,000円 given for a 300円 fee and 700円
change → the 日計表 shows one issue and 300円; the copy's text holds the 認証文, its
発行番号 and 和暦 dates, and the QR page confirms it without personal data.

And the 文字超過リスト (標準仕様書 j1070) before anything is printed: an item too long for
its box is listed on the 審査 screen and kept with the approval.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.records import KoufuRireki
from counter import services
from counter.models import Payment, Reji, TesuryoMaster
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState
from counter.shomei import qr
from jputil import wareki
from juki.demo import residents as r
from juki.models import Jumin

from ..conftest import login_as
from ..test_documents import pdftotext, squash
from .test_window_journey import enter, honnin

pytestmark = pytest.mark.django_db

S = ProcedureState


def _reception(contractor: Any, head: Jumin) -> Procedure:
    reception = services.do_receive(
        acting_user=contractor,
        terminal=contractor.default_terminal,
        category="shomei",
        visitor_kind="honnin",
        visitor_name=head.full_name,
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=["juminhyo_utsushi"],
    )
    return reception.procedures.get()


def _check(client: Client, procedure: Procedure) -> None:
    url = reverse("counter:procedure_check", args=[procedure.pk])
    blocks = [str(b.index) for b in client.get(url).context["blocks"]]
    response = client.post(url, {"block": blocks, "form_token": uuid.uuid4().hex})
    assert response.status_code == 302


def _approve(client: Client, procedure: Procedure) -> None:
    response = client.post(
        reverse("counter:review_approve", args=[procedure.pk]),
        {"confirmed": "on", "form_token": uuid.uuid4().hex},
    )
    assert response.status_code == 302
    assert Procedure.objects.get(pk=procedure.pk).state == S.SHOUNIN


def test_honnin_gets_the_household_copy_pays_and_the_day_and_the_qr_page_show_it(
    client: Client, contractor: Any, clerk: Any, supervisor: Any, tmp_path: Path
) -> None:
    household = r.household(r.TAKAHASHI[:3])
    head = household[0]
    TesuryoMaster.objects.create(
        code="juminhyo_utsushi",
        label="住民票の写し",
        amount_yen=300,
        valid_from=datetime.date(2000, 4, 1),
    )
    Reji.objects.create(code="R1", name="窓口1レジ", terminal=contractor.default_terminal)
    procedure = _reception(contractor, head)

    login_as(client, contractor)
    enter(
        client,
        procedure,
        {
            **honnin(head),
            "atena_bangos": [head.atena_bango],
            "setai_zenin": True,
            "style": "renki",
            "kisai": ["setai_nushi_zokugara"],
            "tsusu": 1,
        },
    )
    _check(client, procedure)
    login_as(client, clerk)
    _approve(client, procedure)

    # 呼出, then 交付: the screen shows 300円 due; 1,000円 given, 700円 back
    login_as(client, contractor)
    reception = procedure.reception
    assert client.post(reverse("counter:call_post", args=[reception.pk])).status_code == 302
    page = client.get(reverse("counter:handover", args=[reception.pk])).content.decode()
    assert "300" in page and "住民票の写し" in page
    response = client.post(
        reverse("counter:handover", args=[reception.pk]),
        {"received_yen": "1000", "confirmed": "on", "form_token": uuid.uuid4().hex},
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (payment.total_yen, payment.received_yen, payment.change_yen) == (300, 1000, 700)
    assert Procedure.objects.get(pk=procedure.pk).state == S.KOUFU

    # the 日計表 of the day: one issue, 300円, under 住民票の写し
    login_as(client, supervisor)
    day = timezone.localdate()
    report = client.get(reverse("stats:nikkei"), {"day": day.isoformat()}).context["report"]
    (line,) = report.by_jimu
    assert (line.code, line.figures.issued, line.figures.fees_yen) == ("juminhyo_utsushi", 1, 300)
    assert report.total.net_yen == 300

    # the copy handed over: 認証文, its 発行番号, 和暦 dates, every member with 続柄
    row = KoufuRireki.objects.get(procedure=procedure)
    (copy,) = get_kind("juminhyo_utsushi").documents(Procedure.objects.get(pk=procedure.pk))
    text = squash(pdftotext(copy.render(), tmp_path))
    assert "この写しは、世帯全員の住民票の原本と相違ないことを証明する。" in text
    assert "".join(row.hakko_bangos[0].split()) in text
    assert squash(wareki.to_wareki(day)) in text
    assert squash(wareki.to_wareki(head.seinengappi)) in text
    assert all(squash(p.full_name) in text for p in household)
    assert "世帯主" in text and "見本" not in text

    # the QR code's page confirms the copy: 発行番号, date, kind, pages; no personal data
    (kiroku,) = [c.kiroku for c in row.copies.select_related("kiroku")]
    client.logout()
    token = qr.token_for(kiroku.issued_on, kiroku.serial)
    page = client.get(reverse("hakko:verify", kwargs={"token": token}))
    assert page.status_code == 200
    html = page.content.decode()
    assert kiroku.hakko_bango in html and "住民票の写し" in html
    assert all(p.shi not in html and p.mei not in html for p in household)
    assert head.banchi not in html


def test_the_review_lists_what_will_not_print_in_full_and_the_approval_keeps_it(
    client: Client, contractor: Any, clerk: Any
) -> None:
    (person,) = r.household(r.TAKAHASHI[:1])
    long = "東京都墨田区吾妻橋一丁目" * 12
    Jumin.objects.filter(pk=person.pk).update(zenjusho=long)
    person.refresh_from_db()
    procedure = _reception(contractor, person)
    login_as(client, contractor)
    enter(
        client,
        procedure,
        {
            **honnin(person),
            "atena_bangos": [person.atena_bango],
            "style": "renki",
            "kisai": ["zenjusho"],
            "tsusu": 1,
        },
    )
    _check(client, procedure)

    login_as(client, clerk)
    review = client.get(reverse("counter:review_detail", args=[procedure.pk])).content.decode()
    assert "文字超過リスト" in review and "従前の住所（文字超過）" in review and long in review
    _approve(client, procedure)
    kept = get_kind("juminhyo_utsushi").review(Procedure.objects.get(pk=procedure.pk))
    (listed,) = [b for b in kept if b.title == "文字超過リスト"]
    assert [row.after for row in listed.rows] == [long]
