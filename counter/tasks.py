"""Celery tasks of the counter: outbox delivery and the inbox."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from . import inbox, outbox
from .models import OutboxStatus
from .outbox_adapters import remove_stale_temporaries


@shared_task(bind=True, name="counter.deliver_message", ignore_result=True)
def deliver_message(self: Any, message_id: int) -> None:
    """Send one outbox message; after a failure, come back when the next try is due.

    deliver() itself records the failure and the backoff, so there is no Celery
    autoretry. Run eagerly (tests, `make run` without a broker) the task does not
    reschedule itself: the periodic sweep `deliver_due_messages` picks the message up.
    """
    message = outbox.deliver(message_id)
    if (
        message is not None
        and message.status == OutboxStatus.PENDING
        and message.next_attempt_at is not None
        and not getattr(self.request, "is_eager", False)
    ):
        deliver_message.apply_async((message_id,), eta=message.next_attempt_at)


@shared_task(bind=True, name="counter.deliver_messages", ignore_result=True)
def deliver_messages(self: Any, message_ids: list[int]) -> None:
    """Send the messages one change wrote (one task per commit, not one per message)."""
    eager = getattr(self.request, "is_eager", False)
    for message_id in message_ids:
        message = outbox.deliver(message_id)
        if (
            message is not None
            and message.status == OutboxStatus.PENDING
            and message.next_attempt_at is not None
            and not eager
        ):
            deliver_message.apply_async((message_id,), eta=message.next_attempt_at)


@shared_task(name="counter.deliver_due_messages", ignore_result=True)
def deliver_due_messages() -> int:
    """The sweep (Celery beat, every minute): send every pending message that is due, and
    clear the temporary files of writes that a killed worker left behind."""
    remove_stale_temporaries()
    return outbox.deliver_due()


@shared_task(name="counter.receive_messages", ignore_result=True)
def receive_messages() -> dict[str, int]:
    """The inbox sweep (Celery beat, every minute): take in the files waiting in INBOX_DIR."""
    return inbox.receive_directory().as_dict()


@shared_task(name="counter.end_expired_sessions", ignore_result=True)
def end_expired_sessions() -> int:
    """Idle or over-long sessions nobody came back to: signed out and logged."""
    from .middleware import end_expired_sessions as end

    return end()


@shared_task(name="counter.audit_checkpoint", ignore_result=True)
def audit_checkpoint() -> int:
    """The hourly checkpoint of the 操作ログ (Celery beat); returns the row it pins."""
    from .audit_checkpoint import write_checkpoint

    return write_checkpoint(reason="hourly").last_id
