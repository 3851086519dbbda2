"""Checkpoints of the 操作ログ: the head and the row count, signed, kept outside the database.

`write_checkpoint(reason=...)` (hourly from Celery beat, at each day close, or by hand
with `manage.py audit_checkpoint`) reads the chain head and the number of rows up to it,
signs them with the 操作ログ key (HMAC-SHA256, counter.audit_keys) and queues them as an
outbox message to the `audit_checkpoint` destination. Its adapter writes each
checkpoint to a file of its own and never replaces one (`CheckpointAdapter`), so
someone who can rewrite the table cannot move a checkpoint back with it.

`read_checkpoints()` reads them back for `manage.py verify_audit`, only from the
directory: the outbox rows that carried them live in the same database as the rows they
protect, so a person who cut the log could delete them too (docs/adr/0015).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import outbox
from .audit import ChainProblem
from .audit_keys import AuditKeyError, current_key_id, mac, same
from .messages import MessageField, MessageType
from .models import AuditChainHead, AuditLog
from .outbox_adapters import WriteOnceDirectoryAdapter
from .registry import Destination

DESTINATION = "audit_checkpoint"
MESSAGE_TYPE = "audit_checkpoint"
#: why a checkpoint was written
REASONS: dict[str, str] = {"hourly": "定時", "day_close": "日締め", "manual": "手動"}

CHECKPOINT_DESTINATION = Destination(
    DESTINATION,
    "操作ログの検証点（追記専用）",
    adapter="counter.audit_checkpoint.CheckpointAdapter",
)
CHECKPOINT_MESSAGE = MessageType(
    code=MESSAGE_TYPE,
    label="操作ログの検証点",
    version=1,
    destinations=(DESTINATION,),
    trigger="毎時（Celery beat）、日締め、manage.py audit_checkpoint",
    fields=(
        MessageField("last_id", "int", description="その時点の最後の行の番号"),
        MessageField("row_count", "int", description="最後の行までの行数"),
        MessageField("last_hash", "str", description="最後の行のハッシュ（HMAC-SHA256）"),
        MessageField("legacy_until", "int", description="鍵のない旧形式の行の最後（0 はなし）"),
        MessageField("at", "str", description="検証点の日時（UTC、ISO 8601）"),
        MessageField("reason", "str", description="hourly / day_close / manual"),
        MessageField("key_id", "str", description="署名した鍵の鍵ID"),
        MessageField("signature", "str", description="以上の項目の HMAC-SHA256"),
    ),
)


@dataclass(frozen=True)
class Checkpoint:
    last_id: int
    row_count: int
    last_hash: str
    legacy_until: int
    at: str
    reason: str
    key_id: str
    signature: str = ""

    @property
    def label(self) -> str:
        return f"{self.at} {REASONS.get(self.reason, self.reason)}"

    def signed_text(self) -> str:
        fields = asdict(self)
        del fields["signature"]
        body = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        # A prefix of its own, so no row's text can ever pass for a checkpoint's.
        return "audit-checkpoint\n" + body

    def signed(self) -> Checkpoint:
        return Checkpoint(**{**asdict(self), "signature": mac(self.key_id, self.signed_text())})

    def signature_ok(self) -> bool:
        """Whether the signature holds (AuditKeyError when its key is not configured)."""
        return same(mac(self.key_id, self.signed_text()), self.signature)

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Checkpoint:
        """The checkpoint a message carries (ValueError when a field is missing or wrong)."""
        values: dict[str, Any] = {}
        for name, kind in (
            ("last_id", int),
            ("row_count", int),
            ("last_hash", str),
            ("legacy_until", int),
            ("at", str),
            ("reason", str),
            ("key_id", str),
            ("signature", str),
        ):
            value = payload.get(name)
            if type(value) is not kind:
                raise ValueError(f"項目 {name} がないか形が違います")
            values[name] = value
        return cls(**values)


class CheckpointAdapter(WriteOnceDirectoryAdapter):
    """Writes each checkpoint to `checkpoint_directory()`, never replacing a file."""

    def directory(self) -> Path:
        return checkpoint_directory()


def checkpoint_directory() -> Path:
    configured = str(getattr(settings, "AUDIT_CHECKPOINT_DIR", "") or "")
    return Path(configured) if configured else Path(settings.OUTBOX_DIR) / DESTINATION


def write_checkpoint(*, reason: str) -> Checkpoint:
    """Sign the chain's head and row count now and queue it for the write-once directory.

    The head is read without a lock: rows and the head commit together, so every row up
    to `head.last_id` is already there and rows written meanwhile lie beyond it.
    """
    if reason not in REASONS:
        raise ValueError(f"未知の検証点の理由です: {reason!r}")
    head = AuditChainHead.objects.filter(pk=1).first() or AuditChainHead()
    now = timezone.now()
    checkpoint = Checkpoint(
        last_id=head.last_id,
        row_count=AuditLog.objects.filter(id__lte=head.last_id).count(),
        last_hash=head.last_hash,
        legacy_until=head.legacy_until,
        at=now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        reason=reason,
        key_id=current_key_id(),
    ).signed()
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    with transaction.atomic():
        outbox.enqueue(
            destination=DESTINATION,
            message_type=MESSAGE_TYPE,
            payload=asdict(checkpoint),
            idempotency_key=f"audit-checkpoint-{checkpoint.last_id:012d}-{stamp}-{reason}",
            source_type="audit",
            source_id=checkpoint.last_id,
        )
    return checkpoint


def read_checkpoints(
    directory: Path | None = None,
) -> tuple[list[Checkpoint], list[ChainProblem]]:
    """The checkpoints whose signature holds, and a problem for every file that does not."""
    folder = directory if directory is not None else checkpoint_directory()
    good: list[Checkpoint] = []
    problems: list[ChainProblem] = []
    if not folder.is_dir():
        return good, problems
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("."):
            continue  # a file still being written
        try:
            envelope = json.loads(path.read_text(encoding="utf-8"))
            checkpoint = Checkpoint.from_payload(envelope["payload"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(ChainProblem(None, f"検証点 {path.name} を読めません: {exc}"))
            continue
        try:
            valid = checkpoint.signature_ok()
        except AuditKeyError as exc:
            problems.append(ChainProblem(None, f"検証点 {path.name} を検証できません: {exc}"))
            continue
        if not valid:
            problems.append(
                ChainProblem(
                    None, f"検証点 {path.name} の署名が正しくありません（偽造または改変の可能性）"
                )
            )
            continue
        good.append(checkpoint)
    return good, problems
