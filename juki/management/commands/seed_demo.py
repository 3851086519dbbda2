"""manage.py seed_demo: fill an empty register with the demo city (DEBUG only)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from juki.demo import ensure_demo_staff, seed_city
from juki.models import Jumin


class Command(BaseCommand):
    help = "デモ用の町字・住民・世帯・職員を作成します（DJANGO_DEBUG=1 のときだけ）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--residents", type=int, default=2000, help="作成する住民の数（既定 2000）"
        )
        parser.add_argument("--seed", type=int, default=1, help="乱数の種（同じ種なら同じ住民）")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="住民が既にいるときは何もしない（エラーにしない）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo はデモ用です。DJANGO_DEBUG=1 のときだけ実行できます。")
        residents: int = options["residents"]
        if residents < 0:
            raise CommandError("--residents は0以上で指定してください。")
        existing = Jumin.objects.count()
        if existing:
            if options["if_empty"]:
                self.stdout.write(
                    f"住民が既に{existing}人登録されているため、デモデータは作成しません。"
                )
                return
            raise CommandError(
                f"住民が既に{existing}人登録されています。seed_demo は空の台帳にだけ実行できます"
                "（データベースを作り直すか、--if-empty を付けてください）。"
            )
        started = time.monotonic()
        count = seed_city(residents=residents, seed=options["seed"])
        users = ensure_demo_staff()
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"住民 {count}人を登録しました（{elapsed:.1f}秒）。"))
        self.stdout.write("デモ用の利用者（パスワードはデモ専用）:")
        for username, role, password in users:
            self.stdout.write(f"  {username:<10} {role:<4} {password}")
