"""The 住居表示変更証明書 kind: the old and new 住所 and the day of the 住居表示の実施."""

from __future__ import annotations

from typing import ClassVar

from certificates import kernel
from certificates.printing import IssueContext, Rendered, render_jukyo_hyoji
from certificates.services import Taisho
from juki.ido import kernel as ido

from .entry import JukyoHyojiEntry
from .form import JukyoHyojiForm
from .plan import JukyoHyojiPlan, plan


class JukyoHyojiKind(kernel.CertificateKind[JukyoHyojiEntry, JukyoHyojiPlan]):
    code: ClassVar[str] = "jukyo_hyoji"
    label: ClassVar[str] = "住居表示変更証明書"
    order = 40
    form_class = JukyoHyojiForm
    template = "certificates/jukyo_hyoji_entry.html"
    planner = plan

    def fee_code(self, entry: JukyoHyojiEntry) -> str:
        return "jukyo_hyoji"

    def render_set(self, plan: JukyoHyojiPlan, context: IssueContext) -> list[Rendered]:
        jisshi = plan.jisshi
        assert jisshi is not None and isinstance(plan.entry, JukyoHyojiEntry)
        return [
            render_jukyo_hyoji(
                name=plan.entry.meigi,
                old_address=jisshi.kyu_hyoji,
                new_address=jisshi.shin_hyoji,
                jisshi_date=jisshi.jisshi_date,
                context=context,
            )
        ]

    def taisho(self, plan: JukyoHyojiPlan) -> list[Taisho]:
        assert isinstance(plan.entry, JukyoHyojiEntry)
        return [Taisho("", plan.entry.meigi)] if plan.entry.meigi else []

    def kisai_labels(self, plan: JukyoHyojiPlan) -> list[str]:
        jisshi = plan.jisshi
        return [f"{jisshi.kyu_hyoji} → {jisshi.shin_hyoji}"] if jisshi else []

    def certificate_rows(self, plan: JukyoHyojiPlan) -> list[tuple[str, str]]:
        jisshi = plan.jisshi
        assert jisshi is not None and isinstance(plan.entry, JukyoHyojiEntry)
        return [
            ("旧表示", jisshi.kyu_hyoji),
            ("新表示", jisshi.shin_hyoji),
            ("住居表示の実施日", ido.wareki_text(jisshi.jisshi_date)),
            ("記載する氏名", plan.entry.meigi),
        ]


KINDS = (JukyoHyojiKind(),)
