"""The keyed 操作ログ chain and its signed checkpoints outside the database (ADR 0015).

The attacker of these tests can write every table (raw SQL) and knows the plain SHA-256
recipe of ADR 0004, but does not hold the key: each way of rewriting the log quietly
must still make `manage.py verify_audit` fail, naming the first row that differs.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from counter import audit
from counter.audit_checkpoint import (
    Checkpoint,
    CheckpointAdapter,
    checkpoint_directory,
    write_checkpoint,
)
from counter.models import AuditAction, AuditChainHead, AuditLog, OutboxMessage
from counter.outbox_adapters import OutboxAdapterError
from counter.tasks import audit_checkpoint as checkpoint_task

KEY_1 = "test-audit-key-one-0123456789abcdef0123456789"
KEY_2 = "test-audit-key-two-0123456789abcdef0123456789"


@pytest.fixture(autouse=True)
def checkpoints_dir(settings: Any, tmp_path: Path) -> Path:
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")
    return tmp_path / "checkpoints"


@pytest.fixture
def checkpoint(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Callable[[], Checkpoint]:
    """Write a checkpoint and deliver it, as beat and the worker would."""

    def write() -> Checkpoint:
        with django_capture_on_commit_callbacks(execute=True):
            return write_checkpoint(reason="hourly")

    return write


def _rows(count: int = 5) -> list[AuditLog]:
    return [
        audit.record(AuditAction.SEARCH, username=f"user{n}", detail={"n": n})
        for n in range(1, count + 1)
    ]


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rechain_without_key(from_id: int, *, drop_key: bool = False) -> None:
    """What someone without the key can do: recompute every hash from a row on with plain
    SHA-256 (optionally marking the rows keyless too) and move the head along."""
    rows = list(AuditLog.objects.order_by("id"))
    prev = audit.GENESIS_HASH
    for row in rows:
        if row.id >= from_id:
            row.prev_hash = prev
            if drop_key:
                row.key_id = ""
            row.row_hash = row.plain_hash()
            _raw(
                "UPDATE counter_auditlog SET prev_hash = %s, row_hash = %s, key_id = %s "
                "WHERE id = %s",
                [row.prev_hash, row.row_hash, row.key_id, row.id],
            )
        prev = row.row_hash
    _raw(
        "UPDATE counter_auditchainhead SET last_id = %s, last_hash = %s WHERE id = 1",
        [rows[-1].id, prev],
    )


def _verify(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run verify_audit expecting failure; the NG lines, first first."""
    with pytest.raises(CommandError):
        call_command("verify_audit")
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("NG")]


def _verify_ok(capsys: pytest.CaptureFixture[str]) -> str:
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "OK: 操作ログ" in out
    return out


@pytest.mark.django_db
def test_rows_are_keyed_and_a_valid_chain_with_checkpoints_passes(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    rows = _rows(3)
    assert {row.key_id for row in rows} == {settings.AUDIT_KEY_ID}
    assert all(row.row_hash != row.plain_hash() for row in rows)
    first = checkpoint()
    _rows(2)
    second = checkpoint()
    assert (first.last_id, first.row_count, second.last_id, second.row_count) == (3, 3, 5, 5)
    files = sorted(checkpoint_directory().glob("*.json"))
    assert len(files) == 2
    assert all(not (f.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP)) for f in files)
    out = _verify_ok(capsys)
    assert "検証点 2 件" in out
    assert "最新は行 5" in out


@pytest.mark.django_db
def test_an_edited_row_is_named(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    _rows()
    checkpoint()
    _raw("UPDATE counter_auditlog SET username = %s WHERE id = %s", ["mallory", 2])
    problems = _verify(capsys)
    assert problems[0] == "NG 行 2: 行 2 の内容が変更されています"


@pytest.mark.django_db
@pytest.mark.parametrize("drop_key", [False, True], ids=["keeping-key-id", "marked-keyless"])
def test_an_edited_row_with_every_later_hash_recomputed_without_the_key_is_named(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint], drop_key: bool
) -> None:
    _rows()
    checkpoint()
    _raw("UPDATE counter_auditlog SET username = %s WHERE id = %s", ["mallory", 2])
    _rechain_without_key(2, drop_key=drop_key)
    problems = _verify(capsys)
    assert problems[0].startswith("NG 行 2: 行 2 ")
    assert any("検証点" in p and "行 5 が" in p for p in problems)


@pytest.mark.django_db
def test_the_whole_log_rewritten_as_keyless_rows_is_named_from_row_1(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    _rows()
    checkpoint()
    _raw("UPDATE counter_auditlog SET username = %s WHERE id = %s", ["mallory", 3])
    _rechain_without_key(1, drop_key=True)
    problems = _verify(capsys)
    assert problems[0].startswith(
        "NG 行 1: 行 1 は鍵のない旧形式ですが、検証点によれば旧形式は行 0 まで"
    )


@pytest.mark.django_db
def test_a_deleted_and_renumbered_row_is_named(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    _rows()
    checkpoint()
    _raw("DELETE FROM counter_auditlog WHERE id = %s", [2])
    for old_id in (3, 4, 5):
        _raw("UPDATE counter_auditlog SET id = %s WHERE id = %s", [old_id - 1, old_id])
    _rechain_without_key(2)
    assert list(AuditLog.objects.order_by("id").values_list("id", flat=True)) == [1, 2, 3, 4]
    problems = _verify(capsys)
    assert problems[0] == "NG 行 2: 行 2 の内容が変更されています"
    assert any("末尾の行 5〜5 が削除されています" in p for p in problems)


@pytest.mark.django_db
def test_a_cut_tail_with_the_head_moved_back_is_named(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    rows = _rows()
    checkpoint()
    _raw("DELETE FROM counter_auditlog WHERE id >= %s", [4])
    _raw(
        "UPDATE counter_auditchainhead SET last_id = %s, last_hash = %s WHERE id = 1",
        [3, rows[2].row_hash],
    )
    problems = _verify(capsys)
    assert len(problems) == 1
    assert problems[0].startswith("NG 行 4: 検証点（")
    assert "行 5 までありましたが、行 3 までしかありません" in problems[0]


@pytest.mark.django_db
def test_rows_after_the_last_checkpoint_are_protected_only_by_the_key(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    """The documented limit (ADR 0015): a tail cut before the next checkpoint goes unseen."""
    rows = _rows(3)
    checkpoint()
    _rows(2)
    _raw("DELETE FROM counter_auditlog WHERE id >= %s", [4])
    _raw(
        "UPDATE counter_auditchainhead SET last_id = %s, last_hash = %s WHERE id = 1",
        [3, rows[2].row_hash],
    )
    _verify_ok(capsys)


@pytest.mark.django_db
def test_a_forged_checkpoint_is_reported(
    capsys: pytest.CaptureFixture[str],
    checkpoint: Callable[[], Checkpoint],
    checkpoints_dir: Path,
) -> None:
    _rows(3)
    checkpoint()
    forged = Checkpoint(
        last_id=3, row_count=3, last_hash="f" * 64, legacy_until=0,
        at="2026-12-01T00:00:00.000000Z", reason="hourly", key_id=str(settings.AUDIT_KEY_ID),
        signature="0" * 64,
    )  # fmt: skip
    envelope = {"payload": {**forged.__dict__, "schema_version": 1}}
    (checkpoints_dir / "audit-checkpoint-forged.json").write_text(json.dumps(envelope))
    problems = _verify(capsys)
    assert problems == [
        "NG 検証点: 検証点 audit-checkpoint-forged.json の署名が正しくありません"
        "（偽造または改変の可能性）"
    ]


@pytest.mark.django_db
def test_an_altered_checkpoint_file_is_reported(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    _rows(3)
    checkpoint()
    (path,) = checkpoint_directory().glob("*.json")
    envelope = json.loads(path.read_text())
    envelope["payload"]["row_count"] = 2
    path.chmod(0o640)
    path.write_text(json.dumps(envelope))
    problems = _verify(capsys)
    assert problems == [
        f"NG 検証点: 検証点 {path.name} の署名が正しくありません（偽造または改変の可能性）"
    ]


@pytest.mark.django_db
def test_a_rotated_key_verifies_old_rows_with_the_old_key(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint], settings: Any
) -> None:
    settings.AUDIT_KEYS = {"k1": KEY_1}
    settings.AUDIT_KEY_ID = "k1"
    _rows(2)
    checkpoint()
    settings.AUDIT_KEYS = {"k1": KEY_1, "k2": KEY_2}
    settings.AUDIT_KEY_ID = "k2"
    _rows(2)
    checkpoint()
    assert list(AuditLog.objects.order_by("id").values_list("key_id", flat=True)) == [
        "k1", "k1", "k2", "k2",
    ]  # fmt: skip
    _verify_ok(capsys)
    settings.AUDIT_KEYS = {"k2": KEY_2}  # the old key thrown away: old rows cannot be proved
    problems = _verify(capsys)
    assert problems[0].startswith("NG 検証点: 検証点 ")
    assert "NG 行 1: 行 1 を検証できません: 鍵ID 'k1' の鍵がありません" in "\n".join(problems)


def _make_legacy(last_id: int) -> None:
    """Rows as ADR 0004 wrote them before the key, and the head as the migration leaves it."""
    _rechain_without_key(1, drop_key=True)
    _raw("UPDATE counter_auditchainhead SET legacy_until = %s WHERE id = 1", [last_id])


@pytest.mark.django_db
def test_legacy_rows_before_the_key_stay_verifiable(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    _rows(3)
    _make_legacy(3)
    later = _rows(2)
    assert later[0].prev_hash == AuditLog.objects.get(pk=3).row_hash
    assert checkpoint().legacy_until == 3
    _verify_ok(capsys)
    # A keyless row after the legacy part: made by someone without the key.
    _raw("UPDATE counter_auditlog SET username = %s WHERE id = %s", ["mallory", 5])
    _rechain_without_key(5, drop_key=True)
    problems = _verify(capsys)
    assert problems[0].startswith("NG 行 5: 行 5 は鍵のない旧形式ですが、鍵付きの行 4 より後")


@pytest.mark.django_db
def test_a_legacy_row_rewritten_is_caught_at_the_first_keyed_row(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    """Keyless rows can be recomputed by anyone; the first keyed row pins them all."""
    _rows(3)
    _make_legacy(3)
    _rows(2)
    checkpoint()
    _raw("UPDATE counter_auditlog SET username = %s WHERE id = %s", ["mallory", 2])
    _rechain_without_key(2, drop_key=False)
    problems = _verify(capsys)
    assert problems[0] == "NG 行 4: 行 4 の内容が変更されています"


@pytest.mark.django_db
def test_without_checkpoints_verify_says_what_it_cannot_prove(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _rows(2)
    out = _verify_ok(capsys)
    assert "検証点がありません" in out


@pytest.mark.django_db
def test_the_hourly_task_writes_a_checkpoint(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    assert settings.CELERY_BEAT_SCHEDULE["audit-checkpoint"] == {
        "task": "counter.audit_checkpoint",
        "schedule": 3600.0,
    }
    _rows(2)
    with django_capture_on_commit_callbacks(execute=True):
        assert checkpoint_task() == 2
    message = OutboxMessage.objects.get(destination="audit_checkpoint")
    assert message.payload["reason"] == "hourly"
    assert len(list(checkpoint_directory().glob("*.json"))) == 1


@pytest.mark.django_db
def test_the_command_writes_a_checkpoint(
    capsys: pytest.CaptureFixture[str],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    _rows(1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit_checkpoint", "--reason", "day_close")
    assert "検証点を作りました: 行 1" in capsys.readouterr().out
    message = OutboxMessage.objects.get(destination="audit_checkpoint")
    assert message.payload["reason"] == "day_close"


@pytest.fixture
def sent_checkpoint(checkpoint: Callable[[], Checkpoint]) -> Iterator[OutboxMessage]:
    _rows(1)
    checkpoint()
    yield OutboxMessage.objects.get(destination="audit_checkpoint")


@pytest.mark.django_db
def test_the_checkpoint_destination_never_replaces_a_file(
    sent_checkpoint: OutboxMessage,
) -> None:
    adapter = CheckpointAdapter("audit_checkpoint")
    path = adapter.path_for(sent_checkpoint)
    before = path.read_bytes()
    adapter.send(sent_checkpoint)  # the same delivery again: nothing to do
    sent_checkpoint.payload = {**sent_checkpoint.payload, "row_count": 99}
    with pytest.raises(OutboxAdapterError, match="内容の異なるファイル"):
        adapter.send(sent_checkpoint)
    # A race past the existence check is refused by the link too.
    written = path.parent / ".tmp-race.json"
    written.write_bytes(b"other")
    with pytest.raises(OutboxAdapterError):
        adapter.publish(written, path, b"other")
    assert path.read_bytes() == before
    assert not written.exists()
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.django_db
def test_a_checkpoint_of_an_empty_log_pins_nothing(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    assert checkpoint().last_id == 0
    _rows(2)
    _verify_ok(capsys)


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_rows_written_before_the_key_verifiable(
    capsys: pytest.CaptureFixture[str], checkpoint: Callable[[], Checkpoint]
) -> None:
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    before = [("counter", "0008_auditaction_unlock")]
    after = [("counter", "0009_audit_key_id")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        prev = audit.GENESIS_HASH
        for n in (1, 2):  # rows as ADR 0004's record() wrote them
            row = AuditLog(id=n, at=timezone.now(), username=f"old{n}", action="search")
            row.prev_hash = prev
            row.row_hash = prev = row.plain_hash()
            _raw(
                "INSERT INTO counter_auditlog (id, at, username, terminal_code, action,"
                " target_type, target_id, target_label, path, ip_address, kojin_bango_shown,"
                " detail, prev_hash, row_hash) VALUES (%s, %s, %s, '', %s, '', '', '', '', '',"
                " %s, '{}', %s, %s)",
                [n, row.at, row.username, row.action, False, row.prev_hash, row.row_hash],
            )
        _raw(
            "INSERT INTO counter_auditchainhead (id, last_id, last_hash) VALUES (1, 2, %s)",
            [prev],
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        # then every app to its latest again: going back to 0008 unapplied every later
        # migration of every app that depends on counter, and later tests need them
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert AuditChainHead.objects.get().legacy_until == 2
    assert list(AuditLog.objects.values_list("key_id", flat=True)) == ["", ""]
    _rows(1)
    assert checkpoint().legacy_until == 2
    _verify_ok(capsys)
