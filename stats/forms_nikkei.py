"""The choices of the 日計表 screens (a day, a month, a year) and the 日締め form."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from counter.models_fees import Reji, RejiClosing
from jputil.wareki import WarekiError, to_wareki_parts
from juki.forms_fields import WarekiDateField

from .nikkei.periods import YearBasis

#: how far back the month and year choices reach (a 年計 of five 年度 ago is still asked for)
YEARS_BACK = 10
#: a typo guard for the counted cash (no window's drawer holds this much)
MAX_COUNTED_YEN = 100_000_000


def _year_choices() -> list[tuple[int, str]]:
    this = timezone.localdate().year
    choices = []
    for year in range(this, this - YEARS_BACK - 1, -1):
        try:
            era, era_year = to_wareki_parts(datetime.date(year, 12, 31))
        except WarekiError:  # pragma: no cover - only before 1873
            continue
        choices.append((year, f"{year}年（{era.name}{'元' if era_year == 1 else era_year}年）"))
    return choices


class DayForm(forms.Form):
    day = WarekiDateField(label="日付", required=False)


class MonthForm(forms.Form):
    year = forms.TypedChoiceField(label="年", coerce=int, choices=())
    month = forms.TypedChoiceField(
        label="月", coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices()  # type: ignore[attr-defined]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label="年", coerce=int, choices=())
    basis = forms.ChoiceField(
        label="集計の単位",
        choices=[
            (YearBasis.NENDO.value, "年度（4月〜翌年3月）"),
            (YearBasis.NEN.value, "暦年（1月〜12月）"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices()  # type: ignore[attr-defined]


class YenField(forms.IntegerField):
    """円 as staff type them: 「12,300」「１２３００円」 are 12300."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("，", "").removesuffix("円")
        return super().to_python(value)


class CloseForm(forms.Form):
    """日締め of one レジ: the cash counted in its drawer (typed; everything else is
    the rows')."""

    day = WarekiDateField(label="日付", allow_future=False)
    reji = forms.ModelChoiceField(
        label="レジ", queryset=Reji.objects.filter(is_active=True), empty_label=None
    )
    counted_yen = YenField(
        label="現金有高（円）",
        min_value=0,
        max_value=MAX_COUNTED_YEN,
        error_messages={
            "required": "数えた現金の額を入力してください。",
            "invalid": "現金有高は半角数字（円）で入力してください。",
            "min_value": "現金有高は0円以上で入力してください。",
            "max_value": f"現金有高は{MAX_COUNTED_YEN:,}円以下で入力してください。",
        },
    )


class SignedYenField(YenField):
    """An amount that may be negative: 「-300」「△300」「▲300」 are −300."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.strip()
            if value[:1] in ("△", "▲", "－", "ー"):
                value = "-" + value[1:]
        return super().to_python(value)


class AdjustForm(forms.Form):
    """調整: a correction of a closed day, recorded on today's open day of a レジ."""

    reji = forms.ModelChoiceField(
        label="レジ", queryset=Reji.objects.filter(is_active=True), empty_label=None
    )
    adjusts_date = WarekiDateField(label="訂正する日（締めた日）", allow_future=False)
    code = forms.ChoiceField(label="事務", choices=())
    amount_yen = SignedYenField(
        label="調整額（円）",
        min_value=-MAX_COUNTED_YEN,
        max_value=MAX_COUNTED_YEN,
        help_text="不足を戻すときは負の額（例：△300）",
        error_messages={
            "required": "調整額を入力してください。",
            "invalid": "調整額は半角数字（円）で入力してください（負の額は △300 のように）。",
            "min_value": f"調整額は△{MAX_COUNTED_YEN:,}円以上で入力してください。",
            "max_value": f"調整額は{MAX_COUNTED_YEN:,}円以下で入力してください。",
        },
    )
    reason = forms.CharField(
        label="理由",
        max_length=200,
        error_messages={
            "required": "調整の理由を入力してください。",
            "max_length": "理由は200文字以内で入力してください。",
        },
    )

    def __init__(self, *args: Any, jimu: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = jimu  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        reji, day = data.get("reji"), data.get("adjusts_date")
        closed = (
            isinstance(reji, Reji)
            and isinstance(day, datetime.date)
            and RejiClosing.objects.filter(reji=reji, business_date=day).exists()
        )
        if isinstance(day, datetime.date) and not closed:
            self.add_error(
                "adjusts_date",
                "調整は日締めした日の訂正です（締めていない日は、その日の返金で直してください）。",
            )
        return data
