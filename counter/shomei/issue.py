"""What every printed certificate shares: the 発行番号 on each sheet (j1040), the 認証文
with the date, the 職名 and the 電子公印 on the last sheet only (j1000, j1050), 「公用」
(j1060), the 見本 marking of a draft, the QR code of a final copy and its record.

The templates extend documents/shomei_base.html: the 発行番号 is the @page bottom-left
box with CSS's page counters, so each sheet prints its own 「n/N」 and the record learns N
from the finished PDF; the 認証文 block closes the flow, so it lands on the last sheet
and nowhere else; the QR code is ``position: fixed``, which WeasyPrint repeats on every
sheet. Moved from certificates.printing.issue (docs/adr/0030): seal prints with it too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings

from counter import documents as counter_documents
from counter.hakko_bango import HakkoBango, css_string, hakko_bango_for
from jputil import wareki

from . import qr

if TYPE_CHECKING:
    from counter.models import StaffUser

    from .models import HakkoKiroku

#: j1050: the 電子公印 is printed at most this large (a square)
SEAL_MAX_MM = 25.0
#: the mark of a draft (no 発行番号, no QR code, not a certificate)
MIHON = "見本"
KOUYOU = "公用"
DRAFT_LINE = "見本（発行番号なし・証明書ではありません）"


@dataclass(frozen=True)
class IssueContext:
    """How and where a certificate is printed.

    ``draft``: a 見本 (the 仮登録's draft, a preview): marked 「見本」, no 発行番号 is
    taken, no QR code, nothing recorded. A final render (``draft=False``) takes the
    next 発行番号 of the day, records a :class:`~counter.shomei.models.HakkoKiroku` per
    copy and prints its signed QR token.
    """

    day: datetime.date
    terminal: str = ""  # counter.models.Terminal.code ("" leaves it out: j1040)
    printer: str | None = None  # None: the terminal's printer
    kouyou: bool = False  # 「公用」 (j1060)
    draft: bool = True
    issued_by: StaffUser | None = None
    #: the 職名 printed before the 認証者 (j1050); "" takes the settings' mayor
    shokumei: str = ""
    seal: bool = True  # 電子公印 on the last sheet (j1050: per certificate, on/off)
    #: lay the rows out and list what does not fit (j1070), without making the PDF: the
    #: 照合 and 審査 screens show the 文字超過リスト before anything is printed
    measure_only: bool = False


@dataclass(frozen=True)
class Printed:
    """One printed copy: the PDF, its sheets, the 発行番号 of each sheet (「… 1/2」; empty
    for a draft) and its record (a final copy only)."""

    pdf: bytes
    page_count: int
    hakko_bangos: tuple[str, ...] = ()
    kiroku: HakkoKiroku | None = field(default=None, compare=False)


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


def common_context(form_name: str, ninshoubun: str, context: IssueContext) -> dict[str, Any]:
    """The values of documents/shomei_base.html's marks and 認証文 block."""
    seal = str(settings.CERTIFICATE_SEAL_IMAGE).lstrip("/")
    return {
        "form_name": form_name,
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


def print_copy(
    kind: str,
    form_name: str,
    template: str,
    data: dict[str, Any],
    *,
    ninshoubun: str,
    context: IssueContext,
) -> Printed:
    """Render one copy of ``kind`` (a code some app declares in ``shomei_kinds``). A
    draft takes no number and records nothing; a final copy takes the day's next
    発行番号 and, once printed, records a :class:`HakkoKiroku` (in the caller's
    transaction: a 交付 that rolls back leaves no record)."""
    from .models import HakkoKiroku

    page: dict[str, Any] = {**data, **common_context(form_name, ninshoubun, context)}
    if context.draft:
        page["hakko_css"] = css_string(DRAFT_LINE + " ")
        pdf = counter_documents.render_pdf(template, page)
        return Printed(pdf, counter_documents.page_count(pdf))
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
    return Printed(pdf, pages, sheets(bango, pages), kiroku)


def sheets(bango: HakkoBango, pages: int) -> tuple[str, ...]:
    return tuple(bango.sheet(i, pages) for i in range(1, pages + 1))
