"""``manage.py tsuchisho_haiki``: the returned 個人番号通知書 kept past the city's keeping
period are recorded as destroyed (廃棄) in the 管理簿【返戻】 (the 管理簿 screen's button,
on demand or from cron)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mynumber.services_todoke import do_haiki_expired


class Command(BaseCommand):
    help = (
        "保管期限を過ぎた返戻の個人番号通知書を廃棄として管理簿に記録します"
        "（何度実行しても同じ結果）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default=None, help="基準日（YYYY-MM-DD。省略時は今日）")

    def handle(self, *args: Any, **options: Any) -> None:
        day = timezone.localdate()
        if options["date"]:
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"基準日が日付ではありません: {options['date']!r}") from exc
        self.stdout.write(f"廃棄 {do_haiki_expired(day)}件")
