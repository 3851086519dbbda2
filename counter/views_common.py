"""What the counter's screens share: the signed-in user and terminal, a procedure and its
kind, the one-time token around an act, refusals next to their field, PDFs, the lines of
a reception list with the window's next step, and the entry as 審査/照合 blocks.

Used by the window (views_window.py) and the backyard (views_backyard.py).
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from jputil.wareki import WarekiError, parse_date

from . import audit, hiding, registry
from .documents import page_count
from .form_tokens import AlreadySubmitted, claim_token, record_result
from .models import StaffUser, Terminal
from .procedure_kinds import (
    ProcedureKind,
    ReviewBlock,
    ReviewRow,
    all_kinds,
    documents_of,
    get_kind,
)
from .procedure_models import FINISHED_STATES, OPEN_STATES, Procedure, ProcedureState, Reception
from .registry import SubjectMark
from .services import ProcedureRefused, record_refusal
from .templatetags.counter_tags import FORM_TOKEN_FIELD

S = ProcedureState

#: states that still wait for the window or the back office
PENDING_STATES = OPEN_STATES

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


def run_act(
    request: HttpRequest,
    act: Callable[..., object],
    *args: Any,
    then: str,
    success_message: str,
    **kwargs: Any,
) -> HttpResponse:
    """`run_once` of one service act by the signed-in user at their terminal:
    ``act(*args, acting_user=…, terminal=…, **kwargs)``, then to `then` (where a second
    submission of the form is sent too). ProcedureRefused propagates, as in run_once."""

    def run() -> str:
        act(*args, acting_user=acting_user(request), terminal=terminal_of(request), **kwargs)
        return then

    return run_once(request, run, fallback=then, success_message=success_message)


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
        return not self.states <= set(FINISHED_STATES)

    @property
    def is_handed_over(self) -> bool:
        states = self.states
        return bool(states & {S.KOUFU, S.KANRYOU}) and states <= set(FINISHED_STATES)


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


def check_blocks(
    kind: ProcedureKind,
    procedure: Procedure,
    *,
    user: Any = None,
    extra_hidden: frozenset[str] = frozenset(),
) -> list[CheckBlock]:
    """The entry by block; rows that differ from the entry at the last 照合 are marked;
    the rows ``user`` chose to hide (表示設定, j1390) show masked, and so do the rows a
    subject's mark hides from them (``extra_hidden``: 支援措置)."""
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
                    hiding.masked(row.after)
                    if hiding.hides_row(row.label, user, extra_hidden)
                    else row.after,
                    previous is not None and previous.get((block.title, row.label)) != row.after,
                )
                for row in block.rows
            ],
        )
        for index, block in enumerate(review_blocks(kind, procedure))
    ]


def procedure_marks(
    kind: ProcedureKind, procedure: Procedure, user: Any
) -> tuple[list[str], frozenset[str]]:
    """The marks another app puts on the procedure's subjects (支援措置), and the rows
    they hide from this user (counter.registry.SubjectMark)."""
    keys = [s.key for s in kind.subjects(procedure.entry)] if procedure.entry else []
    return hiding.subject_marks(keys, user)


def procedure_notes(kind: ProcedureKind, procedure: Procedure, user: Any) -> list[SubjectMark]:
    """The marks an app puts on the subjects of its own 窓口区分's kinds, each with its
    sentence (本人通知 on a certificate's 照合・審査: 標準仕様書 j1230); no query for a
    kind no app marks so (counter.registry.ScopedMarks)."""
    category = str(kind.category)
    if not procedure.entry or not registry.has_scoped_marks(category):
        return []
    keys = [s.key for s in kind.subjects(procedure.entry)]
    return registry.scoped_subject_marks(keys, user, category=category)


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class ShownDay:
    """The day a list shows (None: every open one), and why a typed day was not read."""

    day: datetime.date | None
    typed: str = ""
    error: str = ""


def shown_day(request: HttpRequest, today: datetime.date) -> ShownDay:
    """?day=R6.4.1 (和暦 or 西暦, as typed at the counter), ?day=all, else today."""
    raw = request.GET.get("day", "").strip()
    if raw == "all":
        return ShownDay(None)
    if not raw:
        return ShownDay(today)
    try:
        return ShownDay(parse_date(raw[:40]))
    except WarekiError as error:
        return ShownDay(today, raw[:40], f"{error.message}　本日の分を表示しています。")


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
