"""The entry form of a 暗証番号変更・再設定, in the order of its 申請書."""

from __future__ import annotations

from django import forms

from mynumber.kernel import entry_form as f

from .entry import AnshouEntry
from .plan import SOUSA, plan


class AnshouForm(f.CardEntryForm):
    entry_class = AnshouEntry
    planner = plan

    atena_bango = f.atena_bango_field()
    shinsei_date = f.date_field("申請年月日")
    sousa = forms.ChoiceField(
        label="手続", choices=[(s.value, s.label) for s in SOUSA], initial=SOUSA[1].value
    )
    cs_shomei = f.cs_field("cs_shomei")
    cs_riyousha = f.cs_field("cs_riyousha")
    cs_juki = f.cs_field("cs_juki")
    cs_kenmen = f.cs_field("cs_kenmen")
    raichousha = f.raichousha_field()
    shoukaisho = f.check_field("回答書（照会書兼回答書）を確認した（任意代理人の場合）")
    honnin_kakunin = f.id_document_field("代理人の本人確認書類", required=False)
