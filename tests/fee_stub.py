"""A procedure kind with fee lines ("stub_fee") for the fee tests, registered only for
the length of a test (``fee_kind`` fixture, counter.registry.temporarily)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from django import forms

from counter import registry
from counter.models import Reji, TesuryoMaster
from counter.procedure_kinds import FeeBasis, FeeLine, ProcedureKind
from counter.procedure_models import Procedure
from juki.manifest import IDO

from .procedures import approve, enter_and_check

JUMINHYO = "juminhyo_utsushi"


class FeeStubForm(forms.Form):
    copies = forms.IntegerField(label="通数", min_value=0, max_value=20)
    basis = forms.ChoiceField(label="区分", choices=FeeBasis.choices)


class FeeStubKind(ProcedureKind):
    """One line of 住民票の写し per procedure, of the copies and basis entered."""

    code: ClassVar[str] = "stub_fee"
    label: ClassVar[str] = "手数料試験手続"
    category = IDO
    reserves: ClassVar[bool] = False
    contract_exempt: ClassVar[str] = "test stub"

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        return FeeStubForm(data, initial=procedure.entry or None)

    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        return dict(form.cleaned_data)

    def fee_lines(self, procedure: Procedure) -> list[FeeLine]:
        copies = int(procedure.entry.get("copies", 1))
        if not copies:
            return []
        basis = FeeBasis(procedure.entry.get("basis", FeeBasis.TSUUJOU))
        return [FeeLine(JUMINHYO, "住民票の写し", copies, basis)]


# Fixtures under their own names so that a test module imports them without shadowing.
@pytest.fixture(name="fee_kind")
def fee_kind_fixture() -> Iterator[FeeStubKind]:
    kind = FeeStubKind()
    with registry.temporarily(procedure_kinds=[kind]):
        yield kind


@pytest.fixture(name="reji")
def reji_fixture(window_terminal: Any) -> Reji:
    return Reji.objects.create(code="R1", name="窓口1レジ", terminal=window_terminal)


@pytest.fixture(name="price_300")
def price_300_fixture(db: None) -> TesuryoMaster:
    return TesuryoMaster.objects.create(
        code=JUMINHYO, label="住民票の写し", amount_yen=300, valid_from=datetime.date(2000, 4, 1)
    )


def approved_fee(
    contractor: Any, clerk: Any, *, copies: int = 1, basis: str = FeeBasis.TSUUJOU
) -> Procedure:
    """A stub_fee procedure walked to 承認 (received at the contractor's window)."""
    entry = {"copies": copies, "basis": str(basis)}
    return approve(enter_and_check(FeeStubKind.code, entry, contractor), clerk)
