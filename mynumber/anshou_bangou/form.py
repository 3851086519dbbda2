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
    pin_shomei = f.pin_field("pin_shomei")
    pin_riyousha = f.pin_field("pin_riyousha")
    pin_juki = f.pin_field("pin_juki")
    pin_kenmen = f.pin_field("pin_kenmen")
    raichousha = f.raichousha_field()
    shoukaisho = f.check_field("回答書（照会書兼回答書）を確認した（任意代理人の場合）")
    honnin_kakunin = f.id_document_field("代理人の本人確認書類", required=False)
