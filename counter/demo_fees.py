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
DEMO_VALID_FROM = datetime.date(2000, 4, 1)


@transaction.atomic
def ensure_demo_fees(windows: Iterable[Terminal]) -> None:
    """The demo prices and a レジ for each window terminal given (idempotent)."""
    for code, label in DEMO_TESURYO:
        TesuryoMaster.objects.get_or_create(
            code=code,
            valid_from=DEMO_VALID_FROM,
            defaults={"label": label, "amount_yen": DEMO_AMOUNT_YEN},
        )
    for terminal in windows:
        Reji.objects.update_or_create(
            terminal=terminal,
            defaults={"code": f"R-{terminal.code}", "name": f"{terminal.name}レジ"},
        )
