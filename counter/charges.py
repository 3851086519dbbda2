"""A fee that no procedure hands over, taken at the レジ like any other (docs/adr/0024,
the 閲覧's amendment of docs/adr/0033): the 閲覧 of the day charges per person
transcribed, and its money must reach the FeeRows the 日計表 adds up."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .fees import tesuryo_on, window_reji
from .fees_payment import takeable, write_payment
from .models import StaffUser, Terminal
from .models_fees import ChangeMethod, Payment, PaymentMethod
from .procedure_kinds import FeeBasis, FeeLine
from .refusals import ProcedureRefused
from .refusals import audited as _audited


@dataclass(frozen=True)
class ChargeLine:
    """One line of a charge that is no procedure's (a 閲覧's persons transcribed): a
    FeeLine priced by the master of the day, as a DueLine is."""

    code: str
    label: str
    basis: FeeBasis
    unit_yen: int
    quantity: int
    procedure: None = None

    @property
    def amount_yen(self) -> int:
        """公用 and 免除 are charged 0円 and still counted."""
        return self.unit_yen * self.quantity if self.basis == FeeBasis.TSUUJOU else 0


def charge_lines(fees: Sequence[FeeLine], day: datetime.date) -> list[ChargeLine]:
    """The FeeLines priced by the master in force on `day` (a refusal without a price)."""
    lines: list[ChargeLine] = []
    for fee in fees:
        if fee.quantity < 0:
            raise ProcedureRefused(f"「{fee.label}」の件数が正しくありません。")
        price = tesuryo_on(fee.code, day, label=fee.label)
        lines.append(
            ChargeLine(fee.code, fee.label, FeeBasis(fee.basis), price.amount_yen, fee.quantity)
        )
    return lines


@_audited
@transaction.atomic
def do_charge(
    fees: Sequence[FeeLine],
    *,
    received_yen: int | None,
    acting_user: StaffUser,
    terminal: Terminal | None,
    what: str,
    method: PaymentMethod | str = PaymentMethod.GENKIN,
    change_method: ChangeMethod | str = ChangeMethod.GENKIN,
) -> Payment:
    """A fee that no procedure hands over (the 閲覧 of the day: ADR 0033), taken at the
    レジ of the terminal as do_handover takes one: priced by today's master, a Payment
    with no reception and one FeeRow per line, so the 日計表, the refund and the
    adjustment see it as any other fee. `what` names the charge in the 操作ログ (the
    caller's record, e.g. 「閲覧 第12号」); the caller keeps the Payment on its record."""
    now = timezone.now()
    day = timezone.localdate(now)
    if not fees:
        raise ProcedureRefused("収納する手数料がありません。")
    lines = charge_lines(fees, day)
    reji = window_reji(terminal, day)
    total = sum(line.amount_yen for line in lines)
    received = takeable(total, received_yen, method, change_method)
    return write_payment(
        lines,
        reji=reji,
        reception=None,
        received=received,
        method=method,
        change_method=change_method,
        acting_user=acting_user,
        terminal=terminal,
        now=now,
        detail={"for": what},
    )


__all__ = ["ChargeLine", "charge_lines", "do_charge"]
