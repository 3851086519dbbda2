"""バックヤード screens (city staff): the 審査 queue, 審査 detail with 承認/差戻し, and the
day's 住民異動届（他課用） notices.

Only city staff (職員・監督者) open these; the machine itself refuses an approval by the
person who entered or cross-checked the procedure (maker-checker), and the refusal is
shown on the page.
"""

from __future__ import annotations

import datetime
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import django_tables2 as tables
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST
from django_fsm import has_transition_perm

from . import hiding, registry
from .access import allow
from .forms_window import ApproveForm, ReturnForm
from .models import OutboxMessage
from .procedure_kinds import ProcedureKind, get_kind
from .procedure_models import Procedure, ProcedureState, Reservation
from .roles import Role
from .services import ProcedureRefused, do_approve, do_return
from .tables import StaffTable, paginate
from .views_common import (
    acting_user,
    kind_label_of,
    kind_of,
    load_procedure,
    procedure_marks,
    procedure_notes,
    review_blocks,
    run_act,
    show_refusal,
)

S = ProcedureState

#: city staff who review and approve (審査・承認入力)
BACKYARD_ROLES = (Role.CLERK, Role.SUPERVISOR)


# --------------------------------------------------------------------------- 審査 queue


class ReviewQueueTable(StaffTable):
    """審査待ち: procedures in 照合, oldest first."""

    kind = tables.Column("手続")
    ticket = tables.Column("番号札", accessor="reception", empty_values=())
    waiting = tables.Column("経過", accessor="entered_at", empty_values=())
    entered_by = tables.Column("仮登録者", empty_values=())
    flags = tables.Column("注意事項", empty_values=())
    action = tables.Column("操作", accessor="pk", empty_values=())

    class Meta(StaffTable.Meta):
        orderable = False
        empty_text = "審査を待っている手続はありません。"
        row_attrs: ClassVar[dict[str, Any]] = {
            "class": lambda record: "flagged" if record.flags else ""
        }

    def __init__(self, *args: Any, now: datetime.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now
        #: procedure → the marks other apps put on its subjects (支援措置, UI.md 5)
        self.subject_flags: dict[int, list[str]] = {}

    def render_kind(self, value: str) -> str:
        return kind_label_of(value)

    def render_ticket(self, record: Procedure) -> str:
        # Reception's own name: a 郵送請求's number (証明 郵送1番) is not a window's 番号札
        return str(record.reception)

    def render_waiting(self, value: datetime.datetime | None) -> str:
        if value is None:
            return "―"
        return f"{max(0, int((self.now - value).total_seconds() // 60))}分"

    def render_entered_by(self, record: Procedure) -> str:
        return str(record.entered_by) if record.entered_by else "―"

    def render_flags(self, value: list[str] | None, record: Procedure) -> SafeString | str:
        marks = self.subject_flags.get(record.pk, [])
        if not value and not marks:
            return "―"
        shown = format_html_join(
            " ", '<span class="badge badge-shien">{}</span>', ((m,) for m in marks)
        )
        flags = format_html_join(
            " ", '<span class="badge badge-flag">{}</span>', ((str(f),) for f in value or [])
        )
        return format_html("{} {}", shown, flags) if marks and value else shown or flags

    def render_action(self, record: Procedure) -> SafeString:
        return format_html(
            '<a href="{}">審査する</a>', reverse("counter:review_detail", args=[record.pk])
        )


def subject_flags(records: list[Procedure], user: Any) -> dict[int, list[str]]:
    """The marks other apps put on each procedure's subjects (支援措置), for a page of
    the queue: the open reservations of reserving kinds (one query) and the entries of the
    others, then one ask of the registry for all of them."""
    keys: dict[int, list[str]] = {r.pk: [] for r in records}
    reserving: list[int] = []
    for record in records:
        try:
            kind = get_kind(record.kind)
        except LookupError:
            continue
        if kind.reserves:
            reserving.append(record.pk)
        elif record.entry:
            keys[record.pk] = [s.key for s in kind.subjects(record.entry)]
    if reserving:
        rows = Reservation.objects.filter(procedure_id__in=reserving, is_open=True)
        for pk, subject in rows.values_list("procedure_id", "subject"):
            keys[pk].append(subject)
    marks = registry.subject_marks(sorted({k for ks in keys.values() for k in ks}), user)
    if not marks:
        return {}
    return {pk: sorted({marks[k].label for k in ks if k in marks}) for pk, ks in keys.items()}


def review_queue_rows() -> QuerySet[Procedure]:
    return (
        Procedure.objects.filter(state=S.SHOUGOU)
        .select_related("reception", "entered_by")
        .order_by("entered_at", "pk")
    )


@allow(*BACKYARD_ROLES)
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """審査 queue: kind, 番号札, minutes waiting, enterer, flags; a count per kind on top."""
    counts = [
        (kind_label_of(row["kind"]), row["n"])
        for row in Procedure.objects.filter(state=S.SHOUGOU)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    ]
    table = paginate(request, ReviewQueueTable(review_queue_rows(), now=timezone.now()))
    records = [row.record for row in table.page.object_list]
    table.subject_flags = subject_flags(records, request.user)
    return render(
        request,
        "counter/review_queue.html",
        {
            "table": table,
            "counts": counts,
            "total": sum(n for _, n in counts),
            "alerts": registry.staff_alerts(),
        },
    )


# --------------------------------------------------------------------------- 審査 detail


def render_review(
    request: HttpRequest,
    procedure: Procedure,
    kind: ProcedureKind,
    *,
    sent: ApproveForm | ReturnForm | None = None,
    refusal: str | None = None,
) -> HttpResponse:
    """The 審査 page; `sent` is the 承認 or 差戻し form as submitted, shown again."""
    approve_form = sent if isinstance(sent, ApproveForm) else ApproveForm()
    return_form = sent if isinstance(sent, ReturnForm) else ReturnForm()
    user = acting_user(request)
    marks, hidden = procedure_marks(kind, procedure, user)  # 支援措置 (juki.shien)
    blocks = hiding.mask_blocks(review_blocks(kind, procedure), user, hidden)  # j1390 too
    return render(
        request,
        "counter/review_detail.html",
        {
            "procedure": procedure,
            "reception": procedure.reception,
            "kind": kind,
            "blocks": blocks,
            "changed_count": sum(1 for b in blocks for r in b.rows if r.changed),
            "approve_form": approve_form,
            "return_form": return_form,
            "refusal": refusal,
            "subject_marks": marks,
            "subject_notes": procedure_notes(kind, procedure, user),  # 本人通知 (j1230)
            "can_decide": procedure.state == S.SHOUGOU,
            # The machine's own rule (maker-checker, city staff only) decides what is offered.
            "may_approve": has_transition_perm(procedure.shounin, user),
            "may_return": has_transition_perm(procedure.sashimodoshi, user),
        },
    )


@allow(*BACKYARD_ROLES)
@require_GET
def review_detail(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """審査: the register before and after, item by item; 承認 or 差戻し."""
    procedure = load_procedure(procedure_pk)
    return render_review(request, procedure, kind_of(procedure))


def _decide(
    request: HttpRequest,
    procedure_pk: int,
    form: ApproveForm | ReturnForm,
    act: Callable[..., object],
    done: str,
) -> HttpResponse:
    """承認 or 差戻し from the 審査 page; a refusal is shown on that page again."""
    procedure = load_procedure(procedure_pk)
    kind = kind_of(procedure)
    if not form.is_valid():
        return render_review(request, procedure, kind, sent=form)
    arguments = {"reason": form.cleaned_data["reason"]} if "reason" in form.fields else {}
    try:
        return run_act(
            request,
            act,
            procedure,
            **arguments,
            then=reverse("counter:review_queue"),
            success_message=f"{procedure.reception} の{kind.label}を{done}。",
        )
    except ProcedureRefused as refused:
        message = show_refusal(form, refused)
        return render_review(request, procedure, kind, sent=form, refusal=message)


@allow(*BACKYARD_ROLES)
@require_POST
def review_approve(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """承認入力: the register changes now; only with 「内容を確認しました」 ticked."""
    return _decide(
        request, procedure_pk, ApproveForm(data=request.POST), do_approve, "承認しました"
    )


@allow(*BACKYARD_ROLES)
@require_POST
def review_return(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """差戻し: back to the window with a reason (required)."""
    return _decide(
        request, procedure_pk, ReturnForm(data=request.POST), do_return, "差し戻しました"
    )


# --------------------------------------------------------------------------- 他課 notices


@dataclass(frozen=True)
class NoticeGroup:
    """The day's messages to one department (住民異動届（他課用）)."""

    destination: str
    label: str
    messages: list[OutboxMessage]


def scalar_text(value: Any) -> str:
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def payload_text(payload: Any) -> str:
    """A message's content on one line (key: value …)."""
    if isinstance(payload, dict):
        return "　".join(f"{key}: {scalar_text(value)}" for key, value in payload.items())
    return json.dumps(payload, ensure_ascii=False)


@allow(*BACKYARD_ROLES)
@require_GET
def notices_today(request: HttpRequest) -> HttpResponse:
    """住民異動届（他課用）: today's messages to the other departments, by department."""
    now = timezone.localtime()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    rows = OutboxMessage.objects.filter(
        destination__startswith="takka_", created_at__gte=start
    ).order_by("destination", "created_at", "pk")
    groups = [
        NoticeGroup(destination, registry.destination_label(destination), list(items))
        for destination, items in itertools.groupby(rows, key=lambda m: m.destination)
    ]
    for group in groups:
        for message in group.messages:
            message.payload_text = payload_text(message.payload)  # type: ignore[attr-defined]
    return render(
        request,
        "counter/notices_today.html",
        {"groups": groups, "today": now.date(), "total": sum(len(g.messages) for g in groups)},
    )
