"""受付確認票（内部用）: the small slip printed at 受付登録 that travels with the paper forms.

Rendered by counter.documents.render_pdf from ``documents/uketsuke_kakunin.html``;
declared for ``manage.py sample_forms`` in counter's manifest (CounterConfig).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from . import registry
from .documents import render_pdf
from .procedure_kinds import all_kinds
from .procedure_models import IdDocument, Reception, VisitorKind

UKETSUKE_KAKUNIN_NAME = "受付確認票（内部用）"
TEMPLATE_NAME = "documents/uketsuke_kakunin.html"


def id_document_labels(codes: Sequence[str]) -> list[str]:
    """The Japanese names of the ID documents recorded at reception."""
    labels = []
    for code in codes:
        try:
            labels.append(str(IdDocument(code).label))
        except ValueError:
            labels.append(str(code))
    return labels


def slip_context(
    reception: Reception, kind_codes: Sequence[str], received_by_name: str
) -> dict[str, Any]:
    """What the slip prints; a plain dict so an unsaved sample reception works too."""
    kinds = all_kinds()
    return {
        "form_name": UKETSUKE_KAKUNIN_NAME,
        "reception": reception,
        "category_label": reception.category_label,
        "visitor_kind_label": reception.get_visitor_kind_display(),
        "id_documents": id_document_labels(reception.id_documents),
        "procedure_labels": [
            str(kinds[code].label) if code in kinds else code for code in kind_codes
        ],
        "received_by_name": received_by_name,
        "printed_at": timezone.localtime(),
    }


def render_uketsuke_kakunin(reception: Reception) -> bytes:
    """The slip of a saved reception, with its procedures."""
    codes = [p.kind for p in reception.procedures.order_by("pk")]
    return render_pdf(TEMPLATE_NAME, slip_context(reception, codes, str(reception.received_by)))


def build_sample_uketsuke_kakunin() -> bytes:
    """Sample for ``manage.py sample_forms``: the latest reception, or one held in memory."""
    latest = Reception.objects.select_related("received_by").order_by("-pk").first()
    if latest is not None:
        return render_uketsuke_kakunin(latest)
    now = timezone.now()
    categories = registry.categories()
    sample = Reception(
        ticket_date=timezone.localdate(now),
        category=categories[0].code if categories else "",
        ticket_no=12,
        visitor_kind=VisitorKind.DAIRININ,
        visitor_name="見本　花子",
        id_documents=[IdDocument.DRIVER_LICENSE.value],
        has_ininjo=True,
        note="見本",
        terminal_code="本庁1",
        received_at=now,
    )
    codes = list(all_kinds())[:2] or ["（手続）"]
    return render_pdf(TEMPLATE_NAME, slip_context(sample, codes, "窓口　一郎"))
