"""The entry form of a 特急発行, in the order of the window's steps (条件, 本人確認,
顔写真, 送付先)."""

from __future__ import annotations

from django import forms

from mynumber.kernel import entry_form as f

from .entry import TokkyuuEntry
from .plan import Sofusaki, TokkyuJiyu, plan


class TokkyuuForm(f.CardEntryForm):
    entry_class = TokkyuuEntry
    planner = plan

    atena_bango = f.atena_bango_field("申請者の宛名番号")
    shinsei_date = f.date_field("申請年月日")
    jiyu = forms.ChoiceField(
        label="特急発行の条件", choices=[("", "（選んでください）"), *TokkyuJiyu.choices]
    )
    raichousha = f.raichousha_field()
    seinen_hikoukennin = f.check_field("成年被後見人である")
    honnin_kakunin = f.id_document_field("本人確認書類")
    honnin_kakunin_2 = f.id_document_field("本人確認書類（2点目）", required=False)
    check_shashin = f.check_field("顔写真を撮影（又は取込）した")
    sofusaki = forms.ChoiceField(
        label="カードの送付先", choices=Sofusaki.choices, initial=Sofusaki.JUSHO
    )
