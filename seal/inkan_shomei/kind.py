"""The 印鑑登録証明書の交付 kind (要領 第4): nothing changes at 承認; at 交付 the copies are
printed (each with its 発行番号, QR code and 発行記録) and kept with the procedure; the fee
is one line per copy, charged through the レジ (counter.fees)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django.utils import timezone

from counter.procedure_kinds import (
    FeeLine,
    HandoverDocument,
    Requester,
    RequesterCategory,
    ReviewBlock,
    ReviewRow,
    Subject,
)
from counter.procedure_models import Procedure, ProcedureState
from counter.shomei.issue import IssueContext
from juki.ido import kernel as ido
from seal import kernel
from seal.lookups import inei_of, registered_name
from seal.models import InkanShomeiKoufu
from seal.shomeisho import KIND, NAME, render_inkan_shomeisho

from .entry import ShomeiEntry
from .form import ShomeiForm
from .plan import ShomeiPlan, plan

if TYPE_CHECKING:
    from counter.models import StaffUser, Terminal

#: the 手数料 master's code (counter/demo_fees.py: 300円) and the 日計表's 事務
FEE_CODE = KIND
HANDED_OVER = frozenset({ProcedureState.KOUFU, ProcedureState.KANRYOU})


class InkanShomeiKind(kernel.SealKind[ShomeiEntry, ShomeiPlan]):
    code: ClassVar[str] = "inkan_shomei"
    label: ClassVar[str] = "印鑑登録証明書の交付"
    order = 10
    #: a certificate changes nothing: it holds no person back from another procedure
    reserves = False
    form_class = ShomeiForm
    planner = plan

    def subjects_of(self, entry: ShomeiEntry) -> Sequence[Subject]:
        """The registrant, for the guards (支援措置); none while the card is unknown."""
        try:
            found = self.planned(entry)
        except kernel.PlanRefused:
            return []
        atena = found.toroku.jumin.atena_bango
        return [ido.jumin_subject(atena, f"宛名番号 {atena} の方")]

    def summary_of(self, entry: ShomeiEntry) -> str:
        return f"{NAME} {entry.tsusu}通（登録証 {entry.torokusho_bango}）"

    def fee_lines(self, procedure: Procedure) -> list[FeeLine]:
        if not procedure.entry:
            return []
        entry = self.entry_of(procedure.entry)
        return [FeeLine(code=FEE_CODE, label=NAME, quantity=entry.tsusu)]

    def requester(self, procedure: Procedure) -> Requester | None:
        if not procedure.entry:
            return None
        entry = self.entry_of(procedure.entry)
        if entry.raichousha == kernel.Raichousha.DAIRININ:
            return Requester(RequesterCategory.DAIRININ, entry.dairinin_shimei)
        try:
            person = self.planned(entry).toroku.jumin
        except kernel.PlanRefused:
            return None
        return Requester(RequesterCategory.HONNIN, person.full_name, person.address)

    def rows(self, found: ShomeiPlan, entry: ShomeiEntry) -> list[tuple[str, str]]:
        person = found.toroku.jumin
        inei = inei_of(found.toroku)
        size = f"{inei.width_mm}×{inei.height_mm}mm" if inei else ""
        raichousha = dict(kernel.Raichousha.CHOICES)[entry.raichousha]
        return [
            ("登録証番号", entry.torokusho_bango),
            ("来庁者", raichousha + (f"（{entry.dairinin_shimei}）" if found.dairinin else "")),
            ("印鑑登録番号", found.toroku.toroku_bango),
            ("氏名", registered_name(found.toroku).display),
            ("生年月日", person.seinengappi_text),
            ("住所", person.address),
            ("印影の大きさ", size),
            ("通数", f"{found.tsusu}通"),
        ]

    def review_of(self, procedure: Procedure, plan: ShomeiPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        return [
            ReviewBlock(
                NAME, [ReviewRow(label, "", value) for label, value in self.rows(plan, entry)]
            )
        ]

    def apply_plan(self, plan: ShomeiPlan, approval: Any) -> dict[str, Any]:
        """承認 changes nothing (a certificate); the rows approved are kept."""
        entry = self.entry_of(approval.procedure.entry)
        return kernel.result(self.rows(plan, entry), toroku_id=plan.toroku.pk)

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        """The draft certificate (「見本」): what 照合 compares with the 申請書."""
        found = self.planned(entry)
        return render_inkan_shomeisho(found.toroku, context=IssueContext(day=found.day)).pdf

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if procedure.state in HANDED_OVER:
            return issued_documents(procedure)
        if not procedure.entry:
            return []
        entry = procedure.entry
        return [
            HandoverDocument(
                "mihon", f"{NAME}（見本）", lambda: self.confirmation_pdf(procedure, entry)
            )
        ]

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["提示された印鑑登録証（返却）"]

    def issue(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> None:
        """交付: the card is checked again (a 再交付 or 廃止 since 承認 refuses it), then
        each copy is printed with its 発行番号 and kept."""
        entry = self.entry_of(procedure.entry)
        found = self.planned(entry, lock=True)
        context = IssueContext(
            day=timezone.localdate(),
            terminal=terminal.code if terminal else "",
            printer=(terminal.printer_name or None) if terminal else None,
            draft=False,
            issued_by=acting_user,
        )
        for _ in range(found.tsusu):
            printed = render_inkan_shomeisho(found.toroku, context=context)
            assert printed.kiroku is not None
            InkanShomeiKoufu.objects.create(
                procedure=procedure,
                toroku=found.toroku,
                torokusho_bango=entry.torokusho_bango,
                kiroku=printed.kiroku,
                pdf=printed.pdf,
            )


def issued_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The copies handed over, each its own document (a PDF read only when printed)."""
    copies = (
        InkanShomeiKoufu.objects.filter(procedure=procedure)
        .select_related("kiroku")
        .defer("pdf")
        .order_by("id")
    )
    return [
        HandoverDocument(f"copy-{n}", f"{NAME}（{c.kiroku.hakko_bango}）", _pdf_of(c.pk))
        for n, c in enumerate(copies, 1)
    ]


def _pdf_of(pk: int) -> Callable[[], bytes]:
    def read() -> bytes:
        return bytes(InkanShomeiKoufu.objects.values_list("pdf", flat=True).get(pk=pk))

    return read
