"""転出証明書情報の送信依頼: a 特例転入 asks the 転出地 for the 転出証明書情報.

A 特例転出's 転出証明書情報 goes to the 転出先 declared at the 転出地 (住基法第24条の2
第3項: the 転入予定地市町村長). A person who then moved somewhere else may still make the
特例転入 here (the 最初の転入届 of 第24条の2第1項 is the first 転入届 wherever it is
made); the city that receives it asks the 転出地 for the 転出証明書情報 (住基法第24条の2
第4項 and the 事務処理要領's 転入届の特例), through 住基ネット CS.

The clerk asks from the 特例転入 form with the 住民票コード (from the 個人番号カード) and
the 従前の住所: a ``tenshutsu_shomeisho_joho_irai`` message to ``jukinet_cs`` (outbox).
The 転出地's answer arrives in the inbox as a ``tenshutsu_shomeisho_joho_kaito``
message: the 転出証明書情報's own payload (``tenshutsu_joho.joho_payload``) with the
request's ``irai_no``; the form's 検索 → 読み込む finds it like any 転出証明書情報
(``tenshutsu_joho.search``).

The request's key is per procedure and 住民票コード, so asking twice sends one message.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction

from counter import audit, outbox
from counter.messages import MessageField, MessageType
from counter.models import AuditAction, OutboxMessage
from jputil import numbers

from ...manifest import JukiDestination
from .dates import iso

if TYPE_CHECKING:
    from counter.procedure_models import Procedure

IRAI_TYPE = "tenshutsu_shomeisho_joho_irai"
IRAI_NAME = "転出証明書情報の送信依頼"
#: the inbox type of the 転出地's answer (the 転出証明書情報 with ``irai_no``)
KAITO_TYPE = "tenshutsu_shomeisho_joho_kaito"
KAITO_NAME = "転出証明書情報（送信依頼への回答）"
ARTICLE = "住基法第24条の2"

F = MessageField

IRAI_MESSAGE = MessageType(
    code=IRAI_TYPE,
    label=f"{IRAI_NAME}（{ARTICLE}）",
    version=1,
    destinations=(str(JukiDestination.JUKINET_CS),),
    trigger=(
        "特例転入の入力で「転出地に転出証明書情報を求める」: 住民票コードごとに1通"
        "（転出地の回答は受信の tenshutsu_shomeisho_joho_kaito）"
    ),
    fields=(
        F("irai_no", "str", description="依頼番号（回答の irai_no に入れて返す）"),
        F("juminhyo_code", "str", description="転入者の住民票コード（個人番号カードで確認）"),
        F("zenjusho", "str", description="転出地の住所（本人の申し出による従前の住所）"),
        F("tennyu_date", "str", description="転入した年月日（YYYY-MM-DD。未入力は空）"),
        F("irai_dantai_code", "str", description="依頼する市町村（転入地）の団体コード"),
        F("irai_dantai_name", "str", description="依頼する市町村（転入地）の名称"),
    ),
)


@dataclass(frozen=True)
class Irai:
    """A request as written (what the form tells the clerk)."""

    irai_no: str
    juminhyo_code: str
    zenjusho: str
    new: bool


def irai_no(procedure_pk: int, juminhyo_code: str) -> str:
    return f"irai-{settings.MUNICIPALITY_CODE}-{procedure_pk}-{juminhyo_code}"


def irai_problems(juminhyo_code: str, zenjusho: str) -> list[tuple[str, str]]:
    """What is missing to ask: (field, message) each."""
    out: list[tuple[str, str]] = []
    code = numbers.normalize_digits(juminhyo_code).replace("-", "")
    if not numbers.is_valid_juminhyo_code(code):
        out.append(
            (
                "joho_search",
                "転出地に求めるには、個人番号カードで確認した住民票コード（11桁）を"
                "検索欄に入力してください。",
            )
        )
    if not zenjusho.strip():
        out.append(("zenjusho", "転出地に求めるには、従前の住所（転出地）を入力してください。"))
    return out


@transaction.atomic
def do_request_tenshutsu_joho(
    *,
    procedure: Procedure,
    juminhyo_code: str,
    zenjusho: str,
    tennyu_date: datetime.date | None,
) -> Irai:
    """Queue the request to the 転出地 (via 住基ネット CS) and record the act (操作ログ).

    The caller has checked ``irai_problems``; the acting user is the request's (the
    操作ログ row is written with the request bound by the middleware).
    """
    code = numbers.normalize_digits(juminhyo_code).replace("-", "")
    number = irai_no(procedure.pk, code)
    before = OutboxMessage.objects.filter(idempotency_key=number).exists()
    outbox.enqueue(
        destination=str(JukiDestination.JUKINET_CS),
        message_type=IRAI_TYPE,
        payload={
            "irai_no": number,
            "juminhyo_code": code,
            "zenjusho": zenjusho.strip(),
            "tennyu_date": iso(tennyu_date),
            "irai_dantai_code": str(settings.MUNICIPALITY_CODE),
            "irai_dantai_name": str(settings.MUNICIPALITY_NAME),
        },
        idempotency_key=number,
        source_type="procedure",
        source_id=procedure.pk,
    )
    if not before:
        audit.record(
            AuditAction.CHANGE,
            target=audit.AuditTarget("procedure", str(procedure.pk), str(procedure)),
            detail={"act": IRAI_NAME, "irai_no": number, "juminhyo_code": code},
        )
    return Irai(number, code, zenjusho.strip(), new=not before)


def kaito_keys(payload: dict[str, Any]) -> list[str]:
    """The answer's lookup keys: the 転出証明書情報's and its 依頼番号."""
    from . import tenshutsu_joho

    no = str(payload.get("irai_no") or "").strip()
    if not no:
        from counter.inbox import InboxError

        raise InboxError("依頼番号（irai_no）がありません。")
    return [*tenshutsu_joho.keys(payload), no]
