"""The entry form of the card procedures at the window (ADR 0036): one generic form on
a typed entry, and the fields the papers share.

A kind's form lists its fields in the order of its paper (交付通知書兼照会書, 有効期間変更
申請書, 暗証番号変更・再設定申請書 …), named as its entry's fields; ``CardEntryForm`` shows
an entry, builds the typed entry from what was posted, runs the kind's plan and puts each
problem next to its field (the form keeps what was typed).
"""

from __future__ import annotations

from django import forms

from counter.kind_form import TypedEntryForm
from counter.procedure_models import IdDocument
from juki.forms_fields import window_date_field

from .rules import RaichoushaChoice


class CardEntryForm(TypedEntryForm):
    """The card papers' form (counter.kind_form)."""


def atena_bango_field(label: str = "カード所有者の宛名番号") -> forms.CharField:
    return forms.CharField(label=label, max_length=10)


date_field = window_date_field


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
