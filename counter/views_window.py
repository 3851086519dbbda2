"""窓口 (window) screens: 受付登録, 受付一覧, 仮登録, 照合, 呼出, 交付.

Views are thin: they read the form, call a `do_*` service (the only writers) and show
the outcome. A refused act (ProcedureRefused) is shown on the page next to its field or
at the top, with everything typed kept. Forms that change state carry a one-time token
(`{% form_token %}`), claimed in the same transaction as the act, so a double click or a
resent POST acts once and is sent to the first result.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, select_template
from django.template.loader_tags import ExtendsNode
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import audit
from .access import allow
from .documents import page_count
from .forms_window import HandoverForm, ReceptionForm
from .models import AuditAction, StaffUser, Terminal
from .procedure_kinds import (
    ProcedureKind,
    ReviewBlock,
    ReviewRow,
    all_kinds,
    documents_of,
    get_kind,
)
from .procedure_models import CounterCategory, Procedure, ProcedureState, Reception
from .roles import Role
from .services import (
    AlreadySubmitted,
    ProcedureRefused,
    claim_token,
    do_call,
    do_check,
    do_enter,
    do_issue,
    do_receive,
    record_refusal,
    record_result,
)
from .templatetags.counter_tags import FORM_TOKEN_FIELD
from .uketsuke_slip import UKETSUKE_KAKUNIN_NAME, render_uketsuke_kakunin

S = ProcedureState

#: the window's people: the contractor, and city clerks who sit at the window too
WINDOW_ROLES = (Role.CONTRACTOR, Role.CLERK)

#: the page every kind's entry template extends (it renders every field by default)
ENTRY_BASE_TEMPLATE = "counter/procedure_entry_base.html"
#: the page that includes a kind's entry template written as a fragment (no {% extends %})
ENTRY_INCLUDED_TEMPLATE = "counter/procedure_entry_included.html"

#: states in which the window may (re-)enter a procedure (仮登録)
ENTERABLE_STATES = frozenset({S.UKETSUKE, S.KARI_TOUROKU, S.SASHIMODOSHI})
#: states that still wait for the window or the back office
PENDING_STATES = (S.UKETSUKE, S.KARI_TOUROKU, S.SHOUGOU, S.SASHIMODOSHI)
#: states in which nothing more happens at the counter today
FINISHED_STATES = frozenset({S.KOUFU, S.KANRYOU, S.TORISAGE})


# --------------------------------------------------------------------------- helpers


def acting_user(request: HttpRequest) -> StaffUser:
    """The signed-in member of staff (every view here is behind @allow)."""
    user = request.user
    assert isinstance(user, StaffUser)
    return user


def terminal_of(request: HttpRequest) -> Terminal | None:
    """The terminal chosen at login (recorded with every transition)."""
    terminal_id = request.session.get("terminal_id")
    if not terminal_id:
        return None
    return Terminal.objects.filter(pk=terminal_id).first()


def kind_of(procedure: Procedure) -> ProcedureKind:
    """The procedure's registered kind; 404 when the kind is no longer registered."""
    try:
        return get_kind(procedure.kind)
    except LookupError as exc:
        raise Http404("この手続の種類は登録されていません。") from exc


def kind_label_of(code: str) -> str:
    kind = all_kinds().get(code)
    return str(kind.label) if kind is not None else code


def load_procedure(procedure_pk: int) -> Procedure:
    return get_object_or_404(
        Procedure.objects.select_related(
            "reception", "reception__received_by", "entered_by", "checked_by", "approved_by"
        ),
        pk=procedure_pk,
    )


def run_once(
    request: HttpRequest,
    act: Callable[[], str],
    *,
    fallback: str,
    success_message: str = "",
) -> HttpResponse:
    """Claim the form's one-time token and do `act` in one transaction, then go to its result.

    `act` returns the path of its result. A second submission of the same token does
    nothing and is sent to the first result. ProcedureRefused propagates: nothing was
    done and the token stays unused, so the corrected form can be sent again.
    """
    token = str(request.POST.get(FORM_TOKEN_FIELD, ""))
    if len(token) > 64:
        token = ""  # not one of ours: claim_token refuses an empty token in Japanese
    try:
        with transaction.atomic():
            submission = claim_token(token, user=acting_user(request))
            result_path = act()
            record_result(submission, result_path)
    except AlreadySubmitted as again:
        messages.info(request, "この画面は送信済みです。二重の送信は処理していません。")
        return redirect(again.result_path or fallback)
    except ProcedureRefused as refused:
        record_refusal(refused)  # its 操作ログ row went with the rollback: write it again
        raise
    if success_message:
        messages.success(request, success_message)
    return redirect(result_path)


def show_refusal(form: Any, refused: ProcedureRefused) -> str | None:
    """Put the refusal next to its field when the form has that field; else return it."""
    fields = getattr(form, "fields", None)
    if refused.field and isinstance(fields, dict) and refused.field in fields:
        form.add_error(refused.field, refused.message)
        return None
    return refused.message


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A PDF opened in the browser's viewer (preview first, then print: j1420)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def pdf_pages(pdf: bytes) -> int | None:
    try:
        return page_count(pdf)
    except ValueError:
        return None


def procedure_target(procedure: Procedure) -> audit.AuditTarget:
    return audit.AuditTarget(
        "procedure", str(procedure.pk), f"{procedure.reception} {kind_label_of(procedure.kind)}"
    )


# --------------------------------------------------------------------------- next steps


@dataclass(frozen=True)
class ProcedureLine:
    """One procedure of a reception in a list, with the window's next step."""

    procedure: Procedure
    kind_label: str
    action_label: str = ""
    action_url: str = ""


@dataclass
class ReceptionLine:
    """One reception (番号札) in a list, with its procedures and what the window does next."""

    reception: Reception
    procedures: list[ProcedureLine] = field(default_factory=list)

    @property
    def states(self) -> set[str]:
        return {p.procedure.state for p in self.procedures}

    @property
    def all_approved(self) -> bool:
        """Every procedure is 承認 (withdrawn ones aside): the number may be called."""
        states = self.states
        return S.SHOUNIN in states and states <= {S.SHOUNIN, S.TORISAGE}

    @property
    def ready_to_call(self) -> bool:
        return self.all_approved and self.reception.called_at is None

    @property
    def ready_to_hand_over(self) -> bool:
        return self.reception.called_at is not None and S.SHOUNIN in self.states

    @property
    def is_open(self) -> bool:
        return not self.states <= FINISHED_STATES

    @property
    def is_handed_over(self) -> bool:
        states = self.states
        return bool(states & {S.KOUFU, S.KANRYOU}) and states <= FINISHED_STATES


def procedure_line(procedure: Procedure) -> ProcedureLine:
    label = kind_label_of(procedure.kind)
    if procedure.state in (S.UKETSUKE, S.SASHIMODOSHI):
        url = reverse("counter:procedure_entry", args=[procedure.pk])
        return ProcedureLine(procedure, label, "入力", url)
    if procedure.state == S.KARI_TOUROKU:
        url = reverse("counter:procedure_check", args=[procedure.pk])
        return ProcedureLine(procedure, label, "照合", url)
    if procedure.state == S.SHOUGOU:
        return ProcedureLine(procedure, label, "審査待ち")
    return ProcedureLine(procedure, label)


def reception_lines(receptions: Iterable[Reception]) -> list[ReceptionLine]:
    """Lines for receptions fetched with prefetch_related("procedures") (no query per row)."""
    return [
        ReceptionLine(r, [procedure_line(p) for p in sorted(r.procedures.all(), key=_pk)])
        for r in receptions
    ]


def _pk(procedure: Procedure) -> int:
    return int(procedure.pk)


# --------------------------------------------------------------------------- entry blocks


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "あり" if value else "なし"
    return str(value)


def entry_rows(entry: Any, prefix: str = "") -> list[ReviewRow]:
    """The entry JSON as rows (label = its key path), for kinds without a review."""
    rows: list[ReviewRow] = []
    items: Iterable[tuple[Any, Any]]
    if isinstance(entry, dict):
        items = entry.items()
    elif isinstance(entry, list):
        items = ((i, v) for i, v in enumerate(entry, 1))
    else:
        return [ReviewRow(prefix or "値", "", _shown(entry))]
    for key, value in items:
        label = f"{prefix}{key}"
        if isinstance(value, dict | list) and value:
            rows.extend(entry_rows(value, f"{label}．"))
        else:
            rows.append(ReviewRow(label, "", _shown(value)))
    return rows


def review_blocks(kind: ProcedureKind, procedure: Procedure) -> list[ReviewBlock]:
    """The kind's review blocks, or the entry as one block when the kind gives none."""
    blocks = kind.review(procedure)
    if blocks:
        return blocks
    return [ReviewBlock("入力内容", entry_rows(procedure.entry or {}))]


@dataclass(frozen=True)
class CheckRow:
    label: str
    value: str
    changed_since_check: bool


@dataclass(frozen=True)
class CheckBlock:
    """A block of the 照合 page: one checkbox ticked against the paper form."""

    index: int
    title: str
    rows: list[CheckRow]

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if r.changed_since_check)


def check_blocks(kind: ProcedureKind, procedure: Procedure) -> list[CheckBlock]:
    """The entry by block; rows that differ from the entry at the last 照合 are marked."""
    previous: dict[tuple[str, str], str] | None = None
    if procedure.entry_at_check and procedure.entry_at_check != procedure.entry:
        earlier = copy.copy(procedure)
        earlier.entry = procedure.entry_at_check
        previous = {
            (b.title, r.label): r.after for b in review_blocks(kind, earlier) for r in b.rows
        }
    return [
        CheckBlock(
            index,
            block.title,
            [
                CheckRow(
                    row.label,
                    row.after,
                    previous is not None and previous.get((block.title, row.label)) != row.after,
                )
                for row in block.rows
            ],
        )
        for index, block in enumerate(review_blocks(kind, procedure))
    ]


# --------------------------------------------------------------------------- 受付登録


def kind_groups(form: ReceptionForm) -> list[tuple[str, list[Any]]]:
    """The procedure checkboxes grouped by 窓口区分 (legend, checkboxes)."""
    kinds = all_kinds()
    groups: dict[str, list[Any]] = {}
    for checkbox in form["kinds"]:
        kind = kinds.get(str(checkbox.data["value"]))
        category = CounterCategory(kind.category).label if kind is not None else "その他"
        groups.setdefault(str(category), []).append(checkbox)
    return list(groups.items())


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def reception_new(request: HttpRequest) -> HttpResponse:
    """受付登録: the visit, the ID checked, the procedures asked for; gives the 番号札."""
    form = ReceptionForm(data=request.POST if request.method == "POST" else None)
    refusal: str | None = None
    if request.method == "POST" and form.is_valid():
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
    return render(
        request,
        "counter/reception_new.html",
        {"form": form, "refusal": refusal, "kind_groups": kind_groups(form)},
    )


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
    audit.record(
        AuditAction.PRINT,
        request=request,
        target=audit.AuditTarget("reception", str(reception.pk), str(reception)),
        detail={"form": UKETSUKE_KAKUNIN_NAME, "pages": pdf_pages(pdf)},
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
        "form": form,
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
        checked_entry = entry

        def enter() -> str:
            do_enter(
                procedure,
                checked_entry,
                acting_user=acting_user(request),
                terminal=terminal_of(request),
            )
            return reverse("counter:procedure_check", args=[procedure.pk])

        try:
            return run_once(
                request,
                enter,
                fallback=reverse("counter:procedure_check", args=[procedure.pk]),
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
    audit.record(
        AuditAction.PRINT,
        request=request,
        target=procedure_target(procedure),
        detail={"form": "確認用住民票", "saved": False, "pages": pdf_pages(pdf)},
    )
    return pdf_response(pdf, f"kakunin-{procedure.pk}.pdf")


# --------------------------------------------------------------------------- 照合


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def procedure_check(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """照合: each block of the entry ticked against the paper form; all ticked → 審査."""
    procedure = load_procedure(procedure_pk)
    kind = kind_of(procedure)
    blocks = check_blocks(kind, procedure)
    ticked = set(request.POST.getlist("block")) if request.method == "POST" else set()
    refusal: str | None = None
    if request.method == "POST":
        all_ticked = {str(b.index) for b in blocks} <= ticked

        def check() -> str:
            do_check(
                procedure,
                acting_user=acting_user(request),
                terminal=terminal_of(request),
                all_ticked=all_ticked,
            )
            return reverse("counter:reception_list")

        try:
            return run_once(
                request,
                check,
                fallback=reverse("counter:reception_list"),
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
        },
    )


# --------------------------------------------------------------------------- 呼出


@allow(*WINDOW_ROLES)
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    """呼出: receptions whose procedures are all approved, oldest first; then those called."""
    receptions = (
        Reception.objects.filter(procedures__state=S.SHOUNIN)
        .exclude(procedures__state__in=PENDING_STATES)
        .distinct()
        .select_related("received_by")
        .prefetch_related("procedures")
        .order_by("received_at", "pk")
    )
    lines = reception_lines(receptions)
    return render(
        request,
        "counter/call_list.html",
        {
            "to_call": [line for line in lines if line.ready_to_call],
            "called": [line for line in lines if line.ready_to_hand_over],
            "window": request.session.get("terminal_code", ""),
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
    return redirect("counter:call_list")


# --------------------------------------------------------------------------- 交付


@dataclass(frozen=True)
class HandoverItem:
    procedure: Procedure
    kind_label: str
    to_hand_over: list[str]
    printable: list[tuple[str, str]]  # (name, url)


def handover_items(procedures: Iterable[Procedure]) -> list[HandoverItem]:
    items = []
    for procedure in procedures:
        kind = all_kinds().get(procedure.kind)
        if kind is None:
            items.append(HandoverItem(procedure, procedure.kind, [], []))
            continue
        printable = [
            (
                document.name,
                reverse("counter:procedure_document_pdf", args=[procedure.pk, document.slug]),
            )
            for document in documents_of(procedure)
        ]
        items.append(
            HandoverItem(procedure, str(kind.label), kind.handover_documents(procedure), printable)
        )
    return items


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, reception_pk: int) -> HttpResponse:
    """交付: every document to give and card to return; 「交付」 issues all approved ones."""
    reception = get_object_or_404(Reception.objects.select_related("received_by"), pk=reception_pk)
    procedures = list(reception.procedures.order_by("pk"))
    issuable = [p for p in procedures if p.state == S.SHOUNIN]
    form = HandoverForm(data=request.POST if request.method == "POST" else None)
    refusal: str | None = None
    if request.method == "POST" and form.is_valid():
        if not issuable:
            refusal = "交付できる（承認済みの）手続がありません。"
        else:

            def issue() -> str:
                for procedure in issuable:
                    do_issue(
                        procedure, acting_user=acting_user(request), terminal=terminal_of(request)
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
                refusal = refused.message
    states = {p.state for p in procedures}
    return render(
        request,
        "counter/handover.html",
        {
            "reception": reception,
            "items": handover_items(procedures),
            "form": form,
            "refusal": refusal,
            "can_issue": bool(issuable),
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
    audit.record(
        AuditAction.PRINT,
        request=request,
        target=procedure_target(procedure),
        detail={"form": document.name, "slug": slug, "pages": pdf_pages(pdf)},
    )
    return pdf_response(pdf, f"{slug}-{procedure.pk}.pdf")
