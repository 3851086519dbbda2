"""Fee rows for the 日計表 tests, written exactly as counter.fees writes them.

counter.fees.do_handover, do_refund and do_adjust stamp their rows with today's date
(timezone.localdate), so a test of many days, months and years writes the same rows
through this factory: a 収納 is a Payment and one FeeRow per line (amount 0 for 公用 and
免除), a 返金 a new row with the negated quantity and amount naming the row it refunds,
an 調整 a row of quantity 0 naming the closed day it corrects. The tests of one day go
through the services themselves (tests/test_nikkei.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from counter.models import StaffUser
from counter.models_fees import FeeRow, FeeRowKind, Payment, Reji
from counter.procedure_kinds import FeeBasis
from counter.procedure_models import Reception

#: the 手数料 master's codes of the issue, at the demo price
JIMU: dict[str, str] = {
    "juminhyo_utsushi": "住民票の写し",
    "johyo_utsushi": "除票の写し",
    "kisai_jiko": "記載事項証明書",
    "fuzaiju": "不在住証明書",
    "jukyo_hyoji": "住居表示変更証明書",
}


@dataclass(frozen=True)
class Issue:
    reji: Reji
    day: datetime.date
    code: str
    quantity: int
    basis: FeeBasis = FeeBasis.TSUUJOU
    unit_yen: int = 300

    @property
    def amount_yen(self) -> int:
        return self.unit_yen * self.quantity if self.basis == FeeBasis.TSUUJOU else 0


def write_issues(issues: Sequence[Issue], *, reception: Reception, user: StaffUser) -> list[FeeRow]:
    """One Payment (received exactly, no change) and one FeeRow per issue."""
    now = timezone.now()
    numbers: dict[tuple[int, datetime.date], int] = defaultdict(int)
    payments = []
    for issue in issues:
        numbers[issue.reji.pk, issue.day] += 1
        payments.append(
            Payment(
                reception=reception,
                reji=issue.reji,
                business_date=issue.day,
                total_yen=issue.amount_yen,
                received_yen=issue.amount_yen,
                change_yen=0,
                receipt_no=numbers[issue.reji.pk, issue.day],
                recorded_by=user,
                recorded_at=now,
            )
        )
    Payment.objects.bulk_create(payments)
    return FeeRow.objects.bulk_create(
        FeeRow(
            kind=FeeRowKind.SHUUNOU,
            payment=payment,
            reception=reception,
            reji=issue.reji,
            business_date=issue.day,
            code=issue.code,
            label=JIMU[issue.code],
            basis=issue.basis,
            unit_yen=issue.unit_yen,
            quantity=issue.quantity,
            amount_yen=issue.amount_yen,
            recorded_by=user,
            recorded_at=now,
        )
        for issue, payment in zip(issues, payments, strict=True)
    )


def refund_row(row: FeeRow, day: datetime.date, reji: Reji, *, user: StaffUser) -> FeeRow:
    """What do_refund writes (unsaved): the negated row on the day and レジ of the refund."""
    return FeeRow(
        kind=FeeRowKind.HENKIN,
        payment=row.payment,
        procedure=row.procedure,
        reception=row.reception,
        reji=reji,
        business_date=day,
        code=row.code,
        label=row.label,
        basis=row.basis,
        unit_yen=row.unit_yen,
        quantity=-row.quantity,
        amount_yen=-row.amount_yen,
        refund_of=row,
        reason="試験の返金",
        recorded_by=user,
        recorded_at=timezone.now(),
    )


def adjust_row(
    reji: Reji,
    day: datetime.date,
    adjusts: datetime.date,
    code: str,
    amount_yen: int,
    *,
    user: StaffUser,
) -> FeeRow:
    """What do_adjust writes (unsaved)."""
    return FeeRow(
        kind=FeeRowKind.CHOUSEI,
        reji=reji,
        business_date=day,
        code=code,
        label=JIMU[code],
        basis=FeeBasis.TSUUJOU,
        unit_yen=amount_yen,
        quantity=0,
        amount_yen=amount_yen,
        adjusts_date=adjusts,
        reason="試験の調整",
        recorded_by=user,
        recorded_at=timezone.now(),
    )
