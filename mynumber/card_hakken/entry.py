"""The 個人番号カード一時停止解除届."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm


@dataclass(frozen=True)
class CardHakkenEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    check_card: bool = False
    shomei_saihakkou: bool = True


class HakkenFields(VisitorForm):
    check_card = forms.BooleanField(label="発見した個人番号カードを確認した", required=False)
    shomei_saihakkou = forms.BooleanField(
        label="署名用電子証明書の再発行を希望する", required=False, initial=True
    )
