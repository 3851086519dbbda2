"""``manage.py tenshutsu_shojo``: the 転出's 消除 that are due, on demand (the beat task's work)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from juki.ido.kernel import tenshutsu_yotei


class Command(BaseCommand):
    help = (
        "転出予定日が来た転出予定者と、受信した転入通知の方を消除します"
        "（Celery beat の juki.tenshutsu_shojo と同じ処理。何度実行しても同じ結果）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default=None, help="基準日（YYYY-MM-DD。省略時は今日）")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options["date"]:
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"基準日が日付ではありません: {options['date']!r}") from exc
        report = tenshutsu_yotei.shojo_due(day)
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
