"""The 管理簿 screen's form: a 個人番号通知書 the post brought back, written in."""

from __future__ import annotations

from typing import Any

from django import forms

from juki.forms_fields import WarekiDateField
from juki.ido import kernel as ido
from juki.models import Jumin

from .models_tsuchi import HenreiRiyu


class HenreiUketsukeForm(forms.Form):
    atena_bango = forms.CharField(label="名あて人の宛名番号", max_length=10)
    henrei_date = WarekiDateField(label="返戻を受けた日", allow_future=False, default_today=True)
    henrei_riyu = forms.ChoiceField(label="返戻の理由", choices=HenreiRiyu.choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        atena = str(cleaned.get("atena_bango", "")).strip()
        if atena:
            person = next(
                (p for p in Jumin.objects.filter(atena_bango=atena) if ido.is_live(p)), None
            )
            if person is None:
                self.add_error(
                    "atena_bango",
                    f"宛名番号{atena}の住民は見つかりません（住民の通知書のみ保管します）。",
                )
            cleaned["person"] = person
        return cleaned
