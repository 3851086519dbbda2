"""``manage.py idou --month YYYY-MM [--table KEY] [--format csv|text]``: a month's 異動統計
for batch use (the 県報告, the city's web page). ``--year YYYY [--basis nen|nendo]`` runs a
year (in this process: a batch has no screen to wait on)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stats.documents_idou import idou_sections, places
from stats.documents_nikkei import table_csv
from stats.idou import month_report, period_report, population
from stats.idou.report import IdouReport
from stats.nikkei.periods import YearBasis, year_period

TABLES = ("sokatsu", "chouaza", "ku", "tsuki")


def parse_month(text: str) -> tuple[int, int]:
    """「2025-05」 (or 「2025-5」) → (2025, 5); CommandError in Japanese otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip(), flags=re.ASCII)
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        raise CommandError(f"月は YYYY-MM で指定してください: {text!r}")
    return int(match[1]), int(match[2])


class Command(BaseCommand):
    help = (
        "異動統計（総括・町字別の期首人口＋増−減＝期末人口・行政区別・月別）を標準出力に書きます"
        "（CSV は UTF-8、数値はそのままの整数）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--month", help="月（YYYY-MM）")
        when.add_argument("--year", type=int, help="年（YYYY）")
        parser.add_argument("--basis", choices=[b.value for b in YearBasis], default="nen",
                            help="--year の単位: nen（暦年）または nendo（年度）")  # fmt: skip
        parser.add_argument("--table", choices=TABLES, default="chouaza")
        parser.add_argument("--format", choices=("csv", "text"), default="csv")

    def _report(self, options: dict[str, Any]) -> IdouReport:
        if options["month"]:
            return month_report(*parse_month(options["month"]))
        return period_report(year_period(options["year"], YearBasis(options["basis"])))

    def handle(self, *args: Any, **options: Any) -> None:
        report = self._report(options)
        start = population(report.period.start - datetime.timedelta(days=1))
        end = population(report.period.end)
        sections = {key: (heading, table) for key, heading, table in
                    idou_sections(report, start, end, places())}  # fmt: skip
        if options["table"] not in sections:
            raise CommandError(f"この期間・この市には「{options['table']}」の表がありません。")
        heading, table = sections[options["table"]]
        if options["format"] == "csv":
            self.stdout.write(table_csv(table), ending="")
            return
        self.stdout.write(f"{report.period.label} {heading}\n")
        for row in table.as_values():
            self.stdout.write("\t".join(str(v) for v in row) + "\n")
