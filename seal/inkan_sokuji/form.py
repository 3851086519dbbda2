"""The entry form of a 即時登録: the 申請書, then how the will is confirmed."""

from __future__ import annotations

from django import forms

from seal import kernel
from seal.models import TorokuHouhou

from .entry import SokujiEntry
from .plan import plan


class SokujiForm(kernel.SealForm, kernel.ApplicationFields):
    entry_class = SokujiEntry
    planner = plan

    houhou = forms.ChoiceField(
        label="意思の確認方法",
        choices=[
            (TorokuHouhou.SOKUJI_SHOMEI, TorokuHouhou.SOKUJI_SHOMEI.label),
            (TorokuHouhou.SOKUJI_HOSHOU, TorokuHouhou.SOKUJI_HOSHOU.label),
        ],
        initial=TorokuHouhou.SOKUJI_SHOMEI,
    )
    honnin_kakunin = kernel.id_document_field()
    hoshounin_atena_bango = forms.CharField(label="保証人の宛名番号", max_length=10, required=False)
    hoshounin_inei_id = forms.IntegerField(
        label="保証書の保証人の印影（印影番号）",
        min_value=1,
        max_value=2_000_000_000,
        required=False,
    )
    check_hoshounin_inei = forms.BooleanField(
        label="保証書の保証人の印影が登録印影と一致する", required=False
    )
