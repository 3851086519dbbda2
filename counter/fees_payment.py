"""Taking money at a レジ: the checks on the sum received and the one writer of a Payment
and its FeeRows, shared by counter.fees.do_handover (a reception's procedures) and
counter.charges.do_charge (a fee no procedure carries, the 閲覧's). docs/adr/0024."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Protocol

from django.db.models import Max
from django.utils import timezone

from . import audit
from .models import AuditAction, StaffUser, Terminal
from .models_fees import ChangeMethod, FeeRow, FeeRowKind, Payment, PaymentMethod, Reji
from .procedure_kinds import FeeBasis
from .procedure_models import Procedure, Reception
from .refusals import ProcedureRefused, terminal_code

#: the largest sum the お預かり field takes (a typo guard, not a rule of law)
MAX_RECEIVED_YEN = 1_000_000


class PricedLine(Protocol):
    """A fee line priced for a payment: a procedure's DueLine, or a charge's line
    (counter.charges.ChargeLine) that no procedure carries."""

    @property
    def procedure(self) -> Procedure | None: ...
    @property
    def code(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def basis(self) -> FeeBasis: ...
    @property
    def unit_yen(self) -> int: ...
    @property
    def quantity(self) -> int: ...
    @property
    def amount_yen(self) -> int: ...


def fee_target(label: str, pk: object) -> audit.AuditTarget:
    return audit.AuditTarget("fee", str(pk), label)


def takeable(
    total: int, received_yen: int | None, method: PaymentMethod | str, change_method: str
) -> int:
    """The sum received, refused when short, absurd or paid in a way the law forbids."""
    received = total if received_yen is None and total == 0 else received_yen
    if received is None:
        raise ProcedureRefused("お預かり金額を入力してください。", field="received_yen")
    if received < total:
        raise ProcedureRefused(
            f"お預かり金額が手数料の合計{total:,}円に{total - received:,}円足りません。",
            field="received_yen",
        )
    if received > MAX_RECEIVED_YEN:
        raise ProcedureRefused(
            f"お預かり金額は{MAX_RECEIVED_YEN:,}円以下で入力してください。", field="received_yen"
        )
    _check_method(str(method), str(change_method), received - total)
    return received


def write_payment(
    lines: Sequence[PricedLine],
    *,
    reji: Reji,
    reception: Reception | None,
    received: int,
    method: PaymentMethod | str,
    change_method: ChangeMethod | str,
    acting_user: StaffUser,
    terminal: Terminal | None,
    now: datetime.datetime,
    detail: dict[str, object],
) -> Payment:
    """The Payment and one FeeRow per line, and the 操作ログ's row: the one writer of
    money taken, for a hand-over and for a charge alike."""
    day = timezone.localdate(now)
    total = sum(line.amount_yen for line in lines)
    last = Payment.objects.filter(reji=reji, business_date=day).aggregate(m=Max("receipt_no"))
    payment = Payment.objects.create(
        reception=reception,
        reji=reji,
        business_date=day,
        total_yen=total,
        received_yen=received,
        change_yen=received - total,
        method=method,
        change_method=change_method if received > total else ChangeMethod.GENKIN,
        receipt_no=(last["m"] or 0) + 1,
        recorded_by=acting_user,
        recorded_at=now,
    )
    FeeRow.objects.bulk_create(
        [
            FeeRow(
                kind=FeeRowKind.SHUUNOU,
                payment=payment,
                procedure=line.procedure,
                reception=reception,
                reji=reji,
                business_date=day,
                code=line.code,
                label=line.label,
                basis=line.basis,
                unit_yen=line.unit_yen,
                quantity=line.quantity,
                amount_yen=line.amount_yen,
                recorded_by=acting_user,
                recorded_at=now,
            )
            for line in lines
        ]
    )
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        terminal_code=terminal_code(terminal),
        target=fee_target(str(payment), payment.pk),
        detail={
            "act": "収納",
            **detail,
            "reji": reji.code,
            "total_yen": total,
            "received_yen": received,
            "change_yen": payment.change_yen,
            "method": payment.method,
        },
    )
    return payment


def _check_method(method: str, change_method: str, change: int) -> None:
    if method not in PaymentMethod.values:
        raise ProcedureRefused("収納方法を選んでください。", field="method")
    if change_method not in ChangeMethod.values:
        raise ProcedureRefused("お釣りの返し方を選んでください。", field="change_method")
    if method == PaymentMethod.KOGAWASE and change > 0 and change_method == ChangeMethod.GENKIN:
        raise ProcedureRefused(
            "郵便法第17条: 郵送請求のお釣りは現金で送れません"
            "（定額小為替か切手で返してください）。",
            field="change_method",
        )
