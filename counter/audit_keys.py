"""The keys of the 操作ログ chain: HMAC-SHA256 with a secret kept outside the database.

settings.AUDIT_KEYS maps a key id to its secret and settings.AUDIT_KEY_ID names the key
new rows and checkpoints are signed with (config/audit_keys.py reads them from the
environment). Each row stores the id of its key, so after a rotation older rows are
verified with the key they were written with (docs/adr/0015).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


class AuditKeyError(Exception):
    """A key id with no key in settings: the row or checkpoint cannot be verified."""


def current_key_id() -> str:
    key_id = str(settings.AUDIT_KEY_ID)
    if not key_id:
        raise AuditKeyError("操作ログの鍵が設定されていません（JUKI_AUDIT_KEY）。")
    return key_id


def secret(key_id: str) -> bytes:
    keys: dict[str, str] = settings.AUDIT_KEYS
    found = keys.get(key_id)
    if not found:
        raise AuditKeyError(
            f"鍵ID {key_id!r} の鍵がありません（鍵を替えたときは旧い鍵も"
            " JUKI_AUDIT_KEY_FILE に残してください）。"
        )
    return found.encode("utf-8")


def mac(key_id: str, text: str) -> str:
    """HMAC-SHA256 of the text under the key of that id, as 64 hex digits."""
    return hmac.new(secret(key_id), text.encode("utf-8"), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
