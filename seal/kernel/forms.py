"""The entry forms of the seal kinds: one generic form on a typed entry.

A kind's form lists its fields in the order of the paper (印鑑登録申請書, 廃止申請書,
再交付申請書), named as its entry's fields; ``SealForm`` shows an entry, builds the typed
entry from what was posted, runs the kind's plan and puts each problem next to its
field.
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
from seal.models import ShimeiKeishiki

from .rules import CHECKLIST, Raichousha


class SealForm(forms.Form):
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
        values = {}
        for name, value in cleaned.items():
            if name not in names:
                continue
            values[name] = value.strip() if isinstance(value, str) else value
        return values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        typed = self.entry_class(**self.entry_values(cleaned))
        if not plan_in_form(self, type(self).planner, typed):
            return cleaned
        self.entry = typed.to_json()
        return cleaned


def atena_bango_field(label: str = "宛名番号") -> forms.CharField:
    return forms.CharField(label=label, max_length=10)


def date_field(label: str) -> WarekiDateField:
    return WarekiDateField(label=label, allow_future=False, default_today=True)


def raichousha_field() -> forms.ChoiceField:
    return forms.ChoiceField(label="来庁者", choices=Raichousha.CHOICES, initial=Raichousha.HONNIN)


def _check(name: str) -> forms.BooleanField:
    (item,) = (item for item in CHECKLIST if item.field == name)
    return forms.BooleanField(label=f"印鑑の確認: {item.label}", required=False)


class ApplicationFields(forms.Form):
    """What the 印鑑登録申請書 states, and the 照合 checklist of the seal (要領 第2-2)."""

    atena_bango = atena_bango_field("申請者の宛名番号")
    shinsei_date = date_field("申請年月日")
    raichousha = raichousha_field()
    seinen_hikoukennin = forms.BooleanField(
        label="成年被後見人である（申請書の記載どおり）", required=False
    )
    houtei_dairinin = forms.CharField(
        label="同行した法定代理人の氏名", max_length=100, required=False
    )
    shimei_keishiki = forms.ChoiceField(
        label="印影が表す氏名", choices=ShimeiKeishiki.choices, initial=ShimeiKeishiki.SHIMEI
    )
    inei_moji = forms.CharField(label="印影の文字", max_length=100)
    inei_id = forms.IntegerField(
        label="印影番号（印影の取込で付いた番号）", min_value=1, max_value=2_000_000_000
    )
    check_shimei = _check("check_shimei")
    check_shokugyou = _check("check_shokugyou")
    check_gomu = _check("check_gomu")
    check_8mm = _check("check_8mm")
    check_25mm = _check("check_25mm")
    check_senmei = _check("check_senmei")


def id_document_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="本人確認書類",
        choices=[("", "（保証書による）"), *IdDocument.choices],
        required=False,
    )
