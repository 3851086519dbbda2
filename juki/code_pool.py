"""The pool of 予備住民票コード (j870): received from the 住基ネット CS, given at random.

The law: the 都道府県知事 designates the 住民票コード a 市町村長 may record and tells the
city of them (住基法第30条の2第2項); the 市町村長 records one of those chosen codes
(第30条の3第1項, 第2項). So a code is never made up here: the CS delivers spare codes
as an inbox message (``juminhyo_code_yobi``, docs/messages.md), each joins the pool
once, and a 出生 or a 職権記載 without a known code takes one at random (``secrets``:
the next person's code must not be guessable from the last one), never to be given
again. When fewer than ``settings.JUMINHYO_CODE_YOBI_ALERT`` remain, 職員 see an alert
on the 審査 screen; with none, an approval that needs one is refused with the rule.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from counter import inbox
from counter.models import InboxStatus
from counter.procedure_kinds import applying_procedure
from counter.refusals import ProcedureRefused
from jputil import numbers

from .models import Jumin, YobiJuminhyoCode

if TYPE_CHECKING:
    from counter.models import InboxMessage

MESSAGE_TYPE = "juminhyo_code_yobi"
NAME = "予備住民票コード"
#: the most codes one message may carry (a CS delivers a few thousand at a time)
MAX_CODES = 10_000

EMPTY_POOL = (
    "予備住民票コードが残っていません。住民票コードは都道府県知事が指定したもののうちから"
    "記載します（住基法第30条の2第2項・第30条の3、標準仕様書j870）。"
    "住基ネット（市町村CS）から予備住民票コードを受け取ってから承認してください。"
)


def parse_codes(payload: dict[str, Any]) -> list[str]:
    """The codes of a ``juminhyo_code_yobi`` payload (``{"codes": ["…", …]}``), checked:
    each 11 digits with a valid check digit, none twice (InboxError says what is wrong)."""
    raw = payload.get("codes")
    if not isinstance(raw, list) or not raw:
        raise inbox.InboxError("予備住民票コード（codes）がありません。")
    if len(raw) > MAX_CODES:
        raise inbox.InboxError(f"予備住民票コードが多すぎます（{MAX_CODES}件まで）。")
    codes: list[str] = []
    seen: set[str] = set()
    for i, value in enumerate(raw, start=1):
        code = value if isinstance(value, str) else ""
        if not numbers.is_valid_juminhyo_code(code):
            raise inbox.InboxError(
                f"{i}件目は住民票コード（11桁・検査数字）ではありません: {value!r}"
            )
        if code in seen:
            raise inbox.InboxError(f"{i}件目の住民票コード {code} が重複しています。")
        seen.add(code)
        codes.append(code)
    return codes


def keys(payload: dict[str, Any]) -> Sequence[str]:
    """The inbox's check of a payload; the codes are not searched for, so no keys."""
    parse_codes(payload)
    return ()


def _known(codes: Sequence[str]) -> set[str]:
    """Those of ``codes`` already in the pool or on a 住民票 (never spare again)."""
    pooled = YobiJuminhyoCode.objects.filter(code__in=codes).values_list("code", flat=True)
    recorded = Jumin.objects.filter(juminhyo_code__in=codes).values_list("juminhyo_code", flat=True)
    return {*pooled, *(c for c in recorded if c)}


def receive_codes(message: InboxMessage) -> int:
    """A received message's codes join the pool (in the receiving transaction); the codes
    already in the pool or on a 住民票 are left out. Returns how many joined."""
    codes = parse_codes(message.payload)
    known = _known(codes)
    fresh = [
        YobiJuminhyoCode(code=c, received_at=message.received_at, message=message)
        for c in codes
        if c not in known
    ]
    YobiJuminhyoCode.objects.bulk_create(fresh, batch_size=2000)
    message.status = InboxStatus.USED
    message.used_at = timezone.now()
    message.save(update_fields=["status", "used_at"])
    return len(fresh)


def load_codes(codes: Sequence[str]) -> int:
    """Put codes in the pool directly (the demo city, tests, a city's first load)."""
    known = _known(codes)
    fresh = [YobiJuminhyoCode(code=c) for c in dict.fromkeys(codes) if c not in known]
    YobiJuminhyoCode.objects.bulk_create(fresh, batch_size=2000)
    return len(fresh)


def _unused() -> Any:
    return YobiJuminhyoCode.objects.filter(used_at__isnull=True)


def spare_count() -> int:
    return int(_unused().count())


def take_code() -> str:
    """One spare code, chosen at random and marked used by the applying procedure.

    Call it inside the approval's transaction: the mark rolls back with it. The mark is
    a conditional update, so two approvals that pick the same row never both get it (the
    loser picks again). An empty pool refuses the approval with the rule (EMPTY_POOL).
    """
    procedure = applying_procedure()
    while True:
        spare = spare_count()
        if not spare:
            raise ProcedureRefused(EMPTY_POOL)
        pick = _unused().order_by("id").values_list("id", "code")[secrets.randbelow(spare)]
        taken = _unused().filter(id=pick[0]).update(used_at=timezone.now(), procedure=procedure)
        if taken:
            return str(pick[1])


def codes_given_by(procedure_pk: int) -> dict[str, datetime.date]:
    """The codes a procedure's 承認 took from the pool, with the day each was given."""
    rows = (
        YobiJuminhyoCode.objects.filter(procedure_id=procedure_pk)
        .order_by("used_at", "id")
        .values_list("code", "used_at")
    )
    return {code: timezone.localdate(used_at) for code, used_at in rows}


def low_pool_alerts() -> list[str]:
    """The alert 職員 see while fewer than the set number of spare codes remain (j870)."""
    threshold = int(getattr(settings, "JUMINHYO_CODE_YOBI_ALERT", 0))
    spare = spare_count()
    if spare >= threshold and spare > 0:
        return []
    if not spare:
        return [
            f"{NAME}が残っていません。出生・職権記載の承認はできません（j870）。"
            "住基ネット（市町村CS）に請求してください。"
        ]
    return [
        f"{NAME}の残りが{spare}件です（{threshold}件未満）。"
        "住基ネット（市町村CS）に請求してください（j870）。"
    ]
