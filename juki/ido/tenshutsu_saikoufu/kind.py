"""転出証明書再交付 on the procedure machine: no register change; the certificate of the
first issue, marked 「再交付」."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from counter.procedure_kinds import HandoverDocument, ReviewBlock, ReviewRow, Subject

from .. import kernel
from .entry import SaikoufuEntry
from .form import CODE, SaikoufuForm
from .plan import SaikoufuPlan, plan

if TYPE_CHECKING:
    from counter.models import Procedure


def _review(cert: dict[str, Any]) -> list[ReviewBlock]:
    saki = cert["tenshutsusaki"]
    return [
        ReviewBlock(
            f"{kernel.shomeisho_name(cert)}の再交付",
            [
                ReviewRow("対象者", "", "、".join(p["name"] for p in cert["persons"])),
                ReviewRow("転出先", saki, saki),
                ReviewRow("転出予定年月日", cert["yotei_date"], cert["yotei_date"]),
                ReviewRow("住民票の変更", "なし", "なし"),
            ],
        )
    ]


class TenshutsuSaikoufuKind(kernel.PlannedKind[SaikoufuEntry, SaikoufuPlan]):
    """転出証明書再交付: the register does not change; the certificate of the first issue."""

    code: ClassVar[str] = CODE
    label: ClassVar[str] = "転出証明書再交付"
    reserves: ClassVar[bool] = False

    form_class = SaikoufuForm
    planner = plan
    template = "juki/ido/saikoufu_entry.html"

    def subjects_of(self, entry: SaikoufuEntry) -> Sequence[Subject]:
        return [kernel.jumin_subject(a) for a in entry.atena_bangos]

    def flags_of(self, plan: SaikoufuPlan) -> list[str]:
        return []

    def review_of(self, procedure: Procedure, plan: SaikoufuPlan) -> list[ReviewBlock]:
        return _review(plan.certificate)

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        return _review(procedure.result["certificate"])

    def apply_plan(self, plan: SaikoufuPlan, approval: kernel.Approval) -> dict[str, Any]:
        return {
            "kind": self.code,
            "persons": [j.atena_bango for j in plan.persons],
            "original_procedure": plan.original.pk if plan.original is not None else None,
            "certificate": plan.certificate,
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return [f"{kernel.SHOMEISHO}（再交付）"]

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not kernel.is_approved(procedure):
            return []
        cert = procedure.result["certificate"]
        return [
            kernel.shomeisho_document(
                procedure, cert, code="tenshutsu_shomeisho_saikoufu", reissue=True
            )
        ]

    def summary_of(self, entry: SaikoufuEntry) -> str:
        count = len(entry.atena_bangos)
        return f"転出証明書再交付 {count}人" if count else ""


KINDS = (TenshutsuSaikoufuKind(),)
