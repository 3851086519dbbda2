"""The 住居表示 master (ADR 0027 §5): loaded from the 住居表示台帳's CSV, all or nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from certificates.records import JukyoHyojiJisshi
from juki.demo import residents as r

pytestmark = pytest.mark.django_db


def test_the_csv_records_each_new_address(tmp_path: Path) -> None:
    code = r.chouaza().code
    csv = tmp_path / "jukyo.csv"
    csv.write_text(
        "町字コード,街区符号・住居番号,旧表示,実施日,告示\n"
        f"{code},2番3号,吾妻橋町123番地,令和2年4月1日,令和2年告示第10号\n"
        f"{code},2番4号,吾妻橋町124番地,2020-04-01,\n",
        encoding="utf-8",
    )
    call_command("jukyo_hyoji", str(csv))
    row = JukyoHyojiJisshi.objects.get(banchi="2番3号")
    assert (row.kyu_hyoji, row.jisshi_date) == ("吾妻橋町123番地", datetime.date(2020, 4, 1))
    assert JukyoHyojiJisshi.objects.count() == 2


def test_a_line_in_error_records_nothing(tmp_path: Path) -> None:
    code = r.chouaza().code
    csv = tmp_path / "jukyo.csv"
    csv.write_text(
        f"{code},2番3号,吾妻橋町123番地,令和2年4月1日\n9999,1番,x,令和2年4月1日\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="2行目"):
        call_command("jukyo_hyoji", str(csv))
    assert not JukyoHyojiJisshi.objects.exists()
