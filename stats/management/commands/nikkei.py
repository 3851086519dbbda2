"""``manage.py nikkei YYYY-MM-DD [--format csv|text]``: a day's 日計表 for batch use."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jputil.wareki import to_wareki
from stats.nikkei.export import day_csv, day_text
from stats.nikkei.report import day_report


class Command(BaseCommand):
    help = (
        "日計表（事務別・レジ別・現金の照合・合計）を標準出力に書きます。"
        "金額はその日の手数料行の合計です（CSV は UTF-8、日付は YYYY-MM-DD）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("day", help="日付（YYYY-MM-DD）")
        parser.add_argument("--format", choices=("csv", "text"), default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = datetime.date.fromisoformat(options["day"])
        except ValueError as exc:
            raise CommandError(f"日付は YYYY-MM-DD で指定してください: {options['day']!r}") from exc
        report = day_report(day)
        if options["format"] == "text":
            self.stdout.write(day_text(report, f"日計表 {to_wareki(day)}"), ending="")
        else:
            self.stdout.write(day_csv(report), ending="")
