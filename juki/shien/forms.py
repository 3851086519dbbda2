"""The forms of the 支援措置 screens (Japanese messages next to the field, 和暦 dates)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from counter.registry import categories

from ..forms_fields import WarekiDateField
from .models import IkenKikan, ShuuryouJiyu
from .periods import one_year_from
from .services import default_taishou_jimu

ATENA_HELP = "数字10桁まで（住民検索で確かめた宛名番号）。除票の方も指定できます。"


def _atena(value: str, label: str) -> str:
    value = value.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        raise forms.ValidationError(f"{label}は数字10桁までで入力してください。")
    return value


class SochiForm(forms.Form):
    """仮支援措置の入力 (事務処理要領第6の10): it protects from the moment it is saved."""

    moushidesha = forms.CharField(
        label="申出者の宛名番号",
        max_length=20,
        help_text=ATENA_HELP,
        error_messages={"required": "申出者の宛名番号を入力してください。"},
    )
    awasete = forms.CharField(
        label="併せて支援を求める者の宛名番号",
        max_length=400,
        required=False,
        help_text="複数のときは空白または読点で区切ります。",
    )
    moushide_date = WarekiDateField(label="申出日", default_today=True, allow_future=False)
    iken_kikan = forms.ChoiceField(
        label="意見を述べた機関",
        choices=IkenKikan.choices,
        error_messages={"required": "意見を述べた機関を選んでください。"},
    )
    iken_kikan_name = forms.CharField(label="機関の名称", max_length=100, required=False)
    iken_date = WarekiDateField(label="意見の日付", required=False, allow_future=False)
    kagaisha_shimei = forms.CharField(
        label="加害者の氏名", max_length=100, required=False, help_text="分からなければ空欄"
    )
    kagaisha_kana = forms.CharField(
        label="加害者の氏名（フリガナ）", max_length=200, required=False
    )
    kagaisha_seinengappi = WarekiDateField(
        label="加害者の生年月日", required=False, allow_future=False
    )
    kagaisha_jusho = forms.CharField(label="加害者の住所", max_length=200, required=False)
    taishou_jimu = forms.MultipleChoiceField(
        label="対象事務（窓口区分）",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "対象事務を1つ以上選んでください。"},
        help_text="既定は住民異動を除くすべての窓口区分です（ADR 0026）。",
    )
    memo = forms.CharField(label="備考", max_length=400, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        jimu = self.fields["taishou_jimu"]
        assert isinstance(jimu, forms.MultipleChoiceField)
        jimu.choices = [(c.code, c.label) for c in categories()]
        jimu.initial = default_taishou_jimu()

    def clean_moushidesha(self) -> str:
        return _atena(str(self.cleaned_data["moushidesha"]), "申出者の宛名番号")

    def clean_awasete(self) -> list[str]:
        text = str(self.cleaned_data.get("awasete") or "")
        parts = text.replace("、", " ").replace(",", " ").replace("　", " ").split()
        return [_atena(p, "併せて支援を求める者の宛名番号") for p in parts]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {
            "moushidesha": data["moushidesha"],
            "awasete": data["awasete"],
            "moushide_date": data["moushide_date"],
            "iken_kikan": data["iken_kikan"],
            "iken_kikan_name": data["iken_kikan_name"],
            "iken_date": data["iken_date"],
            "kagaisha_shimei": data["kagaisha_shimei"],
            "kagaisha_kana": data["kagaisha_kana"],
            "kagaisha_seinengappi": data["kagaisha_seinengappi"],
            "kagaisha_jusho": data["kagaisha_jusho"],
            "taishou_jimu": list(data["taishou_jimu"]),
            "memo": data["memo"],
        }


class KakuteiForm(forms.Form):
    """確認 by a second 職員: the period, one year from the start unless shortened."""

    kaishi_date = WarekiDateField(label="開始日", default_today=True)
    shuuryou_date = WarekiDateField(
        label="終了日", required=False, help_text="空欄なら開始日から1年（例: R2.4.1 → R3.3.31）"
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: datetime.date | None = cleaned.get("kaishi_date")
        end: datetime.date | None = cleaned.get("shuuryou_date")
        if start and end and not start <= end <= one_year_from(start):
            self.add_error("shuuryou_date", "終了日は開始日から1年以内の日にしてください。")
        return cleaned


class ShuuryouForm(forms.Form):
    jiyu = forms.ChoiceField(
        label="終了事由",
        choices=ShuuryouJiyu.choices,
        error_messages={"required": "終了事由を選んでください。"},
    )
    reason = forms.CharField(label="内容", max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由",
        max_length=300,
        error_messages={"required": "理由を入力してください。"},
    )


class KaijoForm(forms.Form):
    """一時解除の申請: one procedure (its number) and the reason."""

    procedure = forms.IntegerField(
        label="手続番号",
        min_value=1,
        max_value=2_147_483_647,
        help_text="一時解除する1件の手続の番号（審査画面・受付一覧に表示）",
        error_messages={
            "required": "手続番号を入力してください。",
            "invalid": "手続番号は数字で入力してください。",
            "min_value": "手続番号は1以上の数字です。",
            "max_value": "その手続番号はありません。",
        },
    )
    reason = forms.CharField(
        label="理由（審査の結果）",
        max_length=300,
        error_messages={"required": "一時解除の理由を入力してください。"},
    )
