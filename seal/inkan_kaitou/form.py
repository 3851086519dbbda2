"""The entry form of a 回答, in the order of the 照会書兼回答書."""

from __future__ import annotations

from django import forms

from seal import kernel

from .entry import KaitouEntry
from .plan import plan


class KaitouForm(kernel.SealForm):
    entry_class = KaitouEntry
    planner = plan

    atena_bango = kernel.atena_bango_field("申請者の宛名番号")
    kaitou_date = kernel.date_field("回答年月日")
    raichousha = kernel.raichousha_field()
    check_kaitousho = forms.BooleanField(label="回答書に本人の記入・押印がある", required=False)
    check_inei_itchi = forms.BooleanField(
        label="持参した印鑑の印影が申請の印影と一致する", required=False
    )
    shougou_inei_id = forms.IntegerField(
        label="照合用に取り込んだ印影（印影番号）",
        min_value=1,
        max_value=2_000_000_000,
        required=False,
    )
