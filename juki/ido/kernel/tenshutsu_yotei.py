"""転出予定者 and the 消除 of a 転出 (j50, j1000, j1080; docs/adr/0017).

A 転出届 is made before the move (住基法第24条: 転出先 and 転出の予定年月日). Its 承認 records
them and the person stays a resident, a 転出予定者 (``Jumin.tenshutsu_yotei_date``):
counted, searchable, certifiable without the 転出 items (j1000:
``juki.residents.omit_tenshutsu_items``).
The 住民票 is removed only when the person has moved out (住基法施行令第8条): on the
転出予定日, or earlier on the 転入日 the 転入地 names in its 転入通知 (住基法第9条第1項),
the earlier of the two (j50). ``do_tenshutsu_shojo`` is that 消除: the history row, the
messages of a removal (``shojo_notices``) and the ``tenshutsu`` reaction (印鑑登録).
``shojo_due`` runs it for every 転出予定者 whose date has come and every 転入通知
received (Celery beat ``juki.tenshutsu_shojo``, ``manage.py tenshutsu_shojo``); it is
idempotent, as a 除票 is no longer a 転出予定者.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from counter import inbox, outbox
from counter.models import InboxMessage, InboxStatus
from counter.procedure_kinds import applying
from jputil import numbers

from ... import reactions, services
from ...models import IdoJiyu, Jumin, JuminRireki, JuminStatus, ShojoJiyu
from ...residents import omit_tenshutsu_items as omit_tenshutsu_items
from .dates import iso, wareki_text
from .notices import IdoNotices
from .outbox_writer import outbox_key

if TYPE_CHECKING:
    from counter.models import StaffUser
    from counter.procedure_models import Procedure

#: the 転入地's notice (住基法第9条第1項), in the shape this product's 転入 sends it
TENNYU_TSUCHI = "tennyu_tsuchi"
TENNYU_TSUCHI_NAME = "転入通知"
#: the 留意事項 of the history rows of a 転出 (承認) and of its 消除
YOTEI_RYUIJI = "転出予定"
SHOJO_BY_DATE = "転出予定日の到来による消除"
SHOJO_BY_TSUCHI = "転入通知による消除"
SHOJO_CORRECTED = "転入通知による消除年月日の修正"


# --------------------------------------------------------------------------- messages


def shojo_notices(notices: IdoNotices, j: Jumin, day: datetime.date) -> None:
    """The messages of the 消除 itself, for a person now a 除票 by 転出.

    At the 消除, not at the 承認: the 本人確認情報 changes when the 住民票 is removed
    (住基法第30条の6第1項: 記載・消除・修正), the 附票 follows the 消除 (法第19条第1項),
    the 市町村通知 reports the removal of a 外国人住民 (法第30条の50), and the 他課 lose
    the resident on that day (国保・年金・児童手当 … end with the 住所)."""
    notices.honnin_kakunin(j, shojo=True)
    notices.fuhyo(j)
    notices.nyukan(j)
    notices.takka(j, reason="resident", day=day)


class ShojoNotices(IdoNotices):
    """The messages of a 消除 that no 承認 makes (by date or by 転入通知).

    They belong to the 転出 procedure that approved the move when there is one (so its
    outbox shows them), under keys of their own ('ido-shojo<宛名番号>-…')."""

    def __init__(
        self,
        j: Jumin,
        procedure: Procedure | None,
        *,
        jiyu: str,
        ido_date: datetime.date,
        todoke_date: datetime.date | None,
    ) -> None:
        super().__init__(procedure, jiyu=jiyu, ido_date=ido_date, todoke_date=todoke_date)  # type: ignore[arg-type]
        self.atena_bango = j.atena_bango
        self.jumin_pk = j.pk
        #: what tells this 消除's messages apart from another of the same person
        self.key_part = "shojo"

    def send(self, dest: str, mtype: str, payload: dict[str, Any], *key: object) -> None:
        proc = self.procedure
        self.messages.append(
            outbox.OutgoingMessage(
                destination=dest,
                message_type=mtype,
                payload=payload,
                idempotency_key=outbox_key(
                    f"{self.key_part}{self.atena_bango}", dest, mtype, *(k for k in key if k)
                ),
                source_type="procedure" if proc is not None else "jumin",
                source_id=proc.pk if proc is not None else self.jumin_pk,
            )
        )


# --------------------------------------------------------------------------- the 消除


def _approved_row(j: Jumin) -> JuminRireki | None:
    """The history row the 転出's 承認 wrote (its 事由, 届出日 and procedure)."""
    return (
        JuminRireki.objects.filter(
            jumin=j, ido_jiyu__in=[IdoJiyu.TENSHUTSU, IdoJiyu.KOKUGAI_TENSHUTSU]
        )
        .select_related("procedure")
        .order_by("-rireki_no")
        .first()
    )


@contextlib.contextmanager
def _applying(procedure: Procedure | None) -> Iterator[None]:
    if procedure is None:
        yield
        return
    with applying(procedure):
        yield


def _record(
    j: Jumin,
    day: datetime.date,
    changes: dict[str, Any],
    *,
    ryuiji: str,
    acting_user: StaffUser | None = None,
    key_part: str = "shojo",
) -> tuple[JuminRireki | None, ShojoNotices]:
    """A change the 転出 makes after its 承認 (the 消除, or its date corrected): the
    history row under the 転出's 異動事由 and 届出日, linked to its procedure, and the
    notices to write (under the same procedure)."""
    approved = _approved_row(j)
    jiyu = IdoJiyu(approved.ido_jiyu) if approved else IdoJiyu.TENSHUTSU
    procedure = approved.procedure if approved else None
    ctx = services.IdoContext(
        acting_user=acting_user,
        terminal=None,
        ido_jiyu=jiyu,
        ido_date=day,
        todoke_date=approved.todoke_date if approved else None,
        ryuiji=ryuiji,
    )
    if jiyu == IdoJiyu.KOKUGAI_TENSHUTSU and "shojo_jiyu" in changes:
        changes = {**changes, "shojo_jiyu": ShojoJiyu.KOKUGAI_TENSHUTSU}
    with _applying(procedure):
        row = services.update_person(j, changes, ctx)
    notices = ShojoNotices(j, procedure, jiyu=jiyu.label, ido_date=day, todoke_date=ctx.todoke_date)
    notices.key_part = key_part
    return row, notices


@transaction.atomic
def do_tenshutsu_shojo(
    atena_bango: str,
    *,
    shojo_date: datetime.date,
    ryuiji: str = SHOJO_BY_DATE,
    acting_user: StaffUser | None = None,
) -> JuminRireki | None:
    """Remove a 転出予定者 from the register: the 住民票 becomes a 除票 by 転出 with
    ``shojo_date`` as its 消除年月日 (j50). None when the person is not (or no longer) a
    転出予定者, so running it twice changes nothing."""
    j = (
        Jumin.objects.select_for_update(of=("self",))
        .select_related("setai", "chouaza")
        .filter(atena_bango=atena_bango, status=JuminStatus.LIVE)
        .first()
    )
    if j is None or not j.is_tenshutsu_yotei:
        return None
    changes = {
        "status": JuminStatus.JOHYO,
        "shojo_jiyu": ShojoJiyu.TENSHUTSU,
        "shojo_date": shojo_date,
    }
    row, notices = _record(j, shojo_date, changes, ryuiji=ryuiji, acting_user=acting_user)
    shojo_notices(notices, j, shojo_date)
    notices.write([j.setai])
    reactions.fire("tenshutsu", jumin=j, ido_date=shojo_date)
    return row


# --------------------------------------------------------------------------- 転入通知


def _iso(value: Any, what: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise inbox.InboxError(f"{what}が日付（YYYY-MM-DD）ではありません: {value!r}") from exc


def parse_tennyu_tsuchi(payload: dict[str, Any]) -> tuple[datetime.date, list[str]]:
    """A received 転入通知: its 転入日 (``ido_date``) and the persons' 住民票コード."""
    tennyu = _iso(payload.get("ido_date"), "転入日（ido_date）")
    raw = payload.get("persons")
    if not isinstance(raw, list) or not raw:
        raise inbox.InboxError("転入者（persons）がありません。")
    codes: list[str] = []
    for i, p in enumerate(raw, start=1):
        if not isinstance(p, dict):
            raise inbox.InboxError(f"{i}人目の転入者がオブジェクトではありません。")
        code = numbers.normalize_digits(str(p.get("juminhyo_code") or ""))
        if not numbers.is_valid_juminhyo_code(code):
            raise inbox.InboxError(f"{i}人目の転入者の住民票コードが不正です: {code!r}")
        codes.append(code)
    return tennyu, codes


def tennyu_tsuchi_keys(payload: dict[str, Any]) -> list[str]:
    """What a 転入通知 is found by: the persons' 住民票コード."""
    return parse_tennyu_tsuchi(payload)[1]


def _take_tennyu_tsuchi(message: InboxMessage) -> int:
    """消除 each 転出予定者 the 転入通知 names, on the earlier of the 転入日 and the
    転出予定日 (j50); the message is then used (one 転入通知 acts once)."""
    tennyu, codes = parse_tennyu_tsuchi(message.payload)
    done = 0
    persons = Jumin.objects.filter(juminhyo_code__in=codes, status=JuminStatus.LIVE).exclude(
        tenshutsu_yotei_date=None
    )
    for j in persons:
        assert j.tenshutsu_yotei_date is not None
        day = min(tennyu, j.tenshutsu_yotei_date)
        why = f"{SHOJO_BY_TSUCHI}（転入日 {wareki_text(tennyu)}）"
        if do_tenshutsu_shojo(j.atena_bango, shojo_date=day, ryuiji=why) is not None:
            done += 1
    done += _correct_shojo_dates(codes, tennyu)
    message.status = InboxStatus.USED
    message.used_at = timezone.now()
    message.save(update_fields=["status", "used_at"])
    return done


def _correct_shojo_dates(codes: list[str], tennyu: datetime.date) -> int:
    """A 転入通知 that arrives after the 消除 on the 転出予定日 but names an earlier 転入日:
    the 消除年月日 becomes that day (j50: the earlier of the two), a 記載の修正 with its
    history row and the 本人確認情報 and 附票 told again."""
    done = 0
    removed = Jumin.objects.select_related("setai", "chouaza").filter(
        juminhyo_code__in=codes,
        status=JuminStatus.JOHYO,
        shojo_jiyu__in=[ShojoJiyu.TENSHUTSU, ShojoJiyu.KOKUGAI_TENSHUTSU],
        shojo_date__gt=tennyu,
    )
    for j in removed.exclude(tenshutsu_yotei_date=None):
        why = f"{SHOJO_CORRECTED}（転入日 {wareki_text(tennyu)}）"
        _row, notices = _record(j, tennyu, {"shojo_date": tennyu}, ryuiji=why, key_part="shusei")
        notices.honnin_kakunin(j, shojo=True)
        notices.fuhyo(j)
        notices.write([j.setai])
        done += 1
    return done


@dataclass
class ShojoReport:
    by_date: list[str] = field(default_factory=list)
    by_tsuchi: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"by_date": len(self.by_date), "by_tsuchi": self.by_tsuchi}


def shojo_due(today: datetime.date | None = None) -> ShojoReport:
    """Every 消除 due: the 転入通知 received, then each 転出予定者 whose 転出予定日 has
    come (one transaction per person or message; idempotent)."""
    today = today or timezone.localdate()
    report = ShojoReport()
    for message in InboxMessage.objects.filter(
        message_type=TENNYU_TSUCHI, status=InboxStatus.RECEIVED
    ).order_by("received_at", "id"):
        with transaction.atomic():
            report.by_tsuchi += _take_tennyu_tsuchi(message)
    due = Jumin.objects.filter(
        status=JuminStatus.LIVE, tenshutsu_yotei_date__lte=today
    ).values_list("atena_bango", "tenshutsu_yotei_date")
    for atena_bango, yotei in list(due):
        if yotei is not None and do_tenshutsu_shojo(atena_bango, shojo_date=yotei) is not None:
            report.by_date.append(atena_bango)
    return report


def tennyu_tsuchi_payload(
    persons: list[Jumin], *, tennyu_date: datetime.date, tenshutsuchi_jusho: str = ""
) -> dict[str, Any]:
    """A 転入通知 as the 転入地 sends it (tests and the demo; the real one is built by
    ``IdoNotices.tennyu_tsuchi`` of the 転入地's product)."""
    return {
        "jiyu": "転入",
        "ido_date": iso(tennyu_date),
        "todoke_date": iso(tennyu_date),
        "tenshutsuchi_jusho": tenshutsuchi_jusho,
        "tenshutsu_yotei_date": iso(persons[0].tenshutsu_yotei_date) if persons else "",
        "tokurei": False,
        "persons": [{"atena_bango": "", "juminhyo_code": j.juminhyo_code or ""} for j in persons],
    }
