"""Two cities on one machine for the 広域交付 (as the 特例転入's tests run two sides):
each side is the product with its own 団体コード and its own inbox and outbox
directories; the outbox's directory adapter of one writes the files the other's inbox
reads. The register is the one test database: city A (交付地) never reads it for the
request (its kind has no subjects; it prints the answer), city B (住所地) does.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.test import override_settings

from certificates.kouiki import messages as m
from counter import inbox, outbox
from counter.models import OutboxMessage, OutboxStatus
from juki.models import Jumin

A = ("13107", "墨田区")
B = ("14104", "横浜市中区")


class Cities:
    def __init__(self, root: Path) -> None:
        self.a_inbox = root / "a-inbox"
        self.b_inbox = root / "b-inbox"

    @contextlib.contextmanager
    def at_a(self) -> Iterator[None]:
        with override_settings(
            MUNICIPALITY_CODE=A[0],
            MUNICIPALITY_NAME=A[1],
            INBOX_DIR=self.a_inbox,
            OUTBOX_DIR=self.b_inbox,  # A's 住基ネット goes to B's inbox
        ):
            yield

    @contextlib.contextmanager
    def at_b(self) -> Iterator[None]:
        with override_settings(
            MUNICIPALITY_CODE=B[0],
            MUNICIPALITY_NAME=B[1],
            INBOX_DIR=self.b_inbox,
            OUTBOX_DIR=self.a_inbox,
        ):
            yield

    def send(self, message_type: str) -> list[Path]:
        """The outbox delivers what is pending of a type (the test runs no worker)."""
        pending = OutboxMessage.objects.filter(
            message_type=message_type, status=OutboxStatus.PENDING
        )
        for message in pending:
            outbox.deliver(message.pk)
        return sorted(Path(p) for p in (self.a_inbox, self.b_inbox) if p.exists())

    def poll(self) -> inbox.ReceiveReport:
        return inbox.receive_directory()


def request_for(person: Jumin, **more: Any) -> dict[str, Any]:
    """A's entry for B's resident ``person`` (本人, in person, 個人番号カード)."""
    c = person.chouaza
    born: datetime.date = person.seinengappi
    return {
        "seikyusha_kubun": "honnin",
        "seikyusha_shimei": person.full_name,
        "seikyusha_jusho": f"{c.prefecture}{c.city}{c.name}{person.banchi}",
        "seikyusha_seinengappi": born.isoformat(),
        "irai_no": f"kouiki-{A[0]}-0000000000a1",
        "shuttou": True,
        "honnin_shorui": "mynumber_card",
        "juminhyo_code": person.juminhyo_code,
        "jutaku_dantai_code": B[0],
        "jutaku_dantai_name": B[1],
        "kisai": ["jumin_date"],
        "tsusu": 1,
        **more,
    }


IRAI = m.IRAI_TYPE
KAITO = m.KAITO_TYPE
