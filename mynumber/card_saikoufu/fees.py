"""The 再交付's 事由 and its fee: what the holder pays, and when the city waives it.

The fee is the city's (地方自治法第227条; its 手数料条例), by the 手数料 master's codes
``mynumber_card_saikoufu`` (the card, 800円 in the demo master as J-LIS's cost) and
``mynumber_denshi_shomeisho`` (the 電子証明書, 200円), charged at the レジ when the
procedure is handed over. A 事由 not of the holder's doing is free (免除, still counted in
the 日計表): 盗難 (a 被害届), 災害 (a り災証明書), the 追記欄 full, an error or defect of the
city or J-LIS — as the cities' 条例 and J-LIS's own waiver read (ADR 0037)."""

from __future__ import annotations

from dataclasses import dataclass

from counter.procedure_kinds import FeeBasis
from mynumber.models import ShinseiJiyu

CARD_FEE = "mynumber_card_saikoufu"
CARD_FEE_LABEL = "個人番号カード再交付手数料"
CERT_FEE = "mynumber_denshi_shomeisho"
CERT_FEE_LABEL = "電子証明書発行手数料"


@dataclass(frozen=True)
class Riyu:
    label: str
    jiyu: ShinseiJiyu
    #: the card is gone: proof of the loss, and it is ended (廃止) rather than collected
    lost: bool
    free: bool


RIYU: dict[str, Riyu] = {
    "funshitsu": Riyu("紛失", ShinseiJiyu.SAIKOUFU_FUNSHITSU, lost=True, free=False),
    "tounan": Riyu("盗難（被害届）", ShinseiJiyu.SAIKOUFU_FUNSHITSU, lost=True, free=True),
    "saigai": Riyu(
        "災害・火災による焼失等（り災証明）", ShinseiJiyu.SAIKOUFU_FUNSHITSU, lost=True, free=True
    ),
    "hason": Riyu("汚損・破損・ICチップの故障", ShinseiJiyu.SAIKOUFU_HASON, lost=False, free=False),
    "tsuikiran": Riyu("追記欄の余白がない", ShinseiJiyu.SAIKOUFU_TSUIKIRAN, lost=False, free=True),
    "shichouson": Riyu(
        "市町村・機構の誤り又はカードの不具合（本人の責めによらない）",
        ShinseiJiyu.SAIKOUFU_HASON,
        lost=False,
        free=True,
    ),
    "sonota": Riyu("その他（本人の希望）", ShinseiJiyu.SAIKOUFU_SONOTA, lost=False, free=False),
}


def basis(riyu: str) -> FeeBasis:
    found = RIYU.get(riyu)
    return FeeBasis.MENJO if found is not None and found.free else FeeBasis.TSUUJOU
