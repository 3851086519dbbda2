"""Bases of the 異動 kinds: an entry form kind, and one whose document is the 確認用住民票."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, ClassVar, cast

from django import forms

from counter.procedure_kinds import HandoverDocument, ProcedureKind
from counter.procedure_models import Procedure

from .kakunin import KAKUNIN_NAME


class FormEntryKind(ProcedureKind):
    """A kind whose entry form takes `(data, entry=…)` and leaves the entry on `form.entry`."""

    form_class: ClassVar[type[forms.BaseForm]]
    template: ClassVar[str]

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        form = self.form_class(data, entry=procedure.entry or None)  # type: ignore[call-arg]
        return cast(forms.Form, form)

    def entry_template(self) -> str:
        return self.template

    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        entry = getattr(form, "entry", None)
        if not entry:
            raise ValueError(f"clean_entry() needs a valid {self.form_class.__name__}")
        return dict(entry)


class KakuninKind(FormEntryKind):
    """A kind whose document before 承認 is the 確認用住民票 (its ``confirmation_pdf``)."""

    @abstractmethod
    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        """The household as it would be after 承認 (unsaved objects; no writes)."""

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not procedure.entry or procedure.result:
            return []
        entry = procedure.entry
        return [
            HandoverDocument(
                "kakunin_juminhyo", KAKUNIN_NAME, lambda: self.confirmation_pdf(procedure, entry)
            )
        ]
