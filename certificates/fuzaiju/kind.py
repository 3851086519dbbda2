"""The 不在住証明書 kind: no 住民票 nor 除票 of this name at this address."""

from __future__ import annotations

from typing import ClassVar

from certificates import kernel
from certificates.printing import IssueContext, Rendered, render_fuzaiju
from certificates.services import Taisho
from juki.ido import kernel as ido

from .entry import FuzaijuEntry
from .form import FuzaijuForm
from .plan import FuzaijuPlan, plan


class FuzaijuKind(kernel.CertificateKind[FuzaijuEntry, FuzaijuPlan]):
    code: ClassVar[str] = "fuzaiju"
    label: ClassVar[str] = "不在住証明書"
    order = 30
    form_class = FuzaijuForm
    template = "certificates/fuzaiju_entry.html"
    planner = plan

    def fee_code(self, entry: FuzaijuEntry) -> str:
        return "fuzaiju"

    def render_set(self, plan: FuzaijuPlan, context: IssueContext) -> list[Rendered]:
        e = plan.entry
        assert isinstance(e, FuzaijuEntry)
        return [
            render_fuzaiju(
                name=e.fuzai_shimei,
                address=e.fuzai_jusho,
                seinengappi=ido.wareki_text(e.fuzai_seinengappi),
                context=context,
            )
        ]

    def taisho(self, plan: FuzaijuPlan) -> list[Taisho]:
        e = plan.entry
        assert isinstance(e, FuzaijuEntry)
        return [Taisho("", e.fuzai_shimei)]

    def kisai_labels(self, plan: FuzaijuPlan) -> list[str]:
        e = plan.entry
        assert isinstance(e, FuzaijuEntry)
        return [f"住所: {e.fuzai_jusho}"]

    def certificate_rows(self, plan: FuzaijuPlan) -> list[tuple[str, str]]:
        e = plan.entry
        assert isinstance(e, FuzaijuEntry)
        return [
            ("氏名", e.fuzai_shimei),
            ("住所", e.fuzai_jusho),
            ("生年月日", ido.wareki_text(e.fuzai_seinengappi)),
            ("照合の結果", "住民票・除票に該当する記録なし"),
        ]


KINDS = (FuzaijuKind(),)
