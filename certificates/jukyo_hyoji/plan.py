"""The plan of a 住居表示変更証明書: the 住居表示の実施 recorded for the new address.

The old and new 住所 and the day come from the city's record of the 住居表示の実施
(certificates.records.JukyoHyojiJisshi, master data: ADR 0027), never from a resident's
history: a 住居表示 changes the address of a building, whoever lives there.
"""

from __future__ import annotations

from dataclasses import dataclass

from certificates import kernel
from certificates.records import JukyoHyojiJisshi

from .entry import JukyoHyojiEntry


@dataclass(frozen=True)
class JukyoHyojiPlan(kernel.CertificatePlan):
    jisshi: JukyoHyojiJisshi | None = None


def plan(entry: JukyoHyojiEntry, *, lock: bool = False) -> JukyoHyojiPlan:
    """What 交付 would certify; PlanRefused lists every problem found."""

    def build(problems: kernel.Problems) -> JukyoHyojiPlan:
        category = kernel.check_request(entry, problems, discloses=False)
        problems.require(bool(entry.chouaza), "町字を選んでください。", field="chouaza")
        problems.require(
            bool(entry.banchi.strip()), "街区符号・住居番号を入力してください。", field="banchi"
        )
        jisshi = None
        if entry.chouaza and entry.banchi.strip():
            jisshi = (
                JukyoHyojiJisshi.objects.select_related("chouaza")
                .filter(chouaza__code=entry.chouaza, banchi=entry.banchi.strip())
                .first()
            )
            problems.require(
                jisshi is not None,
                "この住所の住居表示の実施の記録はありません（住居表示台帳を確かめてください）。",
                field="banchi",
            )
        problems.raise_if_any()
        assert category is not None  # check_request added a problem otherwise
        return JukyoHyojiPlan(entry, category, (), jisshi)

    return kernel.make_plan(build)
