"""manage.py verify_audit: prove that no 操作ログ row was changed or removed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from counter.audit import verify_chain
from counter.audit_checkpoint import checkpoint_directory, read_checkpoints
from counter.models import AuditLog


class Command(BaseCommand):
    help = (
        "操作ログの連鎖を、鍵とデータベースの外の検証点に照らして検証します。"
        "改ざん・削除・偽造された検証点があれば行番号を示して異常終了します。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = checkpoint_directory()
        checkpoints, problems = read_checkpoints(directory)
        problems.extend(verify_chain(checkpoints))
        if problems:
            for problem in problems:
                where = f"行 {problem.row_id}" if problem.row_id is not None else "検証点"
                self.stderr.write(f"NG {where}: {problem.message}")
            raise CommandError(f"操作ログの検証に失敗しました（{len(problems)}件）。")
        rows = AuditLog.objects.count()
        if checkpoints:
            latest = max(checkpoints, key=lambda c: (c.last_id, c.at))
            self.stdout.write(
                f"検証点 {len(checkpoints)} 件（{directory}）。最新は行 {latest.last_id}"
                f"（{latest.label}）。"
            )
            if rows > latest.last_id:
                self.stdout.write(
                    f"注意: 最新の検証点より後の {rows - latest.last_id} 行は、"
                    "鍵だけで守られています（次の検証点までは末尾の削除を検出できません）。"
                )
        else:
            self.stdout.write(
                f"注意: 検証点がありません（{directory}）。鍵による確認だけで、末尾の削除は"
                "検出できません。manage.py audit_checkpoint で作成してください。"
            )
        self.stdout.write(f"OK: 操作ログ {rows} 行の連鎖を確認しました。")
