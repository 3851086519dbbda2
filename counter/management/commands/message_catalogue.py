"""``manage.py message_catalogue``: the catalogue of every registered message type.

Writes Markdown (destination, trigger, version, fields) to stdout, or to ``--output``.
docs/messages.md is this output; tests/test_messages.py keeps the two equal, so the
document cannot drift from the schemas the outbox enforces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from counter import registry
from counter.messages import catalogue_markdown


def catalogue() -> str:
    labels = {code: d.label for code, d in registry.destinations().items()}
    inbox = [(code, t.name) for code, t in registry.inbox_message_types().items()]
    return catalogue_markdown(registry.message_types().values(), labels, inbox)


class Command(BaseCommand):
    help = "登録された連携メッセージ種別の一覧を Markdown で書き出す（docs/messages.md）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="書き出すファイル（省略時は標準出力）")

    def handle(self, *args: Any, output: Path | None, **options: Any) -> None:
        text = catalogue()
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
