"""The 閲覧's fee through the レジ (ADR 0033, amended): the persons transcribed become one
FeeRow of code "etsuran" taken by counter.charges.do_charge, so the 日計表 shows the 閲覧
like any fee; 公用 is counted at 0円; a refund and an adjustment work as for others; a
visit is charged once."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates.etsuran import services
from certificates.etsuran.forms import ShuunouForm
from certificates.etsuran.models import EtsuranKai
from counter import fees
from counter.models import AuditLog, FeeRow, FeeRowKind, Payment, Reji
from counter.procedure_kinds import FeeBasis
from counter.refusals import ProcedureRefused
from stats.nikkei.report import day_report
from tests.factories import StaffUserFactory

from ..conftest import login_as
from ..factories import ChouazaFactory, JuminFactory, register_household
from .etsuran_helpers import UNIT_YEN, price, visit

pytestmark = pytest.mark.django_db


def _street(n: int) -> Any:
    chouaza = ChouazaFactory()
    register_household(
        *[JuminFactory.build(shi=f"閲覧{i:03d}", banchi=f"{i}番") for i in range(n)],
        chouaza=chouaza,
    )
    return chouaza


@pytest.fixture
def reji(window_terminal: Any) -> Reji:
    return Reji.objects.create(code="R1", name="窓口1レジ", terminal=window_terminal)


@pytest.fixture
def window_clerk(window_terminal: Any) -> Any:
    from counter.roles import Role

    return StaffUserFactory(
        username="madoguchi_shokuin",
        display_name="窓口　職員",
        default_terminal=window_terminal,
        roles=[Role.CLERK],
    )


def ended(clerk: Any, second_clerk: Any, n: int, tenki: int, **overrides: Any) -> EtsuranKai:
    price()
    kai = visit(clerk, second_clerk, _street(n), **overrides)
    services.record_shown(kai, count=n, printed=False, user=clerk)
    return services.do_shuryo(kai, tenki_kensu=tenki, acting_user=clerk)


def _etsuran_line(day: datetime.date) -> Any:
    (line,) = [line for line in day_report(day).by_jimu if line.code == "etsuran"]
    return line


def test_a_visit_of_n_persons_is_in_the_nikkei_under_etsuran_with_n_times_the_price(
    clerk, second_clerk, reji, window_terminal
) -> None:
    kai = ended(clerk, second_clerk, 5, 4)
    payment = services.do_shuunou(
        kai, received_yen=2000, acting_user=clerk, terminal=window_terminal
    )
    assert (payment.total_yen, payment.change_yen, payment.reception_id) == (1200, 800, None)
    (row,) = FeeRow.objects.filter(payment=payment)
    assert (row.code, row.quantity, row.unit_yen, row.amount_yen) == ("etsuran", 4, 300, 1200)
    line = _etsuran_line(timezone.localdate())
    assert line.label == "住民基本台帳の閲覧"
    assert (line.figures.issued, line.figures.fees_yen) == (4, 4 * UNIT_YEN)
    assert fees.expected_cash(reji, timezone.localdate()) == 4 * UNIT_YEN
    assert EtsuranKai.objects.get(pk=kai.pk).payment_id == payment.pk


def test_koyo_etsuran_is_a_zero_yen_row_counted_under_kouyou(
    clerk, second_clerk, reji, window_terminal
) -> None:
    kai = ended(
        clerk, second_clerk, 3, 3, moushidesha_kubun="kikan", mokuteki="koyo",
        moushidesha_name="見本県選挙管理委員会",
    )  # fmt: skip
    payment = services.do_shuunou(
        kai, received_yen=None, acting_user=clerk, terminal=window_terminal
    )
    (row,) = FeeRow.objects.filter(payment=payment)
    assert (row.basis, row.quantity, row.amount_yen) == (FeeBasis.KOUYOU, 3, 0)
    line = _etsuran_line(timezone.localdate())
    assert (line.figures.kouyou, line.figures.issued, line.figures.fees_yen) == (3, 0, 0)


def test_a_visit_is_charged_once(clerk, second_clerk, reji, window_terminal) -> None:
    kai = ended(clerk, second_clerk, 2, 2)
    services.do_shuunou(kai, received_yen=600, acting_user=clerk, terminal=window_terminal)
    with pytest.raises(services.EtsuranRefused, match="既に収納"):
        services.do_shuunou(kai, received_yen=600, acting_user=clerk, terminal=window_terminal)
    assert FeeRow.objects.count() == 1
    assert _etsuran_line(timezone.localdate()).figures.fees_yen == 600


def test_the_fee_is_taken_only_after_the_visit_ended(
    clerk, second_clerk, reji, window_terminal
) -> None:
    price()
    kai = visit(clerk, second_clerk, _street(1))
    with pytest.raises(services.EtsuranRefused, match="閲覧を終了"):
        services.do_shuunou(kai, received_yen=300, acting_user=clerk, terminal=window_terminal)
    assert not Payment.objects.exists()


def test_nothing_transcribed_is_nothing_to_take(clerk, second_clerk, reji, window_terminal) -> None:
    kai = ended(clerk, second_clerk, 2, 0)
    with pytest.raises(services.EtsuranRefused, match="0件"):
        services.do_shuunou(kai, received_yen=0, acting_user=clerk, terminal=window_terminal)


def test_a_terminal_without_a_reji_takes_no_etsuran_fee(clerk, second_clerk, reji) -> None:
    kai = ended(clerk, second_clerk, 1, 1)
    with pytest.raises(ProcedureRefused, match="レジが設定されていない"):
        services.do_shuunou(
            kai, received_yen=300, acting_user=clerk, terminal=clerk.default_terminal
        )
    assert EtsuranKai.objects.get(pk=kai.pk).payment_id is None


def test_short_cash_is_refused_on_the_received_field(
    clerk, second_clerk, reji, window_terminal
) -> None:
    kai = ended(clerk, second_clerk, 3, 3)
    with pytest.raises(ProcedureRefused, match="足りません") as refused:
        services.do_shuunou(kai, received_yen=500, acting_user=clerk, terminal=window_terminal)
    assert refused.value.field == "received_yen"
    assert not FeeRow.objects.exists()


def test_an_etsuran_fee_is_refunded_as_any_other(
    clerk, second_clerk, reji, window_terminal
) -> None:
    kai = ended(clerk, second_clerk, 2, 2)
    payment = services.do_shuunou(
        kai, received_yen=600, acting_user=clerk, terminal=window_terminal
    )
    row = FeeRow.objects.get(payment=payment)
    refund = fees.do_refund(row, reason="転記の誤り", acting_user=clerk)
    assert (refund.code, refund.quantity, refund.amount_yen) == ("etsuran", -2, -600)
    figures = _etsuran_line(timezone.localdate()).figures
    assert (figures.refunds, figures.refund_yen, figures.net_yen) == (2, -600, 0)


def test_an_etsuran_adjustment_is_its_own_row_on_an_open_day(clerk, reji) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    fees.do_close_day(reji, yesterday, counted_yen=0, acting_user=clerk)
    fees.do_adjust(
        reji,
        adjusts_date=yesterday,
        code="etsuran",
        label="住民基本台帳の閲覧",
        amount_yen=300,
        reason="閲覧手数料の収納漏れ",
        acting_user=clerk,
    )
    assert _etsuran_line(timezone.localdate()).figures.adjust_yen == 300


def test_the_payment_is_in_the_audit_log_with_the_visit(
    clerk, second_clerk, reji, window_terminal
) -> None:
    kai = ended(clerk, second_clerk, 1, 1)
    payment = services.do_shuunou(
        kai, received_yen=300, acting_user=clerk, terminal=window_terminal
    )
    assert AuditLog.objects.filter(detail__act="収納", detail__for=str(kai)).exists()
    assert AuditLog.objects.filter(
        detail__act="閲覧手数料収納", detail__payment=payment.pk
    ).exists()


# --------------------------------------------------------------------- screens


def test_the_fee_is_taken_on_the_booking_page_at_a_window_with_a_reji(
    client: Client, clerk, second_clerk, window_clerk, reji
) -> None:
    kai = ended(clerk, second_clerk, 3, 2)
    login_as(client, window_clerk)
    url = reverse("certificates:etsuran_act", args=[kai.moushide_id])
    response = client.post(
        url,
        {"act": "shuunou", "received_yen": "１，０００円", "form_token": uuid.uuid4().hex},
        follow=True,
    )
    page = response.content.decode()
    assert "手数料600円を収納しました" in page
    assert "領収書番号 1" in page
    payment = Payment.objects.get()
    receipt = client.get(reverse("counter:payment_receipt", args=[payment.pk]))
    assert receipt["Content-Type"] == "application/pdf"


def test_short_cash_on_the_page_is_shown_next_to_the_field_keeping_what_was_typed(
    client: Client, clerk, second_clerk, window_clerk, reji
) -> None:
    kai = ended(clerk, second_clerk, 3, 3)
    login_as(client, window_clerk)
    url = reverse("certificates:etsuran_act", args=[kai.moushide_id])
    response = client.post(
        url, {"act": "shuunou", "received_yen": "500", "form_token": uuid.uuid4().hex}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "400円足りません" in page
    assert 'value="500"' in page
    assert not Payment.objects.exists()


def test_a_payment_without_a_reception_is_refunded_on_its_own_page(
    client: Client, clerk, second_clerk, window_clerk, reji, window_terminal
) -> None:
    kai = ended(clerk, second_clerk, 1, 1)
    payment = services.do_shuunou(
        kai, received_yen=300, acting_user=clerk, terminal=window_terminal
    )
    row = FeeRow.objects.get(payment=payment)
    login_as(client, window_clerk)
    day = client.get(reverse("counter:fee_day")).content.decode()
    url = reverse("counter:payment_refund", args=[payment.pk])
    assert url in day
    response = client.post(
        url,
        {"row": str(row.pk), "reason": "申出者の取消", "form_token": uuid.uuid4().hex},
        follow=True,
    )
    assert "返金しました" in response.content.decode()
    assert FeeRow.objects.filter(kind=FeeRowKind.HENKIN, refund_of=row).count() == 1


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.none(), st.text(max_size=20), st.integers(-(10**7), 10**7).map(str)))
def test_the_received_field_never_crashes(raw: str | None) -> None:
    form = ShuunouForm({} if raw is None else {"received_yen": raw})
    if form.is_valid():
        value = form.cleaned_data["received_yen"]
        assert value is None or 0 <= value <= fees.MAX_RECEIVED_YEN
    else:
        assert all("お預かり金額" in message for message in form.errors.get("received_yen", []))


def test_the_payment_pages_read_in_exact_queries(
    client: Client, clerk, second_clerk, window_clerk, reji, window_terminal,
    django_assert_num_queries,
) -> None:  # fmt: skip
    kai = ended(clerk, second_clerk, 2, 2)
    payment = services.do_shuunou(
        kai, received_yen=600, acting_user=clerk, terminal=window_terminal
    )
    login_as(client, window_clerk)
    refund = reverse("counter:payment_refund", args=[payment.pk])
    booking = reverse("certificates:etsuran_detail", args=[kai.moushide_id])
    client.get(refund), client.get(booking)  # warm the session and the caches
    # session, user, groups (access); the payment; the rows refundable (the form's
    # choices and whether any); the refunds made; the session saved (savepoint, update,
    # release)
    with django_assert_num_queries(REFUND_PAGE_QUERIES):
        assert client.get(refund).status_code == 200
    # session, user, groups; the booking with its 町字 and staff; the visit with its
    # payment and レジ (one join); the history with its staff; the session saved (3)
    with django_assert_num_queries(BOOKING_PAGE_QUERIES):
        assert client.get(booking).status_code == 200


REFUND_PAGE_QUERIES = 10
BOOKING_PAGE_QUERIES = 9
