"""The 住所確認 kind: what the counter's machine asks of it, on the kernel's PlannedKind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from counter.procedure_kinds import ReviewBlock, ReviewRow, Subject
from counter.procedure_models import Procedure
from juki.ido import kernel
from juki.manifest import IDO
from juki.models import JittaiChousa, JittaiKekka

from .entry import JushoKakuninEntry
from .form import JushoKakuninForm
from .plan import JushoKakuninPlan, plan


class JushoKakuninKind(kernel.PlannedKind[JushoKakuninEntry, JushoKakuninPlan]):
    code: ClassVar[str] = "jusho_kakunin"
    label: ClassVar[str] = "住所確認"
    category = IDO
    entry_class = JushoKakuninEntry
    form_class = JushoKakuninForm
    #: the base page renders every field of the form: enough for one field
    template = "counter/procedure_entry_base.html"

    def plan(self, entry: JushoKakuninEntry, *, lock: bool = False) -> JushoKakuninPlan:
        return plan(entry, lock=lock)

    def subjects_of(self, entry: JushoKakuninEntry) -> Sequence[Subject]:
        return [kernel.jumin_subject(entry.atena_bango, f"宛名番号 {entry.atena_bango} の方")]

    def review_of(self, procedure: Procedure, plan: JushoKakuninPlan) -> list[ReviewBlock]:
        person = plan.person
        return [
            ReviewBlock(
                "住所の確認",
                [
                    ReviewRow("氏名", person.full_name, person.full_name),
                    ReviewRow("住所", person.address, person.address),
                    ReviewRow("確認日", "", kernel.wareki_text(plan.kakunin_date)),
                    ReviewRow("記録", "", "実態調査（居住の事実あり）"),
                ],
            )
        ]

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        result = procedure.result
        return [
            ReviewBlock(
                "承認済み",
                [
                    ReviewRow("氏名", "", result.get("name", "")),
                    ReviewRow("住所", "", result.get("address", "")),
                    ReviewRow("実態調査の記録", "", str(result.get("chousa_id", ""))),
                ],
            )
        ]

    def apply_plan(self, plan: JushoKakuninPlan, approval: kernel.Approval) -> dict[str, Any]:
        person = plan.person
        acting_user = approval.acting_user
        chousa = JittaiChousa.objects.create(
            jumin=person,
            chousa_date=plan.kakunin_date,
            chousain=acting_user.display_name or acting_user.get_username(),
            kekka=JittaiKekka.KYOJU_ARI,
            memo="窓口で住所を確認",
            recorded_by=acting_user,
        )
        return {"chousa_id": chousa.pk, "name": person.full_name, "address": person.address}
