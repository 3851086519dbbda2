"""The invariants bench/fault_drill.py checks after its faults (not a benchmark itself).

- Register: a procedure in 承認 (or later) has all its register writes (its four persons,
  their history rows, its outbox rows, one 承認 transition); one still in 照合 has none.
  Anything else is half-applied.
- Outbox: every row of an approved procedure has its file in OUTBOX_DIR/<destination>/
  with the content the adapter renders for it (lost otherwise); no file exists without
  a row; no file was written twice. DirectoryAdapter replaces a file atomically (a new
  inode), so a watcher that polls the directories during the run sees a second write as
  a second inode under one name; the file's mtime after the row's delivered_at is the
  same evidence for writes it missed.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class OutboxWatcher(threading.Thread):
    """Polls the outbox directories: each file's inodes over time, and temp files seen."""

    def __init__(self, root: Path, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.inodes: dict[str, set[int]] = defaultdict(set)
        self.temp_files_seen = 0
        self._halt = threading.Event()

    def scan(self) -> None:
        if not self.root.is_dir():
            return
        for destination in os.scandir(self.root):
            if not destination.is_dir():
                continue
            for entry in os.scandir(destination.path):
                if entry.name.startswith("."):
                    self.temp_files_seen += 1
                    continue
                try:
                    self.inodes[f"{destination.name}/{entry.name}"].add(entry.inode())
                except OSError:
                    continue

    def run(self) -> None:
        while not self._halt.is_set():
            self.scan()
            time.sleep(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self.scan()


def _our_messages(procedures: Sequence[int]) -> Any:
    from counter.models import OutboxMessage

    return OutboxMessage.objects.filter(
        source_type="procedure", source_id__in=[str(pk) for pk in procedures]
    )


def drain(procedures: Sequence[int], timeout: float) -> float | None:
    """Wait until no message of these procedures is pending; the seconds it took."""
    from django.db import OperationalError

    from counter.models import OutboxStatus

    started = time.time()
    while time.time() - started < timeout:
        try:
            pending = _our_messages(procedures).filter(status=OutboxStatus.PENDING).count()
        except OperationalError:
            pending = -1
        if pending == 0:
            return round(time.time() - started, 1)
        time.sleep(1)
    return None


def _codes(entry: Any) -> set[str]:
    """Every 住民票コード in an entry (the persons a 転入 registers)."""
    found: set[str] = set()
    if isinstance(entry, dict):
        for key, value in entry.items():
            if key == "juminhyo_code" and isinstance(value, str) and value:
                found.add(value)
            else:
                found |= _codes(value)
    elif isinstance(entry, list):
        for value in entry:
            found |= _codes(value)
    return found


def check_register_and_outbox(
    procedures: Sequence[int], outbox_dir: Path, watcher: OutboxWatcher
) -> dict[str, Any]:
    from django.db.models import Count

    from counter.models import OutboxStatus
    from counter.outbox_adapters import render_envelope
    from counter.procedure_models import (
        APPROVED_STATES,
        Procedure,
        ProcedureState,
        ProcedureTransition,
    )
    from juki.models import Jumin, JuminRireki

    rows = {p.pk: p for p in Procedure.objects.filter(pk__in=procedures)}
    approvals = dict(
        ProcedureTransition.objects.filter(
            procedure__in=procedures, to_state=ProcedureState.SHOUNIN
        )
        .values_list("procedure")
        .annotate(n=Count("pk"))
    )
    history = dict(
        JuminRireki.objects.filter(procedure__in=procedures)
        .values_list("procedure")
        .annotate(n=Count("pk"))
    )
    messages = list(_our_messages(procedures))
    per_procedure: dict[int, int] = defaultdict(int)
    for message in messages:
        per_procedure[int(message.source_id)] += 1
    applied, half, not_applied = [], [], []
    half_detail: dict[str, Any] = {}
    for pk in procedures:
        procedure = rows[pk]
        codes = _codes(procedure.entry)
        persons = Jumin.objects.filter(juminhyo_code__in=codes).count()
        facts = {
            "state": procedure.state,
            "persons": f"{persons}/{len(codes)}",
            "history_rows": history.get(pk, 0),
            "outbox_rows": per_procedure.get(pk, 0),
            "approvals": approvals.get(pk, 0),
        }
        writes = (persons, history.get(pk, 0), per_procedure.get(pk, 0), approvals.get(pk, 0))
        if procedure.state in APPROVED_STATES:
            complete = persons == len(codes) > 0 and writes[1] >= persons and writes[2] > 0
            if complete and writes[3] == 1:
                applied.append(pk)
                continue
        elif procedure.state == ProcedureState.SHOUGOU and not any(writes):
            not_applied.append(pk)
            continue
        half.append(pk)
        half_detail[str(pk)] = facts

    per_approval = sorted({per_procedure[pk] for pk in applied})
    lost: list[str] = []
    content_differs: list[str] = []
    rewritten_late: list[str] = []
    status_count: dict[str, int] = defaultdict(int)
    keys = set()
    for message in messages:
        status_count[message.status] += 1
        name = f"{message.destination}/{message.idempotency_key}.json"
        keys.add(name)
        path = outbox_dir / name
        if not path.exists():
            lost.append(message.idempotency_key)
            continue
        if path.read_bytes() != render_envelope(message):
            content_differs.append(message.idempotency_key)
        # written after the delivery was recorded: a second write (1 s of clock slack)
        delivered_at = message.delivered_at
        if delivered_at is not None and path.stat().st_mtime > delivered_at.timestamp() + 1.0:
            rewritten_late.append(message.idempotency_key)
    twice = sorted(name for name, inodes in watcher.inodes.items() if len(inodes) > 1)
    files = (
        {
            f"{d.name}/{f.name}"
            for d in outbox_dir.iterdir()
            if d.is_dir()
            for f in d.iterdir()
            if not f.name.startswith(".")
        }
        if outbox_dir.is_dir()
        else set()
    )
    temp_left = (
        sum(
            1
            for d in outbox_dir.iterdir()
            if d.is_dir()
            for f in d.iterdir()
            if f.name.startswith(".")
        )
        if outbox_dir.is_dir()
        else 0
    )
    not_delivered = [m.idempotency_key for m in messages if m.status != OutboxStatus.DELIVERED]
    return {
        "applied": len(applied),
        "half_applied": len(half),
        "half_applied_detail": half_detail,
        "not_applied": len(not_applied),
        "outbox_rows_per_approval": per_approval,
        "outbox": {
            "messages": len(messages),
            "status": dict(status_count),
            "delivered_files": len(files & keys),
            "lost": len(lost),
            "lost_keys": lost[:10],
            "not_delivered_rows": len(not_delivered),
            "delivered_twice": len(set(twice) | set(rewritten_late)),
            "written_twice_keys": (twice + rewritten_late)[:10],
            "content_differs": len(content_differs),
            "files_without_row": len(files - keys),
            "temp_files_left": temp_left,
            "max_attempts": max((m.attempts for m in messages), default=0),
            "rows_with_attempts_gt_1": sum(1 for m in messages if m.attempts > 1),
        },
    }
