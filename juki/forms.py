from __future__ import annotations

from typing import Any

from django import forms

from jputil import numbers

from .forms_fields import WarekiDateField
from .models import Chouaza, Seibetsu
from .search import Conditions


def _digits_field(label: str, length: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=length + 8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ResidentSearchForm(forms.Form):
    """4情報 + numbers. At least one condition; the numbers are checked by check digit."""

    shimei = forms.CharField(
        label="氏名（カナまたは漢字）",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
        help_text="先頭からの一致。カナは濁点・小書き・長音を区別しません。",
    )
    mei_only = forms.BooleanField(label="名のみで探す（カナ）", required=False)
    seinengappi = WarekiDateField(label="生年月日", required=False, allow_future=False)
    seibetsu = forms.ChoiceField(
        label="性別", required=False, choices=[("", "指定なし"), *Seibetsu.choices]
    )
    chouaza = forms.ModelChoiceField(
        label="町字",
        required=False,
        queryset=Chouaza.objects.filter(is_active=True)
        .select_related("gyouseiku")
        .order_by("search_kana"),
        empty_label="指定なし",
    )
    banchi = forms.CharField(label="番地", required=False, max_length=60)
    atena_bango = _digits_field("宛名番号", 10)
    juminhyo_code = _digits_field("住民票コード", 11)
    kojin_bango = _digits_field("個人番号", 12)
    include_johyo = forms.BooleanField(label="除票も探す", required=False)

    def _clean_number(self, name: str, validate: Any) -> str:
        raw = self.cleaned_data.get(name) or ""
        value = numbers.normalize_digits(raw)
        if not value:
            return ""
        try:
            validate(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return value

    def clean_atena_bango(self) -> str:
        return self._clean_number("atena_bango", numbers.validate_atena_bango)

    def clean_juminhyo_code(self) -> str:
        return self._clean_number("juminhyo_code", numbers.validate_juminhyo_code)

    def clean_kojin_bango(self) -> str:
        return self._clean_number("kojin_bango", numbers.validate_kojin_bango)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not self.errors and self.conditions().is_empty():
            raise forms.ValidationError(
                "氏名・生年月日・町字・番号のいずれかを入力してください（性別だけでは探せません）。"
            )
        if cleaned.get("banchi") and not cleaned.get("chouaza"):
            self.add_error("banchi", "番地で探すときは町字も選んでください。")
        return cleaned

    def conditions(self) -> Conditions:
        data = self.cleaned_data
        return Conditions(
            shimei=(data.get("shimei") or "").strip(),
            mei_only=bool(data.get("mei_only")),
            seinengappi=data.get("seinengappi"),
            seibetsu=data.get("seibetsu") or "",
            chouaza=data.get("chouaza"),
            banchi=(data.get("banchi") or "").strip(),
            atena_bango=data.get("atena_bango") or "",
            juminhyo_code=data.get("juminhyo_code") or "",
            kojin_bango=data.get("kojin_bango") or "",
            include_johyo=bool(data.get("include_johyo")),
        )
