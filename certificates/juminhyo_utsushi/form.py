"""The entry form of a 住民票の写し, in the order of the 交付請求書."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms

from certificates import kernel
from certificates.printing import Style
from juki.ido import kernel as ido

from .entry import JuminhyoEntry
from .plan import plan

#: a 住民票の写し always prints the 方書 (j1030): it is not offered
KISAI = tuple(c for c in kernel.CHOICES if c[0] != "katagaki")


class JuminhyoForm(kernel.RequestForm):
    """``JuminhyoForm(data, entry=…)``; after ``is_valid()``, ``entry`` is its JSON."""

    entry_class: ClassVar[type[kernel.Entry]] = JuminhyoEntry

    atena_bangos = ido.AtenaBangosField(label="対象者の宛名番号（1行に1人）")
    setai_zenin = forms.BooleanField(label="世帯全員", required=False)
    johyo = forms.BooleanField(label="除票の写し", required=False)
    style = forms.ChoiceField(
        label="様式", choices=[(s.value, s.label) for s in Style], widget=forms.RadioSelect
    )
    rireki = forms.BooleanField(label="履歴を記載する（個人票）", required=False)
    kisai = kernel.KisaiField(label="記載する事項", choices=KISAI)

    def initial_from(self, entry: dict[str, Any] | None) -> dict[str, Any]:
        initial = super().initial_from(entry)
        initial.setdefault("style", Style.RENKI.value)
        return initial

    def clean_atena_bangos(self) -> list[str]:
        numbers = ido.split_atena_bangos(self.cleaned_data.get("atena_bangos", ""))
        if not numbers:
            raise forms.ValidationError("対象者を選んでください（4情報で探す）。")
        return numbers

    def check(self, entry: kernel.Entry) -> None:
        plan(cast(JuminhyoEntry, entry))
