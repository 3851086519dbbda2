"""The base of the seal kinds: the machine's PlannedKind in the 印鑑登録 窓口区分."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from django import forms

from counter.kind_entry import Entry
from counter.procedure_kinds import ReviewBlock, ReviewRow, Subject
from counter.procedure_models import Procedure, VisitorKind
from juki.ido import kernel as ido
from juki.models import Jumin
from seal.services import Actor

from .rules import Raichousha

E = TypeVar("E", bound=Entry)
P = TypeVar("P")

#: the 窓口区分 seal declares (SealConfig.counter_categories)
INKAN = "inkan"


class SealKind(ido.PlannedKind[E, P]):
    category = INKAN
    template: ClassVar[str] = "seal/entry.html"

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        """The form; a new one shows the 来庁者 as the 受付 recorded them (a 代理人 with
        a 委任状 is one here too, so 即時 refuses them by its rule)."""
        form = super().entry_form(procedure, data)
        new = data is None and not procedure.entry and "raichousha" in form.fields
        if new and procedure.reception.visitor_kind == VisitorKind.DAIRININ:
            form.initial["raichousha"] = Raichousha.DAIRININ
        return form

    def subjects_of(self, entry: E) -> Sequence[Subject]:
        atena = str(getattr(entry, "atena_bango", ""))
        return [ido.jumin_subject(atena, f"宛名番号 {atena} の方")] if atena else []

    def summary_of(self, entry: E) -> str:
        return f"{self.label} 宛名番号 {getattr(entry, 'atena_bango', '')}"

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        result = procedure.result
        return [
            ReviewBlock(
                "承認済み",
                [ReviewRow(str(label), "", str(value)) for label, value in result.get("rows", [])],
            )
        ]


def actor(approval: ido.Approval) -> Actor:
    return Actor(user=approval.acting_user, procedure=approval.procedure)


def person_rows(person: Jumin) -> list[ReviewRow]:
    return [
        ReviewRow("氏名", person.full_name, person.full_name),
        ReviewRow(
            "生年月日", ido.wareki_text(person.seinengappi), ido.wareki_text(person.seinengappi)
        ),
        ReviewRow("住所", person.address, person.address),
    ]


def result(rows: list[tuple[str, str]], **extra: Any) -> dict[str, Any]:
    """What 承認 did, for the 審査 page after it (the register has moved on)."""
    return {"rows": [list(row) for row in rows], **extra}
