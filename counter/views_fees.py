"""Fee screens: the fees at 交付 (used by views_window.handover), the 領収書, 返金, the
day's fee rows, and the 手数料マスタ (docs/adr/0024).

Views are thin: the rules are counter.fees'. A refusal is shown next to its field or at
the top with what was typed kept; a form that writes carries the one-time token.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jputil.wareki import to_wareki

from . import audit, reads
from .access import allow
from .fees import Dues, do_add_tesuryo, do_refund, dues_of, reji_of
from .forms_fees import RefundForm, TesuryoForm
from .models import AuditAction, Terminal
from .models_fees import FeeRow, FeeRowKind, Payment, Reji, RejiClosing, TesuryoMaster
from .procedure_models import Procedure, Reception
from .roles import WINDOW_ROLES, Role
from .ryoshusho import RYOSHUSHO_NAME, render_ryoshusho
from .services import ProcedureRefused
from .views_common import (
    acting_user,
    pdf_pages,
    pdf_response,
    run_once,
    show_refusal,
    shown_day,
    terminal_of,
)

#: city staff: a refund is theirs only (a 受注者 takes no money back)
CITY_STAFF = (Role.CLERK, Role.SUPERVISOR)


# --------------------------------------------------------------------------- 交付


@dataclass
class HandoverFees:
    """What the 交付 screen shows of money: the dues of the procedures to hand over
    (priced today), the payments already taken, and why the fee cannot be computed."""

    dues: Dues | None = None
    refusal: str | None = None
    reji: Reji | None = None
    payments: list[Payment] = field(default_factory=list)
    paid: dict[int, list[FeeRow]] = field(default_factory=dict)

    @property
    def takes_cash(self) -> bool:
        return self.dues is not None and self.dues.total_yen > 0

    def lines_of(self, procedure: Procedure) -> Sequence[object]:
        if self.dues is not None and self.dues.of(procedure):
            return self.dues.of(procedure)
        return self.paid.get(procedure.pk, [])


def handover_fees(
    reception: Reception, issuable: Sequence[Procedure], terminal: Terminal | None
) -> HandoverFees:
    fees = HandoverFees()
    try:
        fees.dues = dues_of(issuable, timezone.localdate())
    except ProcedureRefused as refused:
        fees.refusal = refused.message
    if fees.dues is not None and fees.dues.lines:
        fees.reji = reji_of(terminal)
    fees.payments = list(
        Payment.objects.filter(reception=reception).select_related("reji").order_by("pk")
    )
    if fees.payments:
        for row in FeeRow.objects.filter(reception=reception, kind=FeeRowKind.SHUUNOU):
            fees.paid.setdefault(row.procedure_id or 0, []).append(row)
    return fees


@allow(*WINDOW_ROLES)
@require_GET
def receipt_pdf(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """領収書 of the reception's payment (?payment=… for an earlier one)."""
    reception = get_object_or_404(Reception, pk=reception_pk)
    payments = Payment.objects.filter(reception=reception).select_related("reji")
    wanted = str(request.GET.get("payment", ""))
    payment = payments.filter(pk=int(wanted)).first() if wanted.isdigit() else payments.last()
    if payment is None:
        messages.info(request, "この受付では手数料を収納していないため、領収書はありません。")
        return redirect("counter:handover", reception.pk)
    pdf = render_ryoshusho(payment)
    reads.declare(
        AuditAction.PRINT,
        target=audit.AuditTarget("fee", str(payment.pk), str(payment)),
        form=RYOSHUSHO_NAME,
        pages=pdf_pages(pdf),
    )
    return pdf_response(pdf, f"ryoshusho-{payment.pk}.pdf")


@allow(*WINDOW_ROLES)
@require_GET
def payment_receipt(request: HttpRequest, payment_pk: int) -> HttpResponse:
    """領収書 of one payment, whether a reception carries it or not (a 閲覧's fee)."""
    payment = get_object_or_404(Payment.objects.select_related("reji"), pk=payment_pk)
    pdf = render_ryoshusho(payment)
    reads.declare(
        AuditAction.PRINT,
        target=audit.AuditTarget("fee", str(payment.pk), str(payment)),
        form=RYOSHUSHO_NAME,
        pages=pdf_pages(pdf),
    )
    return pdf_response(pdf, f"ryoshusho-{payment.pk}.pdf")


# --------------------------------------------------------------------------- 返金


def refundable_rows(reception: Reception) -> QuerySet[FeeRow]:
    return _refundable(reception=reception)


def _refundable(**owner: object) -> QuerySet[FeeRow]:
    return (
        FeeRow.objects.filter(
            **owner,
            kind=FeeRowKind.SHUUNOU,
            amount_yen__gt=0,
            refund__isnull=True,
        )
        .select_related("reji")
        .order_by("pk")
    )


@allow(*CITY_STAFF)
@require_http_methods(["GET", "POST"])
def refund(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """返金: a 職員 chooses a fee row of the reception and gives the reason; a new
    negative row is written on today's open day (the row refunded stays as it was)."""
    reception = get_object_or_404(Reception, pk=reception_pk)
    return _refund_page(
        request,
        {"reception": reception},
        title=f"{reception.get_category_display()} {reception.ticket_no}番",
        here=reverse("counter:fee_refund", args=[reception.pk]),
    )


@allow(*CITY_STAFF)
@require_http_methods(["GET", "POST"])
def payment_refund(request: HttpRequest, payment_pk: int) -> HttpResponse:
    """返金 of a payment no reception carries (counter.charges: a 閲覧's fee), the same
    service and rules as a reception's."""
    payment = get_object_or_404(Payment, pk=payment_pk)
    return _refund_page(
        request,
        {"payment": payment},
        title=str(payment),
        here=reverse("counter:payment_refund", args=[payment.pk]),
    )


def _refund_page(
    request: HttpRequest, owner: dict[str, object], *, title: str, here: str
) -> HttpResponse:
    rows = _refundable(**owner)
    form = RefundForm(request.POST if request.method == "POST" else None, rows=rows)
    refusal: str | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> str:
            do_refund(
                data["row"],
                reason=data["reason"],
                acting_user=acting_user(request),
                terminal=terminal_of(request),
                reji=reji_of(terminal_of(request)),
            )
            return here

        try:
            return run_once(
                request,
                act,
                fallback=here,
                success_message=f"{title}の手数料「{data['row'].label}」を返金しました。",
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    refunds = (
        FeeRow.objects.filter(**owner, kind=FeeRowKind.HENKIN)
        .select_related("recorded_by")
        .order_by("pk")
    )
    return render(
        request,
        "counter/fee_refund.html",
        {
            "title": title,
            "form": form,
            "has_rows": rows.exists(),
            "refunds": refunds,
            "refusal": refusal,
        },
    )


# --------------------------------------------------------------------------- 収納一覧


@dataclass
class RejiDay:
    reji: Reji
    rows: list[FeeRow] = field(default_factory=list)
    closing: RejiClosing | None = None

    @property
    def expected_yen(self) -> int:
        """The same sum as counter.fees.expected_cash, of the rows already read."""
        return sum(row.amount_yen for row in self.rows)


@allow(*CITY_STAFF)
@require_GET
def fee_day(request: HttpRequest) -> HttpResponse:
    """収納一覧: a day's fee rows per レジ (today by default, ?day=…), with refunds and
    adjustments, the cash expected and whether the day is closed. Three queries."""
    today = timezone.localdate()
    shown = shown_day(request, today)
    day = shown.day or today
    rows = (
        FeeRow.objects.filter(business_date=day)
        .select_related("reji", "reception", "recorded_by")
        .order_by("reji__code", "pk")
    )
    by_reji: dict[int, RejiDay] = {}
    for row in rows:
        by_reji.setdefault(row.reji_id, RejiDay(row.reji)).rows.append(row)
    closings = {c.reji_id: c for c in RejiClosing.objects.filter(business_date=day)}
    for reji_day in by_reji.values():
        reji_day.closing = closings.get(reji_day.reji.pk)
    return render(
        request,
        "counter/fee_day.html",
        {
            "day": day,
            "day_label": to_wareki(day),
            "shown": shown,
            "reji_days": list(by_reji.values()),
            "previous_day": day - datetime.timedelta(days=1),
        },
    )


# --------------------------------------------------------------------------- 手数料マスタ


@allow(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def tesuryo_master(request: HttpRequest) -> HttpResponse:
    """手数料マスタ: every price with its period; a new price from a later date is added
    as a new row (the price in force, and the past ones, are never edited)."""
    form = TesuryoForm(request.POST if request.method == "POST" else None)
    refusal: str | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> str:
            do_add_tesuryo(
                code=data["code"],
                label=data["label"],
                amount_yen=data["amount_yen"],
                valid_from=data["valid_from"],
                acting_user=acting_user(request),
            )
            return reverse("counter:tesuryo_master")

        try:
            return run_once(
                request,
                act,
                fallback=reverse("counter:tesuryo_master"),
                success_message=f"「{data['label']}」の手数料を{to_wareki(data['valid_from'])}"
                f"から{data['amount_yen']:,}円で登録しました。",
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    rows = TesuryoMaster.objects.order_by("code", "-valid_from")
    return render(
        request,
        "counter/tesuryo_master.html",
        {"rows": rows, "form": form, "refusal": refusal, "today": timezone.localdate()},
    )
