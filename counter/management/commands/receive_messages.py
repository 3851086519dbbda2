"""受信: take in the messages waiting under INBOX_DIR (what the Celery beat sweep does)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from counter import inbox


class Command(BaseCommand):
    help = "INBOX_DIR/<受信元>/*.json の受信メッセージを取り込みます（Celery beat と同じ処理）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=None, help="INBOX_DIR の代わりに読むディレクトリ")

    def handle(self, *args: Any, **options: Any) -> None:
        report = inbox.receive_directory(options["dir"])
        for name in report.rejected:
            self.stderr.write(f"取り込めませんでした: {name}（rejected/ の .error.txt を参照）")
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
