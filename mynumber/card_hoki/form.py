"""The entry form of a カード補記, in the order of the 補記対応届出."""

from __future__ import annotations

from django import forms

from mynumber.kernel import entry_form as f

from .entry import HokiEntry
from .plan import IcChip, plan


class HokiForm(f.CardEntryForm):
    entry_class = HokiEntry
    planner = plan

    atena_bango = f.atena_bango_field()
    todoke_date = f.date_field("届出年月日")
    hoki_naiyou = forms.CharField(
        label="補記する内容（例: 住所の変更 令和8年4月1日 押上一丁目2番3号）", max_length=200
    )
    ic_chip = forms.ChoiceField(label="ICチップの更新", choices=IcChip.choices, initial=IcChip.ARI)
    shomei_saihakkou = f.check_field("署名用電子証明書の発行を希望する（失効しているとき）")
    raichousha = f.raichousha_field()
    shoukaisho = f.shoukaisho_field()
    honnin_kakunin = f.id_document_field("代理人の本人確認書類", required=False)
