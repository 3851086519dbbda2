"""The outbox (送信待ち): messages to other systems, written with the change that causes them.

- `enqueue()` is called inside the caller's transaction (an 異動届's `apply()` at 承認):
  the message row commits or rolls back with the change, and delivery is scheduled only
  after the commit, so a change that did not happen sends nothing.
- `deliver()` sends one message through the adapter of its destination
  (`counter.outbox_adapters`), under a row lock, and records the outcome: delivered, or
  the error and the time of the next try (exponential backoff), or failed after
  `settings.OUTBOX_MAX_ATTEMPTS` tries.
- `retry()` lets staff send a failed message again (written to the 操作ログ).
- `deliver_due()` is the periodic sweep (Celery beat, every minute) that sends whatever
  is due: it covers a worker or broker that was down when a message was written.

Delivery is at least once; adapters are idempotent on the idempotency key, so the
receiver sees each message once.

Every destination and message type is declared by the app that sends it (its manifest,
counter.registry). `enqueue_many` refuses an unknown destination, and a payload that
does not match its message type's schema (counter.messages), naming the type and the
field; the stored payload carries the schema version.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import audit, registry
from .messages import MessageSchemaError
from .models import AuditAction, OutboxMessage, OutboxStatus
from .outbox_adapters import IDEMPOTENCY_KEY_RE, get_adapter

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import StaffUser

logger = logging.getLogger(__name__)

#: how much of an exception's text is kept in last_error
MAX_ERROR_LENGTH = 4000


class OutboxError(Exception):
    """A misuse of the outbox (outside a transaction, a reused key, a bad retry)."""


def max_attempts() -> int:
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8))


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed try: base × 2^(attempts−1), capped."""
    base = float(getattr(settings, "OUTBOX_BACKOFF_BASE_SECONDS", 60))
    cap = float(getattr(settings, "OUTBOX_BACKOFF_MAX_SECONDS", 3600))
    exponent = min(max(attempts - 1, 0), 30)
    return datetime.timedelta(seconds=min(base * (2**exponent), cap))


def _schedule_deliveries(message_ids: Sequence[int]) -> None:
    """After the commit: hand the messages to workers (eagerly in tests and `make run`)."""
    from .tasks import deliver_messages

    deliver_messages.delay(list(message_ids))


@dataclass(frozen=True)
class OutgoingMessage:
    """One message to write with `enqueue_many` (the arguments of `enqueue`)."""

    destination: str
    message_type: str
    payload: dict[str, Any]
    idempotency_key: str
    source_type: str = ""
    source_id: str | int = ""

    def checked_payload(self) -> dict[str, Any]:
        """The payload to store (stamped with its schema version), or OutboxError."""
        if str(self.destination) not in registry.destinations():
            raise OutboxError(f"未知の送信先です: {self.destination!r}")
        if not self.message_type:
            raise OutboxError("種別（message_type）がありません。")
        if not IDEMPOTENCY_KEY_RE.fullmatch(self.idempotency_key):
            raise OutboxError(f"冪等キーに使えない文字があります: {self.idempotency_key!r}")
        types = registry.message_types()
        mtype = types.get(self.message_type)
        if mtype is None:
            raise OutboxError(
                f"未登録の連携メッセージ種別です: {self.message_type!r}"
                f"（送信先 {self.destination}）。種別はそのアプリのマニフェストで登録します。"
            )
        if str(self.destination) not in mtype.destinations:
            raise OutboxError(
                f"連携メッセージ {mtype.code} の送信先に {self.destination} はありません"
                f"（{', '.join(mtype.destinations)}）。"
            )
        try:
            mtype.validate(self.payload)
        except MessageSchemaError as exc:
            raise OutboxError(str(exc)) from exc
        return mtype.stamped(self.payload)


def enqueue(
    *,
    destination: str,
    message_type: str,
    payload: dict[str, Any],
    idempotency_key: str,
    source_type: str = "",
    source_id: str | int = "",
) -> OutboxMessage:
    """Write one message to the outbox inside the caller's transaction.

    Must be called inside `transaction.atomic()` (the change that causes the message);
    raises `OutboxError` otherwise. Delivery is scheduled with `transaction.on_commit`,
    so a rolled-back change sends nothing. A second call with the same idempotency key
    returns the existing row and schedules nothing (OutboxError if its destination or
    type differ: a key names one message). The key is also the file name at the
    receiver: letters, digits, ".", "_" and "-", at most 200, starting with a letter or
    digit (e.g. "ido-123-jukinet_cs-honnin_kakunin_koshin"). The payload must be
    JSON-serializable (dates, datetimes, Decimals and UUIDs become strings) and match its
    message type's schema (OutboxError naming the type and field otherwise).
    """
    message = OutgoingMessage(
        destination, message_type, payload, idempotency_key, source_type, source_id
    )
    return enqueue_many([message])[0]


def enqueue_many(messages: Sequence[OutgoingMessage]) -> list[OutboxMessage]:
    """`enqueue` for several messages at once: one insert, one schedule.

    The rows come back in the order given. An approval writes a few dozen messages
    (住基ネット, 附票, 他課 per person); one by one they cost most of its queries.
    """
    if not transaction.get_connection().in_atomic_block:
        raise OutboxError("enqueue() は変更と同じトランザクションの中で呼んでください。")
    payloads = [message.checked_payload() for message in messages]
    keys = [m.idempotency_key for m in messages]
    if len(set(keys)) != len(keys):
        raise OutboxError("同じ冪等キーの連携メッセージが重複しています。")
    now = timezone.now()
    # Keys are almost always new: insert first and read what exists only when a key clashes
    # (a repeated act, or another transaction that committed the same key a moment ago).
    existing: dict[str, OutboxMessage] = {}
    for attempt in (1, 2):
        new = [
            OutboxMessage(
                destination=str(m.destination),
                message_type=m.message_type,
                payload=payload,
                idempotency_key=m.idempotency_key,
                source_type=m.source_type,
                source_id=str(m.source_id),
                created_at=now,
                status=OutboxStatus.PENDING,
                next_attempt_at=now,
            )
            for m, payload in zip(messages, payloads, strict=True)
            if m.idempotency_key not in existing
        ]
        if not new:
            break
        try:
            with transaction.atomic():
                created = OutboxMessage.objects.bulk_create(new)
        except IntegrityError:
            if attempt == 2:
                raise
            existing = {
                m.idempotency_key: m for m in OutboxMessage.objects.filter(idempotency_key__in=keys)
            }
            continue
        if any(row.pk is None for row in created):  # a backend that returns no ids
            created = list(
                OutboxMessage.objects.filter(idempotency_key__in=[r.idempotency_key for r in new])
            )
        ids = [row.pk for row in created]
        existing.update((row.idempotency_key, row) for row in created)
        transaction.on_commit(partial(_schedule_deliveries, ids), robust=True)
        break
    for message in messages:
        row = existing[message.idempotency_key]
        if row.destination != str(message.destination) or row.message_type != message.message_type:
            raise OutboxError(
                f"冪等キー {message.idempotency_key} は別の連携メッセージ"
                f"（{row.destination} / {row.message_type}）に使われています。"
            )
    return [existing[key] for key in keys]


def _error_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text[:MAX_ERROR_LENGTH]


def deliver(message_id: int, *, only_if_due: bool = False) -> OutboxMessage | None:
    """Try to send one message now; returns it as it stands afterwards.

    Returns None when there is nothing to do: no such message, another worker holds it,
    it is not pending (already delivered, or failed and waiting for staff), or, with
    `only_if_due`, its next try is not due yet.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        )
        if message is None or message.status != OutboxStatus.PENDING:
            return None
        now = timezone.now()
        if only_if_due and message.next_attempt_at is not None and message.next_attempt_at > now:
            return None
        message.attempts += 1
        try:
            with transaction.atomic():  # an adapter's database error spoils only this
                get_adapter(message.destination).send(message)
        except Exception as exc:
            message.last_error = _error_text(exc)
            if message.attempts >= max_attempts():
                message.status = OutboxStatus.FAILED
                message.next_attempt_at = None
                logger.error(
                    "outbox %s: gave up after %d attempts: %s",
                    message.idempotency_key,
                    message.attempts,
                    message.last_error,
                )
            else:
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
                logger.warning(
                    "outbox %s: attempt %d failed: %s",
                    message.idempotency_key,
                    message.attempts,
                    message.last_error,
                )
        else:
            message.status = OutboxStatus.DELIVERED
            message.delivered_at = timezone.now()
            message.next_attempt_at = None
        message.save(
            update_fields=["status", "attempts", "last_error", "next_attempt_at", "delivered_at"]
        )
    return message


@transaction.atomic
def retry(
    message_id: int, *, acting_user: StaffUser, request: HttpRequest | None = None
) -> OutboxMessage:
    """Staff send a failed message again: failed → pending, a fresh round of tries.

    Writes a 操作ログ row (action "change", target ("outbox", id)) and schedules the
    delivery after the commit. Raises OutboxMessage.DoesNotExist for an unknown id and
    OutboxError when the message is not failed.
    """
    message = OutboxMessage.objects.select_for_update().get(pk=message_id)
    if message.status != OutboxStatus.FAILED:
        raise OutboxError("送信失敗の連携メッセージだけを再送できます。")
    previous_attempts = message.attempts
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit.record(
        AuditAction.CHANGE,
        request=request,
        user=acting_user,
        target=audit.AuditTarget(
            "outbox",
            str(message.pk),
            f"{message.get_destination_display()} {message.message_type}",
        ),
        detail={
            "operation": "outbox_retry",
            "idempotency_key": message.idempotency_key,
            "previous_attempts": previous_attempts,
            "last_error": message.last_error[:500],
        },
    )
    transaction.on_commit(lambda: _schedule_deliveries([message_id]), robust=True)
    return message


def deliver_due(*, limit: int = 500) -> int:
    """Send every pending message whose next try is due; returns how many were delivered."""
    now = timezone.now()
    due_ids = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    delivered = 0
    for message_id in due_ids:
        message = deliver(message_id, only_if_due=True)
        if message is not None and message.status == OutboxStatus.DELIVERED:
            delivered += 1
    return delivered
