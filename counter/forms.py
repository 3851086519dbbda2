from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest

from . import registry
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
        username = self.fields["username"]
        assert isinstance(username, forms.CharField)
        username.label = "利用者ID"
        # AuthenticationForm sets only the widget's limit: without the validator a longer
        # name reaches authenticate() and django-axes' failure row (255 characters), which
        # PostgreSQL refuses with an error instead of the message next to the item.
        if username.max_length is not None:
            username.validators.append(MaxLengthValidator(username.max_length))
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


class DisplaySettingsForm(forms.Form):
    """表示設定 (j1390): what this member of staff chooses for their own screens. The
    choices are the apps' (counter.registry.user_settings), one checkbox each."""

    def __init__(self, data: Any = None, *, user: StaffUser) -> None:
        super().__init__(data)
        self.user = user
        for item in registry.user_settings():
            self.fields[item.code] = forms.BooleanField(
                label=item.label,
                help_text=item.help_text,
                required=False,
                initial=user.setting(item.code),
            )

    def save(self) -> None:
        chosen = {code: bool(self.cleaned_data.get(code)) for code in self.fields}
        self.user.display_settings = {**(self.user.display_settings or {}), **chosen}
        self.user.save(update_fields=["display_settings"])
