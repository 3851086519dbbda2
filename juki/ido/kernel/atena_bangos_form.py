"""An entry form of persons named by 宛名番号 (one per line) and a 届出年月日.

The 転出取消 and the 転出証明書再交付 take the persons of a 転出 done earlier this way.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from django import forms

from counter.kind_entry import Entry
from counter.services import ProcedureRefused

from ...forms_fields import WarekiDateField
from .dates import from_iso
from .form_problems import show_problems
from .forms import AbstractFormMeta


def split_atena_bangos(text: str) -> list[str]:
    """宛名番号 typed one per line or separated by spaces, commas or 、 (each once)."""
    for sep in ",、，\n\r\t\u3000":
        text = text.replace(sep, " ")
    seen: list[str] = []
    for part in text.split():
        if part not in seen:
            seen.append(part)
    return seen


class AtenaBangosField(forms.CharField):
    """宛名番号, one per line (or separated by spaces/commas)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value


class AtenaBangosForm(forms.Form, metaclass=AbstractFormMeta):
    """The persons and the date; a subclass builds its entry and plans it."""

    atena_bangos = AtenaBangosField(label="宛名番号（1行に1人）")
    todoke_date = WarekiDateField(label="届出年月日", allow_future=False, default_today=True)

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial = {}
        if entry:
            initial = {**entry, "todoke_date": from_iso(entry.get("todoke_date") or None)}
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] = {}

    def clean_atena_bangos(self) -> list[str]:
        numbers = split_atena_bangos(self.cleaned_data.get("atena_bangos", ""))
        if not numbers:
            raise forms.ValidationError("宛名番号を入力してください。")
        return numbers

    @abstractmethod
    def build(self, cleaned: dict[str, Any]) -> Entry:
        """The entry from the cleaned fields (a field in error is missing)."""

    @abstractmethod
    def check(self, entry: Entry) -> None:
        """Plan the entry (through the kind, once per request): PlanRefused if it cannot be
        approved."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "atena_bangos" in self.errors:
            return cleaned  # no persons: nothing to plan
        # The plan runs even when another field is in error, so its problems show too.
        entry = self.build(cleaned)
        try:
            self.check(entry)
        except ProcedureRefused as refusal:
            show_problems(self, refusal)
            return cleaned
        if not self.errors:
            self.entry = entry.to_json()
        return cleaned
