"""``manage.py jukyo_hyoji FILE.csv``: the 住居表示の実施 from the 住居表示台帳 (ADR 0027).

One line per new address: 町字コード, 街区符号・住居番号, 旧表示 (地番), 実施日 (和暦 or
西暦), 告示 (optional); a header line starting with 「町字コード」 is skipped. Every line
is checked before anything is written; a line in error is reported with its number and
nothing is recorded.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jputil.wareki import WarekiError, parse_date
from juki.address import Chouaza

from ...services import do_record_jukyo_hyoji


class Command(BaseCommand):
    help = "住居表示の実施（住居表示台帳）をCSVから登録します。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv_file"]
        try:
            lines = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path} を読めません: {error}") from error
        rows, errors = [], []
        for number, line in enumerate(lines, 1):
            if not line or line[0].strip() == "町字コード":
                continue
            try:
                rows.append(_row(line))
            except ValueError as error:
                errors.append(f"{number}行目: {error}")
        if errors:
            raise CommandError("\n".join(errors))
        with transaction.atomic():
            for chouaza, banchi, kyu, day, kokuji in rows:
                do_record_jukyo_hyoji(
                    acting_user=None,
                    chouaza=chouaza,
                    banchi=banchi,
                    kyu_hyoji=kyu,
                    jisshi_date=day,
                    kokuji=kokuji,
                )
        self.stdout.write(f"住居表示の実施を{len(rows)}件登録しました。")


def _row(line: list[str]) -> tuple[Chouaza, str, str, datetime.date, str]:
    cells = [c.strip() for c in line] + [""] * 5
    code, banchi, kyu, day_text, kokuji = cells[:5]
    chouaza = Chouaza.objects.filter(code=code).first()
    if chouaza is None:
        raise ValueError(f"町字コード {code} はありません。")
    if not banchi or not kyu:
        raise ValueError("街区符号・住居番号と旧表示を入れてください。")
    try:
        day = parse_date(day_text)
    except WarekiError as error:
        raise ValueError(f"実施日: {error.message}") from error
    return chouaza, banchi, kyu, day, kokuji
