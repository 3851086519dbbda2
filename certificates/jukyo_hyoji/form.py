"""The entry form of a 住居表示変更証明書 (住居表示変更証明願), in the order of the paper."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms

from certificates import kernel
from juki.address import Chouaza
from juki.ido import kernel as ido

from .entry import JukyoHyojiEntry
from .plan import plan


class JukyoHyojiForm(kernel.RequestForm):
    """``JukyoHyojiForm(data, entry=…)``; after ``is_valid()``, ``entry`` is its JSON."""

    entry_class: ClassVar[type[kernel.Entry]] = JukyoHyojiEntry
    #: printed on the certificate as typed (j1070)
    moji_fields: ClassVar[tuple[str, ...]] = ("meigi",)

    chouaza = ido.ChouazaField(label="新しい住所（町字）")
    banchi = forms.CharField(label="街区符号・住居番号", max_length=60)
    meigi = forms.CharField(label="証明書に記載する氏名（名義）", max_length=100, required=False)

    def build(self, cleaned: dict[str, Any]) -> kernel.Entry:
        chouaza = cleaned.get("chouaza")
        code = chouaza.code if isinstance(chouaza, Chouaza) else ""
        return super().build({**cleaned, "chouaza": code})

    def check(self, entry: kernel.Entry) -> None:
        plan(cast(JukyoHyojiEntry, entry))
