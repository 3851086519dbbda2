"""The 交付前設定 kind: at 承認 the card is set up (交付前) and its 交付通知書 mailed, or
put aside with the reason."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import HandoverDocument, ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from mynumber import documents_kofu, kernel, services, services_kofu
from mynumber.models import Card

from .entry import SetteiEntry
from .form import SetteiForm
from .plan import Kekka, SetteiPlan, plan


class SetteiKind(kernel.MynumberKind[SetteiEntry, SetteiPlan]):
    code: ClassVar[str] = "kofu_mae_settei"
    label: ClassVar[str] = "個人番号カードの交付前設定"
    order = 10
    form_class = SetteiForm
    template = "counter/procedure_entry_base.html"
    planner = plan

    def review_of(self, procedure: Procedure, plan: SetteiPlan) -> list[ReviewBlock]:
        person = plan.person
        register = [
            *kernel.person_rows(person),
            ReviewRow("性別", person.get_seibetsu_display(), person.get_seibetsu_display()),
        ]
        if plan.kekka == Kekka.SETTEI:
            rows = [
                ReviewRow("状態", plan.card.get_status_display(), "交付前"),
                ReviewRow("カード発行番号", "", plan.hakkou_bango),
                ReviewRow("発行日", "", ido.wareki_text(plan.hakkou_date)),
                ReviewRow("有効期限", "", ido.wareki_text(plan.yuukou_kigen)),
                ReviewRow("交付通知書", "", f"{ido.wareki_text(plan.day)} 発送"),
            ]
        else:
            entry = self.entry_of(procedure.entry)
            rows = [
                ReviewRow("状態", plan.card.get_status_display(), "申請中（保留）"),
                ReviewRow("保留の理由", "", entry.horyuu_riyu),
            ]
        return [
            ReviewBlock("住民票の記載（券面と照合）", register),
            ReviewBlock("個人番号カード", rows),
        ]

    def apply_plan(self, plan: SetteiPlan, approval: ido.Approval) -> dict[str, Any]:
        who = kernel.actor(approval)
        if plan.kekka == Kekka.HORYUU:
            entry = self.entry_of(approval.procedure.entry)
            services_kofu.do_set_aside(
                plan.card, hakkou_bango=plan.hakkou_bango, reason=entry.horyuu_riyu, **who
            )
            return kernel.result(
                [("氏名", plan.person.full_name), ("結果", f"保留（{entry.horyuu_riyu}）")],
                card_id=plan.card.pk,
            )
        services.do_receive_cards(
            plan.card,
            hakkou_bango=plan.hakkou_bango,
            hakkou_date=plan.hakkou_date,
            settei_date=plan.day,
            **who,
        )
        services.do_send_tsuchisho(plan.card, day=plan.day, **who)
        return kernel.result(
            [
                ("氏名", plan.person.full_name),
                ("カード発行番号", plan.hakkou_bango),
                ("有効期限", ido.wareki_text(plan.card.yuukou_kigen)),
                ("交付通知書", f"{ido.wareki_text(plan.day)} 発送"),
            ],
            card_id=plan.card.pk,
            tsuchisho=True,
            holds_card=plan.holds_card,
        )

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        result = procedure.result or {}
        if not result.get("tsuchisho"):
            return []
        card_id, holds = int(result["card_id"]), bool(result.get("holds_card"))

        def render() -> bytes:
            card = Card.objects.select_related("jumin__chouaza").get(pk=card_id)
            return documents_kofu.koufu_tsuchisho_pdf(card, holds_card=holds)

        return [HandoverDocument("koufu_tsuchisho", documents_kofu.TSUCHISHO_NAME, render)]
