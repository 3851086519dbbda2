"""The entry form of the card procedures at the window (ADR 0036): one generic form on
a typed entry, and the fields the papers share.

A kind's form lists its fields in the order of its paper (交付通知書兼照会書, 有効期間変更
申請書, 暗証番号変更・再設定申請書 …), named as its entry's fields; ``CardEntryForm`` shows
an entry, builds the typed entry from what was posted, runs the kind's plan and puts each
problem next to its field (the form keeps what was typed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms

from counter.kind_entry import Entry
from counter.kind_plan import plan_in_form
from counter.procedure_models import IdDocument
from juki.forms_fields import WarekiDateField

from .rules import RaichoushaChoice


class CardEntryForm(forms.Form):
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        names = {f.name for f in dataclasses.fields(self.entry_class)}
        values = {
            name: value.strip() if isinstance(value, str) else value
            for name, value in cleaned.items()
            if name in names
        }
        typed = self.entry_class(**values)
        if not plan_in_form(self, type(self).planner, typed):
            return cleaned
        self.entry = typed.to_json()
        return cleaned


def atena_bango_field(label: str = "カード所有者の宛名番号") -> forms.CharField:
    return forms.CharField(label=label, max_length=10)


def date_field(label: str) -> WarekiDateField:
    return WarekiDateField(label=label, allow_future=False, default_today=True)


def raichousha_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="来庁者", choices=RaichoushaChoice.choices, initial=RaichoushaChoice.HONNIN
    )


def check_field(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


def shoukaisho_field() -> forms.BooleanField:
    return check_field("照会書兼回答書（本人が記入したもの）を確認した（任意代理人の場合）")


def id_document_field(label: str = "本人確認書類", *, required: bool = True) -> forms.ChoiceField:
    blank = "（なし）" if not required else "（選んでください）"
    return forms.ChoiceField(
        label=label, choices=[("", blank), *IdDocument.choices], required=required
    )


def cs_field(name: str) -> forms.BooleanField:
    """A tick that one of the four PINs was set at the CS terminal by the holder: the
    field is named for the CS terminal, never for a PIN, and takes no text (mynumber's
    forms have no field a PIN could be typed into: tests/mynumber/test_no_pin.py)."""
    from .visit_rules import PINS

    (pin,) = (p for p in PINS if p.field == name)
    return check_field(f"CS端末で本人が設定した: {pin.label}")
