"""The 支援措置 alerts of the backyard (UI.md 7; j440): attempts on protected persons not
yet acknowledged by a 職員, measures ending within a month, and measures past an
unextended end ("expired": the 抑止 stays until a 職員 ends it, j410)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from counter.models import AuditAction, AuditLog

from .guard import GUARD_NAME
from .models import ACTIVE_STATES, ShienAlertKakunin, ShienSochi


def attempts() -> QuerySet[AuditLog]:
    """Every act the guard refused or a lift let through (操作ログ rows), newest first."""
    return AuditLog.objects.filter(
        action__in=[AuditAction.REFUSED, AuditAction.CHANGE], detail__guard=GUARD_NAME
    ).order_by("-id")


def unacknowledged() -> QuerySet[AuditLog]:
    seen = ShienAlertKakunin.objects.values("audit_log_id")
    return attempts().exclude(pk__in=seen)


def period_alerts(today: datetime.date | None = None) -> list[ShienSochi]:
    """Active measures whose end is within a month (j440) or past (one query)."""
    day = today or timezone.localdate()
    # a month is at most 31 days: the query reads a little more, ending_soon decides
    rows = ShienSochi.objects.filter(
        state__in=ACTIVE_STATES, shuuryou_date__lte=day + datetime.timedelta(days=31)
    ).order_by("shuuryou_date", "pk")
    return [s for s in rows if s.expired(day) or s.ending_soon(day)]


def shien_alerts() -> list[str]:
    """The texts of the 審査 screen's alerts (counter.registry staff_alerts)."""
    today = timezone.localdate()
    texts: list[str] = []
    n = unacknowledged().count()
    if n:
        texts.append(
            f"支援措置の対象者への請求・操作が{n}件あります（支援措置の画面で確認してください）。"
        )
    expired = soon = 0
    for sochi in period_alerts(today):
        if sochi.expired(today):
            expired += 1
        else:
            soon += 1
    if soon:
        texts.append(f"終了日まで1か月以内の支援措置が{soon}件あります（延長または終了の確認）。")
    if expired:
        texts.append(f"終了日を過ぎて延長されていない支援措置が{expired}件あります（期間満了）。")
    return texts
