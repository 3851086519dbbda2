"""The plan of a 死亡: the person, the dates, and the household they leave (j490)."""

from __future__ import annotations

from dataclasses import dataclass

from jputil import kigen

from .. import kernel
from .entry import CODE, ShibouEntry

#: 戸籍法第86条: 死亡届は死亡の事実を知った日から7日以内 (その日を算入: 第43条第1項)
SHIBOU_KIKAN_DAYS = 7
ACT = "死亡"


@dataclass
class ShibouPlan(kernel.LeavingPlan):
    """The 死亡日 is the 消除年月日 (a 不詳 one keeps its wording, j80)."""

    @property
    def flags(self) -> list[str]:
        out = kernel.leave_flags(self.leave, ACT)
        day, todoke = self.shojo_date, self.todoke_date
        if self.shojo_hyoki:
            out.append(f"死亡年月日は記録どおりの表記「{self.shojo_hyoki}」で記載します（j80）。")
        # the day of death stands for the day it became known (the earliest it can be); the
        # 期限 counts that day (戸籍法第43条第1項) and moves past a 休日 (地方自治法第4条の2)
        elif todoke and todoke > kigen.kikan_manryo(day, SHIBOU_KIKAN_DAYS, shonichi=True):
            out.append(
                f"死亡の日から{(todoke - day).days}日後の届出です"
                f"（戸籍法第86条：死亡の事実を知った日から{SHIBOU_KIKAN_DAYS}日以内、期限 "
                f"{kernel.kigen_text(day, SHIBOU_KIKAN_DAYS, shonichi=True)}）。"
            )
        return out


def plan(entry: ShibouEntry, *, lock: bool = False) -> ShibouPlan:
    """Check a 死亡 entry against the register; PlanRefused lists every problem."""
    return kernel.make_plan(lambda problems: _build(problems, entry, lock=lock))


def planned(entry: ShibouEntry) -> ShibouPlan:
    """The plan, made once per request (the kind's ``planned`` shares it)."""
    return kernel.planned(CODE, entry, lambda: plan(entry))


def _build(problems: kernel.Problems, e: ShibouEntry, *, lock: bool) -> ShibouPlan:
    todoke, day = e.todoke_date, e.shibou_date
    problems.require(todoke, "届出年月日を入力してください。", field="todoke_date")
    problems.require(day, "死亡年月日を入力してください。", field="shibou_date")
    if todoke and todoke > kernel.today():
        problems.add("届出年月日に未来の日付は入力できません。", field="todoke_date")
    if day and todoke and day > todoke:
        problems.add("死亡年月日が届出年月日より後です。", field="shibou_date")
    person = kernel.leaving_person(problems, e, act=ACT, lock=lock)
    if person is not None and day and day < person.seinengappi:
        problems.add("死亡年月日が生年月日より前です。", field="shibou_date")
    leave = kernel.household_after(problems, person, e, act=ACT, lock=lock) if person else None
    if problems or leave is None or todoke is None or day is None:
        problems.stop()
    return ShibouPlan(leave, day, e.shibou_date_hyoki, todoke)
