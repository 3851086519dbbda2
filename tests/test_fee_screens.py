"""The fee screens: 交付 with お預かり金額, the 領収書, 返金, 収納一覧, 手数料マスタ."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter import fees
from counter.forms_fees import PaymentHandoverForm, TesuryoForm
from counter.models import FeeRow, FeeRowKind, Payment, TesuryoMaster
from counter.procedure_models import ProcedureState
from jputil.wareki import to_wareki

from .conftest import login_as
from .fee_stub import (  # noqa: F401  (fixtures)
    JUMINHYO,
    approved_fee,
    fee_kind_fixture,
    price_300_fixture,
    reji_fixture,
)
from .test_documents import pdftotext, squash

S = ProcedureState
SINCE = datetime.date(2020, 1, 1)


def token() -> str:
    return uuid.uuid4().hex


def handover_url(proc: Any) -> str:
    return f"/receptions/{proc.reception_id}/handover/"


def paid(proc: Any, user: Any, received: int = 1000) -> Payment:
    payment = fees.do_handover(
        proc.reception,
        [proc],
        received_yen=received,
        acting_user=user,
        terminal=user.default_terminal,
    )
    assert payment is not None
    return payment


# --------------------------------------------------------------------------- 交付


@pytest.mark.django_db
@pytest.mark.usefixtures("fee_kind", "price_300", "reji")
class TestHandoverScreen:
    def test_the_screen_shows_unit_quantity_amount_and_total(
        self, client: Client, contractor, clerk
    ) -> None:
        proc = approved_fee(contractor, clerk, copies=2)
        login_as(client, contractor)
        page = client.get(handover_url(proc)).content.decode()
        assert "住民票の写し" in page and "300円" in page and "600円" in page
        assert "お預かり金額" in page and 'name="received_yen"' in page

    def test_1000_yen_for_300_yen_shows_700_yen_change(
        self, client: Client, contractor, clerk
    ) -> None:
        proc = approved_fee(contractor, clerk)
        login_as(client, contractor)
        response = client.post(
            handover_url(proc),
            {"received_yen": "１,０００円", "confirmed": "on", "form_token": token()},
            follow=True,
        )
        page = response.content.decode()
        assert "お釣り 700円" in page and "領収書（PDF）" in page
        proc.refresh_from_db()
        assert proc.state == S.KOUFU

    def test_short_cash_is_refused_next_to_the_field_keeping_what_was_typed(
        self, client: Client, contractor, clerk
    ) -> None:
        proc = approved_fee(contractor, clerk)
        login_as(client, contractor)
        response = client.post(
            handover_url(proc), {"received_yen": "200", "confirmed": "on", "form_token": token()}
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["received_yen"] == ["お預かり金額が手数料の合計300円に100円足りません。"]
        assert 'value="200"' in response.content.decode()
        proc.refresh_from_db()
        assert proc.state == S.SHOUNIN and not FeeRow.objects.exists()

    def test_a_double_submit_takes_one_fee(self, client: Client, contractor, clerk) -> None:
        proc = approved_fee(contractor, clerk)
        login_as(client, contractor)
        data = {"received_yen": "500", "confirmed": "on", "form_token": token()}
        first = client.post(handover_url(proc), data)
        again = client.post(handover_url(proc), data)
        assert first.status_code == again.status_code == 302
        assert Payment.objects.count() == 1 and FeeRow.objects.count() == 1

    def test_no_price_in_the_master_is_shown_not_a_500(
        self, client: Client, contractor, clerk
    ) -> None:
        proc = approved_fee(contractor, clerk)
        TesuryoMaster.objects.all().delete()
        login_as(client, contractor)
        response = client.get(handover_url(proc))
        assert response.status_code == 200
        page = response.content.decode()
        assert "手数料マスタに「住民票の写し」" in page and "交付 (Alt+K)" not in page

    def test_the_receipt_pdf_holds_number_date_reji_lines_and_sums(
        self, client: Client, contractor, clerk, tmp_path: Path
    ) -> None:
        proc = approved_fee(contractor, clerk, copies=2)
        payment = paid(proc, contractor, 1000)
        login_as(client, contractor)
        response = client.get(f"/receptions/{proc.reception_id}/receipt.pdf")
        assert response["Content-Type"] == "application/pdf"
        text = squash(pdftotext(response.content, tmp_path))
        assert "領収書" in text and f"領収書番号{payment.receipt_no}" in text
        assert squash(to_wareki(payment.business_date)) in text
        assert "窓口1レジ" in text and "住民票の写し" in text
        assert "600円" in text and "1000円" in text and "400円" in text


# --------------------------------------------------------------------------- 返金


@pytest.mark.django_db
@pytest.mark.usefixtures("fee_kind", "price_300", "reji")
class TestRefundScreen:
    def test_a_clerk_refunds_with_a_reason(self, client: Client, contractor, clerk) -> None:
        proc = approved_fee(contractor, clerk)
        paid(proc, contractor)
        row = FeeRow.objects.get()
        login_as(client, clerk)
        url = f"/receptions/{proc.reception_id}/refund/"
        response = client.post(url, {"row": str(row.pk), "reason": "", "form_token": token()})
        assert response.context["form"].errors["reason"] == ["返金の理由を入力してください。"]
        client.post(url, {"row": str(row.pk), "reason": "誤交付", "form_token": token()})
        refund = FeeRow.objects.get(kind=FeeRowKind.HENKIN)
        assert (refund.amount_yen, refund.reason, refund.refund_of_id) == (-300, "誤交付", row.pk)

    def test_a_contractor_cannot_open_the_refund_screen(
        self, client: Client, contractor, clerk
    ) -> None:
        proc = approved_fee(contractor, clerk)
        login_as(client, contractor)
        assert client.get(f"/receptions/{proc.reception_id}/refund/").status_code == 403


# --------------------------------------------------------------------------- lists


def fee_rows(count: int, contractor: Any, clerk: Any) -> None:
    for _ in range(count):
        paid(approved_fee(contractor, clerk), contractor, 300)


@pytest.mark.django_db
@pytest.mark.usefixtures("fee_kind", "price_300", "reji")
def test_the_days_fee_rows_take_a_fixed_number_of_queries(
    client: Client, contractor, clerk, django_assert_num_queries
) -> None:
    fee_rows(2, contractor, clerk)
    login_as(client, clerk)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/fees/").status_code == 200
    fee_rows(8, contractor, clerk)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get("/fees/").content.decode()
    assert body.count(">返金</a>") == 10 and "3000円" in body


@pytest.mark.django_db
def test_the_fee_master_takes_a_fixed_number_of_queries(
    client: Client, administrator, django_assert_num_queries
) -> None:
    def add(n: int) -> None:
        TesuryoMaster.objects.bulk_create(
            TesuryoMaster(code=f"code{i}", label=f"事務{i}", amount_yen=300, valid_from=SINCE)
            for i in range(n)
        )

    add(1)
    login_as(client, administrator)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/fees/master/").status_code == 200
    TesuryoMaster.objects.all().delete()
    add(40)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get("/fees/master/").content.decode()
    assert body.count("事務") >= 40


@pytest.mark.django_db
def test_an_administrator_adds_a_price_from_a_later_date(client: Client, administrator) -> None:
    login_as(client, administrator)
    start = timezone.localdate() + datetime.timedelta(days=30)
    client.post(
        "/fees/master/",
        {
            "code": JUMINHYO,
            "label": "住民票の写し",
            "amount_yen": "350",
            "valid_from": start.isoformat(),
            "form_token": token(),
        },
    )
    assert TesuryoMaster.objects.get().amount_yen == 350
    response = client.post(
        "/fees/master/",
        {
            "code": JUMINHYO,
            "label": "住民票の写し",
            "amount_yen": "400",
            "valid_from": "R1.5.1",
            "form_token": token(),
        },
    )
    assert "適用開始日は明日以降" in response.context["form"].errors["valid_from"][0]


# --------------------------------------------------------------------------- forms


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=20), st.integers().map(str), st.just("１,０００円")))
def test_the_payment_form_never_fails_and_speaks_japanese(received: str) -> None:
    form = PaymentHandoverForm(data={"received_yen": received, "confirmed": "on"})
    if form.is_valid():
        assert 0 <= form.cleaned_data["received_yen"] <= fees.MAX_RECEIVED_YEN
    else:
        for message in form.errors["received_yen"]:
            assert "お預かり金額" in message


@settings(max_examples=100, deadline=None)
@given(
    st.text(max_size=45),
    st.text(max_size=55),
    st.text(max_size=12),
    st.text(max_size=20),
)
def test_the_master_form_never_fails(code: str, label: str, amount: str, day: str) -> None:
    form = TesuryoForm(data={"code": code, "label": label, "amount_yen": amount, "valid_from": day})
    if form.is_valid():
        assert isinstance(form.cleaned_data["valid_from"], datetime.date)
    else:
        assert all(form.errors.values())


# --------------------------------------------------------------------------- demo, sample


@pytest.mark.django_db
def test_the_sample_receipt_needs_no_saved_payment(tmp_path: Path) -> None:
    from counter.ryoshusho import build_sample_ryoshusho

    text = squash(pdftotext(build_sample_ryoshusho(), tmp_path))
    assert "領収書" in text and "住民票の写し" in text and "400円" in text


@pytest.mark.django_db
def test_the_demo_city_charges_300_yen_and_has_a_reji_per_window() -> None:
    from counter.models import Reji
    from juki.demo.staff import DEMO_WINDOWS, ensure_demo_staff

    ensure_demo_staff()
    ensure_demo_staff()  # idempotent
    today = timezone.localdate()
    for code in ("juminhyo_utsushi", "johyo_utsushi", "kisai_jiko", "fuzaiju", "jukyo_hyoji"):
        assert fees.tesuryo_on(code, today).amount_yen == 300
    assert sorted(Reji.objects.values_list("terminal__code", flat=True)) == sorted(DEMO_WINDOWS)
