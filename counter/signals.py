"""Login, logout and failed logins go to the 操作ログ."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from . import audit
from .models import AuditAction, StaffUser


@receiver(user_logged_in, dispatch_uid="counter.audit_login")
def audit_login(sender: Any, request: HttpRequest, user: StaffUser, **kwargs: Any) -> None:
    audit.record(AuditAction.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="counter.audit_logout")
def audit_logout(sender: Any, request: HttpRequest, user: StaffUser | None, **kwargs: Any) -> None:
    if user is not None:
        audit.record(AuditAction.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="counter.audit_login_failed")
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    audit.record(
        AuditAction.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", ""))[:150],
    )


@receiver(user_locked_out, dispatch_uid="counter.audit_locked_out")
def audit_locked_out(
    sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any
) -> None:
    audit.record(AuditAction.LOCKED_OUT, request=request, username=(username or "")[:150])
