"""The plan of a 印鑑登録証明書: the registration the presented card opens.

要領 第4: the certificate is issued to whoever presents the 印鑑登録証 (the 本人 or a
代理人), with no further proof of identity: the card is the proof. So the only checks are
the card's: an unknown number, a number ended by a 再交付, a registration 廃止 or 失効
(seal.lookups.find_open_by_torokusho names which) — and a registration whose 印影 was
never scanned, which no certificate can show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from seal import kernel
from seal.lookups import TorokushoRefused, find_open_by_torokusho, inei_of
from seal.models import InkanToroku

from .entry import ShomeiEntry

#: 要領 第4: how many copies one request may ask (a window's own limit, against typos)
MAX_TSUSU = 10
CARD_RULE = "要領 第4（印鑑登録証の提示）"


@dataclass(frozen=True)
class ShomeiPlan:
    toroku: InkanToroku
    day: datetime.date
    tsusu: int
    dairinin: bool


def plan(entry: ShomeiEntry, *, lock: bool = False) -> ShomeiPlan:
    def build(problems: kernel.Problems) -> ShomeiPlan:
        day = entry.shinsei_date
        problems.require(day is not None, "申請年月日を入力してください。", field="shinsei_date")
        problems.require(
            1 <= entry.tsusu <= MAX_TSUSU,
            f"通数は1通から{MAX_TSUSU}通までです。",
            field="tsusu",
        )
        dairinin = entry.raichousha == kernel.Raichousha.DAIRININ
        problems.require(
            not dairinin or bool(entry.dairinin_shimei.strip()),
            "代理人の氏名を入力してください。",
            field="dairinin_shimei",
        )
        toroku: InkanToroku | None = None
        try:
            toroku = find_open_by_torokusho(entry.torokusho_bango)
        except TorokushoRefused as refused:
            problems.stop(f"{CARD_RULE}: {refused.message}", field="torokusho_bango")
        assert toroku is not None
        if lock:
            toroku = InkanToroku.objects.select_for_update().get(pk=toroku.pk)
        problems.require(
            inei_of(toroku) is not None,
            f"{CARD_RULE}: 印鑑登録番号{toroku.toroku_bango}の印影が記録されていません"
            "（証明書に印影を写せません）。",
            field="torokusho_bango",
        )
        problems.raise_if_any()
        assert day is not None
        return ShomeiPlan(toroku, day, entry.tsusu, dairinin)

    return kernel.make_plan(build)
