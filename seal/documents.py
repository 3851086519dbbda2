"""seal's printed documents (the 印鑑登録証明書 itself is seal.shomeisho's).

- ``shokai_kaitou_pdf``: the 印鑑登録照会書兼回答書 the 照会 mails to the registered
  address (要領 第2-2): the 照会 above, the 回答書 below to be signed, sealed with the
  seal applied for and brought back by the 回答期限;
- ``torokusho_pdf``: the 印鑑登録証's face (要領 第3): the city, the 登録証番号 and the
  holder's name; never the 印影 (a lost card must not carry the seal's image);
- ``idou_kekka_pdf``: the 印鑑異動結果確認票 (seed 004: 「印鑑異動結果確認票等の出力」),
  what an act did to the 原票, for the 職員 to check against the 申請書;
- ``haishi_tsuchi_pdf``: the notice of a registration the register ended by itself.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from counter import documents as counter_documents
from jputil import wareki

from .lookups import registered_name
from .models import InkanToroku, Torokusho

SHOKAI_KAITOU_NAME = "印鑑登録照会書兼回答書"


def _wareki(day: datetime.date | None) -> str:
    return wareki.to_wareki(day) if day else ""


def shokai_kaitou_pdf(registration: InkanToroku) -> bytes:
    """The 照会書兼回答書 of a registration 照会中, for mailing to the registered address."""
    person = registration.jumin
    kigen = registration.kaitou_kigen
    context = {
        "form_name": SHOKAI_KAITOU_NAME,
        "municipality": getattr(settings, "MUNICIPALITY_NAME", ""),
        "name": registered_name(registration).display,
        "address": person.address,
        "toroku_bango": registration.toroku_bango,
        "shinsei_date": _wareki(registration.shinsei_date),
        "kaitou_kigen": _wareki(kigen),
        "inei_moji": registration.inei_moji,
        "mayor": f"{settings.PREFECTURE_NAME}{settings.MAYOR_TITLE}　{settings.JUKI_MAYOR_NAME}",
    }
    return counter_documents.render_pdf("documents/seal/shokai_kaitou.html", context)


TOROKUSHO_NAME = "印鑑登録証"


def torokusho_pdf(card: Torokusho) -> bytes:
    """The face of the 印鑑登録証 (card size, 85.6 × 54 mm): no 印影 on it."""
    registration = card.toroku
    context = {
        "form_name": TOROKUSHO_NAME,
        "municipality": getattr(settings, "MUNICIPALITY_NAME", ""),
        "bango": card.bango,
        "name": registered_name(registration).display,
        "issued_on": _wareki(timezone.localdate(card.issued_at)),
    }
    return counter_documents.render_pdf("documents/seal/torokusho.html", context)


IDOU_KEKKA_NAME = "印鑑異動結果確認票"


def idou_kekka_pdf(registration: InkanToroku) -> bytes:
    """The 原票 as it stands and its moves (the last one first), for the 職員's check."""
    person = registration.jumin
    cards = list(registration.torokusho.order_by("-id"))
    context = {
        "form_name": IDOU_KEKKA_NAME,
        "municipality": getattr(settings, "MUNICIPALITY_NAME", ""),
        "rows": [
            ("印鑑登録番号", registration.toroku_bango),
            ("状態", registration.get_status_display()),
            ("氏名", registered_name(registration).display),
            ("生年月日", person.seinengappi_text),
            ("住所", person.address),
            ("登録の方法", registration.get_houhou_display()),
            ("印影の文字", registration.inei_moji),
            ("登録年月日", _wareki(registration.toroku_date)),
            ("廃止年月日", _wareki(registration.haishi_date)),
            ("廃止事由", registration.get_haishi_reason_display()),
        ],
        "cards": [
            (
                c.bango,
                c.get_end_reason_display() or "使用中",
                _wareki(timezone.localdate(c.issued_at)),
            )
            for c in cards
        ],
        "moves": [
            (
                _wareki(timezone.localdate(m.at)),
                m.act,
                m.get_from_status_display(),
                m.get_to_status_display(),
                m.reason,
            )
            for m in registration.rireki.order_by("-at", "-id")
        ],
        "printed_on": _wareki(timezone.localdate()),
    }
    return counter_documents.render_pdf("documents/seal/idou_kekka.html", context)


HAISHI_TSUCHI_NAME = "印鑑登録廃止通知書"


def haishi_tsuchi_pdf(registration: InkanToroku) -> bytes:
    """The notice to the holder of a registration the register ended by itself (氏名等の
    変更: 要領 第2-5), mailed to the registered address."""
    person = registration.jumin
    context = {
        "form_name": HAISHI_TSUCHI_NAME,
        "municipality": getattr(settings, "MUNICIPALITY_NAME", ""),
        "name": person.full_name,
        "address": person.address,
        "toroku_bango": registration.toroku_bango,
        "haishi_date": _wareki(registration.haishi_date),
        "reason": registration.get_haishi_reason_display(),
        "inei_moji": registration.inei_moji,
    }
    return counter_documents.render_pdf("documents/seal/haishi_tsuchi.html", context)
