"""manage.py audit_checkpoint: sign the 操作ログ's head now and write it outside the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from counter.audit_checkpoint import REASONS, checkpoint_directory, write_checkpoint


class Command(BaseCommand):
    help = (
        "操作ログの検証点（最後の行・行数・ハッシュ、鍵で署名）を作り、送信待ちを通して"
        "追記専用の置き場に書き出します。毎時は Celery beat が実行します。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reason", choices=sorted(REASONS), default="manual")

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = write_checkpoint(reason=options["reason"])
        self.stdout.write(
            f"検証点を作りました: 行 {checkpoint.last_id}（{checkpoint.row_count} 行、"
            f"鍵ID {checkpoint.key_id}）。置き場: {checkpoint_directory()}"
        )
