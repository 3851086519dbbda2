"""The writes of 個人番号カード: every move of a card goes through here (docs/adr/0035).

Each ``do_*`` runs the card's FSM transition (mynumber.models), writes one CardRireki
row (who, when, from, to, why) and queues its message to the card management system
(mynumber.messages), in one transaction: a kind's ``apply()``/``issue()`` at 承認/交付
(mynumber's kinds, issue 13), a reaction of the register (mynumber.reactions) or the
daily sweep (mynumber.tasks). Every function takes ``acting_user`` (None: the system)
and ``procedure`` (the procedure the act belongs to, if any) by keyword.

The 電子証明書 live in mynumber.certs; the 継続利用 and カード補記 lists in
mynumber.reactions.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from counter import outbox

from . import certs, messages, validity
from .models import (
    Card,
    CardRireki,
    CardStatus,
    CertShikkouJiyu,
    HaishiJiyu,
    PinSetteiKiroku,
    PinShurui,
    PinSousa,
    Raichousha,
    ShinseiHouhou,
    ShinseiJiyu,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser
    from juki.models import Jumin

#: 番号法施行令第13条・事務処理要領: a 任意代理人 acts only with the 照会書兼回答書
DAIRININ_RULE = "番号法施行令第13条第3項・事務処理要領（任意代理人は照会書兼回答書が必要）"


class CardRefused(ValueError):
    """An act the card's rules refuse (a message naming the rule)."""


def _history(
    card: Card,
    before: str,
    act: str,
    *,
    acting_user: StaffUser | None,
    procedure: Procedure | None,
    reason: str = "",
) -> CardRireki:
    return CardRireki.objects.create(
        card=card,
        at=timezone.now(),
        by=acting_user,
        from_status=before,
        to_status=card.status,
        act=act,
        reason=reason[:200],
        procedure=procedure,
    )


def _move(
    card: Card,
    transition: str,
    *,
    act: str,
    acting_user: StaffUser | None,
    procedure: Procedure | None,
    reason: str = "",
    **fields: Any,
) -> CardRireki:
    before = card.status
    getattr(card, transition)()
    for name, value in fields.items():
        setattr(card, name, value)
    card.save(update_fields=["status", *fields])
    return _history(card, before, act, acting_user=acting_user, procedure=procedure, reason=reason)


def _send(
    card: Card, rireki: CardRireki, message_type: str, day: datetime.date, **extra: Any
) -> None:
    outbox.enqueue(
        destination=messages.CARD_KANRI,
        message_type=message_type,
        payload=messages.payload(card, day, **extra),
        idempotency_key=f"mynumber-card-{card.pk}-{rireki.pk}-{message_type}",
        source_type="mynumber.card",
        source_id=card.pk,
    )


def _edit(
    card: Card,
    act: str,
    *,
    acting_user: StaffUser | None,
    procedure: Procedure | None,
    reason: str = "",
    **fields: Any,
) -> CardRireki:
    """An act that changes the card's data, not its state."""
    for name, value in fields.items():
        setattr(card, name, value)
    if fields:
        card.save(update_fields=list(fields))
    return _history(
        card, card.status, act, acting_user=acting_user, procedure=procedure, reason=reason
    )


def stay_limit_of(jumin: Jumin) -> datetime.date | None:
    """The end of stay that limits the person's card (validity.stay_limit)."""
    return validity.stay_limit(
        is_foreign=jumin.is_foreign,
        zairyu_shikaku=jumin.zairyu_shikaku,
        kubun_30_45=jumin.kubun_30_45,
        zairyu_manryo_date=jumin.zairyu_manryo_date,
        gaikokujin_date=jumin.gaikokujin_date,
    )


def held_card(jumin_id: int) -> Card | None:
    """The card the person holds (交付済 or 一時停止), locked for the caller's change."""
    return (
        Card.objects.select_for_update()
        .filter(jumin_id=jumin_id, status__in=[CardStatus.KOUFUZUMI, CardStatus.ICHIJI_TEISHI])
        .first()
    )


def pending_card(jumin_id: int) -> Card | None:
    """The person's card not yet handed over (申請中 or 交付前), locked."""
    return (
        Card.objects.select_for_update()
        .filter(jumin_id=jumin_id, status__in=[CardStatus.SHINSEI, CardStatus.KOUFUMAE])
        .first()
    )


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


# --------------------------------------------------------------------------- 交付後の異動


@transaction.atomic
def do_suspend(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
    reason: str = "",
) -> Card:
    """紛失の届出 (番号法第17条第5項): 一時停止. The 署名用電子証明書 is revoked (失効申請),
    the 利用者証明用 held (一時保留) until the card is found."""
    rireki = _move(
        card,
        "teishi",
        act="一時停止（紛失）",
        acting_user=acting_user,
        procedure=procedure,
        reason=reason,
        teishi_date=day,
    )
    certs.suspend(card, day=day)
    _send(card, rireki, messages.TEISHI, day, jiyu=reason[:200])
    return card


@transaction.atomic
def do_resume(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
    reissue_shomei: bool = True,
) -> Card:
    """発見: 一時停止解除. The 利用者証明用 is valid again; a new 署名用 is issued when
    asked and allowed (the one revoked at the 紛失 stays 失効)."""
    rireki = _move(
        card,
        "kaijo",
        act="一時停止解除（発見）",
        acting_user=acting_user,
        procedure=procedure,
        teishi_date=None,
    )
    certs.resume(card, day=day, reissue_shomei=reissue_shomei)
    _send(card, rireki, messages.KAIJO, day)
    return card


@transaction.atomic
def do_return(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
    reason: str = "",
) -> Card:
    """返納 (番号法施行令第15条: at any time; a 国外転出 no longer forces it since
    2024-05-27): the card ends and the city holds it (J-LIS: 廃止 and 回収)."""
    rireki = _move(
        card,
        "hennou",
        act="返納",
        acting_user=acting_user,
        procedure=procedure,
        reason=reason,
        end_date=day,
        kaishu_date=day,
    )
    certs.end_all(card, day=day, jiyu=CertShikkouJiyu.CARD_END)
    _send(card, rireki, messages.HAISHI, day, jiyu="hennou", jiyu_label="返納")
    _send(card, rireki, messages.KAISHU, day)
    return card


@transaction.atomic
def do_revoke(
    card: Card,
    *,
    day: datetime.date,
    jiyu: str,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
    note: str = "",
) -> Card:
    """廃止 (番号法施行令第14条の失効事由, or the city's own): the card ends; its 電子証明書
    with it."""
    label = HaishiJiyu(jiyu).label
    rireki = _move(
        card,
        "haishi",
        act=f"廃止（{label}）",
        acting_user=acting_user,
        procedure=procedure,
        reason=note,
        end_date=day,
        haishi_jiyu=jiyu,
        keizoku_kigen=None,
    )
    certs.end_all(card, day=day, jiyu=CertShikkouJiyu.CARD_END)
    if card.hakkou_bango:
        _send(card, rireki, messages.HAISHI, day, jiyu=str(jiyu), jiyu_label=label)
    return card


@transaction.atomic
def do_collect(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
    jiyu: str = HaishiJiyu.SONOTA,
) -> Card:
    """回収: the city takes an ended card back. A card still held is ended first
    (廃止 with ``jiyu``), so the history shows both moves."""
    if card.status != CardStatus.HAISHI:
        do_revoke(card, day=day, jiyu=jiyu, acting_user=acting_user, procedure=procedure)
    rireki = _move(
        card, "kaishu", act="回収", acting_user=acting_user, procedure=procedure, kaishu_date=day
    )
    _send(card, rireki, messages.KAISHU, day)
    return card


@transaction.atomic
def do_renew_validity(
    card: Card,
    *,
    day: datetime.date,
    new_stay_until: datetime.date | None,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> Card:
    """有効期間更新 (カード省令第26条第2項・第27条): a foreign resident's new 在留期間 moves
    the 有効期限, never past the birthday the 発行日 allows (validity.renewed_valid_until);
    the 電子証明書 keep theirs (they are renewed by their own 更新)."""
    if card.hakkou_date is None:
        raise CardRefused("発行日のないカードは有効期間を更新できません。")
    until = validity.renewed_valid_until(
        card.jumin.seinengappi,
        card.hakkou_date,
        shinsei_date=card.shinsei_date,
        new_stay_until=new_stay_until,
    )
    rireki = _edit(
        card,
        "有効期間更新",
        acting_user=acting_user,
        procedure=procedure,
        reason=f"{card.yuukou_kigen} → {until}",
        yuukou_kigen=until,
    )
    _send(card, rireki, messages.KOUSHIN, day, yuukou_kigen=until.isoformat())
    return card


@transaction.atomic
def do_hoki(
    card: Card,
    *,
    day: datetime.date,
    naiyou: str,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> Card:
    """カード補記 (番号法第17条第4項): the change of the 券面's items written on its 追記欄;
    the card leaves the カード補記 list."""
    rireki = _edit(
        card,
        "カード補記",
        acting_user=acting_user,
        procedure=procedure,
        reason=naiyou,
        hoki_since=None,
        hoki_jiyu="",
    )
    _send(card, rireki, messages.HOKI, day, naiyou=naiyou[:200])
    return card


@transaction.atomic
def do_continue_use(
    card: Card,
    *,
    day: datetime.date,
    naiyou: str,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> Card:
    """継続利用 (番号法第17条第2項・第3項): the card shown after a 転入 within its period;
    the new address is written on it (補記) and it leaves the 継続利用 list."""
    rireki = _edit(
        card,
        "継続利用",
        acting_user=acting_user,
        procedure=procedure,
        reason=naiyou,
        keizoku_kigen=None,
        keizoku_date=day,
        hoki_since=None,
        hoki_jiyu="",
    )
    _send(card, rireki, messages.HOKI, day, naiyou=naiyou[:200])
    return card


@transaction.atomic
def do_record_pin_setting(
    card: Card,
    *,
    shurui: str,
    sousa: str,
    raichousha: str = Raichousha.HONNIN,
    shoukaisho: bool = False,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> PinSetteiKiroku:
    """That a PIN was set, changed or reset at the CS terminal (カード省令第33条): which,
    how, by whom, with whom. A 任意代理人 only with the 照会書兼回答書 (DAIRININ_RULE).
    Nothing of the PIN itself is taken."""
    if raichousha == Raichousha.DAIRININ and not shoukaisho:
        raise CardRefused(f"{DAIRININ_RULE}: 照会書兼回答書を確認してください。")
    kiroku = PinSetteiKiroku.objects.create(
        card=card,
        shurui=shurui,
        sousa=sousa,
        at=timezone.now(),
        by=acting_user,
        raichousha=raichousha,
        shoukaisho=shoukaisho,
        procedure=procedure,
    )
    _history(
        card,
        card.status,
        f"暗証番号{PinSousa(sousa).label}",
        acting_user=acting_user,
        procedure=procedure,
        reason=f"{PinShurui(shurui).label}・{Raichousha(raichousha).label}",
    )
    return kiroku
