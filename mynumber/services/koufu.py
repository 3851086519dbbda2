"""交付申請 to 交付: the card's way to its holder (docs/adr/0035)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from .. import certs, messages, validity
from ..models import (
    Card,
    CardRireki,
    CardStatus,
    HaishiJiyu,
    ShinseiHouhou,
    ShinseiJiyu,
)
from .core import (
    _edit,
    _history,
    _move,
    _send,
    held_card,
    stay_limit_of,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser
    from juki.models import Jumin
from .life import do_collect, do_revoke

# --------------------------------------------------------------------------- 申請から交付


@transaction.atomic
def do_register_application(
    jumin: Jumin,
    *,
    shinsei_date: datetime.date,
    shinsei_jiyu: str = ShinseiJiyu.SHINKI,
    shinsei_houhou: str = ShinseiHouhou.YUUSOU,
    tokkyu: bool = False,
    kyuu_card: Card | None = None,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> Card:
    """交付申請 (番号法第16条の2): the card J-LIS will make, 申請中 until it arrives.

    ``kyuu_card``: the card a 再交付 or 更新 replaces (ended at the new card's 交付);
    by default the card the person holds, if any, when the 事由 is not 新規."""
    if kyuu_card is None and shinsei_jiyu != ShinseiJiyu.SHINKI:
        kyuu_card = held_card(jumin.pk)
    card = Card.objects.create(
        jumin=jumin,
        status=CardStatus.SHINSEI,
        shinsei_date=shinsei_date,
        shinsei_jiyu=shinsei_jiyu,
        shinsei_houhou=shinsei_houhou,
        tokkyu=tokkyu,
        kyuu_card=kyuu_card,
    )
    reason = f"{ShinseiJiyu(shinsei_jiyu).label}・{ShinseiHouhou(shinsei_houhou).label}"
    _history(
        card,
        "",
        "交付申請" + ("（特急発行）" if tokkyu else ""),
        acting_user=acting_user,
        procedure=procedure,
        reason=reason,
    )
    return card


@transaction.atomic
def do_receive_cards(
    card: Card,
    *,
    hakkou_bango: str,
    hakkou_date: datetime.date,
    settei_date: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> Card:
    """交付前設定: the card came from J-LIS, was checked against the register and set up
    at the CS terminal; its 有効期限 is fixed by its 発行日 (カード省令第26条)."""
    jumin = card.jumin
    until = validity.card_valid_until(
        jumin.seinengappi,
        hakkou_date,
        shinsei_date=card.shinsei_date,
        stay_until=stay_limit_of(jumin),
    )
    _move(
        card,
        "uketori",
        act="交付前設定",
        acting_user=acting_user,
        procedure=procedure,
        reason=f"発行番号 {hakkou_bango}",
        hakkou_bango=hakkou_bango,
        hakkou_date=hakkou_date,
        yuukou_kigen=until,
        settei_date=settei_date,
    )
    return card


@transaction.atomic
def do_send_tsuchisho(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> CardRireki:
    """交付通知書 (はがき) mailed, or mailed again after a 返戻."""
    again = card.tsuchisho_sent_date is not None
    return _edit(
        card,
        "交付通知書の再送" if again else "交付通知書の発送",
        acting_user=acting_user,
        procedure=procedure,
        tsuchisho_sent_date=day,
        tsuchisho_returned_date=None,
    )


@transaction.atomic
def do_return_tsuchisho(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    reason: str = "",
    procedure: Procedure | None = None,
) -> CardRireki:
    """The 交付通知書 came back undelivered (返戻): listed until sent again."""
    return _edit(
        card,
        "交付通知書の返戻",
        acting_user=acting_user,
        procedure=procedure,
        reason=reason,
        tsuchisho_returned_date=day,
    )


@transaction.atomic
def do_issue_card(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
    shomei: bool = True,
    riyousha: bool = True,
    kyuu_kaishu: bool = True,
) -> Card:
    """交付 (番号法第17条第1項, 施行令第13条): the card is handed over with its 電子証明書
    (no 署名用 under 15: validity.shomei_allowed). The card it replaces, or any other the
    person holds, ends (廃止, 再交付) and is collected when brought (``kyuu_kaishu``)."""
    old = card.kyuu_card or held_card(card.jumin_id)
    if old is not None and old.pk != card.pk:
        old = Card.objects.select_for_update().get(pk=old.pk)
        if old.is_open:
            do_revoke(
                old,
                day=day,
                jiyu=HaishiJiyu.SAIKOUFU,
                acting_user=acting_user,
                procedure=procedure,
                note=f"新しいカードの交付（{card.pk}）",
            )
        if kyuu_kaishu and old.status == CardStatus.HAISHI:
            do_collect(old, day=day, acting_user=acting_user, procedure=procedure)
    rireki = _move(
        card,
        "koufu",
        act="交付",
        acting_user=acting_user,
        procedure=procedure,
        koufu_date=day,
    )
    issued = certs.issue(card, day=day, shomei=shomei, riyousha=riyousha)
    _send(
        card,
        rireki,
        messages.KOUFU,
        day,
        yuukou_kigen=card.yuukou_kigen.isoformat() if card.yuukou_kigen else day.isoformat(),
        kyuu_hakkou_bango=old.hakkou_bango if old is not None else "",
        certificates=[
            {"shubetsu": c.shubetsu, "yuukou_kigen": c.yuukou_kigen.isoformat()} for c in issued
        ],
    )
    return card


@transaction.atomic
def do_cancel_application(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
    reason: str = "",
) -> Card:
    """交付申請取消: withdrawn before 交付 (申請中 or 交付前)."""
    rireki = _move(
        card,
        "torikeshi",
        act="交付申請取消",
        acting_user=acting_user,
        procedure=procedure,
        reason=reason,
        end_date=day,
    )
    if card.hakkou_bango:
        # the card J-LIS made is ended there too
        _send(card, rireki, messages.HAISHI, day, jiyu="torikeshi", jiyu_label="交付申請取消")
    return card
