"""職権消除 (after a 実態調査 finding 居住の事実なし) as a procedure kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter.procedure_kinds import ReviewBlock, ReviewRow

from .. import kernel
from .chousa import chousa_rows
from .entry import CODE, ShokkenShojoEntry
from .form import ShokkenShojoForm
from .plan import ShojoPlan, plan

if TYPE_CHECKING:
    from counter.models import Procedure


class ShokkenShojoKind(kernel.LeavingKind[ShokkenShojoEntry, ShojoPlan]):
    """職権消除; the reaction ``shokken_shojo`` ends the 印鑑登録."""

    code = CODE
    form_class = ShokkenShojoForm
    planner = plan
    person_title = "職権消除する方"

    def shojo_day_text(self, entry: ShokkenShojoEntry) -> str:
        return kernel.wareki_text(entry.shojo_date)

    def first_row(self, plan: ShojoPlan) -> ReviewRow:
        return ReviewRow("理由", "", plan.riyu)

    def review_of(self, procedure: Procedure, plan: ShojoPlan) -> list[ReviewBlock]:
        survey = ReviewBlock("実態調査", chousa_rows(plan.chousa))
        return [survey, *super().review_of(procedure, plan)]

    def before_leaving(self, plan: ShojoPlan, approval: kernel.Approval) -> None:
        """A survey entered with the procedure is recorded now, by who entered it."""
        if plan.chousa.pk is None:
            plan.chousa.recorded_by = approval.procedure.entered_by or approval.acting_user
            plan.chousa.save(force_insert=True)

    def ryuiji(self, plan: ShojoPlan) -> str:
        return f"{plan.riyu}（実態調査 {kernel.wareki_text(plan.chousa.chousa_date)}）"

    def result_of(self, plan: ShojoPlan) -> dict[str, Any]:
        return {"chousa_id": plan.chousa.pk}

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["職権記載等通知書"]


SHOJO_NUSHI_RYUIJI = ShokkenShojoKind.nushi_ryuiji
KIND = ShokkenShojoKind()
KINDS: tuple[ShokkenShojoKind, ...] = (KIND,)
