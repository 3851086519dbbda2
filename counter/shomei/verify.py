"""The QR verify page (public) and the 職員's report of a void certificate, for the
copies of every app (moved from certificates.printing: docs/adr/0030).

The page answers anyone holding a printed copy: is this 発行番号 ours, of which day,
which kind and how many sheets, and was it reported void. It shows NOTHING of the
person (no name, address or date of birth): the record holds none, so the page cannot
leak what it does not have. A token altered or not ours gets a plain message (never a
500, never a hint of which part was wrong).

A 職員 (or 監督者) reports a copy void with a reason (lost, misprinted, recalled): the
record keeps the reason, who and when, and the 操作ログ has a row.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from counter import audit
from counter.access import allow, public
from counter.models import AuditAction, StaffUser
from counter.roles import Role
from counter.views_common import acting_user

from . import issue, qr
from .models import HakkoKiroku

#: 職員 and 監督者: a void report is the city's decision, not the contractor's
VOID_ROLES = (Role.CLERK, Role.SUPERVISOR)

UNKNOWN_CODE_MESSAGE = (
    "この確認用コードは確認できません。コードが読み取れなかったか、書き換えられています。"
    "証明書の発行元の窓口にお問い合わせください。"
)


class VoidRefused(ValueError):
    """A void report the record refuses (the message says why)."""


@transaction.atomic
def do_report_void(
    hakko_bango: str, *, reason: str, acting_user: StaffUser, request: HttpRequest | None = None
) -> HakkoKiroku:
    """Mark the copy numbered ``hakko_bango`` void with ``reason`` (kept, never deleted)."""
    reason = reason.strip()
    if not reason:
        raise VoidRefused("無効とする理由を入力してください。")
    kiroku = HakkoKiroku.objects.select_for_update().filter(hakko_bango=hakko_bango.strip()).first()
    if kiroku is None:
        raise VoidRefused(f"発行番号「{hakko_bango}」の証明書は見つかりません。")
    if kiroku.void:
        raise VoidRefused(f"発行番号「{kiroku.hakko_bango}」はすでに無効の届出があります。")
    kiroku.void = True
    kiroku.void_reason = reason
    kiroku.voided_by = acting_user
    kiroku.voided_at = timezone.now()
    kiroku.save(update_fields=["void", "void_reason", "voided_by", "voided_at"])
    audit.record(
        AuditAction.CHANGE,
        request=request,
        user=acting_user,
        # the 発行番号 may outgrow the log's key column: the record's id is the key
        target=audit.AuditTarget("hakko", str(kiroku.pk), kiroku.hakko_bango),
        detail={"void": reason, "kind": kiroku.get_kind_display()},
    )
    return kiroku


@public
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """証明書の確認: what the QR code of a printed copy opens (no personal data)."""
    kiroku: HakkoKiroku | None = None
    try:
        day, serial = qr.key_of(token)
        kiroku = HakkoKiroku.objects.filter(issued_on=day, serial=serial).first()
    except qr.BadToken:  # tampered or not ours: the page says it is unknown
        kiroku = None
    context: dict[str, Any] = {"kiroku": kiroku, "message": UNKNOWN_CODE_MESSAGE}
    if kiroku is not None:
        context["issued_on"] = issue.date_text(kiroku.issued_on)
        if kiroku.voided_at is not None:
            context["voided_on"] = issue.date_text(timezone.localdate(kiroku.voided_at))
    return render(
        request, "counter/shomei_verify.html", context, status=200 if kiroku is not None else 404
    )


class VoidForm(forms.Form):
    hakko_bango = forms.CharField(
        label="発行番号",
        max_length=120,
        help_text="証明書の下に印字された番号（「1/2」などの枚数の前まで）",
        error_messages={"required": "発行番号を入力してください。"},
    )
    reason = forms.CharField(
        label="無効とする理由",
        max_length=200,
        help_text="例: 紛失の届出、印字の誤りによる回収",
        error_messages={"required": "無効とする理由を入力してください。"},
    )


@allow(*VOID_ROLES)
def report_void(request: HttpRequest) -> HttpResponse:
    """証明書の無効の届出: a 職員 marks a printed copy void, with a reason."""
    form = VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = do_report_void(
                form.cleaned_data["hakko_bango"],
                reason=form.cleaned_data["reason"],
                acting_user=acting_user(request),
                request=request,
            )
        except VoidRefused as refused:
            form.add_error("hakko_bango", str(refused))
        else:
            messages.success(request, f"発行番号 {row.hakko_bango} を無効としました。")
            return redirect("hakko:void")
    voided = HakkoKiroku.objects.filter(void=True).select_related("voided_by")[:50]
    return render(request, "counter/shomei_void.html", {"form": form, "voided": voided})
