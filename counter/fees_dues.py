"""Fees, the reading half: the price of a code on a day, what a procedure owes at 交付,
a terminal's レジ and the cash it should hold (the writers are in counter.fees)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Sum

from jputil.wareki import to_wareki

from .models import Terminal
from .models_fees import FeeRow, Reji, RejiClosing, TesuryoMaster
from .procedure_kinds import FeeBasis, get_kind
from .procedure_models import Procedure
from .refusals import ProcedureRefused

__all__ = ["DueLine", "Dues", "dues_of", "expected_cash", "is_closed", "reji_of", "tesuryo_on"]


def tesuryo_on(code: str, day: datetime.date, *, label: str = "") -> TesuryoMaster:
    """The master's row for `code` in force on `day`; a refusal in Japanese when the city
    has set no price for it on that day (the 交付 screen shows it, never a 500)."""
    row = (
        TesuryoMaster.objects.filter(code=code, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
        .first()
    )
    if row is None:
        raise ProcedureRefused(
            f"手数料マスタに「{label or code}」の{to_wareki(day)}時点の手数料が登録されていません"
            "（管理者に手数料マスタへの登録を依頼してください）。"
        )
    return row


@dataclass(frozen=True)
class DueLine:
    """One fee of a procedure at 交付, priced by the master of that day."""

    procedure: Procedure
    code: str
    label: str
    basis: FeeBasis
    unit_yen: int
    quantity: int

    @property
    def basis_label(self) -> str:
        return str(self.basis.label)

    @property
    def amount_yen(self) -> int:
        """公用 and 免除 are charged 0円 and still counted."""
        return self.unit_yen * self.quantity if self.basis == FeeBasis.TSUUJOU else 0


@dataclass(frozen=True)
class Dues:
    lines: tuple[DueLine, ...]

    @property
    def total_yen(self) -> int:
        return sum(line.amount_yen for line in self.lines)

    def of(self, procedure: Procedure) -> list[DueLine]:
        return [line for line in self.lines if line.procedure.pk == procedure.pk]


def dues_of(procedures: Sequence[Procedure], day: datetime.date) -> Dues:
    """What is due for these procedures if handed over on `day` (one master query per
    code). A refusal when the master has no price for a line on that day."""
    lines: list[DueLine] = []
    prices: dict[str, TesuryoMaster] = {}
    for procedure in procedures:
        for fee in get_kind(procedure.kind).fee_lines(procedure):
            if fee.quantity < 1:
                raise ProcedureRefused(f"「{fee.label}」の通数が正しくありません。")
            if fee.code not in prices:
                prices[fee.code] = tesuryo_on(fee.code, day, label=fee.label)
            lines.append(
                DueLine(
                    procedure=procedure,
                    code=fee.code,
                    label=fee.label,
                    basis=FeeBasis(fee.basis),
                    unit_yen=prices[fee.code].amount_yen,
                    quantity=fee.quantity,
                )
            )
    return Dues(tuple(lines))


def reji_of(terminal: Terminal | None) -> Reji | None:
    """The レジ of a window terminal (Reji.terminal), None for a terminal without one."""
    if terminal is None:
        return None
    return Reji.objects.filter(terminal=terminal, is_active=True).first()


def is_closed(reji: Reji, day: datetime.date) -> bool:
    return RejiClosing.objects.filter(reji=reji, business_date=day).exists()


def expected_cash(reji: Reji, day: datetime.date) -> int:
    """The cash a レジ should hold for a day: the sum of that day's fee rows (taken,
    minus refunds, plus adjustments). 公用 and 免除 rows add 0."""
    total = FeeRow.objects.filter(reji=reji, business_date=day).aggregate(s=Sum("amount_yen"))
    return int(total["s"] or 0)
