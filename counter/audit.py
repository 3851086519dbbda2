"""Writing and verifying the 操作ログ.

`record()` is the only way a row is written. It takes the chain head under a row lock,
so rows get consecutive ids and each carries the previous row's hash; the row's own hash
is an HMAC under the current key (counter.audit_keys). Called inside a larger
transaction (an approval, say), the row commits or rolls back with the change.

`verify_chain()` walks the rows against the signed checkpoints written outside the
database (counter.audit_checkpoint) and yields every place where the chain does not hold,
in row order (docs/adr/0015).
"""

from __future__ import annotations

import ipaddress
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .audit_keys import AuditKeyError, current_key_id, same
from .models import AuditAction, AuditChainHead, AuditLog, StaffUser

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .audit_checkpoint import Checkpoint

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditTarget:
    """What an act was about: e.g. ("jumin", 宛名番号, "山田 太郎")."""

    type: str
    id: str
    label: str = ""


#: the request being served, so that rows written by services (which take no request)
#: still carry its path and address (`ReadLogMiddleware` binds it)
_REQUEST: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


@contextmanager
def bound_request(request: HttpRequest) -> Iterator[None]:
    token = _REQUEST.set(request)
    try:
        yield
    finally:
        _REQUEST.reset(token)


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
    """The address of the person's machine, as far as the proxies we trust say.

    Behind JUKI_TRUSTED_PROXIES reverse proxies, REMOTE_ADDR is the nearest proxy's and
    the machine's is the entry that many places from the right of X-Forwarded-For (each
    proxy appends what it saw; what a client sends itself stays further left).
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))[:45]
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [a.strip() for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote


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
    """Append one row to the 操作ログ (inside a request, with its path and address)."""
    if request is None:
        request = _REQUEST.get()
    request_user = getattr(request, "user", None)
    if user is None and request_user is not None and request_user.is_authenticated:
        user = request_user
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
            key_id=current_key_id(),
        )
        row.row_hash = row.compute_hash()
        row.save(force_insert=True)
        head.last_id = row.id
        head.last_hash = row.row_hash
        head.save(update_fields=["last_id", "last_hash"])
    return row


@dataclass(frozen=True)
class ChainProblem:
    """One place where the chain does not hold; row_id None for a bad checkpoint."""

    row_id: int | None
    message: str


def verify_chain(
    checkpoints: Sequence[Checkpoint] = (), batch_size: int = 5000
) -> Iterator[ChainProblem]:
    """Yield every place where the stored chain does not hold, first row first.

    `checkpoints` are the signed ones read back from outside the database (their
    signatures already checked): each pins the hash of its last row and the number of
    rows up to it, and says up to which row the keyless legacy chain may run.
    """
    expected_prev = GENESIS_HASH
    expected_id = 1
    last_id = 0
    # A checkpoint of an empty log pins nothing but its legacy_until.
    pending = deque(sorted((c for c in checkpoints if c.last_id), key=lambda c: (c.last_id, c.at)))
    legacy_until = min((c.legacy_until for c in checkpoints), default=None)
    first_keyed: int | None = None
    confirmed = 0  # the last row a checkpoint confirmed
    qs = AuditLog.objects.order_by("id")
    for seen, row in enumerate(qs.iterator(chunk_size=batch_size), start=1):
        if row.id != expected_id:
            yield ChainProblem(
                expected_id, f"行 {expected_id}〜{row.id - 1} がありません（削除された可能性）"
            )
        while pending and pending[0].last_id < row.id:
            gone = pending.popleft()
            yield ChainProblem(
                gone.last_id, f"検証点（{gone.label}）にある行 {gone.last_id} がありません"
            )
        if row.prev_hash != expected_prev:
            yield ChainProblem(row.id, f"行 {row.id} の直前の行が変更または削除されています")
        yield from _row_problems(row, first_keyed, legacy_until)
        if row.key_id and first_keyed is None:
            first_keyed = row.id
        while pending and pending[0].last_id == row.id:
            checkpoint = pending.popleft()
            if not same(row.row_hash, checkpoint.last_hash):
                yield ChainProblem(
                    row.id,
                    f"行 {row.id} が検証点（{checkpoint.label}）の記録と異なります"
                    f"（行 {confirmed + 1}〜{row.id} のいずれかが変更されています）",
                )
            elif seen != checkpoint.row_count:
                yield ChainProblem(
                    row.id,
                    f"検証点（{checkpoint.label}）では行 {row.id} までに {checkpoint.row_count} 行"
                    f"ありましたが、いまは {seen} 行です",
                )
            else:
                confirmed = row.id
        expected_prev = row.row_hash
        expected_id = row.id + 1
        last_id = row.id
    for checkpoint in pending:
        yield ChainProblem(
            last_id + 1,
            f"検証点（{checkpoint.label}）には行 {checkpoint.last_id} までありましたが、"
            f"行 {last_id} までしかありません（末尾の行 {last_id + 1}〜{checkpoint.last_id} が"
            "削除されています）",
        )
    yield from _head_problems(last_id, expected_prev)


def _row_problems(
    row: AuditLog, first_keyed: int | None, legacy_until: int | None
) -> Iterator[ChainProblem]:
    if not row.key_id:
        # Keyless rows may only be the chain written before the key: anyone can make them.
        if first_keyed is not None:
            yield ChainProblem(
                row.id,
                f"行 {row.id} は鍵のない旧形式ですが、鍵付きの行 {first_keyed} より後にあります"
                "（鍵を持たない者による書き換えの可能性）",
            )
        elif legacy_until is not None and row.id > legacy_until:
            yield ChainProblem(
                row.id,
                f"行 {row.id} は鍵のない旧形式ですが、検証点によれば旧形式は行 {legacy_until} "
                "までです（鍵を持たない者による書き換えの可能性）",
            )
    try:
        hash_ok = same(row.compute_hash(), row.row_hash)
    except AuditKeyError as exc:
        yield ChainProblem(row.id, f"行 {row.id} を検証できません: {exc}")
        return
    if not hash_ok:
        yield ChainProblem(row.id, f"行 {row.id} の内容が変更されています")


def _head_problems(last_id: int, last_hash: str) -> Iterator[ChainProblem]:
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None:
        if head.last_id != last_id:
            yield ChainProblem(
                head.last_id,
                f"末尾の行 {last_id + 1}〜{head.last_id} がありません（削除された可能性）",
            )
        elif head.last_hash != last_hash:
            yield ChainProblem(last_id, f"末尾の行 {last_id} が変更されています")
    elif last_id:
        yield ChainProblem(last_id, "操作ログの末尾の記録がありません")
