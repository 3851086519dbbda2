"""The 印鑑登録証明書 (印鑑登録証明事務処理要領 第4, 「要領」).

What it states (要領 第4): the 印影 of the registered seal, the 氏名 (with the 旧氏 or the
通称 when the seal was registered in it: seal.lookups.registered_name), the 生年月日, the
住所 and the 性別 — the 性別 unless the city's 印鑑条例 leaves it out
(``settings.SEAL_SHOMEI_SEIBETSU``) — under the 認証文 「この写しは、登録された印影と相違
ないことを証明します。」. The 生年月日 is printed as the 住民票 records it: 和暦, and 西暦
for a 外国人住民 (標準仕様書 j90; juki.models.Jumin.seinengappi_text), so the two
certificates of one person never disagree.

The 印影 is placed at its true physical size: the registration records its width and
height in mm (seal.models.Inei, read from the scan's dpi), and the template sizes the
image box with CSS mm, which WeasyPrint writes into the PDF's placement matrix as is.

The sheet's common parts (発行番号, 認証文 block with the 職名 and the 電子公印, the QR code
and the per-copy 発行記録) are counter.shomei's, shared with the certificates app.
"""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings

from counter.shomei.issue import IssueContext, Printed, print_copy

from .lookups import inei_of, registered_name
from .models import Inei, InkanToroku

#: the 手数料 master's code, and the kind of the 発行記録 (SealConfig.shomei_kinds)
KIND = "inkan_shomei"
NAME = "印鑑登録証明書"
TEMPLATE = "documents/seal/inkan_shomeisho.html"
#: 要領 第4: the 認証文 of the 印鑑登録証明書
NINSHOUBUN = "この写しは、登録された印影と相違ないことを証明します。"


class NoInei(LookupError):
    """The registration keeps no scanned 印影: no certificate can show it."""


def inei_uri(inei: Inei) -> str:
    data = base64.b64encode(bytes(inei.image)).decode("ascii")
    return f"data:{inei.content_type};base64,{data}"


def sheet_data(toroku: InkanToroku) -> dict[str, Any]:
    """What the certificate states of ``toroku`` (the template's values)."""
    inei = inei_of(toroku)
    if inei is None:
        raise NoInei(
            f"印鑑登録番号{toroku.toroku_bango}の印影が記録されていません"
            "（印影を取り込み直すまで証明できません）。"
        )
    person = toroku.jumin
    name = registered_name(toroku)
    return {
        "inei_uri": inei_uri(inei),
        "inei_width_mm": f"{inei.width_mm:.1f}",
        "inei_height_mm": f"{inei.height_mm:.1f}",
        "toroku_bango": toroku.toroku_bango,
        "shimei": name.display,
        "kana": name.kana,
        "seinengappi": person.seinengappi_text,
        "seibetsu": person.get_seibetsu_display() if settings.SEAL_SHOMEI_SEIBETSU else "",
        "address": person.address,
    }


def render_inkan_shomeisho(toroku: InkanToroku, *, context: IssueContext) -> Printed:
    """One copy of the 印鑑登録証明書 of ``toroku`` (a draft: 見本, nothing recorded; a
    final copy: its 発行番号, QR code and 発行記録)."""
    return print_copy(
        KIND, NAME, TEMPLATE, sheet_data(toroku), ninshoubun=NINSHOUBUN, context=context
    )
