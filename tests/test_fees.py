"""Fees and the レジ (counter.fees): one test per rule (docs/adr/0024)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from counter import fees
from counter.models import (
    AuditLog,
    FeeRow,
    FeeRowKind,
    Payment,
    Reji,
    RejiClosing,
    TesuryoMaster,
)
from counter.procedure_kinds import FeeBasis
from counter.procedure_models import ProcedureState
from counter.services import ProcedureRefused

from .fee_stub import (  # noqa: F401  (fixtures)
    JUMINHYO,
    approved_fee,
    fee_kind_fixture,
    price_300_fixture,
    reji_fixture,
)
from .procedures import receive

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fee_kind", "price_300")]

JST = ZoneInfo("Asia/Tokyo")


def hand_over(proc: Any, user: Any, received: int | None) -> Payment | None:
    return fees.do_handover(
        proc.reception,
        [proc],
        received_yen=received,
        acting_user=user,
        terminal=user.default_terminal,
    )


def test_1000_yen_for_a_300_yen_fee_gives_700_yen_change(contractor, clerk, reji) -> None:
    proc = approved_fee(contractor, clerk)
    payment = hand_over(proc, contractor, 1000)
    assert payment is not None
    assert (payment.total_yen, payment.received_yen, payment.change_yen) == (300, 1000, 700)
    (row,) = FeeRow.objects.all()
    assert (row.code, row.unit_yen, row.quantity, row.amount_yen) == (JUMINHYO, 300, 1, 300)
    assert row.reji == reji and row.payment == payment and row.procedure_id == proc.pk
    proc.refresh_from_db()
    assert proc.state == ProcedureState.KOUFU


def test_the_fee_is_per_copy(contractor, clerk, reji) -> None:
    payment = hand_over(approved_fee(contractor, clerk, copies=3), contractor, 1000)
    assert payment is not None and (payment.total_yen, payment.change_yen) == (900, 100)


def test_short_cash_is_refused_next_to_the_field_and_nothing_is_handed_over(
    contractor, clerk, reji
) -> None:
    proc = approved_fee(contractor, clerk, copies=2)
    with pytest.raises(ProcedureRefused) as refused:
        hand_over(proc, contractor, 500)
    assert refused.value.field == "received_yen"
    assert refused.value.message == "お預かり金額が手数料の合計600円に100円足りません。"
    proc.refresh_from_db()
    assert proc.state == ProcedureState.SHOUNIN
    assert not Payment.objects.exists() and not FeeRow.objects.exists()


def test_the_price_in_force_on_the_day_of_koufu_is_used(contractor, clerk, reji) -> None:
    TesuryoMaster.objects.filter(code=JUMINHYO).update(valid_to=datetime.date(2026, 12, 31))
    TesuryoMaster.objects.create(
        code=JUMINHYO, label="住民票の写し", amount_yen=350, valid_from=datetime.date(2027, 1, 1)
    )
    with time_machine.travel(datetime.datetime(2026, 12, 28, 10, tzinfo=JST), tick=True):
        proc = approved_fee(contractor, clerk)  # 受付 and 承認 at 300円
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=JST), tick=True):
        payment = hand_over(proc, contractor, 1000)
    assert payment is not None
    assert (payment.total_yen, payment.change_yen) == (350, 650)
    assert FeeRow.objects.get().unit_yen == 350
    assert payment.business_date == datetime.date(2027, 1, 4)


def test_the_business_date_is_the_day_in_japan(contractor, clerk, reji) -> None:
    proc = approved_fee(contractor, clerk)
    # 2026-12-10 00:30 in Tokyo is still 12-09 in UTC
    with time_machine.travel(datetime.datetime(2026, 12, 10, 0, 30, tzinfo=JST), tick=True):
        payment = hand_over(proc, contractor, 300)
    assert payment is not None and payment.business_date == datetime.date(2026, 12, 10)


def test_a_code_the_master_has_no_price_for_is_refused_in_japanese(contractor, clerk, reji) -> None:
    TesuryoMaster.objects.all().delete()
    proc = approved_fee(contractor, clerk)
    with pytest.raises(ProcedureRefused) as refused:
        hand_over(proc, contractor, 1000)
    assert "手数料マスタに「住民票の写し」" in refused.value.message
    assert "登録されていません" in refused.value.message


@pytest.mark.parametrize("basis", [FeeBasis.KOUYOU, FeeBasis.MENJO])
def test_kouyou_and_menjo_are_issued_at_0_yen_and_still_counted(
    contractor, clerk, reji, basis
) -> None:
    payment = hand_over(approved_fee(contractor, clerk, copies=2, basis=basis), contractor, None)
    assert payment is not None
    assert (payment.total_yen, payment.received_yen, payment.change_yen) == (0, 0, 0)
    (row,) = FeeRow.objects.all()
    assert (row.basis, row.unit_yen, row.quantity, row.amount_yen) == (basis, 300, 2, 0)


def test_a_reception_without_fee_lines_is_handed_over_as_before(contractor, clerk) -> None:
    proc = approved_fee(contractor, clerk, copies=0)
    assert hand_over(proc, contractor, None) is None  # no レジ needed either
    proc.refresh_from_db()
    assert proc.state == ProcedureState.KOUFU
    assert not FeeRow.objects.exists()


def test_a_window_without_a_reji_takes_no_fee(contractor, clerk) -> None:
    proc = approved_fee(contractor, clerk)
    with pytest.raises(ProcedureRefused, match="レジが設定されていない"):
        hand_over(proc, contractor, 1000)


def test_receipt_numbers_count_per_reji_and_day(contractor, clerk, reji) -> None:
    first = hand_over(approved_fee(contractor, clerk), contractor, 300)
    second = hand_over(approved_fee(contractor, clerk), contractor, 500)
    assert first is not None and second is not None
    assert (first.receipt_no, second.receipt_no) == (1, 2)


def test_a_refund_is_a_new_negative_row_by_a_clerk_with_a_reason(contractor, clerk, reji) -> None:
    hand_over(approved_fee(contractor, clerk, copies=2), contractor, 1000)
    row = FeeRow.objects.get()
    refund = fees.do_refund(row, reason="請求者の申出により取消", acting_user=clerk)
    assert refund.kind == FeeRowKind.HENKIN and refund.refund_of == row
    assert (refund.amount_yen, refund.quantity) == (-600, -2)
    assert refund.pk != row.pk
    row.refresh_from_db()
    assert row.amount_yen == 600  # the row refunded is as it was
    assert fees.expected_cash(reji, timezone.localdate()) == 0
    assert AuditLog.objects.filter(detail__act="返金").exists()


def test_a_contractor_may_not_refund(contractor, clerk, reji) -> None:
    hand_over(approved_fee(contractor, clerk), contractor, 300)
    with pytest.raises(ProcedureRefused, match="市の職員だけ"):
        fees.do_refund(FeeRow.objects.get(), reason="取消", acting_user=contractor)
    assert FeeRow.objects.count() == 1
    refusal = AuditLog.objects.get(action="refused")
    assert refusal.user == contractor and refusal.detail["act"] == "返金"


def test_a_refund_needs_a_reason(contractor, clerk, reji) -> None:
    hand_over(approved_fee(contractor, clerk), contractor, 300)
    with pytest.raises(ProcedureRefused) as refused:
        fees.do_refund(FeeRow.objects.get(), reason="  ", acting_user=clerk)
    assert refused.value.field == "reason"


def test_a_row_is_refunded_once(contractor, clerk, reji) -> None:
    hand_over(approved_fee(contractor, clerk), contractor, 300)
    row = FeeRow.objects.get()
    fees.do_refund(row, reason="取消", acting_user=clerk)
    with pytest.raises(ProcedureRefused, match="既に返金"):
        fees.do_refund(row, reason="取消", acting_user=clerk)


def test_a_fee_row_is_never_changed_or_deleted(contractor, clerk, reji) -> None:
    hand_over(approved_fee(contractor, clerk), contractor, 300)
    row = FeeRow.objects.get()
    row.amount_yen = 1
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()


def test_a_closed_day_refuses_payment_and_refund(contractor, clerk, reji) -> None:
    today = timezone.localdate()
    hand_over(approved_fee(contractor, clerk), contractor, 300)
    row = FeeRow.objects.get()
    waiting = approved_fee(contractor, clerk)
    closing = fees.do_close_day(reji, today, counted_yen=300, acting_user=clerk)
    assert (closing.expected_yen, closing.difference_yen) == (300, 0)
    with pytest.raises(ProcedureRefused, match="日締め済み"):
        hand_over(waiting, contractor, 300)
    with pytest.raises(ProcedureRefused, match="日締め済み"):
        fees.do_refund(row, reason="取消", acting_user=clerk)
    with pytest.raises(ProcedureRefused, match="日締め済み"):
        fees.do_close_day(reji, today, counted_yen=300, acting_user=clerk)
    assert FeeRow.objects.count() == 1 and RejiClosing.objects.count() == 1


def test_a_correction_of_a_closed_day_is_an_adjustment_on_an_open_day(
    contractor, clerk, reji
) -> None:
    closed = timezone.localdate() - datetime.timedelta(days=1)
    fees.do_close_day(reji, closed, counted_yen=0, acting_user=clerk)
    row = fees.do_adjust(
        reji,
        adjusts_date=closed,
        code=JUMINHYO,
        label="住民票の写し",
        amount_yen=-300,
        reason="前日の収納漏れの訂正",
        acting_user=clerk,
    )
    assert row.business_date == timezone.localdate() and row.adjusts_date == closed
    assert fees.expected_cash(reji, closed) == 0


def test_closing_records_the_difference_between_counted_and_expected(
    contractor, clerk, reji
) -> None:
    hand_over(approved_fee(contractor, clerk, copies=2), contractor, 1000)
    closing = fees.do_close_day(reji, timezone.localdate(), counted_yen=500, acting_user=clerk)
    assert (closing.expected_yen, closing.counted_yen, closing.difference_yen) == (600, 500, -100)


def test_a_contractor_may_not_close_a_day(contractor, reji) -> None:
    with pytest.raises(ProcedureRefused, match="市の職員だけ"):
        fees.do_close_day(reji, timezone.localdate(), counted_yen=0, acting_user=contractor)


def test_a_new_price_is_a_new_row_from_a_later_date(administrator) -> None:
    today = timezone.localdate()
    start = today + datetime.timedelta(days=10)
    new = fees.do_add_tesuryo(
        code=JUMINHYO,
        label="住民票の写し",
        amount_yen=350,
        valid_from=start,
        acting_user=administrator,
    )
    old = TesuryoMaster.objects.get(valid_from=datetime.date(2000, 4, 1))
    assert (old.amount_yen, old.valid_to) == (300, start - datetime.timedelta(days=1))
    assert fees.tesuryo_on(JUMINHYO, today).amount_yen == 300
    assert fees.tesuryo_on(JUMINHYO, start) == new


def test_a_price_in_force_or_past_is_never_changed(administrator) -> None:
    with pytest.raises(ProcedureRefused) as refused:
        fees.do_add_tesuryo(
            code=JUMINHYO,
            label="住民票の写し",
            amount_yen=350,
            valid_from=timezone.localdate(),
            acting_user=administrator,
        )
    assert refused.value.field == "valid_from"
    assert TesuryoMaster.objects.get().valid_to is None


def test_only_an_administrator_sets_prices(clerk) -> None:
    with pytest.raises(ProcedureRefused, match="管理者だけ"):
        fees.do_add_tesuryo(
            code=JUMINHYO,
            label="住民票の写し",
            amount_yen=350,
            valid_from=timezone.localdate() + datetime.timedelta(days=1),
            acting_user=clerk,
        )


def test_a_refund_is_written_on_the_reji_the_cash_leaves(
    contractor, clerk, reji, backyard_terminal
) -> None:
    hand_over(approved_fee(contractor, clerk), contractor, 300)
    other = Reji.objects.create(code="R2", name="窓口2レジ", terminal=backyard_terminal)
    refund = fees.do_refund(FeeRow.objects.get(), reason="取消", acting_user=clerk, reji=other)
    assert refund.reji == other
    assert fees.expected_cash(other, timezone.localdate()) == -300


def test_a_reception_received_today_is_the_one_received(contractor) -> None:
    # the helper the other tests build on receives at the contractor's window terminal
    proc = receive(contractor, "stub_fee")
    assert proc.reception.terminal_code == contractor.default_terminal.code
