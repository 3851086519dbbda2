"""The certificate kinds' base on the machine (seed 004: 住民票の写しの交付 and its kin).

The rhythm of a request (ADR 0027):

- 仮登録 keeps the request and its draft certificate is the kind's confirmation
  document (「見本」, lane P's renderer with ``IssueContext(draft=True)``: no 発行番号);
- 照合 ticks the check screen's rows (the request, the persons, the certificate) against
  the 交付請求書;
- 承認 is the city's 審査 of the same rows; ``apply`` changes nothing in the register
  and keeps the rows it approved (the review after 承認);
- 交付 (``issue``, inside do_issue's transaction) re-reads the register, prints the final
  copies (each with its 発行番号 and 発行記録) and writes the 交付履歴.

A kind brings its entry, plan and form, and says what it prints (``render_set``), who
and what it names (``taisho``, ``kisai_labels``), and its fee code.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from django.utils import timezone

from counter.procedure_kinds import (
    FeeBasis,
    FeeLine,
    HandoverDocument,
    Requester,
    RequesterCategory,
    ReviewBlock,
    ReviewRow,
    Subject,
)
from counter.procedure_models import Procedure, ProcedureState
from juki.ido import kernel as ido

from ..printing import IssueContext, Rendered
from ..services import Koufu, Taisho, record_koufu
from .request import RequestEntry, basis_text, fee_basis, requester_of

if TYPE_CHECKING:
    from counter.models import StaffUser, Terminal

#: 窓口区分「証明」 (CertificatesConfig.counter_categories)
SHOMEI = "shomei"

E = TypeVar("E", bound=RequestEntry)


@dataclass(frozen=True)
class CertificatePlan:
    """What every certificate plan holds; a kind's plan extends it."""

    entry: RequestEntry
    category: RequesterCategory
    flags: tuple[str, ...] = ()


P = TypeVar("P", bound=CertificatePlan)

#: the states after 交付: the copies printed then are the documents
HANDED_OVER = frozenset({ProcedureState.KOUFU, ProcedureState.KANRYOU})


class CertificateKind(ido.PlannedKind[E, P]):
    """A certificate request on the machine (see the module's doc)."""

    category = SHOMEI
    #: a certificate changes nothing: it holds no person back from another procedure
    #: (its persons are still its subjects, for the guards)
    reserves = False
    #: a request template of certificates/ (extends the base entry page)
    template: ClassVar[str]

    # --- what a kind writes ----------------------------------------------------------

    @abstractmethod
    def fee_code(self, entry: E) -> str:
        """The 手数料 master's code of what is printed (juminhyo_utsushi …)."""

    def fee_label(self, entry: E) -> str:
        return str(self.label)

    def sets_per_copy(self, entry: E) -> int:
        """How many certificates one 通 of the request is (a 個人票 per person)."""
        return 1

    @abstractmethod
    def render_set(self, plan: P, context: IssueContext) -> list[Rendered]:
        """The certificates of one 通 (lane P's renderer; one Rendered per copy)."""

    @abstractmethod
    def taisho(self, plan: P) -> list[Taisho]:
        """Whom the certificate is about (the 交付履歴's 対象者)."""

    def kisai_labels(self, plan: P) -> list[str]:
        """What it prints beyond its fixed content (the 交付履歴's 記載事項)."""
        return []

    @abstractmethod
    def certificate_rows(self, plan: P) -> list[tuple[str, str]]:
        """The 審査's rows of what is certified (label, value)."""

    # --- the machine's side ----------------------------------------------------------

    def subjects_of(self, entry: E) -> Sequence[Subject]:
        return ()

    def requester(self, procedure: Procedure) -> Requester | None:
        if not procedure.entry:
            return None
        return requester_of(self.entry_of(procedure.entry))

    def fee_lines(self, procedure: Procedure) -> list[FeeLine]:
        """One line per kind: quantity = 通数 × the certificates of one 通 (fee per 通)."""
        if not procedure.entry:
            return []
        entry = self.entry_of(procedure.entry)
        quantity = entry.tsusu * self.sets_per_copy(entry)
        return [FeeLine(self.fee_code(entry), self.fee_label(entry), quantity, fee_basis(entry))]

    def summary_of(self, entry: E) -> str:
        return f"{self.fee_label(entry)} {entry.tsusu}通"

    def review_of(self, procedure: Procedure, plan: P) -> list[ReviewBlock]:
        return [
            _block(title, rows) for title, rows in self.review_rows(plan, procedure.entry or {})
        ]

    def review_rows(
        self, plan: P, entry_json: dict[str, Any]
    ) -> list[tuple[str, list[tuple[str, str]]]]:
        entry = plan.entry
        requester = requester_of(entry)
        basis = fee_basis(entry)
        request = [
            ("請求者の区分", plan.category.label),
            ("請求者", requester.name if requester else ""),
            ("住所", requester.address if requester else ""),
            ("請求事由", basis_text(entry)),
        ]
        what = [
            *self.certificate_rows(plan),
            ("通数", f"{entry.tsusu}通"),
            ("手数料", basis.label + (f"（{entry.menjo_riyu}）" if entry.menjo else "")),
        ]
        return [("請求者と請求事由", request), (f"{self.label}", what)]

    def apply_plan(self, plan: P, approval: ido.Approval) -> dict[str, Any]:
        """審査 approves the request: the register does not change; the rows approved are
        kept for the review after 承認."""
        rows = self.review_rows(plan, approval.procedure.entry or {})
        return {"review": [[title, [list(r) for r in items]] for title, items in rows]}

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        kept = (procedure.result or {}).get("review", [])
        return [_block(str(title), [(str(a), str(b)) for a, b in rows]) for title, rows in kept]

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        """The draft certificate (「見本」): what 照合 compares with the 請求書."""
        plan = self.planned(entry)
        return self.render_set(plan, _context(plan, draft=True))[0].pdf

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if procedure.state in HANDED_OVER:
            return _issued_documents(procedure)
        if not procedure.entry:
            return []
        entry = procedure.entry
        name = f"{self.label}（見本）"
        return [HandoverDocument("mihon", name, lambda: self.confirmation_pdf(procedure, entry))]

    def issue(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> None:
        """交付: the register as it is now, the final copies, the 交付履歴."""
        plan = self.planned(procedure.entry)
        entry = cast(E, plan.entry)
        context = _context(plan, draft=False, user=acting_user, terminal=terminal)
        copies = [c for _ in range(plan.entry.tsusu) for c in self.render_set(plan, context)]
        requester = requester_of(plan.entry)
        koufu = Koufu(
            shubetsu=self.fee_code(entry),
            shubetsu_label=self.fee_label(entry),
            taishosha=self.taisho(plan),
            kisai_jiko=self.kisai_labels(plan),
            tsusu=plan.entry.tsusu,
            seikyusha_kubun=plan.category,
            seikyusha_shimei=requester.name if requester else "",
            seikyu_jiyu=basis_text(plan.entry),
            fee_basis=fee_basis(plan.entry),
        )
        record_koufu(procedure, koufu, copies, acting_user=acting_user, terminal=terminal)


def _block(title: str, rows: Sequence[tuple[str, str]]) -> ReviewBlock:
    return ReviewBlock(title, [ReviewRow(label, "", value) for label, value in rows])


def _context(
    plan: CertificatePlan,
    *,
    draft: bool,
    user: StaffUser | None = None,
    terminal: Terminal | None = None,
) -> IssueContext:
    return IssueContext(
        day=timezone.localdate(),
        terminal=terminal.code if terminal else "",
        printer=(terminal.printer_name or None) if terminal else None,
        kouyou=fee_basis(plan.entry) == FeeBasis.KOUYOU,
        draft=draft,
        issued_by=user,
    )


def _issued_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The copies handed over, each its own document; a PDF is read only when printed
    (the 交付 screen lists every procedure's documents)."""
    from ..records import KoufuShomeisho

    copies = (
        KoufuShomeisho.objects.filter(rireki__procedure=procedure)
        .select_related("kiroku")
        .defer("pdf")
        .order_by("id")
    )
    return [
        HandoverDocument(
            f"copy-{n}", f"{c.kiroku.get_kind_display()}（{c.kiroku.hakko_bango}）", _pdf_of(c.pk)
        )
        for n, c in enumerate(copies, 1)
    ]


def _pdf_of(pk: int) -> Callable[[], bytes]:
    def read() -> bytes:
        from ..records import KoufuShomeisho

        return bytes(KoufuShomeisho.objects.values_list("pdf", flat=True).get(pk=pk))

    return read
