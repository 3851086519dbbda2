"""Forms of the procedure screens: 取下げ and 完了 (counter/views_procedure.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

#: ProcedureTransition.reason and Procedure.return_reason hold this much
REASON_MAX_LENGTH = 400


class WithdrawForm(forms.Form):
    """取下げ: why the procedure is withdrawn (kept in its history and the 操作ログ)."""

    reason = forms.CharField(
        label="取下げの理由",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        help_text="例：本人の申出により取下げ、書類不備のため後日来庁 など。",
        error_messages={
            "required": "取下げの理由を入力してください。",
            "max_length": f"取下げの理由は{REASON_MAX_LENGTH}文字以内で入力してください"
            "（いまは%(show_value)d文字です）。",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A longer reason is refused with a message, never cut silently by the browser.
        self.fields["reason"].widget.attrs.pop("maxlength", None)

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("取下げの理由を入力してください。")
        return reason


class CompleteForm(forms.Form):
    """完了: a day's handed-over procedures, or one reception's."""

    day = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    reception = forms.IntegerField(required=False, min_value=1)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day: datetime.date | None = cleaned.get("day")
        reception: int | None = cleaned.get("reception")
        if (day is None) == (reception is None):
            raise forms.ValidationError("完了にする交付日か受付を一つ選んでください。")
        return cleaned
