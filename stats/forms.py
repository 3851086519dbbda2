from __future__ import annotations

from typing import Any

from django import forms

from counter.models import AuditAction
from juki.forms_fields import WarekiDateField


class AuditSearchForm(forms.Form):
    """操作ログの検索条件: 利用者, 住民 (宛名番号), 日付, 操作."""

    username = forms.CharField(label="利用者ID", required=False, max_length=150)
    target_id = forms.CharField(label="住民（宛名番号）", required=False, max_length=40)
    action = forms.ChoiceField(
        label="操作", required=False, choices=[("", "すべて"), *AuditAction.choices]
    )
    date_from = WarekiDateField(label="日付（から）", required=False)
    date_to = WarekiDateField(label="日付（まで）", required=False)
    kojin_bango_only = forms.BooleanField(label="個人番号を表示した操作のみ", required=False)

    def __init__(self, *args: Any, sees_residents: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sees_residents:
            del self.fields["target_id"]  # a 管理者 may not look for a resident's traces

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "「まで」の日付は「から」の日付と同じか後にしてください。")
        return cleaned
