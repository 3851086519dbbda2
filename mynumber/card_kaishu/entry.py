"""The entry of a 回収: whose card (the 除票), on which day, who brought it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from django import forms

from counter.kind_entry import Entry
from counter.procedure_models import IdDocument
from mynumber.kernel import madoguchi
from mynumber.kernel.todoke_form import TodokeForm


@dataclass(frozen=True)
class CardKaishuEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    todoke_date: datetime.date | None = None
    #: 持参者: the one who brings the card (遺族, 同居人 …) and who they are to the holder
    jisansha_shimei: str = ""
    jisansha_kankei: str = ""
    honnin_kakunin: str = ""
    check_card: bool = False


class KaishuFields(TodokeForm):
    atena_bango = forms.CharField(label="宛名番号（死亡した方）", max_length=10)
    todoke_date = madoguchi.date_field("受付年月日")
    jisansha_shimei = forms.CharField(label="持参した方の氏名", max_length=100)
    jisansha_kankei = forms.CharField(
        label="死亡した方との関係", max_length=30, help_text="例: 長男、妻、同居人"
    )
    honnin_kakunin = forms.ChoiceField(
        label="持参した方の本人確認書類（提示があったとき）",
        choices=[("", "（提示なし）"), *IdDocument.choices],
        required=False,
    )
    check_card = forms.BooleanField(label="持参された個人番号カードを確認した", required=False)
