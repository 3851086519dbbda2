"""What every printed certificate shares: the 発行番号 on each sheet (j1040), the 認証文
with the date, the 職名 and the 電子公印 on the last sheet only (j1000, j1050), 「公用」
(j1060), the 見本 marking of a draft, the QR code of a final copy and its record.

The templates (templates/documents/shomei_*.html) extend documents/shomei_base.html: the
発行番号 is the @page bottom-left box with CSS's page counters, so each sheet prints its
own 「n/N」 and the record learns N from the finished PDF; the 認証文 block closes the
flow, so it lands on the last sheet and nowhere else; the QR code is ``position: fixed``,
which WeasyPrint repeats on every sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings

from counter import documents as counter_documents
from counter.hakko_bango import HakkoBango, css_string, hakko_bango_for
from jputil import wareki

from . import qr
from .models import HakkoKiroku, ShomeiKind
from .types import IssueContext, Overflow, Rendered

#: j1050: the 電子公印 is printed at most this large (a square)
SEAL_MAX_MM = 25.0
#: the mark of a draft (no 発行番号, no QR code, not a certificate)
MIHON = "見本"
KOUYOU = "公用"
DRAFT_LINE = "見本（発行番号なし・証明書ではありません）"


def date_text(day: Any) -> str:
    """和暦 (DOMAIN.md "Dates"); a day before 明治 falls back to 西暦."""
    try:
        return wareki.to_wareki(day)
    except ValueError:
        return wareki.to_seireki(day)


def seal_mm() -> float:
    """The seal's printed size: the configured one, never above 25 mm (j1050)."""
    return max(5.0, min(float(settings.CERTIFICATE_SEAL_MM), SEAL_MAX_MM))


def ninshousha(context: IssueContext) -> str:
    """「東京都墨田区長　墨田　太郎」: the prefecture before the 職名 (j1050)."""
    title = context.shokumei or settings.MAYOR_TITLE
    return f"{settings.PREFECTURE_NAME}{title}　{settings.JUKI_MAYOR_NAME}"


def _common(kind: ShomeiKind, ninshoubun: str, context: IssueContext) -> dict[str, Any]:
    seal = str(settings.CERTIFICATE_SEAL_IMAGE).lstrip("/")
    return {
        "form_name": kind.label,
        "municipality": settings.MUNICIPALITY_NAME,
        "draft": context.draft,
        "mihon": MIHON,
        "kouyou": KOUYOU if context.kouyou else "",
        "ninshoubun": ninshoubun,
        "issued_on": date_text(context.day),
        "ninshousha": ninshousha(context),
        "seal_url": f"{settings.STATIC_URL}{seal}" if context.seal else "",
        "seal_mm": seal_mm(),
        "seal_pad_mm": seal_mm() + 3 if context.seal else 0,
    }


def issue(
    kind: ShomeiKind,
    template: str,
    data: dict[str, Any],
    *,
    ninshoubun: str,
    context: IssueContext,
    overflow: Sequence[Overflow] = (),
) -> Rendered:
    """Render one copy. A draft takes no number and records nothing; a final copy takes
    the day's next 発行番号 and, once printed, records a :class:`HakkoKiroku` (in the
    caller's transaction: a 交付 that rolls back leaves no record)."""
    if context.measure_only:
        return Rendered(b"", 0, (), tuple(overflow))
    page: dict[str, Any] = {**data, **_common(kind, ninshoubun, context)}
    if context.draft:
        page["hakko_css"] = css_string(DRAFT_LINE + " ")
        pdf = counter_documents.render_pdf(template, page)
        return Rendered(pdf, counter_documents.page_count(pdf), (), tuple(overflow))
    # The serial is taken and committed on its own (the day's row lock is held for a
    # moment, not for the render), so prints at several windows and workers run side by
    # side; a render that fails leaves a gap in the serials, never a repeated number.
    bango = hakko_bango_for(context.terminal, day=context.day, printer=context.printer)
    serial = int(bango.serial)
    page["hakko_css"] = css_string(bango.prefix() + " ")
    page["qr_uri"] = qr.qr_data_uri(qr.verify_url(qr.token_for(context.day, serial)))
    pdf = counter_documents.render_pdf(template, page)
    pages = counter_documents.page_count(pdf)
    kiroku = HakkoKiroku.objects.create(
        hakko_bango=bango.prefix(),
        serial=serial,
        kind=kind,
        issued_on=context.day,
        page_count=pages,
        terminal_code=context.terminal,
        printer=bango.printer,
        kouyou=context.kouyou,
        issued_by=context.issued_by,
    )
    return Rendered(pdf, pages, sheets(bango, pages), tuple(overflow), kiroku)


def sheets(bango: HakkoBango, pages: int) -> tuple[str, ...]:
    return tuple(bango.sheet(i, pages) for i in range(1, pages + 1))
