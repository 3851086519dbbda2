"""死亡 (戸籍届に基づく職権消除) as a procedure kind."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import ReviewRow

from ...models import IdoJiyu, ShojoJiyu, recorded_date_text
from .. import kernel
from .entry import CODE, ShibouEntry
from .form import ShibouForm
from .plan import ShibouPlan, plan

SHIBOU_NUSHI_RYUIJI = "世帯主の死亡に伴う世帯主変更"


class ShibouKind(kernel.LeavingKind[ShibouEntry, ShibouPlan]):
    """死亡 (戸籍届に基づく職権消除); the reaction ``shibou`` ends the 印鑑登録."""

    code: ClassVar[str] = CODE
    label: ClassVar[str] = "死亡"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.SHIBOU
    template: ClassVar[str] = "juki/ido/shibou_entry.html"
    entry_class = ShibouEntry
    form_class = ShibouForm
    shojo_jiyu = ShojoJiyu.SHIBOU
    nushi_ryuiji = SHIBOU_NUSHI_RYUIJI
    person_title = "死亡した方"

    def plan(self, entry: ShibouEntry, *, lock: bool = False) -> ShibouPlan:
        return plan(entry, lock=lock)

    def entry_summary(self, entry: dict[str, Any]) -> str:
        e = self.entry_of(entry)
        day = recorded_date_text(e.shibou_date, e.shibou_date_hyoki)
        return f"死亡 宛名番号{e.atena_bango}（{day}）"

    def first_row(self, plan: ShibouPlan) -> ReviewRow:
        return ReviewRow("届出年月日", "", kernel.wareki_text(plan.todoke_date))

    def ryuiji(self, plan: ShibouPlan) -> str:
        hyoki = plan.shojo_hyoki
        return "死亡届に基づく職権消除" + (f"（死亡年月日 {hyoki}）" if hyoki else "")

    def result_of(self, plan: ShibouPlan) -> dict[str, Any]:
        return {"shibou_date_hyoki": plan.shojo_hyoki}


KIND = ShibouKind()
KINDS: tuple[ShibouKind, ...] = (KIND,)
