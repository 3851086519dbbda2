"""The plan of a 再交付: the person's registration 登録 with its card in use."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from juki.models import Jumin
from seal import kernel
from seal.lookups import torokusho_in_use
from seal.models import InkanStatus, InkanToroku, Torokusho

from .entry import SaikoufuEntry

RIYU = (("boushitsu", "亡失"), ("kison", "き損・汚損"), ("sonota", "その他"))


@dataclass(frozen=True)
class SaikoufuPlan:
    person: Jumin
    toroku: InkanToroku
    day: datetime.date
    old: Torokusho | None


def plan(entry: SaikoufuEntry, *, lock: bool = False) -> SaikoufuPlan:
    def build(problems: kernel.Problems) -> SaikoufuPlan:
        day = entry.shinsei_date
        problems.require(day is not None, "申請年月日を入力してください。", field="shinsei_date")
        problems.require(entry.riyu in dict(RIYU), "再交付の理由を選んでください。", field="riyu")
        person = kernel.rules.find_person(problems, entry.atena_bango, lock=lock)
        if person is None:
            problems.stop()
        rows = InkanToroku.objects.filter(
            jumin__atena_bango=entry.atena_bango, status=InkanStatus.TOROKU
        )
        if lock:
            rows = rows.select_for_update()
        toroku = rows.order_by("-id").first()
        if toroku is None:
            problems.stop(
                "要領 第3: 印鑑登録証は印鑑の登録を受けている方にのみ交付します"
                "（この方の登録はありません）。",
                field="atena_bango",
            )
        problems.raise_if_any()
        assert day is not None
        return SaikoufuPlan(person, toroku, day, torokusho_in_use(toroku))

    return kernel.make_plan(build)
