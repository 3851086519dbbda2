"""The entry form of a 記載事項証明書, in the order of the 交付請求書."""

from __future__ import annotations

from typing import ClassVar, cast

from django import forms

from certificates import kernel
from juki.ido import kernel as ido

from .entry import KisaiJikoEntry
from .plan import plan


class KisaiJikoForm(kernel.RequestForm):
    """``KisaiJikoForm(data, entry=…)``; after ``is_valid()``, ``entry`` is its JSON."""

    entry_class: ClassVar[type[kernel.Entry]] = KisaiJikoEntry

    atena_bangos = ido.AtenaBangosField(label="対象者の宛名番号（1行に1人）")
    johyo = forms.BooleanField(label="除票の記載事項", required=False)
    kisai = kernel.KisaiField(label="証明する事項")

    def clean_atena_bangos(self) -> list[str]:
        numbers = ido.split_atena_bangos(self.cleaned_data.get("atena_bangos", ""))
        if not numbers:
            raise forms.ValidationError("対象者を選んでください（4情報で探す）。")
        return numbers

    def check(self, entry: kernel.Entry) -> None:
        plan(cast(KisaiJikoEntry, entry))
