"""窓口 (window) screens: 受付登録, 受付一覧, 仮登録, 照合, 呼出, 交付.

Views are thin: they read the form, call a `do_*` service (the only writers) and show
the outcome. A refused act (ProcedureRefused) is shown on the page next to its field or
at the top, with everything typed kept. Forms that change state carry a one-time token
(`{% form_token %}`), claimed in the same transaction as the act, so a double click or a
resent POST acts once and is sent to the first result.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, select_template
from django.template.loader_tags import ExtendsNode
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import audit, hiding, reads
from .access import allow
from .fees import do_handover
from .forms_fees import PaymentHandoverForm
from .forms_window import HandoverForm, ReceptionForm, reception_redisplay
from .models import AuditAction
from .procedure_kinds import ProcedureKind, documents_of
from .procedure_models import ENTERABLE_STATES, Procedure, ProcedureState, Reception
from .roles import WINDOW_ROLES
from .services import (
    ProcedureRefused,
    do_call,
    do_check,
    do_enter,
    do_receive,
)
from .uketsuke_slip import UKETSUKE_KAKUNIN_NAME, render_uketsuke_kakunin
from .views_common import (
    PENDING_STATES,
    acting_user,
    check_blocks,
    handover_items,
    kind_of,
    load_procedure,
    pdf_pages,
    pdf_response,
    procedure_marks,
    procedure_notes,
    procedure_target,
    reception_lines,
    run_act,
    run_once,
    show_refusal,
    shown_day,
    terminal_of,
)
from .views_fees import handover_fees

S = ProcedureState


#: the page every kind's entry template extends (it renders every field by default)
ENTRY_BASE_TEMPLATE = "counter/procedure_entry_base.html"
#: the page that includes a kind's entry template written as a fragment (no {% extends %})
ENTRY_INCLUDED_TEMPLATE = "counter/procedure_entry_included.html"


# --------------------------------------------------------------------------- 受付登録


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def reception_new(request: HttpRequest) -> HttpResponse:
    """受付登録: the visit, the ID checked, the procedures asked for; gives the 番号札.

    The procedures listed are those of the chosen 窓口区分. Changing the 区分 asks for
    its list: htmx swaps the list in place (GET ?category=…), and without script the
    「区分の手続を表示」 button posts the form back, redisplayed as typed.
    """
    if request.method == "GET":
        form = ReceptionForm(initial={"category": request.GET.get("category", "")})
        if request.headers.get("HX-Request"):
            return render(request, "counter/_reception_kinds.html", {"form": form})
        return render(request, "counter/reception_new.html", {"form": form})
    if "switch_category" in request.POST:
        form = reception_redisplay(request.POST)
        return render(request, "counter/reception_new.html", {"form": form})
    form = ReceptionForm(data=request.POST)
    refusal: str | None = None
    if form.is_valid():
        data = form.cleaned_data

        def receive() -> str:
            reception = do_receive(
                acting_user=acting_user(request),
                terminal=terminal_of(request),
                category=data["category"],
                visitor_kind=data["visitor_kind"],
                visitor_name=data["visitor_name"],
                id_documents=data["id_documents"],
                has_ininjo=data["has_ininjo"],
                kinds=data["kinds"],
                note=data["note"],
            )
            return reverse("counter:reception_ticket", args=[reception.pk])

        try:
            return run_once(request, receive, fallback=reverse("counter:reception_list"))
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    return render(request, "counter/reception_new.html", {"form": form, "refusal": refusal})


@allow(*WINDOW_ROLES)
@require_GET
def reception_ticket(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """番号札: the number in very large type, the slip to print, the procedures to enter."""
    reception = get_object_or_404(
        Reception.objects.select_related("received_by").prefetch_related("procedures"),
        pk=reception_pk,
    )
    (line,) = reception_lines([reception])
    return render(request, "counter/reception_ticket.html", {"line": line})


@allow(*WINDOW_ROLES)
@require_GET
def reception_slip_pdf(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """受付確認票（内部用）: the slip that travels with the paper forms."""
    reception = get_object_or_404(Reception.objects.select_related("received_by"), pk=reception_pk)
    pdf = render_uketsuke_kakunin(reception)
    reads.declare(
        AuditAction.PRINT,
        target=audit.AuditTarget("reception", str(reception.pk), str(reception)),
        form=UKETSUKE_KAKUNIN_NAME,
        pages=pdf_pages(pdf),
    )
    return pdf_response(pdf, f"uketsuke-{reception.pk}.pdf")


@allow(*WINDOW_ROLES)
@require_GET
def reception_list(request: HttpRequest) -> HttpResponse:
    """受付一覧: today's receptions, mine and every one still open, with the next step."""
    today = timezone.localdate()
    receptions = (
        Reception.objects.filter(ticket_date=today)
        .select_related("received_by")
        .prefetch_related("procedures")
        .order_by("received_at", "pk")
    )
    lines = reception_lines(receptions)
    me = acting_user(request).pk
    return render(
        request,
        "counter/reception_list.html",
        {
            "today": today,
            "mine": [line for line in lines if line.reception.received_by_id == me],
            "open_lines": [line for line in lines if line.is_open],
        },
    )


# --------------------------------------------------------------------------- 仮登録


def render_entry(
    request: HttpRequest,
    procedure: Procedure,
    kind: ProcedureKind,
    form: Any,
    *,
    refusal: str | None = None,
    form_invalid: bool = False,
) -> HttpResponse:
    """The kind's entry page (its template extends counter/procedure_entry_base.html)."""
    context: dict[str, Any] = {
        **kind.request_context(request),
        "procedure": procedure,
        "reception": procedure.reception,
        "kind": kind,
        "form": hiding.mask_form(form, request.user),  # 表示設定 (j1390)
        "refusal": refusal,
        "form_invalid": form_invalid,
        "can_enter": procedure.state in ENTERABLE_STATES,
    }
    template = select_template([kind.entry_template(), ENTRY_BASE_TEMPLATE])
    if not extends_entry_base(template):
        context["entry_template_name"] = template.template.name
        template = get_template(ENTRY_INCLUDED_TEMPLATE)
    return HttpResponse(template.render(context, request))


def extends_entry_base(template: Any) -> bool:
    """Whether a loaded template is (or extends) procedure_entry_base.html."""
    inner = template.template
    if inner.name == ENTRY_BASE_TEMPLATE:
        return True
    for node in inner.nodelist.get_nodes_by_type(ExtendsNode):
        if node.parent_name.var == ENTRY_BASE_TEMPLATE:
            return True
    return False


def cleaned_entry(kind: ProcedureKind, form: Any) -> tuple[dict[str, Any] | None, str | None]:
    """The entry JSON of a valid form, or the message of the kind's refusal."""
    try:
        return kind.clean_entry(form), None
    except ValidationError as error:
        return None, "　".join(error.messages)


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def procedure_entry(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """仮登録: the kind's form in the order of the paper; saving changes no register."""
    procedure = load_procedure(procedure_pk)
    kind = kind_of(procedure)
    if request.method != "POST":
        return render_entry(request, procedure, kind, kind.entry_form(procedure, None))
    form = kind.entry_form(procedure, request.POST)
    if not form.is_valid():
        return render_entry(request, procedure, kind, form, form_invalid=True)
    entry, refusal = cleaned_entry(kind, form)
    if entry is not None:
        try:
            return run_act(
                request,
                do_enter,
                procedure,
                entry,
                then=reverse("counter:procedure_check", args=[procedure.pk]),
                success_message=f"{procedure.reception} の{kind.label}を仮登録しました。"
                "届出書と照合してください。",
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    return render_entry(request, procedure, kind, form, refusal=refusal, form_invalid=True)


@allow(*WINDOW_ROLES)
@require_POST
def procedure_confirmation_pdf(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """確認用住民票: the record as it would be after 承認, from the form as typed (not saved)."""
    procedure = load_procedure(procedure_pk)
    kind = kind_of(procedure)
    form = kind.entry_form(procedure, request.POST)
    if not form.is_valid():
        return render_entry(
            request,
            procedure,
            kind,
            form,
            refusal="確認用住民票を作れません。入力内容の誤りを直してください。",
            form_invalid=True,
        )
    entry, refusal = cleaned_entry(kind, form)
    pdf: bytes | None = None
    if entry is not None:
        try:
            pdf = kind.confirmation_pdf(procedure, entry)
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
        if pdf is None and refusal is None:
            refusal = f"{kind.label}には確認用住民票がありません。"
    if pdf is None:
        return render_entry(request, procedure, kind, form, refusal=refusal)
    reads.declare(
        AuditAction.PRINT,
        target=procedure_target(procedure),
        form="確認用住民票",
        saved=False,
        pages=pdf_pages(pdf),
    )
    return pdf_response(pdf, f"kakunin-{procedure.pk}.pdf")


# --------------------------------------------------------------------------- 照合


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def procedure_check(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """照合: each block of the entry ticked against the paper form; all ticked → 審査."""
    procedure = load_procedure(procedure_pk)
    kind = kind_of(procedure)
    marks, hidden = procedure_marks(kind, procedure, request.user)
    blocks = check_blocks(kind, procedure, user=request.user, extra_hidden=hidden)
    ticked = set(request.POST.getlist("block")) if request.method == "POST" else set()
    refusal: str | None = None
    if request.method == "POST":
        try:
            return run_act(
                request,
                do_check,
                procedure,
                all_ticked={str(b.index) for b in blocks} <= ticked,
                then=reverse("counter:reception_list"),
                success_message=f"{procedure.reception} の{kind.label}を照合しました（審査待ち）。",
            )
        except ProcedureRefused as refused:
            refusal = refused.message
    return render(
        request,
        "counter/procedure_check.html",
        {
            "procedure": procedure,
            "reception": procedure.reception,
            "kind": kind,
            "blocks": blocks,
            "ticked": ticked,
            "refusal": refusal,
            "can_check": procedure.state == S.KARI_TOUROKU,
            "changed_since_check": any(b.changed_count for b in blocks),
            "subject_marks": marks,
            "subject_notes": procedure_notes(kind, procedure, request.user),
        },
    )


# --------------------------------------------------------------------------- 呼出


@allow(*WINDOW_ROLES)
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    """呼出: receptions whose procedures are all approved, oldest first; then those called.

    Today's by default: the 番号札 restart every day, so yesterday's 「5番」 would stand
    beside today's. ?day=… shows another day, ?day=all every one not yet handed over.
    """
    today = timezone.localdate()
    shown = shown_day(request, today)
    day = shown.day
    receptions = (
        Reception.objects.filter(procedures__state=S.SHOUNIN)
        .exclude(procedures__state__in=PENDING_STATES)
        .distinct()
        .select_related("received_by")
        .prefetch_related("procedures")
        .order_by("received_at", "pk")
    )
    if day is not None:
        receptions = receptions.filter(ticket_date=day)
    lines = reception_lines(receptions)
    return render(
        request,
        "counter/call_list.html",
        {
            "to_call": [line for line in lines if line.ready_to_call],
            "called": [line for line in lines if line.ready_to_hand_over],
            "window": request.session.get("terminal_code", ""),
            "today": today,
            "shown": shown,
            "previous_day": (day or today) - datetime.timedelta(days=1),
        },
    )


@allow(*WINDOW_ROLES)
@require_POST
def call_post(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """「呼出」: the number goes on the board with this terminal as the window."""
    reception = get_object_or_404(Reception, pk=reception_pk)
    window = str(request.session.get("terminal_code", "")) or "窓口"
    try:
        do_call(reception, acting_user=acting_user(request), window=window)
    except ProcedureRefused as refused:
        messages.error(request, f"{reception}: {refused.message}")
    else:
        messages.success(request, f"{reception}を呼び出しました（{window}）。")
    day = str(request.POST.get("day", ""))[:40]
    target = reverse("counter:call_list")
    return redirect(f"{target}?{urlencode({'day': day})}" if day else target)


# --------------------------------------------------------------------------- 交付


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """交付: every document to give and card to return, the fees of each procedure priced
    by today's 手数料マスタ; 「交付」 issues all approved ones and takes the fee together
    (counter.fees.do_handover: the change is computed, never typed)."""
    reception = get_object_or_404(Reception.objects.select_related("received_by"), pk=reception_pk)
    procedures = list(reception.procedures.order_by("pk"))
    issuable = [p for p in procedures if p.state == S.SHOUNIN]
    terminal = terminal_of(request)
    fees = handover_fees(reception, issuable, terminal)
    form_class = PaymentHandoverForm if fees.takes_cash else HandoverForm
    form = form_class(data=request.POST if request.method == "POST" else None)
    refusal: str | None = None
    if request.method == "POST" and form.is_valid():

        def issue() -> str:
            # inside run_once, so a resent form (its token claimed) goes to the first result
            if not issuable:
                raise ProcedureRefused("交付できる（承認済みの）手続がありません。")
            do_handover(
                reception,
                issuable,
                received_yen=form.cleaned_data.get("received_yen"),
                acting_user=acting_user(request),
                terminal=terminal,
            )
            return reverse("counter:handover", args=[reception.pk])

        try:
            return run_once(
                request,
                issue,
                fallback=reverse("counter:handover", args=[reception.pk]),
                success_message=f"{reception}の交付を記録しました。",
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    states = {p.state for p in procedures}
    return render(
        request,
        "counter/handover.html",
        {
            "reception": reception,
            "items": [(item, fees.lines_of(item.procedure)) for item in handover_items(procedures)],
            "fees": fees,
            "form": form,
            "refusal": refusal or fees.refusal,
            "can_issue": bool(issuable) and fees.refusal is None,
            "waiting": bool(states & set(PENDING_STATES)),
            "handed_over": bool(states & {S.KOUFU, S.KANRYOU}) and not issuable,
            "page_uses_alt_k": True,
        },
    )


@allow(*WINDOW_ROLES)
@require_GET
def procedure_document_pdf(request: HttpRequest, procedure_pk: int, slug: str) -> HttpResponse:
    """A document of a procedure (転出証明書 …) as PDF; each print goes to the 操作ログ."""
    procedure = load_procedure(procedure_pk)
    kind_of(procedure)  # 404 when its kind is no longer registered
    document = next((d for d in documents_of(procedure) if d.slug == slug), None)
    if document is None:
        raise Http404("その書類はありません。")
    pdf = document.render()
    reads.declare(
        AuditAction.PRINT,
        target=procedure_target(procedure),
        form=document.name,
        slug=slug,
        pages=pdf_pages(pdf),
    )
    return pdf_response(pdf, f"{slug}-{procedure.pk}.pdf")
