"""死亡 (戸籍届に基づく職権消除) as a procedure kind."""

from __future__ import annotations

from typing import Any

from counter.procedure_kinds import ReviewRow

from ...models import recorded_date_text
from .. import kernel
from .entry import CODE, ShibouEntry
from .form import ShibouForm
from .plan import ShibouPlan, plan


class ShibouKind(kernel.LeavingKind[ShibouEntry, ShibouPlan]):
    """死亡 (戸籍届に基づく職権消除); the reaction ``shibou`` ends the 印鑑登録."""

    code = CODE
    form_class = ShibouForm
    planner = plan
    person_title = "死亡した方"

    def shojo_day_text(self, entry: ShibouEntry) -> str:
        return recorded_date_text(entry.shibou_date, entry.shibou_date_hyoki)

    def first_row(self, plan: ShibouPlan) -> ReviewRow:
        return ReviewRow("届出年月日", "", kernel.wareki_text(plan.todoke_date))

    def ryuiji(self, plan: ShibouPlan) -> str:
        hyoki = plan.shojo_hyoki
        return "死亡届に基づく職権消除" + (f"（死亡年月日 {hyoki}）" if hyoki else "")

    def result_of(self, plan: ShibouPlan) -> dict[str, Any]:
        return {"shibou_date_hyoki": plan.shojo_hyoki}


SHIBOU_NUSHI_RYUIJI = ShibouKind.nushi_ryuiji
KIND = ShibouKind()
KINDS: tuple[ShibouKind, ...] = (KIND,)
