"""manage.py verify_audit: prove that no 操作ログ row was changed or removed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from counter.audit import verify_chain
from counter.models import AuditLog


class Command(BaseCommand):
    help = "操作ログのハッシュ連鎖を検証します。改ざん・削除があれば行番号を示して異常終了します。"

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_chain())
        if problems:
            for problem in problems:
                self.stderr.write(f"NG 行 {problem.row_id}: {problem.message}")
            raise CommandError(f"操作ログの検証に失敗しました（{len(problems)}件）。")
        self.stdout.write(f"OK: 操作ログ {AuditLog.objects.count()} 行の連鎖を確認しました。")
