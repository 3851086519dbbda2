"""A procedure kind for the screen tests ("stub_screen"), registered on import.

Shared by tests/test_window_screens.py and tests/test_access.py (which needs a real
reception and procedure to walk the URLs that take their ids).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from counter.procedure_kinds import (
    HandoverDocument,
    ProcedureKind,
    ReviewBlock,
    ReviewRow,
    Subject,
    register_kind,
)
from counter.procedure_models import Procedure
from juki.manifest import IDO

STUB_PDF = b"%PDF-1.4\n% stub document\n"
STUB_DOCUMENT_SLUG = "shiken-shomeisho"


class StubScreenForm(forms.Form):
    subject = forms.CharField(
        label="対象", max_length=20, error_messages={"required": "対象を入力してください。"}
    )
    memo = forms.CharField(label="メモ", required=False)

    def clean_subject(self) -> str:
        value = str(self.cleaned_data["subject"])
        if value == "bad":
            raise forms.ValidationError("対象に「bad」は使えません（試験用の規則）。")
        return value


class StubScreenKind(ProcedureKind):
    code: ClassVar[str] = "stub_screen"
    label: ClassVar[str] = "画面試験手続"
    category = IDO
    #: a stub of the machine, not a procedure: the contract tests leave it out
    contract_exempt: ClassVar[str] = "test stub"
    applied: ClassVar[list[int]] = []

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        return StubScreenForm(data, initial=procedure.entry or None)

    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        return dict(form.cleaned_data)

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        return [Subject(f"stub:{entry['subject']}", f"対象 {entry['subject']}")]

    def flags(self, entry: dict[str, Any]) -> list[str]:
        return ["届出期間経過"] if entry.get("memo") == "late" else []

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        entry = procedure.entry or {}
        return [
            ReviewBlock("対象", [ReviewRow("対象", "（なし）", str(entry.get("subject", "")))]),
            ReviewBlock("メモ", [ReviewRow("メモ", "", str(entry.get("memo", "")))]),
        ]

    def apply(self, procedure: Procedure, *, acting_user: Any, terminal: Any) -> dict[str, Any]:
        self.applied.append(procedure.pk)
        return {"applied": True}

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["試験証明書", "個人番号カード（裏書して返却）"]

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        return [HandoverDocument(STUB_DOCUMENT_SLUG, "試験証明書", lambda: STUB_PDF)]

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes | None:
        return STUB_PDF + f"% {entry['subject']}\n".encode()


register_kind(StubScreenKind())
