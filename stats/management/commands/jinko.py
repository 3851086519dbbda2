"""``manage.py jinko --as-of YYYY-MM-DD --format csv``: the 人口統計 of a day for batch use;
``--nenpo YYYY`` the 住民基本台帳関係年報 (``--ken``: in the prefecture's format)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stats.jinko import rebuild
from stats.jinko.export import hyo_csv
from stats.jinko.nenpo import ken_hokoku, nenpo
from stats.jinko.tables import Hyo, chouaza_hyo, gaikokujin_hyo, nenrei_hyo

TABLES = {
    "chouaza": lambda day: chouaza_hyo(day),
    "nenrei5": lambda day: nenrei_hyo(day, width=5),
    "nenrei": lambda day: nenrei_hyo(day, width=1),
    "kokuseki": lambda day: gaikokujin_hyo(day, "kokuseki"),
    "zairyu": lambda day: gaikokujin_hyo(day, "zairyu_shikaku"),
}


class Command(BaseCommand):
    help = (
        "人口統計を CSV（UTF-8）で標準出力に書きます。--as-of の日の終わり（その日の異動を"
        "反映した後）の人数です。--nenpo 年 は住民基本台帳関係年報（その年の1月1日現在、"
        "動態は前年1月1日〜12月31日）、--ken を付けると県報告の形式です。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="基準日（YYYY-MM-DD）")
        parser.add_argument("--format", choices=("csv",), default="csv")
        parser.add_argument(
            "--table", choices=sorted(TABLES), default="chouaza", help="--as-of の表"
        )
        parser.add_argument("--nenpo", type=int, help="年報の年（例: 2026 → 2026年1月1日現在）")
        parser.add_argument("--ken", action="store_true", help="年報を県報告の形式で")
        parser.add_argument(
            "--rebuild", action="store_true", help="住民期間を異動履歴から作り直してから集計"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["as_of"]) == bool(options["nenpo"]):
            raise CommandError("--as-of か --nenpo のどちらか一つを指定してください。")
        if options["rebuild"]:
            rebuild()
        tables: list[Hyo]
        if options["nenpo"]:
            year = options["nenpo"]
            if not 1900 < year < 3000:
                raise CommandError(f"年は西暦4桁で指定してください: {year}")
            tables = [ken_hokoku(year)] if options["ken"] else nenpo(year)
            self.stdout.write(hyo_csv(tables, titled=not options["ken"]), ending="")
            return
        try:
            day = datetime.date.fromisoformat(options["as_of"])
        except ValueError as exc:
            raise CommandError(
                f"日付は YYYY-MM-DD で指定してください: {options['as_of']!r}"
            ) from exc
        self.stdout.write(hyo_csv([TABLES[options["table"]](day)]), ending="")
