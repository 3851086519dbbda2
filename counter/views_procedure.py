"""取下げ, 完了, and the 監督者's list of procedures open too long.

- 取下げ (window and backyard): a reason is required; the persons the procedure reserved
  are released at once, so they can be entered in a new procedure.
- 完了: the handed-over (交付) procedures of a day, or of one reception, are completed
  together once their papers are filed.
- 長期未処理: procedures still open after ``settings.PROCEDURE_OVERDUE_DAYS`` days, oldest
  first, so a 監督者 can chase or withdraw them.

Views are thin: the writes are `do_withdraw` / `do_complete_many`, under the form's
one-time token (`run_once`).
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from typing import Any, ClassVar

import django_tables2 as tables
from django.conf import settings
from django.contrib import messages
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jputil.wareki import to_wareki

from . import reads, registry
from .access import allow
from .forms_procedure import CompleteForm, WithdrawForm
from .models import AuditAction
from .procedure_models import (
    OPEN_STATES,
    Procedure,
    ProcedureState,
    ProcedureTransition,
    Reception,
)
from .roles import WINDOW_ROLES, Role, roles_of
from .services import ProcedureRefused, do_complete_many, do_withdraw
from .tables import StaffTable, paginate
from .templatetags.counter_tags import state_badge
from .views_common import (
    kind_label_of,
    load_procedure,
    procedure_target,
    run_act,
    show_refusal,
)

S = ProcedureState

OVERDUE_ROLES = (Role.SUPERVISOR,)


def overdue_days() -> int:
    return int(getattr(settings, "PROCEDURE_OVERDUE_DAYS", 3))


# --------------------------------------------------------------------------- 取下げ


def _next_path(request: HttpRequest) -> str:
    """The page to return to, when it is one of ours (?next=…)."""
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return ""


def _default_back(request: HttpRequest, procedure: Procedure) -> str:
    # A 監督者 withdraws from the 長期未処理 list; the window's desks from the ticket.
    if roles_of(request.user) & {Role.CONTRACTOR, Role.CLERK}:
        return reverse("counter:reception_ticket", args=[procedure.reception_id])
    return reverse("counter:overdue")


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def procedure_withdraw(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """取下げ: with a reason; the reserved persons are released at once."""
    procedure = load_procedure(procedure_pk)
    kind_label = kind_label_of(procedure.kind)
    back = _next_path(request) or _default_back(request, procedure)
    reserved = list(
        procedure.reservations.filter(is_open=True).order_by("pk").values_list("label", flat=True)
    )
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    refusal: str | None = None
    if request.method == "POST" and form.is_valid():
        released = f"（{'、'.join(reserved)}は別の手続で入力できます）" if reserved else ""
        try:
            return run_act(
                request,
                do_withdraw,
                procedure,
                reason=form.cleaned_data["reason"],
                then=back,
                success_message=f"{procedure.reception} の{kind_label}を取り下げました{released}。",
            )
        except ProcedureRefused as refused:
            refusal = show_refusal(form, refused)
    reads.declare(
        AuditAction.VIEW_RESIDENT,
        target=procedure_target(procedure),
        screen="取下げ",
        reserved=len(reserved),
    )
    return render(
        request,
        "counter/procedure_withdraw.html",
        {
            "procedure": procedure,
            "reception": procedure.reception,
            "kind_label": kind_label,
            "reserved": reserved,
            "form": form,
            "refusal": refusal,
            "back": back,
            "can_withdraw": procedure.is_withdrawable,
        },
    )


# --------------------------------------------------------------------------- 完了


@dataclass
class HandedOverDay:
    """The handed-over procedures of one day (the day of their 交付), by reception."""

    day: datetime.date
    receptions: list[tuple[Reception, list[Procedure]]]

    @property
    def count(self) -> int:
        return sum(len(procs) for _r, procs in self.receptions)


def handed_over() -> QuerySet[Procedure]:
    """Procedures in 交付, with the time of their 交付 (`koufu_at`), oldest first."""
    koufu_at = (
        ProcedureTransition.objects.filter(procedure=OuterRef("pk"), to_state=S.KOUFU)
        .order_by("-id")
        .values("at")[:1]
    )
    return (
        Procedure.objects.filter(state=S.KOUFU)
        .select_related("reception")
        .annotate(koufu_at=Subquery(koufu_at))
        .order_by("koufu_at", "pk")
    )


def _koufu_day(procedure: Procedure) -> datetime.date:
    moment = getattr(procedure, "koufu_at", None) or procedure.created_at
    return timezone.localdate(moment)


def handed_over_days(procedures: list[Procedure]) -> list[HandedOverDay]:
    days = []
    for day, of_day in itertools.groupby(procedures, key=_koufu_day):
        by_reception: dict[int, tuple[Reception, list[Procedure]]] = {}
        for procedure in of_day:
            entry = by_reception.setdefault(procedure.reception_id, (procedure.reception, []))
            entry[1].append(procedure)
        days.append(HandedOverDay(day, list(by_reception.values())))
    return days


def _to_complete(form: CompleteForm) -> list[Procedure]:
    day: datetime.date | None = form.cleaned_data.get("day")
    reception: int | None = form.cleaned_data.get("reception")
    if reception is not None:
        return list(Procedure.objects.filter(state=S.KOUFU, reception_id=reception))
    return [p for p in handed_over() if _koufu_day(p) == day]


@allow(*WINDOW_ROLES)
@require_GET
def completion(request: HttpRequest) -> HttpResponse:
    """完了: the handed-over procedures by day of 交付, to complete a day or a reception."""
    procedures = list(handed_over())
    return render(
        request,
        "counter/completion.html",
        {"days": handed_over_days(procedures), "total": len(procedures)},
    )


@allow(*WINDOW_ROLES)
@require_POST
def completion_post(request: HttpRequest) -> HttpResponse:
    """「完了にする」: every handed-over procedure of the chosen day or reception."""
    back = reverse("counter:completion")
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "完了にする交付日か受付を一つ選んでください。")
        return redirect(back)
    procedures = _to_complete(form)
    try:
        return run_act(
            request,
            do_complete_many,
            procedures,
            then=back,
            success_message=f"{len(procedures)}件の手続を完了にしました。",
        )
    except ProcedureRefused as refused:
        messages.error(request, refused.message)
        return redirect(back)


# --------------------------------------------------------------------------- 長期未処理


class OverdueTable(StaffTable):
    """Procedures open longer than the set number of days, oldest first."""

    created_at = tables.Column("受付日", orderable=False)
    ticket = tables.Column("番号札", accessor="reception", empty_values=(), orderable=False)
    kind = tables.Column("手続", orderable=False)
    state = tables.Column("状態", orderable=False)
    age = tables.Column("経過日数", accessor="created_at", empty_values=(), orderable=False)
    received_by = tables.Column(
        "受付者", accessor="reception__received_by", empty_values=(), orderable=False
    )
    entered_by = tables.Column("仮登録者", empty_values=(), orderable=False)
    action = tables.Column("操作", accessor="pk", empty_values=(), orderable=False)

    class Meta(StaffTable.Meta):
        empty_text = "長く処理されていない手続はありません。"
        attrs: ClassVar[dict[str, Any]] = {"class": "staff-table overdue-table"}

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def render_created_at(self, value: datetime.datetime) -> str:
        return to_wareki(timezone.localdate(value))

    def render_ticket(self, record: Procedure) -> str:
        reception = record.reception
        return f"{registry.category_label(reception.category)} {reception.ticket_no}番"

    def render_kind(self, value: str) -> str:
        return kind_label_of(value)

    def render_state(self, value: str) -> SafeString:
        return state_badge(value)

    def render_age(self, value: datetime.datetime) -> str:
        return f"{(self.today - timezone.localdate(value)).days}日"

    def render_received_by(self, value: Any) -> str:
        return str(value) if value else "―"

    def render_entered_by(self, record: Procedure) -> str:
        return str(record.entered_by) if record.entered_by else "―"

    def render_action(self, record: Procedure) -> SafeString:
        url = reverse("counter:procedure_withdraw", args=[record.pk])
        return format_html('<a href="{}?next={}">取下げ</a>', url, reverse("counter:overdue"))


def overdue_rows(days: int, now: datetime.datetime) -> QuerySet[Procedure]:
    return (
        Procedure.objects.filter(
            state__in=OPEN_STATES, created_at__lte=now - datetime.timedelta(days=days)
        )
        .select_related("reception", "reception__received_by", "entered_by")
        .order_by("created_at", "pk")
    )


@allow(*OVERDUE_ROLES)
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """長期未処理: procedures open longer than PROCEDURE_OVERDUE_DAYS, oldest first."""
    days = overdue_days()
    now = timezone.now()
    table = paginate(request, OverdueTable(overdue_rows(days, now), today=timezone.localdate(now)))
    return render(request, "counter/overdue.html", {"table": table, "days": days})
