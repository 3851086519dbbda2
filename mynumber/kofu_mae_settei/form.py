"""The entry form of a 交付前設定, in the order of the 個人番号カード事前チェックシート."""

from __future__ import annotations

from django import forms

from juki.forms_fields import WarekiDateField
from mynumber.kernel import entry_form as f

from .entry import SetteiEntry
from .plan import CHECKLIST, Kekka, plan


def _check(name: str) -> forms.BooleanField:
    (item,) = (item for item in CHECKLIST if item.field == name)
    return f.check_field(f"券面と住民票の照合: {item.label}が一致")


class SetteiForm(f.CardEntryForm):
    entry_class = SetteiEntry
    planner = plan

    atena_bango = f.atena_bango_field("申請者の宛名番号")
    hakkou_bango = forms.CharField(label="カード発行番号（カードフォルダの記載）", max_length=20)
    hakkou_date = WarekiDateField(label="カードの発行日", allow_future=False)
    settei_date = f.date_field("交付前設定日")
    check_shimei = _check("check_shimei")
    check_jusho = _check("check_jusho")
    check_seinengappi = _check("check_seinengappi")
    check_seibetsu = _check("check_seibetsu")
    check_shashin = _check("check_shashin")
    kekka = forms.ChoiceField(label="照合の結果", choices=Kekka.choices, initial=Kekka.SETTEI)
    horyuu_riyu = forms.CharField(label="保留の理由", max_length=200, required=False)
