"""The カード交付 kind: at 承認 the card is handed over (交付済) with its 電子証明書, the
PINs' setting recorded and the old card ended and collected; the 受領書 is signed."""

from __future__ import annotations

from typing import Any, ClassVar

from counter.procedure_kinds import HandoverDocument, ReviewBlock, ReviewRow
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from mynumber import documents_kofu, kernel, services
from mynumber.kernel import visit_rules
from mynumber.models import Card, CertShubetsu, PinSousa, Raichousha

from .entry import KoufuEntry
from .form import KoufuForm
from .plan import KoufuPlan, plan


class KoufuKind(kernel.MynumberKind[KoufuEntry, KoufuPlan]):
    code: ClassVar[str] = "card_koufu"
    label: ClassVar[str] = "個人番号カードの交付（再交付含む）"
    order = 20
    form_class = KoufuForm
    template = "counter/procedure_entry_base.html"
    planner = plan

    def review_of(self, procedure: Procedure, plan: KoufuPlan) -> list[ReviewBlock]:
        entry = self.entry_of(procedure.entry)
        certs = [CertShubetsu.RIYOUSHA.label]
        if plan.shomei:
            certs.append(CertShubetsu.SHOMEI.label)
        pins = "、".join(p.label for p in visit_rules.ticked_pins(entry)) or "なし"
        rows = [
            ReviewRow("状態", plan.card.get_status_display(), "交付済"),
            ReviewRow("カード発行番号", plan.card.hakkou_bango, plan.card.hakkou_bango),
            ReviewRow("交付日", "", ido.wareki_text(plan.day)),
            ReviewRow("来庁者", "", Raichousha(entry.raichousha).label),
            ReviewRow("電子証明書", "", "、".join(certs)),
            ReviewRow("暗証番号の設定", "", pins),
        ]
        if plan.old is not None:
            kaishu = "廃止・回収" if entry.kyuu_kaishu else "廃止（未回収）"
            rows.append(ReviewRow("旧カード", plan.old.get_status_display(), kaishu))
        elif entry.kyuu_card == visit_rules.KyuuCard.JUKI_CARD:
            rows.append(ReviewRow("住民基本台帳カード", "", "廃止・回収"))
        return [
            ReviewBlock("カード所有者", kernel.person_rows(plan.person)),
            ReviewBlock("個人番号カードの交付", rows),
        ]

    def apply_plan(self, plan: KoufuPlan, approval: ido.Approval) -> dict[str, Any]:
        entry = self.entry_of(approval.procedure.entry)
        who = kernel.actor(approval)
        services.do_issue_card(
            plan.card,
            day=plan.day,
            shomei=plan.shomei,
            kyuu_kaishu=entry.kyuu_kaishu,
            **who,
        )
        for pin in visit_rules.ticked_pins(entry):
            services.do_record_pin_setting(
                plan.card,
                shurui=pin.shurui,
                sousa=PinSousa.SETTEI,
                raichousha=entry.raichousha,
                shoukaisho=entry.shoukaisho,
                **who,
            )
        certs = [CertShubetsu.RIYOUSHA.label] + ([CertShubetsu.SHOMEI.label] if plan.shomei else [])
        rows = [
            ("氏名", plan.person.full_name),
            ("カード発行番号", plan.card.hakkou_bango),
            ("有効期限", ido.wareki_text(plan.card.yuukou_kigen)),
            ("電子証明書", "、".join(certs)),
        ]
        if plan.old is not None:
            kaishu = "・回収" if entry.kyuu_kaishu else ""
            rows.append(("旧カード", f"{plan.old.hakkou_bango} 廃止{kaishu}"))
        elif entry.kyuu_card == visit_rules.KyuuCard.JUKI_CARD:
            rows.append(("住民基本台帳カード", "廃止・回収"))
        return kernel.result(
            rows,
            card_id=plan.card.pk,
            raichousha=Raichousha(entry.raichousha).label,
            certificates=certs,
            kyuu=plan.old is not None or entry.kyuu_card == visit_rules.KyuuCard.JUKI_CARD,
        )

    def handover_documents(self, procedure: Procedure) -> list[str]:
        result = procedure.result or {}
        if not result.get("card_id"):
            return []
        handed = ["個人番号カード（受領書に署名を受けて交付）", "個人番号関連説明書"]
        if result.get("kyuu"):
            handed.append("旧カード（住基カード・個人番号カード）: 廃止のうえ回収")
        return handed

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        result = procedure.result or {}
        if not result.get("card_id"):
            return []
        card_id = int(result["card_id"])

        def render() -> bytes:
            card = Card.objects.select_related("jumin").get(pk=card_id)
            return documents_kofu.juryousho_pdf(
                card,
                raichousha=str(result.get("raichousha", "")),
                certificates=list(result.get("certificates", [])),
            )

        return [HandoverDocument("juryousho", documents_kofu.JURYOUSHO_NAME, render)]
