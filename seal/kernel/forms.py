"""The entry forms of the seal kinds: one generic form on a typed entry.

A kind's form lists its fields in the order of the paper (印鑑登録申請書, 廃止申請書,
再交付申請書), named as its entry's fields; ``SealForm`` shows an entry, builds the typed
entry from what was posted, runs the kind's plan and puts each problem next to its
field.
"""

from __future__ import annotations

from django import forms

from counter.kind_form import TypedEntryForm
from counter.procedure_models import IdDocument
from juki.forms_fields import window_date_field
from seal.models import ShimeiKeishiki

from .rules import CHECKLIST, Raichousha


class SealForm(TypedEntryForm):
    """The seal papers' form (counter.kind_form)."""


def atena_bango_field(label: str = "宛名番号") -> forms.CharField:
    return forms.CharField(label=label, max_length=10)


date_field = window_date_field


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
