"""The entry form of a 再交付, in the order of the 印鑑登録証再交付申請書."""

from __future__ import annotations

from django import forms

from seal import kernel

from .entry import SaikoufuEntry
from .plan import RIYU, plan


class SaikoufuForm(kernel.SealForm):
    entry_class = SaikoufuEntry
    planner = plan

    atena_bango = kernel.atena_bango_field("登録者の宛名番号")
    shinsei_date = kernel.date_field("申請年月日")
    raichousha = kernel.raichousha_field()
    riyu = forms.ChoiceField(label="再交付の理由", choices=RIYU)
