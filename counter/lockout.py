"""Failed logins: slowed down, then locked, per account *and* origin; lifted by a 管理者.

An account is locked only at the address the failures came from (django-axes with
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]), so five wrong passwords typed
anywhere else cannot shut a clerk out at the counter. Before the lock each further
failure makes the next attempt wait longer (`slowdown_seconds`); the lock itself lasts
AXES_COOLOFF_TIME from the last failure, or until a 管理者 lifts it with a reason
(`do_unlock`, written to the 操作ログ). The 監督者 sees every lock on the home page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import audit
from .form_rendering import unreadable_character
from .models import AuditAction, AuditLog, StaffUser

#: the wait after the 2nd, 3rd, 4th … failure in a row: 5 s, 15 s, 45 s …
SLOWDOWN_FIRST_SECONDS = 5
SLOWDOWN_FACTOR = 3


def slowdown_seconds(failures: int) -> int:
    """How long the next attempt must wait after `failures` failures in a row."""
    if failures < 2:
        return 0  # one typo costs nothing
    return int(SLOWDOWN_FIRST_SECONDS * SLOWDOWN_FACTOR ** (failures - 2))


def client_ip(request: HttpRequest) -> str:
    """The origin axes counts failures by: the same address the 操作ログ records."""
    return audit.client_ip(request)


def cool_off() -> datetime.timedelta:
    value = get_cool_off()
    if value is None:  # settings always name one; a lock with no end needs an unlock
        return datetime.timedelta(days=36500)
    return value


@dataclass(frozen=True)
class Lock:
    """The recent failures of one account at one origin."""

    username: str
    ip_address: str
    failures: int
    last_failure: datetime.datetime

    @property
    def locked(self) -> bool:
        return self.failures >= settings.AXES_FAILURE_LIMIT

    @property
    def until(self) -> datetime.datetime:
        """When a login may be tried again (the lock's end, or the slow-down's)."""
        if self.locked:
            return self.last_failure + cool_off()
        return self.last_failure + datetime.timedelta(seconds=slowdown_seconds(self.failures))


def _recent_attempts() -> Any:
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off())


def failures_at(username: str, ip_address: str) -> Lock | None:
    """The recent failures of this account from this origin (every browser counted)."""
    if not username or not ip_address or unreadable_character(username) is not None:
        return None  # no account has such a name (and PostgreSQL refuses a NUL in a query)
    row = _recent_attempts().filter(username=username, ip_address=ip_address)
    got = row.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if not got["failures"]:
        return None
    return Lock(username, ip_address, int(got["failures"]), got["last"])


def slowdown_until(username: str, ip_address: str) -> datetime.datetime | None:
    """The time before which a login is refused unheard (None: try now).

    A lock is axes' to refuse (with its own page); this is the growing wait before it.
    """
    lock = failures_at(username, ip_address)
    if lock is None or lock.locked:
        return None
    until = lock.until
    return until if until > timezone.now() else None


def current_locks() -> list[Lock]:
    """Every account and origin locked now, the latest first."""
    rows = (
        _recent_attempts()
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        Lock(r["username"] or "", r["ip_address"] or "", int(r["failures"]), r["last"])
        for r in rows
    ]


def recent_lockouts(hours: int = 24) -> list[AuditLog]:
    """The 操作ログ's lock-outs of the last `hours`, one row per account and origin."""
    since = timezone.now() - datetime.timedelta(hours=hours)
    seen: set[tuple[str, str]] = set()
    rows: list[AuditLog] = []
    for row in AuditLog.objects.filter(action=AuditAction.LOCKED_OUT, at__gte=since).order_by(
        "-at"
    )[:200]:
        key = (row.username, row.ip_address)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


@transaction.atomic
def do_unlock(
    *,
    acting_user: StaffUser,
    request: HttpRequest | None,
    username: str,
    ip_address: str,
    reason: str,
) -> int:
    """Lift the lock of one account at one origin; the reason goes to the 操作ログ."""
    reason = reason.strip()
    if not reason:
        raise ValueError("解除の理由を入力してください。")
    removed, _ = AccessAttempt.objects.filter(username=username, ip_address=ip_address).delete()
    audit.record(
        AuditAction.UNLOCK,
        request=request,
        user=acting_user,
        target=audit.AuditTarget("staff", username[:40], username),
        detail={"ip_address": ip_address, "reason": reason, "attempts_removed": removed},
    )
    return removed


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """axes' answer to a locked account (AXES_LOCKOUT_CALLABLE): when to try again."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    lock = failures_at(username, client_ip(request))
    until = lock.until if lock is not None else timezone.now() + cool_off()
    return render(
        request,
        "counter/locked_out.html",
        {"until": until, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
