"""The card screens' forms: the search of a resident's cards and the months ahead of
the expiry list. No form of mynumber takes a PIN (tests/mynumber/test_no_pin.py)."""

from __future__ import annotations

import re

from django import forms

ATENA_RE = re.compile(r"\d{1,10}")
HAKKOU_RE = re.compile(r"[A-Za-z0-9]{1,20}")


class CardSearchForm(forms.Form):
    """A resident's cards by 宛名番号, or a card by its 発行番号."""

    q = forms.CharField(label="宛名番号・カード発行番号", max_length=20, required=True)

    def clean_q(self) -> str:
        q = str(self.cleaned_data["q"]).strip()
        if not (ATENA_RE.fullmatch(q) or HAKKOU_RE.fullmatch(q)):
            raise forms.ValidationError(
                "宛名番号（数字10桁まで）またはカード発行番号（英数字20桁まで）を入力してください。"
            )
        return q


#: the expiry list looks ahead at most two years (the 有効期限通知 comes 3 months ahead)
MAX_MONTHS = 24


class MonthsForm(forms.Form):
    months = forms.IntegerField(
        label="何か月先まで",
        min_value=1,
        max_value=MAX_MONTHS,
        initial=3,
        required=False,
        error_messages={
            "min_value": "1以上の月数を入力してください。",
            "max_value": f"{MAX_MONTHS}か月以内で入力してください。",
            "invalid": "月数は半角数字で入力してください。",
        },
    )

    def months_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data.get("months"):
            return int(self.cleaned_data["months"])
        return 3
