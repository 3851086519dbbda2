"""Outbox keys and the writer that queues one approval's messages together."""

from __future__ import annotations

import datetime
from typing import Any

from counter import outbox
from counter.procedure_models import Procedure

from ...models import Jumin
from .dates import iso

# --------------------------------------------------------------------- outbox


def outbox_key(procedure_pk: int | str, *parts: object) -> str:
    """An idempotency key for a procedure's message: 'ido-<pk>-<part>-<part>…'."""
    text = "-".join(["ido", str(procedure_pk), *(str(p) for p in parts)])
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in text)


def honnin_kakunin_payload(jumin: Jumin, *, ido_jiyu: str, ido_date: datetime.date) -> dict:
    """本人確認情報（住基ネット CS）: 住民票コード, 4情報, 異動事由 and 異動日."""
    return {
        "juminhyo_code": jumin.juminhyo_code or "",
        "atena_bango": jumin.atena_bango,
        "shimei": jumin.full_name,
        "shimei_kana": jumin.full_kana,
        "seinengappi": iso(jumin.seinengappi),
        "seinengappi_hyoki": jumin.seinengappi_hyoki,
        "seibetsu": jumin.get_seibetsu_display(),
        "jusho": jumin.address,
        "ido_jiyu": ido_jiyu,
        "ido_date": iso(ido_date),
    }


class ProcedureOutbox:
    """The outbox messages one approval writes, together, with `enqueue_many`.

    Keys are 'ido-<procedure>-<destination>-<type>[-<part>…]' (a person's 宛名番号 or
    index when the procedure sends the same type once per person).
    """

    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self.messages: list[outbox.OutgoingMessage] = []

    def send(self, dest: str, mtype: str, payload: dict[str, Any], *key: object) -> None:
        self.messages.append(
            outbox.OutgoingMessage(
                destination=dest,
                message_type=mtype,
                payload=payload,
                idempotency_key=outbox_key(self.procedure.pk, dest, mtype, *(k for k in key if k)),
                source_type="procedure",
                source_id=self.procedure.pk,
            )
        )

    def write(self) -> list[int]:
        return [row.pk for row in outbox.enqueue_many(self.messages)]
