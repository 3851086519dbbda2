"""The demo city's 手数料マスタ and レジ (DEBUG demo only; juki.demo seeds the terminals
and calls this): 300円 for each certificate code the certificate kinds use, and one
レジ per window terminal."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from .models import Terminal
from .models_fees import Reji, TesuryoMaster

#: the demo price list (code, 事務): 300円 each, as most cities charge (手数料条例)
DEMO_TESURYO: tuple[tuple[str, str], ...] = (
    ("juminhyo_utsushi", "住民票の写し"),
    ("johyo_utsushi", "除票の写し"),
    ("kisai_jiko", "記載事項証明書"),
    ("fuzaiju", "不在住証明書"),
    ("jukyo_hyoji", "住居表示変更証明書"),
    # 閲覧: per person transcribed (certificates.etsuran)
    ("etsuran", "住民基本台帳の閲覧"),
    ("inkan_shomei", "印鑑登録証明書"),
)
DEMO_AMOUNT_YEN = 300
#: the 個人番号カード 再交付 (mynumber.card_saikoufu, ADR 0037): the card and the 電子証明書
DEMO_TESURYO_PRICED: tuple[tuple[str, str, int], ...] = (
    ("mynumber_card_saikoufu", "個人番号カード再交付手数料", 800),
    ("mynumber_denshi_shomeisho", "電子証明書発行手数料", 200),
)
DEMO_VALID_FROM = datetime.date(2000, 4, 1)


@transaction.atomic
def ensure_demo_fees(windows: Iterable[Terminal]) -> None:
    """The demo prices and a レジ for each window terminal given (idempotent)."""
    priced = [(code, label, DEMO_AMOUNT_YEN) for code, label in DEMO_TESURYO]
    for code, label, amount in (*priced, *DEMO_TESURYO_PRICED):
        TesuryoMaster.objects.get_or_create(
            code=code,
            valid_from=DEMO_VALID_FROM,
            defaults={"label": label, "amount_yen": amount},
        )
    for terminal in windows:
        Reji.objects.update_or_create(
            terminal=terminal,
            defaults={"code": f"R-{terminal.code}", "name": f"{terminal.name}レジ"},
        )
