"""領収書: the receipt of one payment at 交付, from its fee rows (the only money figures).

Rendered by counter.documents.render_pdf from ``documents/ryoshusho.html``; declared for
``manage.py sample_forms`` in counter's manifest (CounterConfig).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from jputil.wareki import to_wareki

from .documents import render_pdf
from .models_fees import FeeRow, FeeRowKind, Payment

RYOSHUSHO_NAME = "領収書"
TEMPLATE_NAME = "documents/ryoshusho.html"


def receipt_context(payment: Payment, rows: list[FeeRow]) -> dict[str, Any]:
    """What the receipt prints; rows are the payment's own 収納 rows (never a refund)."""
    return {
        "form_name": RYOSHUSHO_NAME,
        "payment": payment,
        "rows": rows,
        "day": to_wareki(payment.business_date),
        "recorded_at": timezone.localtime(payment.recorded_at),
        "municipality": settings.MUNICIPALITY_NAME,
    }


def render_ryoshusho(payment: Payment) -> bytes:
    rows = list(payment.rows.filter(kind=FeeRowKind.SHUUNOU).order_by("pk"))
    return render_pdf(TEMPLATE_NAME, receipt_context(payment, rows))


def build_sample_ryoshusho() -> bytes:
    """Sample for ``manage.py sample_forms``: the latest payment, or one held in memory."""
    latest = Payment.objects.select_related("reji", "recorded_by").order_by("-pk").first()
    if latest is not None:
        return render_ryoshusho(latest)
    from .models_fees import Reji

    now = timezone.now()
    sample = Payment(
        reji=Reji(code="R1", name="窓口1レジ"),
        business_date=timezone.localdate(now),
        total_yen=600,
        received_yen=1000,
        change_yen=400,
        receipt_no=1,
        recorded_at=now,
    )
    rows = [
        FeeRow(label="住民票の写し", basis="tsuujou", unit_yen=300, quantity=2, amount_yen=600),
        FeeRow(label="住民票の写し", basis="kouyou", unit_yen=300, quantity=1, amount_yen=0),
    ]
    return render_pdf(TEMPLATE_NAME, receipt_context(sample, rows))
