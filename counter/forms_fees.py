"""Forms of the fee screens: お預かり金額 at 交付, 返金, a new price of the 手数料マスタ.

They only clean what was typed and say in Japanese what is expected; the rules (short
cash, a closed day, who may refund) are counter.fees'.
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

from django import forms

from jputil.wareki import WarekiError, parse_date, to_wareki

from .fees import MAX_RECEIVED_YEN
from .forms_window import HandoverForm
from .models_fees import FeeRow

YEN_MESSAGES = {
    "required": "お預かり金額を入力してください。",
    "invalid": "お預かり金額は半角または全角の数字（円）で入力してください。",
    "min_value": "お預かり金額は0円以上で入力してください。",
    "max_value": f"お預かり金額は{MAX_RECEIVED_YEN:,}円以下で入力してください。",
}


class YenField(forms.IntegerField):
    """An amount in 円: full-width digits, 「,」 and a trailing 「円」 are accepted."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip().replace(",", "")
            value = value.removesuffix("円").strip()
            if value and not value.isascii():
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PaymentHandoverForm(HandoverForm):
    """交付 with a fee: the cash received (the change is computed, never typed)."""

    received_yen = YenField(
        label="お預かり金額（円）",
        min_value=0,
        max_value=MAX_RECEIVED_YEN,
        error_messages=YEN_MESSAGES,
    )
    field_order = ("received_yen", "confirmed")


class FeeRowChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.label}　{obj.quantity}通　{obj.amount_yen:,}円（{to_wareki(obj.business_date)}）"
        )


class RefundForm(forms.Form):
    """返金: which fee row of the reception, and why (required)."""

    row = FeeRowChoiceField(
        label="返金する手数料",
        queryset=FeeRow.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "返金する手数料を選んでください。",
            "invalid_choice": "返金できる手数料を選んでください。",
        },
    )
    reason = forms.CharField(
        label="返金の理由",
        max_length=200,
        error_messages={
            "required": "返金の理由を入力してください。",
            "max_length": "返金の理由は200文字以内で入力してください。",
        },
    )

    def __init__(self, *args: Any, rows: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["row"]
        assert isinstance(field, FeeRowChoiceField)
        field.queryset = rows

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("返金の理由を入力してください。")
        return reason


class WarekiDayField(forms.Field):
    """A date typed in 和暦 or 西暦 (jputil.wareki.parse_date), cleaned to a date."""

    def to_python(self, value: Any) -> datetime.date | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError("日付は40文字以内で入力してください（例：令和8年4月1日）。")
        try:
            return parse_date(text)
        except WarekiError as error:
            raise forms.ValidationError(str(error)) from None


class TesuryoForm(forms.Form):
    """A new price of the 手数料マスタ from a date (the rows in force are never edited)."""

    code = forms.RegexField(
        label="手数料コード",
        regex=r"^[a-z][a-z0-9_]{0,39}$",
        error_messages={
            "required": "手数料コードを入力してください。",
            "invalid": "手数料コードは半角英小文字・数字・「_」（40文字以内）で入力してください。",
        },
    )
    label = forms.CharField(
        label="事務",
        max_length=50,
        error_messages={
            "required": "事務の名前を入力してください。",
            "max_length": "事務の名前は50文字以内で入力してください。",
        },
    )
    amount_yen = YenField(
        label="手数料（円）",
        min_value=0,
        max_value=100_000,
        error_messages={
            "required": "手数料を入力してください。",
            "invalid": "手数料は数字（円）で入力してください。",
            "min_value": "手数料は0円以上で入力してください。",
            "max_value": "手数料は100,000円以下で入力してください。",
        },
    )
    valid_from = WarekiDayField(
        label="適用開始日",
        error_messages={"required": "適用開始日を入力してください（例：令和8年4月1日）。"},
    )
