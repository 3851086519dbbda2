"""Writing and verifying the 操作ログ.

`record()` is the only way a row is written. It takes the chain head under a row lock,
so rows get consecutive ids and each carries the previous row's hash. Called inside a
larger transaction (an approval, say), the row commits or rolls back with the change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from .models import AuditAction, AuditChainHead, AuditLog, StaffUser

if TYPE_CHECKING:
    from django.http import HttpRequest

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditTarget:
    """What an act was about: e.g. ("jumin", 宛名番号, "山田 太郎")."""

    type: str
    id: str
    label: str = ""


def _shown(text: str) -> str:
    """``text`` with NUL written out as ``\\x00``: PostgreSQL refuses NUL in text and in
    jsonb, and a refused request whose URL or input carried one must still be logged."""
    return text.replace("\x00", "\\x00")


def _shown_detail(value: Any) -> Any:
    if isinstance(value, str):
        return _shown(value)
    if isinstance(value, dict):
        return {_shown(str(k)): _shown_detail(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shown_detail(v) for v in value]
    return value


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def terminal_code_of(request: HttpRequest | None) -> str:
    if request is None or not hasattr(request, "session"):
        return ""
    return str(request.session.get("terminal_code", ""))


def record(
    action: AuditAction | str,
    *,
    request: HttpRequest | None = None,
    user: StaffUser | None = None,
    username: str = "",
    terminal_code: str | None = None,
    target: AuditTarget | None = None,
    kojin_bango_shown: bool = False,
    detail: dict[str, Any] | None = None,
) -> AuditLog:
    """Append one row to the 操作ログ."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    # No savepoint inside a larger transaction: a failed write fails the act it records.
    with transaction.atomic(savepoint=False):
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        row = AuditLog(
            id=head.last_id + 1,
            at=timezone.now(),
            user=user,
            username=_shown(user.get_username() if user is not None else username)[:150],
            terminal_code=(
                terminal_code if terminal_code is not None else terminal_code_of(request)
            )[:20],
            action=str(action),
            target_type=target.type if target else "",
            target_id=_shown(target.id)[:40] if target else "",
            target_label=_shown(target.label)[:200] if target else "",
            path=(_shown(request.path)[:200] if request is not None else ""),
            ip_address=(client_ip(request) if request is not None else ""),
            kojin_bango_shown=kojin_bango_shown,
            detail=_shown_detail(detail or {}),
            prev_hash=head.last_hash,
        )
        row.row_hash = row.compute_hash()
        row.save(force_insert=True)
        head.last_id = row.id
        head.last_hash = row.row_hash
        head.save(update_fields=["last_id", "last_hash"])
    return row


@dataclass(frozen=True)
class ChainProblem:
    row_id: int
    message: str


def verify_chain(batch_size: int = 5000) -> Iterator[ChainProblem]:
    """Yield every place where the stored chain does not hold."""
    expected_prev = GENESIS_HASH
    expected_id = 1
    last_id = 0
    qs = AuditLog.objects.order_by("id")
    for row in qs.iterator(chunk_size=batch_size):
        if row.id != expected_id:
            yield ChainProblem(
                row.id, f"行 {expected_id}〜{row.id - 1} がありません（削除された可能性）"
            )
        if row.prev_hash != expected_prev:
            yield ChainProblem(row.id, f"行 {row.id} の直前の行が変更または削除されています")
        if row.compute_hash() != row.row_hash:
            yield ChainProblem(row.id, f"行 {row.id} の内容が変更されています")
        expected_prev = row.row_hash
        expected_id = row.id + 1
        last_id = row.id
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None:
        if head.last_id != last_id:
            yield ChainProblem(
                head.last_id,
                f"末尾の行 {last_id + 1}〜{head.last_id} がありません（削除された可能性）",
            )
        elif head.last_hash != expected_prev:
            yield ChainProblem(last_id, f"末尾の行 {last_id} が変更されています")
    elif last_id:
        yield ChainProblem(last_id, "操作ログの末尾の記録がありません")
