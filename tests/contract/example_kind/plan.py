"""The plan of a 住所確認: the entry read against the register, every problem collected."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from juki.ido import kernel
from juki.models import Jumin

from .entry import JushoKakuninEntry


@dataclass(frozen=True)
class JushoKakuninPlan:
    person: Jumin
    kakunin_date: datetime.date
    flags: tuple[str, ...] = ()


def plan(entry: JushoKakuninEntry, *, lock: bool = False) -> JushoKakuninPlan:
    """What 承認 would record; PlanRefused lists every problem found."""

    def build(problems: kernel.Problems) -> JushoKakuninPlan:
        day = entry.kakunin_date
        problems.require(day is not None, "確認日を入力してください。", field="kakunin_date")
        problems.require(
            day is None or day <= timezone.localdate(),
            "確認日に未来の日付は入力できません。",
            field="kakunin_date",
        )
        people = Jumin.objects.select_related("chouaza").filter(atena_bango=entry.atena_bango)
        if lock:
            people = people.select_for_update()
        person = people.first()
        problems.require(
            person is not None and kernel.is_live(person),
            f"宛名番号{entry.atena_bango}の住民は見つかりません（住所確認は住民が対象です）。",
            field="atena_bango",
        )
        problems.raise_if_any()
        assert person is not None and day is not None  # both were required above
        return JushoKakuninPlan(person, day)

    return kernel.make_plan(build)
