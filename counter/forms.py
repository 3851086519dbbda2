from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from .models import StaffUser, Terminal


class TerminalLoginForm(AuthenticationForm):
    """Login with the terminal this person sits at (recorded in every 操作ログ row)."""

    terminal = forms.ModelChoiceField(
        label="端末",
        queryset=Terminal.objects.filter(is_active=True),
        required=False,
        empty_label="（既定の端末）",
    )

    error_messages = {  # noqa: RUF012  (Django reads it as a class attribute)
        "invalid_login": "利用者IDまたはパスワードが違います。",
        "inactive": "この利用者は使用停止中です。",
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "利用者ID"
        self.fields["password"].label = "パスワード"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        user = self.get_user()
        if user is not None and not cleaned.get("terminal"):
            if user.default_terminal is None or not user.default_terminal.is_active:
                self.add_error(
                    "terminal", "端末を選んでください（既定の端末が登録されていません）。"
                )
            else:
                cleaned["terminal"] = user.default_terminal
        return cleaned


class DisplaySettingsForm(forms.ModelForm):
    """表示設定 (j1390): items this user chooses not to see on any screen."""

    class Meta:
        model = StaffUser
        fields = ("hide_honseki", "hide_kojin_bango", "hide_juminhyo_code", "hide_zairyu")
