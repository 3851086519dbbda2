"""The 記載事項証明書 kind: the items of the persons' records the 請求者 may have."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from certificates import kernel
from certificates.printing import IssueContext, Rendered, render_kisai_jiko
from certificates.services import Taisho
from counter.procedure_kinds import Subject

from .entry import KisaiJikoEntry
from .form import KisaiJikoForm
from .plan import KisaiJikoPlan, plan


class KisaiJikoKind(kernel.CertificateKind[KisaiJikoEntry, KisaiJikoPlan]):
    code: ClassVar[str] = "kisai_jiko"
    label: ClassVar[str] = "記載事項証明書"
    order = 20
    form_class = KisaiJikoForm
    template = "certificates/kisai_jiko_entry.html"
    planner = plan

    def fee_code(self, entry: KisaiJikoEntry) -> str:
        return "kisai_jiko"

    def subjects_of(self, entry: KisaiJikoEntry) -> Sequence[Subject]:
        return kernel.subjects_of(entry.atena_bangos)

    def render_set(self, plan: KisaiJikoPlan, context: IssueContext) -> list[Rendered]:
        return [
            render_kisai_jiko(plan.persons, items=plan.items, context=context, johyo=plan.johyo)
        ]

    def taisho(self, plan: KisaiJikoPlan) -> list[Taisho]:
        return [Taisho(p.atena_bango, p.full_name) for p in plan.persons]

    def kisai_labels(self, plan: KisaiJikoPlan) -> list[str]:
        return ["除票" if plan.johyo else "住民票", *plan.items.asked()]

    def certificate_rows(self, plan: KisaiJikoPlan) -> list[tuple[str, str]]:
        names = "、".join(f"{p.full_name}（{p.atena_bango}）" for p in plan.persons)
        return [
            ("対象", "除票" if plan.johyo else "住民票"),
            ("対象者", names),
            ("証明する事項", "、".join(plan.items.asked()) or "基本事項のみ"),
        ]


KINDS = (KisaiJikoKind(),)
