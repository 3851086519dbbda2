"""The 操作ログ key: read from the environment by config.settings (docs/adr/0015).

The key signs the chain of the 操作ログ and its checkpoints, so it must live outside the
database: a person who can write the table but does not hold the key cannot recompute a
row's hash. Two ways to give it:

- ``JUKI_AUDIT_KEY_FILE``: a file (mode 0600, outside the database and the code) with one
  key a line, ``<key id> <secret>``; the last line is the current key, the earlier ones
  stay to verify older rows (rotation appends a line). ``#`` starts a comment line.
- ``JUKI_AUDIT_KEY`` (with ``JUKI_AUDIT_KEY_ID``, default ``1``): one key, no history.

Development and the tests use a fixed, clearly named key when neither is set; production
refuses to start without one, and refuses the development key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEV_AUDIT_KEY_ID = "dev"
DEV_AUDIT_KEY = "insecure-development-audit-key-never-use-in-production"
#: what a key id may be (it is stored in every row, max_length 20)
KEY_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,20}")
MIN_SECRET_LENGTH = 32


@dataclass
class AuditKeys:
    keys: dict[str, str] = field(default_factory=dict)
    current: str = ""
    problems: list[str] = field(default_factory=list)


def _add(result: AuditKeys, key_id: str, secret: str, where: str) -> None:
    if not KEY_ID_RE.fullmatch(key_id):
        result.problems.append(
            f"{where}: 鍵ID {key_id!r} は英数字・「_」・「-」の20文字以内にしてください。"
        )
    elif key_id in result.keys:
        result.problems.append(f"{where}: 鍵ID {key_id} が2回あります。")
    elif len(secret) < MIN_SECRET_LENGTH:
        result.problems.append(
            f"{where}: 鍵 {key_id} が短すぎます"
            f"（{MIN_SECRET_LENGTH}文字以上の乱数にしてください）。"
        )
    else:
        result.keys[key_id] = secret
        result.current = key_id


def load_audit_keys(environ: Mapping[str, str]) -> AuditKeys:
    """The keys and the current key id the environment gives (empty when none is set)."""
    result = AuditKeys()
    key_file = environ.get("JUKI_AUDIT_KEY_FILE", "").strip()
    key = environ.get("JUKI_AUDIT_KEY", "").strip()
    if key_file and key:
        result.problems.append(
            "JUKI_AUDIT_KEY と JUKI_AUDIT_KEY_FILE が両方設定されています。"
            "どちらか一方にしてください。"
        )
        return result
    if key:
        _add(result, environ.get("JUKI_AUDIT_KEY_ID", "").strip() or "1", key, "JUKI_AUDIT_KEY")
        return result
    if not key_file:
        return result
    try:
        text = Path(key_file).read_text(encoding="utf-8")
    except OSError as exc:
        result.problems.append(f"JUKI_AUDIT_KEY_FILE（{key_file}）を読めません: {exc}")
        return result
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split()
        if len(parts) != 2:
            result.problems.append(
                f"JUKI_AUDIT_KEY_FILE の {number} 行目は「鍵ID 鍵」の形ではありません。"
            )
            continue
        _add(result, parts[0], parts[1], f"JUKI_AUDIT_KEY_FILE の {number} 行目")
    if not result.keys and not result.problems:
        result.problems.append(f"JUKI_AUDIT_KEY_FILE（{key_file}）に鍵がありません。")
    return result
