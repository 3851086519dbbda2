"""The forms of a 郵送請求: the envelope opened (①開封・仕分), the rest of the 定額小為替
received, the 発送 with the change's way back, and the day of the 処理簿・精算書."""

from __future__ import annotations

from typing import Any

from django import forms

from counter.models_fees import ChangeMethod
from counter.procedure_models import IdDocument
from juki.forms_fields import WarekiDateField

from .models import Doufuu
from .services import MAX_KOGAWASE_YEN


def _kind_choices() -> list[tuple[str, str]]:
    from ..kinds import kinds

    return [(k.code, k.label) for k in kinds()]


class DayForm(forms.Form):
    day = WarekiDateField(label="日付", required=False)


class KaifuuForm(forms.Form):
    received_date = WarekiDateField(label="到着日", allow_future=False)
    seikyusha_shimei = forms.CharField(label="請求者（差出人）の氏名・名称", max_length=200)
    henshinsaki_jusho = forms.CharField(
        label="返信先の住所（返信用封筒の宛先）",
        max_length=200,
        help_text="本人等の請求は住民票上の住所でなければ送付できません（住基法第12条）",
    )
    doufuu = forms.MultipleChoiceField(
        label="同封物", choices=Doufuu.choices, widget=forms.CheckboxSelectMultiple
    )
    id_copy = forms.ChoiceField(
        label="本人確認書類の写し",
        choices=[("", "なし（公用）"), *IdDocument.choices],
        required=False,
    )
    kogawase_yen = forms.IntegerField(
        label="定額小為替（円）", min_value=0, max_value=MAX_KOGAWASE_YEN, initial=0
    )
    kitte_yen = forms.IntegerField(
        label="切手（円）", min_value=0, max_value=MAX_KOGAWASE_YEN, initial=0, required=False
    )
    kinds = forms.MultipleChoiceField(
        label="請求された証明書", choices=(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = _kind_choices()  # type: ignore[attr-defined]


class TsuikaForm(forms.Form):
    kogawase_yen = forms.IntegerField(
        label="届いた定額小為替（円）", min_value=1, max_value=MAX_KOGAWASE_YEN
    )


class HassouForm(forms.Form):
    change_method = forms.ChoiceField(
        label="お釣りの返し方",
        choices=[(ChangeMethod.KOGAWASE, "定額小為替"), (ChangeMethod.KITTE, "切手")],
        initial=ChangeMethod.KOGAWASE,
    )
