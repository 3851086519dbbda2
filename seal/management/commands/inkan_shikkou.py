"""``manage.py inkan_shikkou``: the 照会 past their 回答期限 become 失効 (the beat task's
work, on demand)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seal.services import expire_overdue


class Command(BaseCommand):
    help = (
        "回答期限までに回答のなかった印鑑登録の照会を失効させます"
        "（Celery beat の seal.inkan_shikkou と同じ処理。何度実行しても同じ結果）。"
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
        self.stdout.write(f"失効 {expire_overdue(day)}件")
