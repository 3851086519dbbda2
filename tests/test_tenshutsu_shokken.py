"""j640: a 転出届 made after the move, past the 14 days, is entered by 職権 with a 職権記録書.

住基法第24条 (転出届 あらかじめ; received up to 14 days after the move in practice, the
期限 moved past a 休日 by 地方自治法第4条の2), 住基法第8条・施行令第12条第3項 (職権消除).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from counter.procedure_kinds import documents_of
from juki import shokken_kirokusho
from juki.ido import kernel
from juki.models import JuminRireki

from .procedures import fresh, run
from .test_documents import pdftotext, squash
from .test_tenshutsu import entry_for, family

__all__ = ["family"]  # the fixture, shared with test_tenshutsu.py
TODAY = timezone.localdate()


def test_a_late_tenshutsu_is_recorded_by_shokken_with_a_printable_kirokusho(
    family: dict[str, Any], contractor: Any, clerk: Any, tmp_path: Path
) -> None:
    # 30 days: past the 14 days even when the 期限 moves over the longest run of 休日
    moved = TODAY - datetime.timedelta(days=30)
    entry = entry_for(family["taro"], tenshutsu_yotei_date=moved)
    proc = run("tenshutsu", entry, contractor, clerk)
    row = JuminRireki.objects.filter(jumin=family["taro"]).latest("rireki_no")
    # recorded as 職権: no 届出日 on the history, the 留意事項 says 職権消除 and why
    assert row.todoke_date is None
    assert row.ryuiji == kernel.LATE_RYUIJI and row.ryuiji.startswith("職権消除")
    assert fresh(family["taro"]).shojo_date == moved
    kiroku = proc.result[kernel.KIROKU_KEY]
    assert kiroku["moushide_date"] == kernel.wareki_text(TODAY)  # the 申出 is kept there
    assert "住民基本台帳法第8条" in kiroku["konkyo"] and "施行令第12条第3項" in kiroku["konkyo"]
    docs = {d.name: d for d in documents_of(proc)}
    assert {"転出証明書に準ずる証明書", "職権記録書"} <= set(docs)
    text = squash(pdftotext(docs["職権記録書"].render(), tmp_path))
    assert "職権記録書" in text and "職権による住民票の消除（転出）" in text
    assert "髙橋太郎" in text and family["taro"].atena_bango in text
    assert "14日を経過した後" in text and "職権で消除した" in text
    assert kernel.wareki_text(moved).replace(" ", "") in text  # 異動年月日


def test_a_tenshutsu_within_the_14_days_is_a_todoke_without_kirokusho(
    family: dict[str, Any], contractor: Any, clerk: Any
) -> None:
    moved = TODAY - datetime.timedelta(days=3)
    entry = entry_for(family["taro"], tenshutsu_yotei_date=moved)
    proc = run("tenshutsu", entry, contractor, clerk)
    row = JuminRireki.objects.filter(jumin=family["taro"]).latest("rireki_no")
    assert row.todoke_date == TODAY and row.ryuiji == ""
    assert proc.result[kernel.KIROKU_KEY] is None
    assert "職権記録書" not in {d.name for d in documents_of(proc)}


def test_the_kirokusho_sample_prints() -> None:
    assert shokken_kirokusho.build_sample().startswith(b"%PDF")
