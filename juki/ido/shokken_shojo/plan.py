"""The plan of a 職権消除: the person, the 実態調査, the date, the household (j490)."""

from __future__ import annotations

from dataclasses import dataclass

from ...models import JittaiChousa
from .. import kernel
from .chousa import chousa_for_shojo
from .entry import CODE, ShokkenShojoEntry

ACT = "職権消除"


@dataclass
class ShojoPlan(kernel.LeavingPlan):
    riyu: str
    chousa: JittaiChousa  # unsaved when entered with the procedure

    @property
    def flags(self) -> list[str]:
        out = kernel.leave_flags(self.leave, ACT)
        if self.chousa.pk is None:
            out.append("実態調査はこの手続で記録します（承認時）。")
        return out


def plan(entry: ShokkenShojoEntry, *, lock: bool = False) -> ShojoPlan:
    """Check a 職権消除 entry against the register; PlanRefused lists every problem."""
    return kernel.make_plan(lambda problems: _build(problems, entry, lock=lock))


def planned(entry: ShokkenShojoEntry) -> ShojoPlan:
    """The plan, made once per request (the kind's ``planned`` shares it)."""
    return kernel.planned(CODE, entry, lambda: plan(entry))


def _build(problems: kernel.Problems, e: ShokkenShojoEntry, *, lock: bool) -> ShojoPlan:
    day = e.shojo_date
    problems.require(day, "職権消除の年月日を入力してください。", field="shojo_date")
    if day and day > kernel.today():
        problems.add("職権消除の年月日に未来の日付は入力できません。", field="shojo_date")
    problems.require(e.riyu.strip(), "職権消除の理由を入力してください。", field="riyu")
    person = kernel.leaving_person(problems, e, act=ACT, lock=lock)
    if person is None:
        problems.stop()
    leave = kernel.household_after(problems, person, e, act=ACT, lock=lock)
    chousa = chousa_for_shojo(problems, e, person, day)
    if problems or leave is None or chousa is None or day is None:
        problems.stop()
    return ShojoPlan(leave, day, "", None, e.riyu.strip(), chousa)
