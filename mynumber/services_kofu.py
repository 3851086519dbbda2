"""The writes the window's card procedures add to mynumber.services (ADR 0036): a card
put aside at the 交付前設定, and a 署名用電子証明書 issued again at a カード補記.

Each runs in one transaction, writes the card's history row like every act of
mynumber.services, and takes ``acting_user`` and ``procedure`` by keyword.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from . import certs, validity
from .models import HORYUU_ACT, Card, CardRireki, CertShubetsu
from .services import CardRefused
from .services.core import _edit

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser


@transaction.atomic
def do_set_aside(
    card: Card,
    *,
    hakkou_bango: str,
    reason: str,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> CardRireki:
    """交付前設定で保留: the card J-LIS sent does not match the register (氏名, 住所,
    生年月日, 性別 or the photo); it stays 申請中, kept aside with the reason, and no
    交付通知書 goes out."""
    return _edit(
        card,
        HORYUU_ACT,
        acting_user=acting_user,
        procedure=procedure,
        reason=f"発行番号 {hakkou_bango}: {reason}",
    )


@transaction.atomic
def do_reissue_shomei(
    card: Card,
    *,
    day: datetime.date,
    acting_user: StaffUser | None,
    procedure: Procedure | None = None,
) -> CardRireki:
    """A new 署名用電子証明書 on a held card whose one lapsed (a 転居 or a change of 氏名
    ends it: 公的個人認証法第15条); never under 15 (公的個人認証法第3条第1項)."""
    if not validity.shomei_allowed(card.jumin.seinengappi, day):
        raise CardRefused("公的個人認証法第3条第1項: 15歳未満には署名用電子証明書を発行しません。")
    if certs.live(card, CertShubetsu.SHOMEI):
        raise CardRefused("署名用電子証明書は有効です（再発行は不要です）。")
    (cert,) = certs.issue(card, day=day, shomei=True, riyousha=False)
    return _edit(
        card,
        "署名用電子証明書の発行",
        acting_user=acting_user,
        procedure=procedure,
        reason=f"有効期限 {cert.yuukou_kigen.isoformat()}",
    )
