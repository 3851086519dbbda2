"""The writers of a 郵送請求 (seed 004 郵送・公用請求事務等; docs/adr/0031).

①開封・仕分 (`do_kaifuu`: the envelope's reception, channel 郵送, no 番号札) → ②仮登録,
③照合, ⑤承認 on the counter's machine, unchanged → the 不足 asked for when the 定額小為替
do not cover the fees (`do_fusoku`, `do_tsuika` when the rest arrives) → ⑥交付・発送
(`do_hassou`: the fee taken in 定額小為替 through counter.fees.do_handover, the change
back as 定額小為替 or 切手, the certificate sent only to the registered address).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from counter import audit
from counter.fees import do_handover, dues_of
from counter.models import AuditAction, StaffUser, Terminal
from counter.models_fees import ChangeMethod, PaymentMethod
from counter.procedure_kinds import RequesterCategory
from counter.procedure_models import (
    IdDocument,
    Procedure,
    ProcedureState,
    ReceptionChannel,
    VisitorKind,
)
from counter.refusals import ProcedureRefused, RefusalRecord, terminal_code
from counter.refusals import audited as _audited
from counter.services import do_receive
from juki.models import Jumin, JuminStatus

from ..kernel.request import HONNIN_TO, THIRD_PARTIES, RequestEntry, category_of
from .models import Doufuu, YuusouSeikyu, YuusouState

C = RequesterCategory
#: the 定額小為替 or 切手 one envelope may hold (a typo guard, not a rule of law)
MAX_KOGAWASE_YEN = 100_000
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[‐‑‒–—―−ーｰ－-]")


def normalized_address(text: str) -> str:
    """An address to compare: NFKC (全角 digits), no spaces, every dash one hyphen."""
    folded = unicodedata.normalize("NFKC", text)
    return _DASHES.sub("-", _SPACES.sub("", folded))


def is_registered_address(henshinsaki: str, person: Jumin) -> bool:
    """The 返信先 is the 住民票上の住所 (its 方書 may be left out)."""
    c = person.chouaza
    base = normalized_address(f"{c.prefecture}{c.city}{c.name}{person.banchi}")
    given = normalized_address(henshinsaki)
    if not given.startswith(base):
        return False
    rest = given[len(base) :]
    return rest in ("", normalized_address(person.katagaki))


def _target(yuusou: YuusouSeikyu) -> audit.AuditTarget:
    return audit.AuditTarget("yuusou", str(yuusou.pk), str(yuusou))


def _record(
    yuusou: YuusouSeikyu, act: str, user: StaffUser, terminal: Terminal | None, **more: object
) -> None:
    audit.record(
        AuditAction.CHANGE,
        user=user,
        terminal_code=terminal_code(terminal),
        target=_target(yuusou),
        detail={"act": act, **more},
    )


def _yen(value: int, field: str) -> int:
    if not 0 <= value <= MAX_KOGAWASE_YEN:
        raise ProcedureRefused(
            f"金額は0円から{MAX_KOGAWASE_YEN:,}円までで入力してください。", field=field
        )
    return value


@_audited
@transaction.atomic
def do_kaifuu(
    *,
    received_date: datetime.date,
    seikyusha_shimei: str,
    henshinsaki_jusho: str,
    doufuu: Sequence[str],
    id_copy: str,
    kogawase_yen: int,
    kitte_yen: int = 0,
    kinds: Sequence[str],
    acting_user: StaffUser,
    terminal: Terminal | None,
) -> YuusouSeikyu:
    """①開封・請求書等の仕分: the envelope's reception (channel 郵送: no 番号札) with one
    procedure per certificate kind asked, and what the envelope held."""
    if received_date > timezone.localdate():
        raise ProcedureRefused("到着日に未来の日付は入力できません。", field="received_date")
    if not seikyusha_shimei.strip():
        raise ProcedureRefused(
            "請求者（差出人）の氏名を入力してください。", field="seikyusha_shimei"
        )
    if not henshinsaki_jusho.strip():
        raise ProcedureRefused("返信先の住所を入力してください。", field="henshinsaki_jusho")
    unknown = [c for c in doufuu if c not in Doufuu.values]
    if unknown or Doufuu.SEIKYUSHO not in doufuu:
        raise ProcedureRefused(
            "同封物に交付請求書がありません（同封物を選んでください）。", field="doufuu"
        )
    if id_copy and id_copy not in IdDocument.values:
        raise ProcedureRefused("本人確認書類の写しの種類を選んでください。", field="id_copy")
    reception = do_receive(
        acting_user=acting_user,
        terminal=terminal,
        category="shomei",
        visitor_kind=VisitorKind.HONNIN,
        visitor_name=seikyusha_shimei.strip(),
        id_documents=[id_copy] if id_copy else [],
        has_ininjo=Doufuu.ININJO in doufuu,
        kinds=kinds,
        note="郵送請求",
        channel=ReceptionChannel.YUUSOU,
    )
    yuusou = YuusouSeikyu.objects.create(
        reception=reception,
        received_date=received_date,
        seikyusha_shimei=seikyusha_shimei.strip(),
        doufuu=list(dict.fromkeys(doufuu)),
        id_copy=id_copy,
        henshinsaki_jusho=henshinsaki_jusho.strip(),
        kogawase_yen=_yen(kogawase_yen, "kogawase_yen"),
        kitte_yen=_yen(kitte_yen, "kitte_yen"),
        opened_by=acting_user,
        opened_at=timezone.now(),
    )
    _record(yuusou, "郵送請求の開封", acting_user, terminal, reception=reception.pk)
    return yuusou


def _live(yuusou: YuusouSeikyu) -> list[Procedure]:
    return [
        p for p in yuusou.reception.procedures.order_by("pk") if p.state != ProcedureState.TORISAGE
    ]


def _locked(yuusou: YuusouSeikyu) -> YuusouSeikyu:
    locked = YuusouSeikyu.objects.select_for_update().select_related("reception").get(pk=yuusou.pk)
    if locked.state == YuusouState.HASSOU:
        raise ProcedureRefused("この郵送請求は発送済みです。")
    return locked


@_audited
@transaction.atomic
def do_fusoku(
    yuusou: YuusouSeikyu, *, acting_user: StaffUser, terminal: Terminal | None
) -> YuusouSeikyu:
    """不足の照会: the 定額小為替 do not cover the fees of what was asked; the request waits
    for the rest (a 不足 letter is printed from the row)."""
    locked = _locked(yuusou)
    procedures = [p for p in _live(locked) if p.entry]  # what was entered (仮登録)
    total = dues_of(procedures, timezone.localdate()).total_yen
    if locked.kogawase_yen >= total:
        raise ProcedureRefused(
            f"定額小為替{locked.kogawase_yen:,}円で手数料{total:,}円に足りています（不足はありません）。"
        )
    locked.state = YuusouState.FUSOKU
    locked.fusoku_yen = total - locked.kogawase_yen
    locked.fusoku_at = timezone.now()
    locked.save(update_fields=["state", "fusoku_yen", "fusoku_at"])
    _record(locked, "不足照会", acting_user, terminal, fusoku_yen=locked.fusoku_yen)
    return locked


@_audited
@transaction.atomic
def do_tsuika(
    yuusou: YuusouSeikyu,
    *,
    kogawase_yen: int,
    acting_user: StaffUser,
    terminal: Terminal | None,
) -> YuusouSeikyu:
    """The rest arrived (定額小為替 added to those of the envelope): the request goes on."""
    locked = _locked(yuusou)
    if _yen(kogawase_yen, "kogawase_yen") == 0:
        raise ProcedureRefused("届いた定額小為替の金額を入力してください。", field="kogawase_yen")
    locked.kogawase_yen = _yen(locked.kogawase_yen + kogawase_yen, "kogawase_yen")
    locked.state = YuusouState.KAIFUU
    locked.save(update_fields=["kogawase_yen", "state"])
    _record(locked, "不足分の受領", acting_user, terminal, kogawase_yen=kogawase_yen)
    return locked


def henshinsaki_problem(yuusou: YuusouSeikyu, entry: RequestEntry) -> str:
    """Why the certificate may not go to the 返信先 ('' when it may).

    本人・同一世帯・代理人 (住基法第12条; 住民基本台帳事務処理要領, 郵送による請求: sent to
    the 請求者's 住民票上の住所, for a 代理人 too, never to another address); 第三者・士業
    to the 請求者's address as stated and shown by the copy of the ID (第12条の3第4項);
    公用 to the 機関 (第12条の2)."""
    category = category_of(entry)
    if category in HONNIN_TO:
        person = Jumin.objects.filter(
            atena_bango=entry.seikyusha_atena_bango, status=JuminStatus.LIVE
        ).first()
        if person is None or not is_registered_address(yuusou.henshinsaki_jusho, person):
            return (
                "住基法第12条・住民基本台帳事務処理要領: 郵送請求の証明書は請求者の住民票上の住所に"
                "だけ送付します（返信先が住民票上の住所と異なるため送付できません）。"
            )
    if category in THIRD_PARTIES and normalized_address(
        yuusou.henshinsaki_jusho
    ) != normalized_address(entry.seikyusha_jusho):
        return (
            "住基法第12条の3第4項: 第三者の郵送請求は、本人確認書類で確かめた請求者の住所にだけ"
            "送付します（返信先が請求者の住所と異なります）。"
        )
    if category != C.KOUYOU and not yuusou.id_copy:
        return (
            "住基法第12条第3項・第12条の3第4項: 郵送請求には本人確認書類の写しが必要です"
            "（写しの種類を記録してください）。"
        )
    return ""


@_audited
@transaction.atomic
def do_hassou(
    yuusou: YuusouSeikyu,
    *,
    change_method: ChangeMethod | str = ChangeMethod.KOGAWASE,
    acting_user: StaffUser,
    terminal: Terminal | None,
) -> YuusouSeikyu:
    """⑥証明書の交付: the approved procedures handed over, the fee taken in 定額小為替 (the
    change back as 定額小為替 or 切手), the certificate sent to the registered address."""
    locked = _locked(yuusou)
    procedures = _live(locked)
    if not procedures or any(p.state != ProcedureState.SHOUNIN for p in procedures):
        raise ProcedureRefused("承認されていない請求があります（承認入力の後に発送します）。")
    for procedure in procedures:
        problem = henshinsaki_problem(locked, RequestEntry.from_json(procedure.entry))
        if problem:
            # a refused 返送先 is a refusal of a disclosure: the 操作ログ keeps it
            raise ProcedureRefused(
                problem,
                field="henshinsaki_jusho",
                audit=RefusalRecord(
                    acting_user,
                    terminal_code(terminal),
                    _target(locked),
                    {"act": "発送", "rule": "henshinsaki"},
                ),
            )
    total = dues_of(procedures, timezone.localdate()).total_yen
    if locked.kogawase_yen < total:
        raise ProcedureRefused(
            f"定額小為替{locked.kogawase_yen:,}円では手数料{total:,}円に"
            f"{total - locked.kogawase_yen:,}円足りません（不足照会をしてください）。",
            field="kogawase_yen",
        )
    do_handover(
        locked.reception,
        procedures,
        received_yen=locked.kogawase_yen,
        method=PaymentMethod.KOGAWASE,
        change_method=change_method,
        acting_user=acting_user,
        terminal=terminal,
    )
    locked.state = YuusouState.HASSOU
    locked.hassou_date = timezone.localdate()
    locked.save(update_fields=["state", "hassou_date"])
    _record(locked, "発送", acting_user, terminal, change_method=str(change_method))
    return locked
