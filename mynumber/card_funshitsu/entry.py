"""The 個人番号カード紛失・廃止届."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel import madoguchi
from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm

JIYU = {"funshitsu": "紛失", "tounan": "盗難", "shoushitsu": "焼失（廃止）"}


@dataclass(frozen=True)
class CardFunshitsuEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    jiyu: str = "funshitsu"
    funshitsu_date: datetime.date | None = None
    #: the holder called the 個人番号カード総合フリーダイヤル first (seed ②: 「コールセンター
    #: による一時停止措置の確認」)
    callcenter: bool = False
    callcenter_bango: str = ""
    keisatsu_bango: str = ""


class FunshitsuFields(VisitorForm):
    jiyu = forms.ChoiceField(label="届出の事由", choices=list(JIYU.items()))
    funshitsu_date = madoguchi.date_field("紛失に気づいた日")
    callcenter = forms.BooleanField(
        label="コールセンターで一時停止の手続をした（確認済み）", required=False
    )
    callcenter_bango = forms.CharField(
        label="コールセンターの受付番号", max_length=30, required=False
    )
    keisatsu_bango = forms.CharField(
        label="警察の遺失届・盗難届の受理番号（届け出ている場合）", max_length=30, required=False
    )
