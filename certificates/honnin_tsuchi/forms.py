"""The window's forms of the 本人通知 (登録, 廃止) and of the disclosure record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator

from counter.procedure_models import IdDocument

from .kaiji import dairi_problem
from .models import DairiShorui, ShinseishaKubun

ATENA_BANGO = RegexValidator(r"^\d{1,10}$", "宛名番号は10桁以内の数字で入力してください。")


class AtenaBangoField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label="宛名番号", max_length=10, validators=[ATENA_BANGO], **kwargs)

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip()


class TorokuForm(forms.Form):
    """登録の申請 (要綱: 登録申請書, the 本人確認, a 代理人's 委任状)."""

    atena_bango = AtenaBangoField()
    shinseisha_kubun = forms.ChoiceField(
        label="申請者", choices=ShinseishaKubun.choices, initial=ShinseishaKubun.HONNIN
    )
    honnin_kakunin = forms.ChoiceField(
        label="本人確認書類（窓口に来た方）", choices=IdDocument.choices
    )
    dairinin_shimei = forms.CharField(label="代理人の氏名", max_length=200, required=False)
    ininjo = forms.BooleanField(label="委任状を受け取った", required=False)
    soufu_jusho = forms.CharField(
        label="通知の送付先（空欄: 住民票の住所）",
        max_length=200,
        required=False,
        help_text="住民票の住所以外に送るときだけ入力します。",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kubun = cleaned.get("shinseisha_kubun")
        dairinin = str(cleaned.get("dairinin_shimei", "")).strip()
        if kubun and kubun != ShinseishaKubun.HONNIN and not dairinin:
            self.add_error("dairinin_shimei", "代理人の申請では代理人の氏名が必要です。")
        if kubun == ShinseishaKubun.NINI_DAIRININ and not cleaned.get("ininjo"):
            self.add_error("ininjo", "任意代理人の申請には委任状が必要です（要綱: 代理人の申請）。")
        return cleaned


class HaishiForm(forms.Form):
    toroku = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    haishi_riyu = forms.CharField(label="廃止の理由", max_length=200)


class KaijiForm(forms.Form):
    """開示請求 at the window (個人情報の保護に関する法律第76条・第77条): the 本人 or a
    代理人 (第76条第2項), the ID of the one who came and a 代理人's document."""

    atena_bango = AtenaBangoField()
    #: blank is the 本人 (the form as it was before a 代理人 could ask)
    seikyusha_kubun = forms.TypedChoiceField(
        label="請求者",
        choices=ShinseishaKubun.choices,
        initial=ShinseishaKubun.HONNIN,
        required=False,
        empty_value=ShinseishaKubun.HONNIN,
    )
    dairinin_shimei = forms.CharField(label="代理人の氏名", max_length=200, required=False)
    dairi_shorui = forms.ChoiceField(
        label="代理人であることを示す書類（第77条第2項）",
        choices=[("", "―（本人の請求）"), *DairiShorui.choices],
        required=False,
    )
    honnin_kakunin = forms.ChoiceField(
        label="本人確認書類（窓口に来た方）", choices=IdDocument.choices
    )
    kakunin = forms.BooleanField(
        label="請求者が本人（代理人は代理人本人）であることを書類で確認した（第77条第2項）",
        required=True,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kubun = cleaned.get("seikyusha_kubun")
        if kubun:
            problem = dairi_problem(
                str(kubun),
                str(cleaned.get("dairinin_shimei", "")),
                str(cleaned.get("dairi_shorui", "")),
                None,  # the 本人's age is the service's to check
            )
            if problem is not None:
                self.add_error(problem[0], problem[1])
        return cleaned
