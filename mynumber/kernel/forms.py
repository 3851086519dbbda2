"""The entry forms of the 個人番号カード kinds: one generic form on a typed entry, and the
fields the kinds share (宛名番号, dates in 和暦, the 来庁者, the 照会書兼回答書, the ID shown).

A kind's form lists its fields in the order of its paper, named as its entry's fields;
``CardForm`` shows an entry, builds the typed entry from what was posted, runs the kind's
plan and puts each problem next to its field. No field takes a PIN (the PIN is typed on
the CS terminal by the holder: tests/mynumber/test_no_pin.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms

from counter.kind_entry import Entry
from counter.kind_plan import PlanRefused
from counter.procedure_models import IdDocument
from juki.forms_fields import WarekiDateField

from .rules import RaichoushaChoice


class CardForm(forms.Form):
    """``Form(data, entry=…)``; after ``is_valid()``, ``entry`` is its JSON."""

    entry_class: ClassVar[type[Entry]]
    planner: ClassVar[Callable[..., Any]]

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry:
            typed = self.entry_class.from_json(entry)
            initial = {
                f.name: getattr(typed, f.name)
                for f in dataclasses.fields(typed)
                if f.name in self.base_fields
            }
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] | None = None

    def entry_values(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        names = {f.name for f in dataclasses.fields(self.entry_class)}
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in cleaned.items()
            if name in names
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        typed = self.entry_class(**self.entry_values(cleaned))
        try:
            type(self).planner(typed)
        except PlanRefused as refused:
            for problem in refused.problems:  # every problem, each next to its field
                field = problem.field if problem.field in self.fields else None
                self.add_error(field, problem.message)
            return cleaned
        self.entry = typed.to_json()
        return cleaned


def atena_bango_field(label: str = "宛名番号") -> forms.CharField:
    return forms.CharField(label=label, max_length=10)


def date_field(label: str) -> WarekiDateField:
    return WarekiDateField(label=label, allow_future=False, default_today=True)


def raichousha_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="来庁者", choices=RaichoushaChoice.choices, initial=RaichoushaChoice.HONNIN
    )


def shoukaisho_field() -> forms.BooleanField:
    return forms.BooleanField(label="照会書兼回答書を確認した（任意代理人の場合）", required=False)


def id_document_field(label: str = "本人確認書類") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "―"), *IdDocument.choices], required=False)
