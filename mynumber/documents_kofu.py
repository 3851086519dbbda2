"""The printed documents of the card procedures at the window (ADR 0036):

- ``koufu_tsuchisho_pdf``: the 個人番号カード交付通知書（兼照会書）the 交付前設定 mails: what
  to bring, the mark for a holder of an old card (seed ③: 「住基カード、個人番号カード所有者
  のハガキにマーキング」) and the 照会書 a 代理人 brings back answered by the holder;
- ``juryousho_pdf``: the 受領書 the holder (or the 代理人) signs at the 交付.

Neither carries the 個人番号 nor any PIN: the 交付通知書's PIN is written on the
暗証番号設定依頼書 by the holder, never printed or kept here.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from counter import documents as counter_documents
from jputil import wareki

from .models import Card

TSUCHISHO_NAME = "個人番号カード交付通知書（兼照会書）"
JURYOUSHO_NAME = "個人番号カード受領書"


def _wareki(day: datetime.date | None) -> str:
    return wareki.to_wareki(day) if day else ""


def _city() -> dict[str, str]:
    return {
        "municipality": getattr(settings, "MUNICIPALITY_NAME", ""),
        "mayor": f"{settings.PREFECTURE_NAME}{settings.MAYOR_TITLE}　{settings.JUKI_MAYOR_NAME}",
    }


def koufu_tsuchisho_pdf(card: Card, *, holds_card: bool) -> bytes:
    """The 交付通知書 of a card set up (交付前), for mailing to the holder's address."""
    person = card.jumin
    context = {
        **_city(),
        "form_name": TSUCHISHO_NAME,
        "name": person.full_name,
        "address": person.address,
        "hakkou_bango": card.hakkou_bango,
        "settei_date": _wareki(card.settei_date),
        "yuukou_kigen": _wareki(card.yuukou_kigen),
        "holds_card": holds_card,
    }
    return counter_documents.render_pdf("documents/mynumber/koufu_tsuchisho.html", context)


def juryousho_pdf(card: Card, *, raichousha: str, certificates: list[str]) -> bytes:
    """The 受領書 of a card handed over (交付済), signed at the window."""
    context = {
        **_city(),
        "form_name": JURYOUSHO_NAME,
        "name": card.jumin.full_name,
        "hakkou_bango": card.hakkou_bango,
        "koufu_date": _wareki(card.koufu_date),
        "yuukou_kigen": _wareki(card.yuukou_kigen),
        "raichousha": raichousha,
        "certificates": certificates,
    }
    return counter_documents.render_pdf("documents/mynumber/juryousho.html", context)
