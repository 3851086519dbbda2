"""The entry form of a 住所確認: one field, the 宛名番号 (the date is the day of entry)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from juki.ido import kernel

from .entry import JushoKakuninEntry
from .plan import plan


class JushoKakuninForm(forms.Form):
    """``JushoKakuninForm(data, entry=…)``; after ``is_valid()``, ``entry`` is its JSON."""

    atena_bango = forms.CharField(label="宛名番号", max_length=10)

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial = {"atena_bango": (entry or {}).get("atena_bango", "")}
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        typed = JushoKakuninEntry(
            atena_bango=cleaned["atena_bango"].strip(), kakunin_date=timezone.localdate()
        )
        try:
            plan(typed)
        except kernel.PlanRefused as refused:
            for problem in refused.problems:  # every problem, each next to its field
                field = problem.field if problem.field in self.fields else None
                self.add_error(field, problem.message)
            return cleaned
        self.entry = typed.to_json()
        return cleaned
