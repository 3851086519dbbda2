"""The entry form, in the order of the 印鑑登録証明書交付申請書."""

from __future__ import annotations

from django import forms

from seal import kernel

from .entry import ShomeiEntry
from .plan import MAX_TSUSU, plan


class ShomeiForm(kernel.SealForm):
    entry_class = ShomeiEntry
    planner = plan

    torokusho_bango = forms.CharField(
        label="印鑑登録証の番号",
        max_length=12,
        help_text="提示された印鑑登録証の番号（読み取るか入力）",
        error_messages={"required": "印鑑登録証の番号を入力してください。"},
    )
    shinsei_date = kernel.date_field("申請年月日")
    raichousha = kernel.raichousha_field()
    dairinin_shimei = forms.CharField(label="代理人の氏名", max_length=100, required=False)
    tsusu = forms.IntegerField(
        label="通数",
        min_value=1,
        max_value=MAX_TSUSU,
        initial=1,
        error_messages={
            "required": "通数を入力してください。",
            "min_value": "通数は1通以上です。",
            "max_value": f"通数は{MAX_TSUSU}通までです。",
            "invalid": "通数は数字で入力してください。",
        },
    )
