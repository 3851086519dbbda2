"""外字の登録 (標準仕様書 j1070): a 職員 registers a character IPAmj明朝 lacks, so that a
name or address may hold it; the register then accepts it and flags every entry using it.

Open to city staff only (a 受注者 prepares entries but does not decide what the register
may hold); the registration is an act in the 操作ログ.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from counter.access import allow
from counter.roles import Role
from counter.views_common import acting_user

from .gaiji import Gaiji, do_register_gaiji, validate_toitsu_code

#: 職員 and 監督者 (who may do all a 職員 does)
GAIJI_ROLES = (Role.CLERK, Role.SUPERVISOR)


class GaijiForm(forms.Form):
    moji = forms.CharField(
        label="外字（文字、またはコード U+XXXX）",
        max_length=20,
        help_text="私用領域の文字（U+E000〜U+F8FF など）か、IPAmj明朝にない漢字を1文字",
    )
    setsumei = forms.CharField(
        label="字形の説明",
        max_length=200,
        help_text="例: 「吉」の上が土（つちよし）、戸籍の記載による",
    )
    toitsu_code = forms.CharField(
        label="住基ネット統一文字コード",
        max_length=6,
        required=False,
        help_text="J+XXXX（わからなければ空欄。住基ネットへは親字のコードで送り、表に残します）",
    )

    def clean_toitsu_code(self) -> str:
        code = (self.cleaned_data.get("toitsu_code") or "").strip().upper()
        validate_toitsu_code(code)
        return code


@allow(*GAIJI_ROLES)
def gaiji(request: HttpRequest) -> HttpResponse:
    form = GaijiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = do_register_gaiji(
                acting_user=acting_user(request),
                request=request,
                moji_text=form.cleaned_data["moji"],
                setsumei=form.cleaned_data["setsumei"],
                toitsu_code=form.cleaned_data["toitsu_code"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)  # by item: 外字, 字形の説明, 統一文字コード
        else:
            messages.success(request, f"外字 {row.code} を登録しました。")
            return redirect("juki:gaiji")
    context: dict[str, Any] = {
        "form": form,
        "rows": Gaiji.objects.select_related("registered_by").order_by("-registered_at", "-id"),
    }
    return render(request, "juki/gaiji.html", context)
