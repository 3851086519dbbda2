"""The 広域交付 kind at our window (交付地, 住基法第12条の4): the request is checked here
(``rules``), sent to the home city at 承認 and printed at 交付 from its answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings

from certificates import kernel
from certificates.kernel.kind import HANDED_OVER
from certificates.printing import IssueContext, Rendered
from certificates.printing.juminhyo import PlainPerson, render_juminhyo_plain
from certificates.printing.rows import Value
from certificates.records import KoufuRireki
from certificates.services import Taisho
from counter import audit, inbox, outbox
from counter.models import AuditAction, InboxMessage
from counter.procedure_kinds import HandoverDocument, Subject
from counter.procedure_models import Procedure
from counter.services import ProcedureRefused
from juki.ido import kernel as ido

from . import messages as m
from .entry import KouikiEntry
from .form import KouikiForm
from .rules import KouikiPlan, plan

if TYPE_CHECKING:
    from counter.models import StaffUser, Terminal

LABEL = "住民票の写し（広域交付）"
BASIS = "住基法第12条の4（広域交付）"


def answer_of(irai_no: str) -> InboxMessage | None:
    """The home city's answer to the request (received, or used by this request)."""
    return (
        InboxMessage.objects.filter(message_type=m.KAITO_TYPE, payload__irai_no=irai_no)
        .order_by("-received_at", "-id")
        .first()
    )


def _dantai(entry: KouikiEntry) -> str:
    return f"{entry.jutaku_dantai_name}（{entry.jutaku_dantai_code}）"


class KouikiKind(kernel.CertificateKind[KouikiEntry, KouikiPlan]):
    code: ClassVar[str] = "kouiki_koufu"
    label: ClassVar[str] = LABEL
    order = 15
    form_class = KouikiForm
    template = "certificates/kouiki_koufu_entry.html"
    planner = plan

    def fee_code(self, entry: KouikiEntry) -> str:
        # the same 手数料 as our own 住民票の写し (the city's 条例): the 日計表 counts it there
        return "juminhyo_utsushi"

    def fee_label(self, entry: KouikiEntry) -> str:
        return LABEL

    def subjects_of(self, entry: KouikiEntry) -> Sequence[Subject]:
        # nobody of our register: the home city applies its 支援措置 (answer.py)
        return ()

    def certificate_rows(self, plan: KouikiPlan) -> list[tuple[str, str]]:
        entry: KouikiEntry = plan.entry  # type: ignore[assignment]
        found = answer_of(entry.irai_no)
        if found is None:
            status = "未受信（承認の後、住所地へ請求します）"
        elif found.payload["kekka"] == m.KYOHI:
            status = f"交付不可: {found.payload['kyohi_riyu']}"
        else:
            status = "受信済み: " + "、".join(p["shimei"] for p in found.payload["persons"])
        scope = "世帯全員" if entry.setai_zenin else "、".join(entry.taisho_shimei) or "本人のみ"
        return [
            ("種別", LABEL),
            ("住所地", _dantai(entry)),
            ("住民票コード", plan.juminhyo_code),
            ("本人確認書類", entry.honnin_shorui),
            ("範囲", scope),
            ("記載する事項", "、".join(plan.items.asked()) or "基本事項のみ"),
            ("請求番号", entry.irai_no),
            ("住所地の回答", status),
        ]

    def apply_plan(self, plan: KouikiPlan, approval: ido.Approval) -> dict[str, Any]:
        """承認: the request goes to the home city (第12条の4第2項) by 住基ネット."""
        result = super().apply_plan(plan, approval)
        entry: KouikiEntry = plan.entry  # type: ignore[assignment]
        outbox.enqueue(
            destination=m.DESTINATION,
            message_type=m.IRAI_TYPE,
            payload={
                "irai_no": entry.irai_no,
                "irai_dantai_code": str(settings.MUNICIPALITY_CODE),
                "irai_dantai_name": str(settings.MUNICIPALITY_NAME),
                "seikyusha_kubun": str(plan.category),
                "juminhyo_code": plan.juminhyo_code,
                "seikyusha_shimei": entry.seikyusha_shimei,
                "seikyusha_seinengappi": entry.seikyusha_seinengappi,
                "seikyusha_jusho": entry.seikyusha_jusho,
                "honnin_shorui": entry.honnin_shorui,
                "setai_zenin": entry.setai_zenin,
                "taisho_shimei": list(entry.taisho_shimei),
                "kisai": list(entry.kisai),
                "tsusu": entry.tsusu,
            },
            idempotency_key=entry.irai_no,
            source_type="procedure",
            source_id=approval.procedure.pk,
        )
        audit.record(
            AuditAction.CHANGE,
            target=audit.AuditTarget("procedure", str(approval.procedure.pk), LABEL),
            detail={"act": m.IRAI_NAME, "irai_no": entry.irai_no, "to": entry.jutaku_dantai_code},
        )
        return {**result, "irai_no": entry.irai_no}

    # --- 交付: from the answer -------------------------------------------------------

    def _answer(self, plan: KouikiPlan) -> dict[str, Any]:
        entry: KouikiEntry = plan.entry  # type: ignore[assignment]
        found = answer_of(entry.irai_no)
        if found is None:
            raise ProcedureRefused(
                f"住所地（{_dantai(entry)}）からの回答をまだ受け取っていません"
                f"（請求番号 {entry.irai_no}）。受信の後に交付してください。"
            )
        if found.payload["kekka"] == m.KYOHI:
            raise ProcedureRefused(
                f"住所地（{_dantai(entry)}）が交付に応じませんでした: {found.payload['kyohi_riyu']}"
            )
        return dict(found.payload)

    def overflow_rows(self, plan: KouikiPlan) -> list[tuple[str, str]]:
        """None at 照合 and 審査 (j1070): the data to print is the home city's answer, and
        the request goes out only at 承認, so nothing can be measured before it."""
        return []

    def render_set(self, plan: KouikiPlan, context: IssueContext) -> list[Rendered]:
        data = self._answer(plan)
        persons = [
            PlainPerson(p["shimei"], tuple(Value(**v) for v in p["koumoku"]))
            for p in data["persons"]
        ]
        entry: KouikiEntry = plan.entry  # type: ignore[assignment]
        note = f"広域交付（住所地: {data['jutaku_dantai_name']}）"
        return [
            render_juminhyo_plain(
                persons,
                address=data["jusho"],
                nushi=data["setai_nushi"],
                context=context,
                setai_zenin=entry.setai_zenin,
                note=note,
            )
        ]

    def taisho(self, plan: KouikiPlan) -> list[Taisho]:
        # not persons of our register: no 宛名番号 of ours
        return [Taisho("", p["shimei"]) for p in self._answer(plan)["persons"]]

    def kisai_labels(self, plan: KouikiPlan) -> list[str]:
        entry: KouikiEntry = plan.entry  # type: ignore[assignment]
        return ["世帯全員" if entry.setai_zenin else "世帯の一部", *plan.items.asked()]

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        """The 見本 once the answer is in (before it, there is nothing to show)."""
        if procedure.entry and procedure.state not in HANDED_OVER:
            irai_no = str(procedure.entry.get("irai_no", ""))
            found = answer_of(irai_no)
            if found is None or found.payload["kekka"] != m.KOUFU:
                return []
        return super().documents(procedure)

    def issue(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> None:
        """交付 (第12条の4第4項: the 交付地 makes the copy and certifies it): the answer
        serves this request only, the copies bear our 発行番号 and 認証文."""
        entry = KouikiEntry.from_json(procedure.entry)
        found = answer_of(entry.irai_no)
        if found is not None:
            try:
                inbox.mark_used(m.KAITO_TYPE, found.idempotency_key, procedure)
            except inbox.InboxError as exc:
                raise ProcedureRefused(str(exc)) from exc
        super().issue(procedure, acting_user=acting_user, terminal=terminal)
        KoufuRireki.objects.filter(procedure=procedure).update(
            kouiki_dantai=_dantai(entry), seikyu_jiyu=f"{BASIS}／住所地 {_dantai(entry)}"
        )


KINDS = (KouikiKind(),)
