"""The plan of a 廃止: the person's registration that counts (登録, or 照会中 withdrawn)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from juki.models import Jumin
from seal import kernel
from seal.models import HaishiReason, InkanStatus, InkanToroku

from .entry import HaishiEntry

JIYU = (HaishiReason.BOUSHITSU, HaishiReason.SHINSEI)


@dataclass(frozen=True)
class HaishiPlan:
    person: Jumin
    toroku: InkanToroku
    day: datetime.date
    reason: HaishiReason


def plan(entry: HaishiEntry, *, lock: bool = False) -> HaishiPlan:
    def build(problems: kernel.Problems) -> HaishiPlan:
        day = entry.shinsei_date
        problems.require(day is not None, "申請年月日を入力してください。", field="shinsei_date")
        problems.require(entry.jiyu in JIYU, "廃止の事由を選んでください。", field="jiyu")
        person = kernel.rules.find_person(problems, entry.atena_bango, lock=lock)
        if person is None:
            problems.stop()
        rows = InkanToroku.objects.filter(
            jumin__atena_bango=entry.atena_bango,
            status__in=[InkanStatus.SHOUKAI, InkanStatus.TOROKU],
        )
        if lock:
            rows = rows.select_for_update()
        toroku = rows.order_by("-id").first()
        if toroku is None:
            problems.stop(
                "要領 第2-5: この方の印鑑登録はありません（廃止されたものは廃止できません）。",
                field="atena_bango",
            )
        problems.raise_if_any()
        assert day is not None
        return HaishiPlan(person, toroku, day, HaishiReason(entry.jiyu))

    return kernel.make_plan(build)
