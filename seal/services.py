"""The writes of 印鑑登録: every move of a registration goes through here.

Each move runs the registration's FSM transition (seal.models) and writes one
InkanRireki row (who, when, from, to, why), in the caller's transaction: a kind's
``apply()`` at 承認, a reaction of the register (seal.reactions), or the daily expiry of
an unanswered 照会 (seal.tasks). Rules are cited from the 印鑑登録証明事務処理要領
(昭和49年2月1日自治振第10号, 「要領」).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from juki.services import allocate_numbers

from .models import (
    HaishiReason,
    Inei,
    IneiYouto,
    InkanRireki,
    InkanStatus,
    InkanToroku,
    ShimeiKeishiki,
    TorokuHouhou,
    Torokusho,
    TorokushoEndReason,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser
    from juki.models import Jumin

SEQ_TOROKU = "inkan_toroku_bango"
SEQ_TOROKUSHO = "inkan_torokusho_bango"


def kaitou_kigen_days() -> int:
    """The city's period for the 回答書 (要領 第2-2-(1)-イ: 「相当の期間」), a setting."""
    return int(getattr(settings, "SEAL_KAITOU_KIGEN_DAYS", 30))


@dataclass(frozen=True)
class Actor:
    """Who moves a registration and for which procedure (None: the system, a reaction)."""

    user: StaffUser | None = None
    procedure: Procedure | None = None


SYSTEM = Actor()


def _history(
    toroku: InkanToroku, before: str, act: str, actor: Actor, reason: str = ""
) -> InkanRireki:
    return InkanRireki.objects.create(
        toroku=toroku,
        at=timezone.now(),
        by=actor.user,
        from_status=before,
        to_status=toroku.status,
        act=act,
        reason=reason[:200],
        procedure=actor.procedure,
    )


def _move(
    toroku: InkanToroku,
    transition: str,
    *,
    act: str,
    actor: Actor,
    reason: str = "",
    **fields: Any,
) -> InkanToroku:
    before = toroku.status
    getattr(toroku, transition)()
    for name, value in fields.items():
        setattr(toroku, name, value)
    toroku.save(update_fields=["status", *fields])
    _history(toroku, before, act, actor, reason)
    return toroku


def _new_toroku_bango() -> str:
    return f"{allocate_numbers(SEQ_TOROKU)[0]:08d}"


def _issue_torokusho(toroku: InkanToroku) -> Torokusho:
    bango = f"{allocate_numbers(SEQ_TOROKUSHO)[0]:08d}"
    return Torokusho.objects.create(toroku=toroku, bango=bango, issued_at=timezone.now())


def _end_torokusho(toroku: InkanToroku, reason: TorokushoEndReason) -> int:
    return Torokusho.objects.filter(toroku=toroku, ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=reason
    )


@dataclass(frozen=True)
class Application:
    """What a 申請 states (the 印鑑登録申請書), beside the person and the 印影."""

    shinsei_date: datetime.date
    shimei_keishiki: str = ShimeiKeishiki.SHIMEI
    inei_moji: str = ""
    seinen_hikoukennin: bool = False
    houtei_dairinin: str = ""


def _attach(inei_id: int | None, toroku: InkanToroku) -> None:
    if inei_id is not None:
        Inei.objects.filter(pk=inei_id, toroku__isnull=True).update(toroku=toroku)


def _create(
    jumin: Jumin, app: Application, houhou: TorokuHouhou, status: InkanStatus, **fields: Any
) -> InkanToroku:
    return InkanToroku.objects.create(
        jumin=jumin,
        status=status,
        toroku_bango=_new_toroku_bango(),
        houhou=houhou,
        shinsei_date=app.shinsei_date,
        shimei_keishiki=app.shimei_keishiki,
        inei_moji=app.inei_moji,
        seinen_hikoukennin=app.seinen_hikoukennin,
        houtei_dairinin=app.houtei_dairinin,
        **fields,
    )


@transaction.atomic
def do_shoukai(jumin: Jumin, app: Application, *, inei_id: int | None, actor: Actor) -> InkanToroku:
    """照会: the application is entered, the registration waits (照会中) for the 回答書
    mailed to the registered address (要領 第2-2-(1)-イ)."""
    toroku = _create(
        jumin,
        app,
        TorokuHouhou.SHOUKAI,
        InkanStatus.SHOUKAI,
        kaitou_kigen=app.shinsei_date + datetime.timedelta(days=kaitou_kigen_days()),
    )
    _attach(inei_id, toroku)
    _history(toroku, "", "照会（申請受付）", actor, "照会書兼回答書を住所地へ送付")
    return toroku


@transaction.atomic
def do_kaitou(
    toroku: InkanToroku, *, day: datetime.date, actor: Actor, shougou_inei_id: int | None = None
) -> Torokusho:
    """回答: the 回答書 came back by its 期限: the seal is registered and a 印鑑登録証
    issued (要領 第2-2-(1)-ウ, 第3-1)."""
    _move(toroku, "kaitou", act="回答（登録）", actor=actor, toroku_date=day)
    _attach(shougou_inei_id, toroku)
    return _issue_torokusho(toroku)


@transaction.atomic
def do_sokuji(
    jumin: Jumin,
    app: Application,
    *,
    houhou: TorokuHouhou,
    inei_id: int | None,
    actor: Actor,
    honnin_kakunin: str = "",
    hoshounin: InkanToroku | None = None,
    hoshounin_inei_id: int | None = None,
) -> tuple[InkanToroku, Torokusho]:
    """即時登録: with a 官公署発行の顔写真付き書類 or a 保証書 (要領 第2-2-(2)-ア, イ)."""
    toroku = _create(
        jumin,
        app,
        houhou,
        InkanStatus.TOROKU,
        toroku_date=app.shinsei_date,
        honnin_kakunin=honnin_kakunin,
        hoshounin=hoshounin,
    )
    _attach(inei_id, toroku)
    _attach(hoshounin_inei_id, toroku)
    _history(toroku, "", f"即時登録（{houhou.label}）", actor)
    return toroku, _issue_torokusho(toroku)


@transaction.atomic
def do_haishi(
    toroku: InkanToroku,
    *,
    day: datetime.date,
    reason: HaishiReason,
    actor: Actor,
    note: str = "",
) -> InkanToroku:
    """廃止: the registration ends; the 原票 stays, closed (要領 第2-5); its 登録証
    number is invalid from now."""
    _move(
        toroku,
        "haishi",
        act=f"廃止（{reason.label}）",
        actor=actor,
        reason=note,
        haishi_date=day,
        haishi_reason=reason,
    )
    _end_torokusho(toroku, TorokushoEndReason.HAISHI)
    return toroku


@transaction.atomic
def do_saikoufu(toroku: InkanToroku, *, actor: Actor) -> Torokusho:
    """登録証再交付: a new number; the old one is invalid from this moment (要領 第3-3)."""
    _end_torokusho(toroku, TorokushoEndReason.SAIKOUFU)
    new = _issue_torokusho(toroku)
    _history(toroku, toroku.status, "登録証再交付", actor, f"新登録証番号 {new.bango}")
    return new


def end_open(jumin_id: int, day: datetime.date, reason: HaishiReason, actor: Actor = SYSTEM) -> int:
    """End the person's open registration (0 or 1): a reaction of the register."""
    ended = 0
    for toroku in InkanToroku.objects.select_for_update().filter(
        jumin_id=jumin_id, status=InkanStatus.TOROKU
    ):
        do_haishi(toroku, day=day, reason=reason, actor=actor)
        ended += 1
    return ended


def restore(toroku: InkanToroku, actor: Actor = SYSTEM) -> int:
    """廃止 → 登録 again when its cause was undone (転出取消); 0 when it was not one."""
    if toroku.status != InkanStatus.HAISHI or toroku.haishi_reason not in toroku.RESTORABLE:
        return 0
    _move(
        toroku,
        "fukkatsu",
        act="復活（転出取消）",
        actor=actor,
        haishi_date=None,
        haishi_reason="",
    )
    # the 登録証 the 転出 ended is the one the person still holds
    last = toroku.torokusho.order_by("-issued_at", "-id").first()
    if last is not None and last.end_reason == TorokushoEndReason.HAISHI:
        Torokusho.objects.filter(pk=last.pk).update(ended_at=None, end_reason="")
    return 1


def expire_overdue(today: datetime.date | None = None) -> int:
    """失効: each 照会 whose 回答期限 has passed (idempotent: a 失効 is not 照会中)."""
    day = today or timezone.localdate()
    expired = 0
    overdue = InkanToroku.objects.filter(status=InkanStatus.SHOUKAI, kaitou_kigen__lt=day)
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            toroku = InkanToroku.objects.select_for_update().get(pk=pk)
            if toroku.status != InkanStatus.SHOUKAI:
                continue
            _move(
                toroku,
                "shikkou",
                act="失効",
                actor=SYSTEM,
                reason=f"回答期限 {toroku.kaitou_kigen} までに回答なし",
                haishi_date=day,
                haishi_reason=HaishiReason.KIGEN,
            )
            expired += 1
    return expired


@dataclass(frozen=True)
class Scan:
    """A validated scan (seal.inei.read_scan) ready to be stored."""

    content_type: str
    data: bytes
    width_px: int
    height_px: int
    dpi: int | None
    width_mm: Decimal
    height_mm: Decimal


def store_inei(scan: Scan, *, youto: IneiYouto, by: StaffUser | None) -> Inei:
    """Keep an uploaded 印影 (unattached until 承認 attaches it to a registration)."""
    return Inei.objects.create(
        youto=youto,
        content_type=scan.content_type,
        image=scan.data,
        sha256=hashlib.sha256(scan.data).hexdigest(),
        width_px=scan.width_px,
        height_px=scan.height_px,
        dpi=scan.dpi,
        width_mm=scan.width_mm,
        height_mm=scan.height_mm,
        uploaded_at=timezone.now(),
        uploaded_by=by,
    )


TSUCHI_ACT = "廃止通知書の印刷"


def do_record_tsuchi(toroku: InkanToroku, *, actor: Actor) -> InkanRireki:
    """The 廃止通知書 was printed for mailing (the staff alert stops asking for it)."""
    return _history(toroku, toroku.status, TSUCHI_ACT, actor, "登録者へ郵送")


def tsuchi_pending() -> list[InkanToroku]:
    """Registrations ended by a change of name whose notice was not printed yet."""
    return list(
        InkanToroku.objects.filter(
            status=InkanStatus.HAISHI, haishi_reason=HaishiReason.SHIMEI_HENKOU
        )
        .exclude(rireki__act=TSUCHI_ACT)
        .only("pk", "toroku_bango")
        .order_by("pk")
    )
