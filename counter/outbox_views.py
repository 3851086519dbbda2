"""連携メッセージ（送信待ち・失敗）: the outbox screen for staff, and the retry action."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

import django_tables2 as tables
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from . import outbox, registry
from .access import allow
from .models import OutboxMessage, OutboxStatus, StaffUser
from .roles import Role
from .tables import StaffTable, paginate
from .templatetags.counter_tags import wareki_datetime

OUTBOX_ROLES = (Role.CLERK, Role.SUPERVISOR, Role.ADMINISTRATOR)

#: the status filter of the screen: GET ?status=…
STATUS_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "": ("未送信（送信待ち・送信失敗）", (OutboxStatus.PENDING, OutboxStatus.FAILED)),
    "pending": ("送信待ち", (OutboxStatus.PENDING,)),
    "failed": ("送信失敗", (OutboxStatus.FAILED,)),
    "delivered": ("送信済み", (OutboxStatus.DELIVERED,)),
}

RETRY_FORM_ID = "outbox-retry"


def format_datetime(value: datetime.datetime | None) -> str:
    """A local date and time in 和暦, such as 「令和8年11月21日 14:03」."""
    if value is None:
        return "―"
    return wareki_datetime(value)


class OutboxTable(StaffTable):
    id = tables.Column("番号")
    created_at = tables.Column("作成日時")
    destination = tables.Column("送信先")
    message_type = tables.Column("種別")
    source = tables.Column("発生元", accessor="source_id", empty_values=())
    status = tables.Column("状態")
    attempts = tables.Column("試行回数")
    next_attempt_at = tables.Column("次回試行", empty_values=())
    last_error = tables.Column("直近のエラー")
    action = tables.Column("操作", accessor="pk", empty_values=(), orderable=False)

    class Meta(StaffTable.Meta):
        model = OutboxMessage
        fields = (
            "id",
            "created_at",
            "destination",
            "message_type",
            "source",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
            "action",
        )
        orderable = False
        attrs: ClassVar[dict[str, Any]] = {"class": "staff-table outbox-table"}

    def render_destination(self, value: str) -> str:
        return registry.destination_label(value)

    def render_created_at(self, value: datetime.datetime) -> str:
        return format_datetime(value)

    def render_next_attempt_at(self, value: datetime.datetime | None) -> str:
        return format_datetime(value)

    def render_source(self, record: OutboxMessage) -> str:
        if not record.source_type and not record.source_id:
            return "―"
        return f"{record.source_type} {record.source_id}".strip()

    def render_last_error(self, value: str) -> str:
        return value if len(value) <= 200 else value[:200] + "…"

    def render_action(self, record: OutboxMessage) -> str:
        if record.status != OutboxStatus.FAILED:
            return ""
        return format_html(
            '<button type="submit" class="small" form="{}" name="message" value="{}">再送</button>',
            RETRY_FORM_ID,
            record.pk,
        )


def outbox_queryset(status: str) -> QuerySet[OutboxMessage]:
    _label, statuses = STATUS_FILTERS.get(status, STATUS_FILTERS[""])
    return (
        OutboxMessage.objects.filter(status__in=statuses)
        .defer("payload")
        .order_by("-created_at", "-id")
    )


@allow(*OUTBOX_ROLES)
@require_GET
def outbox_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in STATUS_FILTERS:
        status = ""
    table = paginate(request, OutboxTable(outbox_queryset(status)), per_page=50)
    return render(
        request,
        "counter/outbox.html",
        {
            "table": table,
            "status": status,
            "status_choices": [(key, label) for key, (label, _s) in STATUS_FILTERS.items()],
            "retry_form_id": RETRY_FORM_ID,
        },
    )


@allow(*OUTBOX_ROLES)
@require_POST
def outbox_retry(request: HttpRequest) -> HttpResponse:
    status = request.POST.get("status", "")
    target = reverse("counter:outbox")
    if status in STATUS_FILTERS and status:
        target += "?" + urlencode({"status": status})
    raw_id = request.POST.get("message", "")
    if not raw_id.isdigit():
        messages.error(request, "再送する連携メッセージを選んでください。")
        return redirect(target)
    user = request.user
    assert isinstance(user, StaffUser)
    try:
        message = outbox.retry(int(raw_id), acting_user=user, request=request)
    except OutboxMessage.DoesNotExist:
        messages.error(request, "その連携メッセージはありません。")
        return redirect(target)
    except outbox.OutboxError as exc:
        messages.error(request, str(exc))
        return redirect(target)
    message.refresh_from_db(fields=["status"])
    if message.status == OutboxStatus.DELIVERED:
        messages.success(request, f"連携メッセージ {message.pk} を送信しました。")
    else:
        messages.success(request, f"連携メッセージ {message.pk} を再送の待ちに戻しました。")
    return redirect(target)
