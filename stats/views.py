"""Supervisor screens: the 操作ログ search (日計表 and statistics come later)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from counter import reads
from counter.access import allow
from counter.models import AuditAction, AuditLog
from counter.roles import RESIDENT_READERS, Role, roles_of
from counter.tables import paginate

from .forms import AuditSearchForm
from .tables import AuditLogTable


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_audit_log(data: dict[str, object]) -> QuerySet[AuditLog]:
    qs = AuditLog.objects.all()
    if data.get("username"):
        qs = qs.filter(username=data["username"])
    if data.get("target_id"):  # only in the form of a role that may see residents
        qs = qs.filter(target_id=data["target_id"])
    if data.get("action"):
        qs = qs.filter(action=data["action"])
    start = data.get("date_from")
    if isinstance(start, datetime.date):
        qs = qs.filter(at__gte=_day_start(start))
    end = data.get("date_to")
    if isinstance(end, datetime.date):
        qs = qs.filter(at__lt=_day_start(end + datetime.timedelta(days=1)))
    if data.get("kojin_bango_only"):
        qs = qs.filter(kojin_bango_shown=True)
    return qs.order_by("-id")


#: the columns that name a resident (a 宛名番号 in a path, too): shown only to the roles
#: that may see residents (a 管理者 audits who did what, not whom)
RESIDENT_COLUMNS = ("target_id", "target_label", "path")


@allow(Role.SUPERVISOR, Role.ADMINISTRATOR)
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    sees_residents = bool(roles_of(request.user) & RESIDENT_READERS)
    form = AuditSearchForm(request.GET or None, sees_residents=sees_residents)
    table = None
    if not form.is_bound or form.is_valid():
        conditions = form.cleaned_data if form.is_bound else {}
        table = paginate(
            request,
            AuditLogTable(
                filter_audit_log(conditions),
                exclude=() if sees_residents else RESIDENT_COLUMNS,
            ),
            per_page=100,
        )
        searched: dict[str, Any] = {
            k: str(v) for k, v in conditions.items() if v not in ("", None, False)
        }
        reads.declare(AuditAction.VIEW_AUDIT, **searched)
        if sees_residents:
            for row in table.paginated_rows:
                log = row.record
                if log.target_type and log.target_id:
                    reads.noticed(log.target_type, log.target_id, log.target_label)
    return render(request, "stats/audit_log.html", {"form": form, "table": table})
