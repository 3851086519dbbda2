"""The inbox (受信): messages other systems send to the register, kept as received.

The mirror of the outbox (docs/adr/0010-inbox.md). A receiver polls
``settings.INBOX_DIR/<source>/`` for ``*.json`` files in the outbox's envelope::

    {"idempotency_key": "...", "message_type": "tenshutsu_shoumeisho_joho",
     "municipality_code": "<sender's 団体コード>", "created_at": "...", "payload": {...}}

Each file is stored once per idempotency key, then moved to ``done/`` (or, when it
cannot be read or its payload is invalid, to ``rejected/`` with a ``.error.txt`` saying
why). Names starting with a dot are files still being written and are skipped.

counter knows no message's meaning: the app that uses a message type declares a
`MessageType` in its manifest (``inbox_message_types()``, counter.registry): its
Japanese name and `keys()`, which validates the payload and returns what it is looked up
by, and may give an ``on_receive`` that acts on the message as it is stored (the
予備住民票コード join juki's pool). Unknown types are rejected; so are sources
(directories) no app declares as a destination.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import registry
from .models import InboxMessage, InboxStatus, Procedure

logger = logging.getLogger(__name__)


class InboxError(ValueError):
    """A message that cannot be taken in (the reason is in Japanese, for the operator)."""


@dataclass(frozen=True)
class MessageType:
    """What the app that uses a message type knows of it."""

    code: str
    name: str
    #: validates the payload (raise InboxError) and returns its lookup keys
    keys: Callable[[dict[str, Any]], Sequence[str]]
    #: what a message that serves no procedure does once stored (in the receiving
    #: transaction, once per idempotency key): e.g. 予備住民票コード join the pool
    on_receive: Callable[[InboxMessage], object] | None = None


def register_message_type(message_type: MessageType) -> None:
    """Register a type explicitly (tests; apps declare theirs in their manifest)."""
    registry.register_inbox_message_type(message_type)


def message_type(code: str) -> MessageType:
    unknown = f"未知の受信メッセージ種別です: {code!r}"
    return registry.find(registry.inbox_message_types(), code, lambda: InboxError(unknown))


def lookup_text(keys: Sequence[str]) -> str:
    tokens = [str(k).replace(" ", "") for k in keys if str(k).strip()]
    return f" {' '.join(tokens)} " if tokens else ""


@transaction.atomic
def receive(source: str, envelope: dict[str, Any]) -> tuple[InboxMessage, bool]:
    """Store one message (or find it, when its key was received before): (message, new)."""
    if source not in registry.destinations():
        raise InboxError(f"未知の受信元です: {source!r}")
    key = envelope.get("idempotency_key")
    payload = envelope.get("payload")
    if not isinstance(key, str) or not key.strip() or len(key) > 200:
        raise InboxError("冪等キー（idempotency_key）がありません。")
    if not isinstance(payload, dict):
        raise InboxError("内容（payload）がありません。")
    kind = message_type(str(envelope.get("message_type") or ""))
    existing = InboxMessage.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing, False
    keys = kind.keys(payload)
    try:
        with transaction.atomic():
            message = InboxMessage.objects.create(
                source=source,
                message_type=kind.code,
                idempotency_key=key,
                sender_code=str(envelope.get("municipality_code") or "")[:6],
                payload=payload,
                lookup=lookup_text(keys)[:1000],
            )
    except IntegrityError:  # another receiver stored it in the meantime
        return InboxMessage.objects.get(idempotency_key=key), False
    if kind.on_receive is not None:
        kind.on_receive(message)
    return message, True


def find(code: str, key: str, *, status: str = InboxStatus.RECEIVED) -> list[InboxMessage]:
    """Messages of a type whose lookup keys include ``key`` (newest first)."""
    token = key.replace(" ", "").replace("\u3000", "")
    if not token:
        return []
    return list(
        InboxMessage.objects.filter(
            message_type=code, status=status, lookup__contains=f" {token} "
        ).order_by("-received_at", "-id")[:20]
    )


def get_received(code: str, key: str) -> InboxMessage | None:
    return InboxMessage.objects.filter(message_type=code, idempotency_key=key).first()


def mark_used(code: str | Sequence[str], key: str, procedure: Procedure) -> InboxMessage:
    """At 承認 (in its transaction): the message serves this procedure and no other.

    ``code`` may name several types that serve alike (a message sent unasked, or the
    answer to a request), found in one query."""
    codes = [code] if isinstance(code, str) else list(code)
    message = (
        InboxMessage.objects.select_for_update()
        .filter(message_type__in=codes, idempotency_key=key)
        .first()
    )
    if message is None:
        raise InboxError("受信メッセージが見つかりません。")
    if message.status == InboxStatus.USED and message.used_by_id != procedure.pk:
        raise InboxError(f"この{message_type(message.message_type).name}は別の手続で使用済みです。")
    message.status = InboxStatus.USED
    message.used_by = procedure
    message.used_at = timezone.now()
    message.save(update_fields=["status", "used_by", "used_at"])
    return message


# --------------------------------------------------------------------------- the directory


@dataclass
class ReceiveReport:
    received: int = 0
    duplicates: int = 0
    rejected: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "duplicates": self.duplicates,
            "rejected": len(self.rejected),
        }


def receive_directory(root: Path | None = None) -> ReceiveReport:
    """Take in every waiting file under ``INBOX_DIR/<source>/`` (one transaction each)."""
    base = Path(root or settings.INBOX_DIR)
    report = ReceiveReport()
    if not base.is_dir():
        return report
    for source_dir in sorted(p for p in base.iterdir() if p.is_dir()):
        source = source_dir.name
        if source not in registry.destinations():
            continue
        for path in sorted(source_dir.glob("*.json")):
            if path.name.startswith("."):
                continue
            _receive_file(source, path, report)
    return report


def _receive_file(source: str, path: Path, report: ReceiveReport) -> None:
    try:
        envelope = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(envelope, dict):
            raise InboxError("JSON のオブジェクトではありません。")
        _message, new = receive(source, envelope)
    except (InboxError, ValueError, UnicodeDecodeError) as exc:
        report.rejected.append(path.name)
        logger.warning("inbox: rejected %s: %s", path, exc)
        _move(path, "rejected", reason=str(exc))
        return
    if new:
        report.received += 1
    else:
        report.duplicates += 1
    _move(path, "done")


def _move(path: Path, folder: str, *, reason: str = "") -> None:
    target_dir = path.parent / folder
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    if target.exists():  # the same name again: keep both
        stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
        target = target_dir / f"{path.stem}.{stamp}{path.suffix}"
    os.replace(path, target)
    if reason:
        target.with_name(target.name + ".error.txt").write_text(reason + "\n", encoding="utf-8")
