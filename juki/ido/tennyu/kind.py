"""The kinds of the 転入届: 転入, 特例転入, 国外からの転入 and 住居地届出 (one 届出, its
variants as class attributes:住基法第22条, 第24条の2, 第30条の46).

Nothing is written until 承認, when ``apply_plan`` registers the persons (one with a
除票 here is a 再転入, j600: a new 住民票 under the same 宛名番号, linked to the 除票, which
stays), sets the 世帯主 and writes the notices, all in the approval's transaction and in
few queries (one numbering, one insert per table).

区間転入 (between the wards of a 指定都市) is not a kind here: the person is already
live in the city's register, so it is built on the 転居.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils import timezone

from counter.procedure_kinds import ReviewBlock, Subject
from counter.services import ProcedureRefused
from jputil.zokugara import SETAINUSHI

from ... import reactions, services
from ...models import IdoJiyu, Jumin, Setai
from .. import kernel
from . import plan as tennyu_plan
from . import review
from .entry import TennyuEntry
from .form import TennyuEntryForm
from .kakunin import kakunin_pdf
from .plan import TennyuPlan

if TYPE_CHECKING:
    from counter.models import Procedure


class TennyuKind(kernel.KakuninKind, kernel.PlannedKind[TennyuEntry, TennyuPlan]):
    """転入 (with a 転出証明書 from another municipality)."""

    code: ClassVar[str] = "tennyu"
    label: ClassVar[str] = "転入"
    #: the most frequent 異動 at a counter, offered first on an empty register (UI.md)
    order: ClassVar[int] = 10
    form_class = TennyuEntryForm
    template = "juki/ido/tennyu_entry.html"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.TENNYU
    tokurei: ClassVar[bool] = False
    kokugai: ClassVar[bool] = False
    #: only foreign residents with a 在留カード等 (住居地届出)
    foreign_only: ClassVar[bool] = False
    needs_yotei: ClassVar[bool] = True
    shoumeisho_choices: ClassVar[tuple[str, ...]] = ("ari", "junzuru")

    # --- entry ---------------------------------------------------------------------

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        return TennyuEntryForm(data, kind=self, entry=procedure.entry or None, procedure=procedure)

    def plan(self, entry: TennyuEntry, *, lock: bool = False) -> TennyuPlan:
        return tennyu_plan.plan(self, entry, lock=lock)

    def subjects_of(self, entry: TennyuEntry) -> Sequence[Subject]:
        subjects: list[Subject] = []
        if entry.joins and entry.setai_bango:
            subjects.append(kernel.setai_subject(entry.setai_bango))
        subjects += [
            kernel.juminhyo_code_subject(p.juminhyo_code, p.name)
            for p in entry.persons
            if p.juminhyo_code
        ]
        # a 除票 chosen for 再転入 (j600) is revived by one procedure at a time
        subjects += [kernel.jumin_subject(a) for a in entry.saitennyu]
        return subjects

    def refused_flags(self, entry: TennyuEntry, refusal: ProcedureRefused) -> list[str]:
        flags = super().refused_flags(entry, refusal)
        if entry.tennyu_date and entry.todoke_date and entry.todoke_date >= entry.tennyu_date:
            late = kernel.todoke_kikan_flag(entry.tennyu_date, entry.todoke_date)
            flags += [late] if late else []
        return flags

    def summary_of(self, typed: TennyuEntry) -> str:
        if not typed.persons:
            return ""
        count = len(typed.persons)
        more = f" ほか{count - 1}人" if count > 1 else ""
        where = "既存世帯へ" if typed.joins else "新世帯"
        moved = kernel.wareki_text(typed.tennyu_date)
        return f"{typed.persons[0].name}{more}（{count}人・{where}） 転入日 {moved}"

    # --- review --------------------------------------------------------------------

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        """The entry is shown even when it cannot be approved: 照合 ticks it all."""
        if kernel.is_approved(procedure):
            return self.review_approved(procedure)
        entry = self.entry_of(procedure.entry)
        try:
            plan = self.planned(entry)
        except ProcedureRefused as refused:
            shown = review.content_blocks(entry, *review.as_entered(entry))
            return [kernel.refused_block(refused), *shown]
        return self.review_of(procedure, plan)

    def review_of(self, procedure: Procedure, plan: TennyuPlan) -> list[ReviewBlock]:
        return review.content_blocks(plan.entry, plan.chouaza, plan.setai, plan.existing)

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        # the persons are in the register now: the rules were checked at 承認
        entry = self.entry_of(procedure.entry)
        chouaza = review.chouaza_of(entry)
        return [review.approved_block(procedure.result), *review.content_blocks(entry, chouaza)]

    # --- 承認 ----------------------------------------------------------------------

    def apply_plan(self, plan: TennyuPlan, approval: kernel.Approval) -> dict[str, Any]:
        entry = plan.entry
        if self.tokurei:
            kernel.tenshutsu_joho.mark_used(entry.to_json(), approval.procedure)
        moved = entry.tennyu_date
        assert moved is not None  # the plan refuses an entry without it
        ctx = approval.context(
            self.ido_jiyu, ido_date=moved, todoke_date=entry.todoke_date, ryuiji=plan.ryuiji
        )
        incoming = plan.incoming()
        atena, setai_bango = services.new_numbers(
            atena=len(incoming) - len(plan.reentry), setai=0 if plan.setai is not None else 1
        )
        fresh = iter(atena)
        bangos = []
        for i, j in enumerate(incoming):
            former = plan.reentry.get(i)
            # 再転入 (j600): a new 住民票 under the 除票's 宛名番号, linked to it; the 除票
            # stays a 除票, still certifiable (住基法第15条の4)
            j.zen_jumin = former
            bangos.append(former.atena_bango if former is not None else next(fresh))
        setai = plan.setai or services.create_setai(setai_bango[0])
        head = next((i for i, j in enumerate(incoming) if j.zokugara == SETAINUSHI), None)
        if head is not None:
            # every history row, the head's own included, names the head: set it in
            # memory now, save it once the head is in the register
            setai.setai_nushi = incoming[head]
        services.register_persons(incoming, setai, ctx, atena_bangos=bangos)
        if head is not None:
            services.set_setai_nushi(setai, incoming[head])
        for i, j in enumerate(incoming):
            # the 個人番号カード's 継続利用 (mynumber) counts from the 届出日, for the
            # persons who showed theirs (a 特例転入's 世帯員 may have none: 法第24条の2第2項)
            reactions.fire(
                "tennyu",
                jumin=j,
                ido_date=moved,
                todoke_date=entry.todoke_date or moved,
                tokurei=self.tokurei,
                mynumber_card=entry.shows_card(i),
            )
        return {
            "atena_bango": [j.atena_bango for j in incoming],
            "setai_bango": setai.setai_bango,
            "setai_mode": entry.setai_mode,
            "outbox": self._write_notices(approval.notices(ctx), entry, incoming, setai),
            "flags": plan.flags,
        }

    def _write_notices(
        self, notices: kernel.IdoNotices, entry: TennyuEntry, persons: list[Jumin], setai: Setai
    ) -> dict[str, int]:
        for j in persons:
            notices.honnin_kakunin(j, zenjusho=entry.zenjusho)
            notices.fuhyo(j)
            notices.nyukan(j)
            notices.takka(j, reason="newcomer")
        if not self.kokugai:
            notices.tennyu_tsuchi(
                persons,
                tenshutsuchi_jusho=entry.zenjusho,
                tenshutsu_yotei_date=entry.tenshutsu_yotei_date,
                tokurei=self.tokurei,
            )
        notices.write([setai])
        return dict(Counter(str(m.destination) for m in notices.messages))

    # --- documents -----------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        entry = self.entry_of(procedure.entry)
        moved = entry.tennyu_date or timezone.localdate()
        names = []
        if self.tokurei or any(p.kojin_bango for p in entry.persons):
            names.append("個人番号カード等への裏書（転入）")
        if any(p.is_foreign for p in entry.persons):
            names.append("在留カード等への住居地の裏書（住居地届出）")
        names.append("住民異動届（他課用）控え")
        if any(p.seinengappi and kernel.is_gakurei(p.seinengappi, moved) for p in entry.persons):
            names.append("就学通知")
        return names

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        typed = self.entry_of(entry)
        try:
            plan = self.planned(typed)
            chouaza, setai, existing = plan.chouaza, plan.setai, plan.existing
        except ProcedureRefused:
            # a refused entry still shows as typed (the refusal is on the 審査 screen)
            found, setai, existing = review.as_entered(typed)
            if found is None:
                raise ProcedureRefused(
                    f"町字コード{typed.chouaza}は町字マスタにありません。", field="chouaza"
                ) from None
            chouaza = found
        return kakunin_pdf(
            self.label,
            typed,
            chouaza=chouaza,
            setai_bango=setai.setai_bango if setai else "",
            existing=existing,
            procedure_label=str(procedure.reception) if procedure.pk else "",
        )


class TennyuTokureiKind(TennyuKind):
    """特例転入 (住基法第24条の2): a My Number card holder; the 転出証明書情報 arrives from
    the 転出地 by network (entered here from it), and the notice must come within 30 days of
    the 転出予定日."""

    code: ClassVar[str] = "tennyu_tokurei"
    order: ClassVar[int] = 100
    label: ClassVar[str] = "特例転入"
    tokurei: ClassVar[bool] = True
    shoumeisho_choices: ClassVar[tuple[str, ...]] = ("tokurei",)


class TennyuKokugaiKind(TennyuKind):
    """国外からの転入: no 転出証明書; 従前の住所 is a country (or region)."""

    code: ClassVar[str] = "tennyu_kokugai"
    order: ClassVar[int] = 100
    label: ClassVar[str] = "国外からの転入"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.KOKUGAI_TENNYU
    kokugai: ClassVar[bool] = True
    needs_yotei: ClassVar[bool] = False
    shoumeisho_choices: ClassVar[tuple[str, ...]] = ("nashi",)


class JukyochiTodokeKind(TennyuKokugaiKind):
    """住居地届出 (住基法第30条の46): a 中長期在留者 or 特別永住者 who landed notifies the
    residence within 14 days, showing the 在留カード等; recorded like a 国外からの転入 (j910),
    with the 市町村通知 to the 出入国在留管理庁 and the card's 裏書 at 交付."""

    code: ClassVar[str] = "jukyochi_todoke"
    order: ClassVar[int] = 100
    label: ClassVar[str] = "住居地届出（外国人住民）"
    foreign_only: ClassVar[bool] = True


KINDS: tuple[TennyuKind, ...] = (
    TennyuKind(),
    TennyuTokureiKind(),
    TennyuKokugaiKind(),
    JukyochiTodokeKind(),
)
