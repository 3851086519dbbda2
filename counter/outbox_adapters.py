"""Outbox adapters: how a message reaches its destination.

An adapter is a class taking the destination code, with `send(message)`; it returns on
success and raises any exception to signal failure (the outbox records the error and
tries again later). `send` may be called more than once for one message (a retry after
a lost commit, two workers racing a redelivery): an adapter must be idempotent on the
message's `idempotency_key`.

Every destination uses `DirectoryAdapter` unless `settings.OUTBOX_ADAPTERS` names
another class for it, e.g. ``{"jukinet_cs": "city.adapters.JukinetCsAdapter"}``, or the
destination declares its own default (`Destination.adapter`: the 操作ログ checkpoints'
write-once directory). The setting is read at each delivery (no cache), so a changed
setting takes effect at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from . import registry
from .models import OutboxMessage

#: what an idempotency key may contain: it is also a file name
IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


class OutboxAdapterError(Exception):
    """A delivery that cannot succeed as things stand (recorded as the last error)."""


class OutboxAdapter(ABC):
    """Base class of adapters: one instance per delivery attempt."""

    def __init__(self, destination: str) -> None:
        self.destination = destination

    @abstractmethod
    def send(self, message: OutboxMessage) -> None:
        """Deliver the message, or raise to leave it pending for the next try."""


def envelope(message: OutboxMessage) -> dict[str, Any]:
    """The documented form of a message, the same on every attempt."""
    return {
        "idempotency_key": message.idempotency_key,
        "destination": message.destination,
        "message_type": message.message_type,
        "source": {"type": message.source_type, "id": message.source_id},
        "created_at": timezone.localtime(message.created_at).isoformat(),
        # the site's own 団体コード (a site setting, not any app's)
        "municipality_code": settings.MUNICIPALITY_CODE,
        "payload": message.payload,
    }


def render_envelope(message: OutboxMessage) -> bytes:
    text = json.dumps(envelope(message), ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode("utf-8")


class DirectoryAdapter(OutboxAdapter):
    """Writes `OUTBOX_DIR/<destination>/<idempotency_key>.json`, atomically.

    The file appears complete or not at all (written to a dot-named temporary file in
    the same directory, then renamed): a receiver polling the directory must ignore
    names starting with a dot. A second delivery of the same message finds the same
    content and succeeds without writing; different content under the same key is an
    error a person must look at.
    """

    def directory(self) -> Path:
        return Path(settings.OUTBOX_DIR) / self.destination

    def path_for(self, message: OutboxMessage) -> Path:
        if not IDEMPOTENCY_KEY_RE.fullmatch(message.idempotency_key):
            raise OutboxAdapterError(
                f"ファイル名に使えない冪等キーです: {message.idempotency_key!r}"
            )
        return self.directory() / f"{message.idempotency_key}.json"

    def send(self, message: OutboxMessage) -> None:
        target = self.path_for(message)
        content = render_envelope(message)
        if target.exists():
            if target.read_bytes() == content:
                return
            raise OutboxAdapterError(f"同じ冪等キーで内容の異なるファイルがあります: {target}")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp_name, self.file_mode)
            self.publish(Path(tmp_name), target, content)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_directory(target.parent)

    file_mode = 0o640

    def publish(self, written: Path, target: Path, content: bytes) -> None:
        """Give the complete temporary file its name."""
        os.replace(written, target)


class WriteOnceDirectoryAdapter(DirectoryAdapter):
    """A `DirectoryAdapter` that never replaces a file, even in a race, and leaves it read-only.

    The name is taken with a hard link, which fails when the name exists (a rename would
    replace it); the same content already there is a delivery repeated. Read-only files
    keep the application from changing them; the directory itself must be made
    append-only or write-once by the storage (docs/operations.md).
    """

    file_mode = 0o440

    def publish(self, written: Path, target: Path, content: bytes) -> None:
        try:
            os.link(written, target)
        except FileExistsError:
            if target.read_bytes() != content:
                raise OutboxAdapterError(
                    f"同じ冪等キーで内容の異なるファイルがあります: {target}"
                ) from None
        finally:
            # An append-only directory (chattr +a) refuses the unlink: the hidden copy
            # stays, and readers ignore dot files.
            with contextlib.suppress(OSError):
                written.unlink(missing_ok=True)


#: a temporary file this old is a write that died (a killed worker): no write lasts so long
STALE_TEMPORARY_SECONDS = 3600


def remove_stale_temporaries(now: float | None = None) -> int:
    """Delete the ``.tmp-*`` files of writes that died under `OUTBOX_DIR`; how many.

    A worker killed between the write and the rename leaves one; the message itself is
    delivered again by the sweep, so the file is only litter (receivers ignore dot-files).
    """
    root = Path(settings.OUTBOX_DIR)
    limit = (time.time() if now is None else now) - STALE_TEMPORARY_SECONDS
    removed = 0
    for stale in root.glob("*/.tmp-*.json"):
        try:
            if stale.stat().st_mtime < limit:
                stale.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another sweep took it
    return removed


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (a crash after it must not lose the file)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


#: the adapter of every destination unless settings.OUTBOX_ADAPTERS says otherwise
DEFAULT_ADAPTER = DirectoryAdapter


def adapter_class(destination: str) -> type[OutboxAdapter]:
    """The adapter class configured for a destination (read from settings every call)."""
    if destination not in registry.destinations():
        raise OutboxAdapterError(f"未知の送信先です: {destination!r}")
    configured: dict[str, str] = getattr(settings, "OUTBOX_ADAPTERS", {}) or {}
    dotted = configured.get(destination) or registry.destinations()[destination].adapter
    if not dotted:
        return DEFAULT_ADAPTER
    cls = import_string(dotted)
    if not (isinstance(cls, type) and callable(getattr(cls, "send", None))):
        raise OutboxAdapterError(f"{dotted} は送信アダプタではありません")
    return cls


def get_adapter(destination: str) -> OutboxAdapter:
    """A fresh adapter instance for one delivery attempt."""
    return adapter_class(destination)(destination)
