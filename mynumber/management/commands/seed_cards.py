"""``manage.py seed_cards``: demo 個人番号カード for ``make run`` (after ``seed_demo``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mynumber.demo import seed
from mynumber.models import Card


class Command(BaseCommand):
    help = "デモ用の個人番号カード（各状態）を作成します（DJANGO_DEBUG=1、カードが空のときだけ）。"

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_cards はデモ用です。DJANGO_DEBUG=1 のときだけ実行できます。")
        if Card.objects.exists():
            self.stdout.write("個人番号カードが既にあるため、デモデータは作成しません。")
            return
        made = seed()
        self.stdout.write(self.style.SUCCESS(f"個人番号カード {made}枚を作成しました。"))
