"""The entry form of a 廃止, in the order of the 印鑑登録廃止申請書."""

from __future__ import annotations

from django import forms

from seal import kernel

from .entry import HaishiEntry
from .plan import JIYU, plan


class HaishiForm(kernel.SealForm):
    entry_class = HaishiEntry
    planner = plan

    atena_bango = kernel.atena_bango_field("登録者の宛名番号")
    shinsei_date = kernel.date_field("申請年月日")
    raichousha = kernel.raichousha_field()
    jiyu = forms.ChoiceField(label="廃止の事由", choices=[(j.value, j.label) for j in JIYU])
