"""seal's printed documents.

``shokai_kaitou_pdf`` is the 印鑑登録照会書兼回答書 the 照会 mails to the registered
address (要領 第2-2-(1)-イ). This is a minimal version: the seal documents lane replaces
its body (layout, the 回答 part to be signed and sealed), keeping the name and signature.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from counter import documents as counter_documents
from jputil import wareki

from .lookups import registered_name
from .models import InkanToroku

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
    }
    return counter_documents.render_pdf("seal/shokai_kaitou.html", context)


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
    return counter_documents.render_pdf("seal/haishi_tsuchi.html", context)
