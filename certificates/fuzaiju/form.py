"""The entry form of a 不在住証明書, in the order of the 交付請求書."""

from __future__ import annotations

from typing import ClassVar, cast

from django import forms

from certificates import kernel
from juki.forms_fields import WarekiDateField

from .entry import FuzaijuEntry
from .plan import plan


class FuzaijuForm(kernel.RequestForm):
    """``FuzaijuForm(data, entry=…)``; after ``is_valid()``, ``entry`` is its JSON."""

    entry_class: ClassVar[type[kernel.Entry]] = FuzaijuEntry
    #: printed on the certificate as typed: only characters the printer can print (j1070)
    moji_fields: ClassVar[tuple[str, ...]] = ("fuzai_shimei", "fuzai_jusho")

    fuzai_shimei = forms.CharField(label="証明を求める方の氏名", max_length=100)
    fuzai_jusho = forms.CharField(label="証明を求める住所", max_length=200)
    fuzai_seinengappi = WarekiDateField(label="生年月日（分かるとき）", required=False)

    def check(self, entry: kernel.Entry) -> None:
        plan(cast(FuzaijuEntry, entry))
