"""The only way a 支援措置 changes (事務処理要領 第6の10; j440, j410).

Setting a measure and ending it are two-person acts: a 職員 enters (仮支援措置, which
protects at once; or the end), a second, different 職員 confirms. The 一時解除 is asked
by the 支援措置責任者 for one procedure with a reason and is valid once a second 職員
confirms it, until it expires by itself. Each act is one transaction with its history
row and its 操作ログ row; a refused act (the same 職員 twice, a missing permission) is
written to the 操作ログ after the rollback.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed, has_transition_perm

from counter import audit
from counter.models import AuditAction, AuditLog, StaffUser
from counter.procedure_models import Procedure, ProcedureState
from counter.registry import categories

from ..manifest import IDO
from ..models import Jumin
from .models import (
    ShienAlertKakunin,
    ShienKaijo,
    ShienSochi,
    ShienSochiRireki,
    ShienTaishousha,
    ShuuryouJiyu,
    SochiState,
)
from .periods import ending_soon, one_year_from

LIFT_PERMISSION = "juki.lift_shien_sochi"
CITY_STAFF_PERMISSION = "counter.approve_procedure"


class ShienRefused(Exception):
    """A rule blocks the act; the message names it. ``logged`` refusals go to the 操作ログ."""

    def __init__(
        self, message: str, *, field: str | None = None, logged_as: ShienSochi | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.logged_as = logged_as
        self.user: StaffUser | None = None


P = ParamSpec("P")
R = TypeVar("R")


def _audited(func: Callable[P, R]) -> Callable[P, R]:
    """Write a logged refusal once the act's transaction has rolled back."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ShienRefused as refused:
            if refused.logged_as is not None:
                user = kwargs.get("acting_user")
                audit.record(
                    AuditAction.REFUSED,
                    user=user if isinstance(user, StaffUser) else None,
                    target=_target(refused.logged_as),
                    detail={"act": func.__name__, "rule": "shien_sochi", "reason": refused.message},
                )
            raise

    return wrapper


def _target(sochi: ShienSochi) -> audit.AuditTarget:
    return audit.AuditTarget("shien_sochi", str(sochi.pk), f"支援措置 第{sochi.pk}号")


def default_taishou_jimu() -> list[str]:
    """Every registered 窓口区分 but 住民異動 (ADR 0026: a 異動届 of the protected person
    must still be taken; the measure limits what is issued or shown to others)."""
    return [c.code for c in categories() if c.code != IDO]


def _city_staff(user: StaffUser, sochi: ShienSochi | None = None) -> None:
    if not user.has_perm(CITY_STAFF_PERMISSION):
        raise ShienRefused(
            "支援措置の設定・延長・終了は市の職員だけが行えます（事務処理要領第6の10）。",
            logged_as=sochi,
        )


def _history(sochi: ShienSochi, before: str, act: str, user: StaffUser, reason: str) -> None:
    ShienSochiRireki.objects.create(
        sochi=sochi,
        from_state=before,
        to_state=sochi.state,
        act=act,
        by=user,
        at=timezone.now(),
        reason=reason,
    )
    audit.record(
        AuditAction.CHANGE,
        user=user,
        target=_target(sochi),
        detail={"act": act, "from": before, "to": sochi.state, "reason": reason},
    )


def _move(
    sochi: ShienSochi,
    transition: str,
    act: str,
    *,
    acting_user: StaffUser,
    reason: str = "",
    update_fields: Sequence[str] = (),
) -> ShienSochi:
    before = sochi.state
    method = getattr(sochi, transition)
    if not has_transition_perm(method, acting_user):
        _city_staff(acting_user, sochi)
    try:
        method()
    except TransitionNotAllowed as exc:
        raise ShienRefused(
            f"状態が「{SochiState(before).label}」のため、{act}はできません。"
        ) from exc
    try:
        sochi.save(update_fields=["state", *update_fields])
    except ConcurrentTransition as exc:
        raise ShienRefused("他の職員が先に処理しました。画面を開き直してください。") from exc
    _history(sochi, before, act, acting_user, reason)
    return sochi


def _locked(sochi: ShienSochi) -> ShienSochi:
    return ShienSochi.objects.select_for_update().get(pk=sochi.pk)


def _person_name(atena_bango: str, field: str) -> str:
    found = Jumin.objects.of_atena(atena_bango).only("shi", "mei").first()
    if found is None:
        raise ShienRefused(f"宛名番号{atena_bango}の住民（除票を含む）はいません。", field=field)
    return found.full_name


@_audited
@transaction.atomic
def do_kari_touroku(
    *,
    acting_user: StaffUser,
    moushidesha: str,
    awasete: Sequence[str] = (),
    moushide_date: datetime.date,
    iken_kikan: str,
    iken_kikan_name: str = "",
    iken_date: datetime.date | None = None,
    kagaisha_shimei: str = "",
    kagaisha_kana: str = "",
    kagaisha_seinengappi: datetime.date | None = None,
    kagaisha_jusho: str = "",
    taishou_jimu: Sequence[str] | None = None,
    memo: str = "",
) -> ShienSochi:
    """仮支援措置: protects the persons from this moment, until confirmed or ended."""
    _city_staff(acting_user)
    names = {moushidesha: _person_name(moushidesha, "moushidesha")}
    for number in awasete:
        if number and number not in names:
            names[number] = _person_name(number, "awasete")
    known = {c.code for c in categories()}
    jimu = list(taishou_jimu) if taishou_jimu is not None else default_taishou_jimu()
    unknown = [code for code in jimu if code not in known]
    if unknown or not jimu:
        raise ShienRefused(
            "対象事務を登録済みの窓口区分から1つ以上選んでください。", field="taishou_jimu"
        )
    sochi = ShienSochi.objects.create(
        moushide_date=moushide_date,
        taishou_jimu=jimu,
        kagaisha_shimei=kagaisha_shimei.strip(),
        kagaisha_kana=kagaisha_kana.strip(),
        kagaisha_seinengappi=kagaisha_seinengappi,
        kagaisha_jusho=kagaisha_jusho.strip(),
        iken_kikan=iken_kikan,
        iken_kikan_name=iken_kikan_name.strip(),
        iken_date=iken_date,
        memo=memo.strip(),
        entered_by=acting_user,
        entered_at=timezone.now(),
    )
    ShienTaishousha.objects.bulk_create(
        ShienTaishousha(
            sochi=sochi, atena_bango=number, shimei=name, is_moushidesha=number == moushidesha
        )
        for number, name in names.items()
    )
    _history(sochi, "", "仮支援措置の入力", acting_user, "")
    return sochi


@_audited
@transaction.atomic
def do_kakutei(
    sochi: ShienSochi,
    *,
    acting_user: StaffUser,
    kaishi_date: datetime.date,
    shuuryou_date: datetime.date | None = None,
) -> ShienSochi:
    """確認: a second 職員 (not the one who entered it) sets the measure; 1 year by default."""
    sochi = _locked(sochi)
    _city_staff(acting_user, sochi)
    if sochi.state == SochiState.KARI and acting_user.pk == sochi.entered_by_id:
        raise ShienRefused(
            "支援措置の設定は二人で行います: 仮支援措置を入力した職員は確認できません"
            "（別の職員が確認します）。",
            logged_as=sochi,
        )
    end = shuuryou_date or one_year_from(kaishi_date)
    if end < kaishi_date or end > one_year_from(kaishi_date):
        raise ShienRefused(
            "終了日は開始日から1年以内の日にしてください（事務処理要領第6の10: 期間は1年）。",
            field="shuuryou_date",
        )
    sochi.kaishi_date, sochi.shuuryou_date, sochi.confirmed_by = kaishi_date, end, acting_user
    return _move(
        sochi,
        "kakutei",
        "支援措置の確認",
        acting_user=acting_user,
        update_fields=["kaishi_date", "shuuryou_date", "confirmed_by"],
    )


@_audited
@transaction.atomic
def do_enchou(sochi: ShienSochi, *, acting_user: StaffUser, reason: str = "") -> ShienSochi:
    """延長: from one month before the end (or after it), one year from the next day."""
    sochi = _locked(sochi)
    _city_staff(acting_user, sochi)
    today = timezone.localdate()
    end = sochi.shuuryou_date
    if sochi.state == SochiState.KAKUTEI and (
        end is None or not (ending_soon(end, today) or today > end)
    ):
        raise ShienRefused("延長は終了日の1か月前から申し出ることができます（j440）。")
    if end is not None:
        sochi.shuuryou_date = one_year_from(end + datetime.timedelta(days=1))
    sochi.enchou_count += 1
    return _move(
        sochi,
        "enchou",
        "延長",
        acting_user=acting_user,
        reason=reason.strip(),
        update_fields=["shuuryou_date", "enchou_count"],
    )


@_audited
@transaction.atomic
def do_shuuryou_shinsei(
    sochi: ShienSochi, *, acting_user: StaffUser, jiyu: str, reason: str = ""
) -> ShienSochi:
    """終了の入力: 申出, 期間満了 or 市区町村長の判断; protects until a second 職員 confirms."""
    if jiyu not in ShuuryouJiyu.values:
        raise ShienRefused("終了事由を選んでください。", field="jiyu")
    sochi = _locked(sochi)
    sochi.shuuryou_jiyu, sochi.shuuryou_requested_by = jiyu, acting_user
    return _move(
        sochi,
        "shuuryou_shinsei",
        "終了の入力",
        acting_user=acting_user,
        reason=f"{ShuuryouJiyu(jiyu).label} {reason.strip()}".strip(),
        update_fields=["shuuryou_jiyu", "shuuryou_requested_by"],
    )


@_audited
@transaction.atomic
def do_shuuryou(sochi: ShienSochi, *, acting_user: StaffUser) -> ShienSochi:
    """終了の確認 by a second 職員: from now the measure protects no more."""
    sochi = _locked(sochi)
    _city_staff(acting_user, sochi)
    if (
        sochi.state == SochiState.SHUURYOU_SHINSEI
        and acting_user.pk == sochi.shuuryou_requested_by_id
    ):
        raise ShienRefused(
            "支援措置の終了は二人で行います: 終了を入力した職員は確認できません"
            "（別の職員が確認します）。",
            logged_as=sochi,
        )
    return _move(sochi, "shuuryou", "終了の確認", acting_user=acting_user)


@_audited
@transaction.atomic
def do_shuuryou_torikeshi(sochi: ShienSochi, *, acting_user: StaffUser, reason: str) -> ShienSochi:
    """終了の取消: the end is not confirmed; the measure goes on as it was."""
    if not reason.strip():
        raise ShienRefused("取消の理由を入力してください。", field="reason")
    sochi = _locked(sochi)
    sochi.shuuryou_jiyu, sochi.shuuryou_requested_by = "", None
    return _move(
        sochi,
        "shuuryou_torikeshi",
        "終了の取消",
        acting_user=acting_user,
        reason=reason.strip(),
        update_fields=["shuuryou_jiyu", "shuuryou_requested_by"],
    )


# --------------------------------------------------------------------------- 一時解除

#: the acts a lift can serve: before 交付 (a procedure done or withdrawn needs none)
OPEN_STATES = frozenset(
    {
        ProcedureState.UKETSUKE,
        ProcedureState.KARI_TOUROKU,
        ProcedureState.SHOUGOU,
        ProcedureState.SASHIMODOSHI,
        ProcedureState.SHOUNIN,
    }
)


def lift_expiry(now: datetime.datetime) -> datetime.datetime:
    """When a lift confirmed at ``now`` ends: ``JUKI_SHIEN_KAIJO_HOURS`` hours later when
    configured, else the end of the day in Japan (j410: it reverts by itself)."""
    hours = getattr(settings, "JUKI_SHIEN_KAIJO_HOURS", None)
    if hours:
        return now + datetime.timedelta(hours=int(hours))
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


@_audited
@transaction.atomic
def do_kaijo_shinsei(
    sochi: ShienSochi, procedure: Procedure, *, acting_user: StaffUser, reason: str
) -> ShienKaijo:
    """一時解除の申請 by the 支援措置責任者, for this one procedure, with a reason."""
    if not acting_user.has_perm(LIFT_PERMISSION):
        raise ShienRefused(
            "一時解除を申請できるのは支援措置責任者だけです（事務処理要領第6の10）。",
            logged_as=sochi,
        )
    if not reason.strip():
        raise ShienRefused("一時解除の理由を入力してください。", field="reason")
    sochi = _locked(sochi)
    if not sochi.is_active:
        raise ShienRefused("終了した支援措置は一時解除できません（解除の必要がありません）。")
    if procedure.state not in OPEN_STATES:
        raise ShienRefused(
            "交付済み・完了・取下げの手続には一時解除できません。", field="procedure"
        )
    kaijo = ShienKaijo.objects.create(
        sochi=sochi,
        procedure=procedure,
        reason=reason.strip(),
        requested_by=acting_user,
        requested_at=timezone.now(),
    )
    _history(sochi, sochi.state, f"一時解除の申請（手続{procedure.pk}）", acting_user, kaijo.reason)
    return kaijo


@_audited
@transaction.atomic
def do_kaijo_kakunin(kaijo: ShienKaijo, *, acting_user: StaffUser) -> ShienKaijo:
    """一時解除の確認 by a second 職員: valid from now until it expires by itself."""
    kaijo = ShienKaijo.objects.select_for_update().select_related("sochi").get(pk=kaijo.pk)
    _city_staff(acting_user, kaijo.sochi)
    if acting_user.pk == kaijo.requested_by_id:
        raise ShienRefused(
            "一時解除は二人で行います: 申請した支援措置責任者は確認できません"
            "（別の職員が確認します）。",
            logged_as=kaijo.sochi,
        )
    if kaijo.confirmed_at is not None:
        raise ShienRefused("この一時解除は確認済みです。")
    now = timezone.now()
    kaijo.confirmed_by, kaijo.confirmed_at, kaijo.expires_at = acting_user, now, lift_expiry(now)
    kaijo.save(update_fields=["confirmed_by", "confirmed_at", "expires_at"])
    sochi = kaijo.sochi
    _history(sochi, sochi.state, f"一時解除の確認（手続{kaijo.procedure_id}）", acting_user, "")
    return kaijo


# --------------------------------------------------------------------------- alerts


@transaction.atomic
def do_alert_kakunin(audit_log: AuditLog, *, acting_user: StaffUser) -> ShienAlertKakunin:
    """A 職員 acknowledges an attempt on a protected person (it leaves the alerts)."""
    _city_staff(acting_user)
    found, _created = ShienAlertKakunin.objects.get_or_create(
        audit_log=audit_log, defaults={"by": acting_user, "at": timezone.now()}
    )
    return found
