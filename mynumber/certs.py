"""The 電子証明書 of a card (公的個人認証法): issued at 交付, held at 一時停止, ended with
the card or on a change of the register (docs/adr/0035). Called from mynumber.services
and mynumber.reactions only, inside their transactions."""

from __future__ import annotations

import datetime

from . import validity
from .models import Card, CertShikkouJiyu, CertShubetsu, CertStatus, DenshiShomeisho


def _new(card: Card, shubetsu: str, day: datetime.date) -> DenshiShomeisho:
    until = validity.cert_valid_until(card.jumin.seinengappi, day, card.yuukou_kigen)
    return DenshiShomeisho.objects.create(
        card=card, shubetsu=shubetsu, hakkou_date=day, yuukou_kigen=until
    )


def live(card: Card, shubetsu: str | None = None) -> list[DenshiShomeisho]:
    """The card's certificates not 失効 (有効 or 一時保留)."""
    rows = DenshiShomeisho.objects.filter(card=card).exclude(status=CertStatus.SHIKKOU)
    if shubetsu is not None:
        rows = rows.filter(shubetsu=shubetsu)
    return list(rows.order_by("shubetsu", "id"))


def _end(rows: list[DenshiShomeisho], day: datetime.date, jiyu: str) -> int:
    for cert in rows:
        cert.status = CertStatus.SHIKKOU
        cert.shikkou_date = day
        cert.shikkou_jiyu = jiyu
        cert.save(update_fields=["status", "shikkou_date", "shikkou_jiyu"])
    return len(rows)


def issue(
    card: Card, *, day: datetime.date, shomei: bool = True, riyousha: bool = True
) -> list[DenshiShomeisho]:
    """Issue the asked certificates on ``day``: a 署名用 only from 15 (公的個人認証法
    第3条第1項・施行規則; validity.shomei_allowed); one that is live already is ended
    first (再発行)."""
    wanted = []
    if riyousha:
        wanted.append(CertShubetsu.RIYOUSHA)
    if shomei and validity.shomei_allowed(card.jumin.seinengappi, day):
        wanted.append(CertShubetsu.SHOMEI)
    issued = []
    for shubetsu in wanted:
        _end(live(card, shubetsu), day, CertShikkouJiyu.SAIHAKKOU)
        issued.append(_new(card, shubetsu, day))
    return issued


def suspend(card: Card, *, day: datetime.date) -> None:
    """紛失: the 署名用 is revoked (失効申請), the 利用者証明用 held (一時保留)."""
    _end(live(card, CertShubetsu.SHOMEI), day, CertShikkouJiyu.FUNSHITSU)
    for cert in live(card, CertShubetsu.RIYOUSHA):
        cert.status = CertStatus.HORYUU
        cert.save(update_fields=["status"])


def resume(card: Card, *, day: datetime.date, reissue_shomei: bool) -> list[DenshiShomeisho]:
    """発見: the held 利用者証明用 is valid again; a new 署名用 when asked and allowed."""
    for cert in live(card, CertShubetsu.RIYOUSHA):
        if cert.status == CertStatus.HORYUU:
            cert.status = CertStatus.YUUKOU
            cert.save(update_fields=["status"])
    if not reissue_shomei:
        return []
    return issue(card, day=day, shomei=True, riyousha=False)


def end_all(card: Card, *, day: datetime.date, jiyu: str) -> int:
    """End every live certificate of the card (the card ended)."""
    return _end(live(card), day, jiyu)


def end_shomei(card: Card, *, day: datetime.date, jiyu: str = CertShikkouJiyu.KIHON_JOHO) -> int:
    """End the card's 署名用 (a change of 氏名 or 住所: 公的個人認証法第15条)."""
    return _end(live(card, CertShubetsu.SHOMEI), day, jiyu)


def expire_due(today: datetime.date) -> int:
    """失効 by the passing of each certificate's 有効期限 (the daily sweep)."""
    rows = list(
        DenshiShomeisho.objects.filter(yuukou_kigen__lt=today).exclude(status=CertStatus.SHIKKOU)
    )
    return _end(rows, today, CertShikkouJiyu.KIGEN_MANRYO)
