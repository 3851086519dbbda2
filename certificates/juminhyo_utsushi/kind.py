"""The 住民票の写し kind (住民票の写し・除票の写し): what the machine asks of it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from certificates import kernel
from certificates.printing import IssueContext, Rendered, Style, render_juminhyo
from certificates.services import Taisho
from counter.procedure_kinds import Subject
from counter.services import ProcedureRefused
from juki.models import Jumin, JuminStatus

from .entry import JuminhyoEntry
from .form import JuminhyoForm
from .plan import JuminhyoPlan, plan


class JuminhyoUtsushiKind(kernel.CertificateKind[JuminhyoEntry, JuminhyoPlan]):
    code: ClassVar[str] = "juminhyo_utsushi"
    label: ClassVar[str] = "住民票の写し"
    order = 10
    form_class = JuminhyoForm
    template = "certificates/juminhyo_utsushi_entry.html"
    planner = plan

    def fee_code(self, entry: JuminhyoEntry) -> str:
        return "johyo_utsushi" if entry.johyo else "juminhyo_utsushi"

    def fee_label(self, entry: JuminhyoEntry) -> str:
        return "除票の写し" if entry.johyo else "住民票の写し"

    def sets_per_copy(self, entry: JuminhyoEntry) -> int:
        """A 個人票 is one certificate per person (one 通 each); a 連記式 is one."""
        if entry.style != Style.KOJIN.value:
            return 1
        try:
            return len(self.planned(entry).persons)
        except ProcedureRefused:
            return max(len(entry.atena_bangos), 1)

    def subjects_of(self, entry: JuminhyoEntry) -> Sequence[Subject]:
        numbers = list(entry.atena_bangos)
        if entry.setai_zenin and numbers:
            # the guards see every member of the household asked for, not only the one named
            setai = Jumin.objects.filter(atena_bango__in=numbers, status=JuminStatus.LIVE)
            members = Jumin.objects.filter(
                setai__in=setai.values("setai_id"), status=JuminStatus.LIVE
            ).values_list("atena_bango", flat=True)
            numbers = [*numbers, *(n for n in members.order_by("atena_bango") if n not in numbers)]
        return kernel.subjects_of(numbers)

    def render_set(self, plan: JuminhyoPlan, context: IssueContext) -> list[Rendered]:
        if plan.style is Style.KOJIN:
            return [
                render_juminhyo(
                    [p], style=Style.KOJIN, items=plan.items, context=context, johyo=plan.johyo
                )
                for p in plan.persons
            ]
        return [
            render_juminhyo(
                plan.persons,
                style=Style.RENKI,
                items=plan.items,
                context=context,
                setai_zenin=plan.setai_zenin,
            )
        ]

    def taisho(self, plan: JuminhyoPlan) -> list[Taisho]:
        return [Taisho(p.atena_bango, p.full_name) for p in plan.persons]

    def kisai_labels(self, plan: JuminhyoPlan) -> list[str]:
        scope = "世帯全員" if plan.setai_zenin else "世帯の一部"
        return [plan.style.label, scope, *plan.items.asked()]

    def certificate_rows(self, plan: JuminhyoPlan) -> list[tuple[str, str]]:
        names = "、".join(f"{p.full_name}（{p.atena_bango}）" for p in plan.persons)
        return [
            ("種別", "除票の写し" if plan.johyo else "住民票の写し"),
            ("様式", plan.style.label),
            ("範囲", "世帯全員" if plan.setai_zenin else "世帯の一部"),
            ("対象者", names),
            ("記載する事項", "、".join(plan.items.asked()) or "基本事項のみ"),
        ]


KINDS = (JuminhyoUtsushiKind(),)
