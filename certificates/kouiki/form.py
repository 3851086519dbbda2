"""The entry form of a 広域交付 request: the 請求者's part (certificates.kernel) and the
home city's."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar, cast

from django import forms
from django.conf import settings

from certificates import kernel
from counter.procedure_models import PHOTO_ID_DOCUMENTS, IdDocument

from .entry import KouikiEntry
from .rules import plan

#: the items a 広域交付 copy may print (第12条の4第1項: never 本籍・筆頭者); 方書 always
KISAI = tuple(c for c in kernel.CHOICES if c[0] not in ("katagaki", "honseki_hittousha"))
PHOTO_IDS = [
    ("", "---------"),
    *((value, label) for value, label in IdDocument.choices if value in PHOTO_ID_DOCUMENTS),
]


def new_irai_no() -> str:
    """A request's number: this city's code and a random part (also a file name)."""
    return f"kouiki-{settings.MUNICIPALITY_CODE}-{secrets.token_hex(6)}"


class KouikiForm(kernel.RequestForm):
    """``KouikiForm(data, entry=…)``; after ``is_valid()``, ``entry`` is its JSON."""

    entry_class: ClassVar[type[kernel.Entry]] = KouikiEntry

    irai_no = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    shuttou = forms.BooleanField(label="請求者本人が窓口に来ている", required=False)
    honnin_shorui = forms.ChoiceField(
        label="提示された本人確認書類（顔写真付き）", choices=PHOTO_IDS, required=False
    )
    juminhyo_code = forms.CharField(label="請求者の住民票コード", max_length=20, required=False)
    jutaku_dantai_code = forms.CharField(label="住所地の団体コード", max_length=6, required=False)
    jutaku_dantai_name = forms.CharField(label="住所地の市区町村名", max_length=40, required=False)
    setai_zenin = forms.BooleanField(label="世帯全員", required=False)
    taisho_shimei = forms.CharField(
        label="同一世帯の対象者の氏名（1行に1人）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kisai = kernel.KisaiField(label="記載する事項", choices=KISAI)

    def initial_from(self, entry: dict[str, Any] | None) -> dict[str, Any]:
        initial = super().initial_from(entry)
        if not initial.get("irai_no"):
            initial["irai_no"] = new_irai_no()
        if isinstance(initial.get("taisho_shimei"), list):
            initial["taisho_shimei"] = "\n".join(initial["taisho_shimei"])
        # 第12条の4第4項: 世帯主・続柄 only when asked for (the form ticks none of it)
        initial["kisai"] = [k for k in initial.get("kisai", []) if k != "setai_nushi_zokugara"]
        return initial

    def clean_taisho_shimei(self) -> list[str]:
        text = self.cleaned_data.get("taisho_shimei") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def check(self, entry: kernel.Entry) -> None:
        plan(cast(KouikiEntry, entry))
