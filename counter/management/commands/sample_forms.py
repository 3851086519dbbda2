"""``manage.py sample_forms OUTDIR``: every registered form as ``OUTDIR/<様式名>.pdf``.

Apps register their forms and their demo-data providers with :mod:`counter.documents`
in ``AppConfig.ready()``. The command runs the providers (which seed a demo city when
the register is empty) and the builders inside one transaction and rolls it back, so the
database is left exactly as it was; only the PDF files remain.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from counter import documents


class Command(BaseCommand):
    help = "登録された全様式の見本 PDF を OUTDIR に書き出す（DB は変更しない）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("outdir", type=Path, help="PDF を書き出すディレクトリ")
        parser.add_argument(
            "--form",
            action="append",
            dest="forms",
            metavar="様式名",
            help="この様式だけを書き出す（複数指定可）",
        )

    def handle(self, *args: Any, outdir: Path, forms: list[str] | None, **options: Any) -> None:
        builders = documents.sample_form_builders()
        if forms:
            unknown = sorted(set(forms) - set(builders))
            if unknown:
                known = "、".join(sorted(builders)) or "（なし）"
                raise CommandError(
                    f"登録されていない様式です: {'、'.join(unknown)}（登録済み: {known}）"
                )
            builders = {name: builders[name] for name in forms}
        if not builders:
            raise CommandError("登録された様式がありません。")
        outdir.mkdir(parents=True, exist_ok=True)

        failed: list[str] = []
        with transaction.atomic():
            for provide in documents.sample_data_providers():
                provide()
            for name, build in sorted(builders.items()):
                started = time.perf_counter()
                try:
                    with transaction.atomic():  # a failing builder must not poison the rest
                        pdf = build()
                except Exception as exc:
                    failed.append(name)
                    self.stderr.write(f"{name}: 失敗しました: {type(exc).__name__}: {exc}")
                    continue
                path = outdir / f"{name}.pdf"
                path.write_bytes(pdf)
                elapsed = time.perf_counter() - started
                self.stdout.write(f"{path}\t{documents.page_count(pdf)} ページ\t{elapsed:.2f} 秒")
            # Demo data seeded above (and anything a builder wrote) is not kept.
            transaction.set_rollback(True)
        if failed:
            raise CommandError(f"{len(failed)} 件の様式を作れませんでした: {'、'.join(failed)}")
