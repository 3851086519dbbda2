"""A held card's life: 一時停止, 解除, 返納, 廃止, 回収, 有効期間更新, 補記, 継続利用."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from .. import certs, messages, validity
from ..models import (
    Card,
    CardStatus,
    CertShikkouJiyu,
    HaishiJiyu,
)
from .core import (
    CardRefused,
    _edit,
    _history,
    _move,
    _send,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser
    from juki.models import Jumin

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
def do_take_over_card(
    jumin: Jumin,
    *,
    card: Card | None,
    day: datetime.date,
    keizoku_kigen: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> Card:
    """転入: the card the person brings becomes this city's to manage, due for its 継続利用
    by ``keizoku_kigen`` (番号法第17条第2項). ``card``: this city's own card of a 再転入
    (it follows the person to the new 住民票); None: a card another city issued (特例転入),
    recorded as held, its 発行番号 unknown until the CS gives it."""
    if card is None:
        card = Card.objects.create(
            jumin=jumin, status=CardStatus.KOUFUZUMI, keizoku_kigen=keizoku_kigen
        )
        _history(
            card,
            "",
            "転入（他市区町村で交付されたカード）",
            acting_user=acting_user,
            procedure=procedure,
            reason=f"継続利用の期限 {keizoku_kigen}",
        )
        return card
    _edit(
        card,
        "転入（再転入）",
        acting_user=acting_user,
        procedure=procedure,
        reason=f"継続利用の期限 {keizoku_kigen}",
        jumin=jumin,
        keizoku_kigen=keizoku_kigen,
    )
    return card


@transaction.atomic
def do_mark_hoki(
    card: Card,
    *,
    day: datetime.date,
    jiyu: str,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> Card:
    """A change of the register the 券面 shows: the card is listed for its カード補記
    (番号法第17条第4項) from ``day`` (the first such day while it waits)."""
    reasons = [r for r in card.hoki_jiyu.split("、") if r]
    if jiyu not in reasons:
        reasons.append(jiyu)
    _edit(
        card,
        "カード補記が必要",
        acting_user=acting_user,
        procedure=procedure,
        reason=jiyu,
        hoki_since=card.hoki_since or day,
        hoki_jiyu="、".join(reasons)[:200],
    )
    return card
