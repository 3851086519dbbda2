"""The only way a visit or a procedure changes. Views call these; nothing else does.

Each `do_*` is one transaction: the transition, its history row, the reservations, the
kind's side effect (the register at 承認) and the 操作ログ row commit or roll back
together. A concurrent second approval of the same procedure fails on the state check
(ConcurrentTransitionMixin) and changes nothing.

Before each act (受付, 仮登録, 照合, 承認, 交付) the guards run (counter.guards) on the
procedure's subjects. A refusal by a guard, by maker-checker or by a missing permission
is written to the 操作ログ after the act's transaction has rolled back (`@_audited`);
a caller that wraps the act in a transaction of its own calls `record_refusal()` after
that transaction rolled back too (views: `run_once`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import (
    ConcurrentTransition,
    TransitionNotAllowed,
    can_proceed,
    has_transition_perm,
)

from . import audit, registry
from .guards import Act
from .models import AuditAction, StaffUser, Terminal
from .procedure_kinds import Subject, applying, get_kind
from .procedure_models import (
    PHOTO_ID_DOCUMENTS,
    IdDocument,
    Procedure,
    ProcedureState,
    ProcedureTransition,
    Reception,
    ReceptionChannel,
    Reservation,
    TicketSequence,
    VisitorKind,
)
from .refusals import ProcedureRefused as ProcedureRefused
from .refusals import RefusalRecord, check_guards, target_of, terminal_code
from .refusals import approval_refusal as approval_refusal
from .refusals import audited as _audited
from .refusals import maker_acts as maker_acts
from .refusals import record_refusal as record_refusal

S = ProcedureState


def id_documents_problem(kinds: Sequence[str]) -> str | None:
    """None when the documents shown suffice: one photo ID, or two others."""
    chosen = {IdDocument(k) for k in kinds}
    if chosen & PHOTO_ID_DOCUMENTS or len(chosen) >= 2:
        return None
    return "本人確認書類は、顔写真付きのもの1点か、それ以外のもの2点が必要です。"


def _next_ticket(day: datetime.date, category: str) -> int:
    seq, _ = TicketSequence.objects.select_for_update().get_or_create(
        ticket_date=day, category=category
    )
    seq.last_no += 1
    seq.save(update_fields=["last_no"])
    return seq.last_no


def _sequence_key(category: str, channel: str) -> str:
    # the window's 番号札 keep their own numbers: a postal reception never takes one
    return category if channel == ReceptionChannel.MADOGUCHI else f"{category}:{channel}"


@_audited
@transaction.atomic
def do_receive(
    *,
    acting_user: StaffUser,
    terminal: Terminal | None,
    category: str,
    visitor_kind: VisitorKind | str,
    visitor_name: str,
    id_documents: Sequence[str],
    has_ininjo: bool,
    kinds: Sequence[str],
    note: str = "",
    channel: ReceptionChannel | str = ReceptionChannel.MADOGUCHI,
) -> Reception:
    """受付: the visit, its 番号札 (per day and category) and one procedure per kind asked.

    The category is a registered 窓口区分 and every kind asked for is one of its kinds.
    A 郵送請求 (channel YUUSOU) has no 番号札: its 受付番号 is numbered apart, and the
    本人確認書類 are the copies in the envelope (the app of the request records them)."""
    try:
        counter_category = registry.category(str(category))
    except LookupError:
        raise ProcedureRefused("窓口区分を選んでください。", field="category") from None
    if not kinds:
        raise ProcedureRefused("受け付ける手続を1つ以上選んでください。", field="kinds")
    if channel not in ReceptionChannel.values:
        raise ProcedureRefused("受付経路が正しくありません。", field="channel")
    problem = "" if channel == ReceptionChannel.YUUSOU else id_documents_problem(id_documents)
    if problem:
        raise ProcedureRefused(problem, field="id_documents")
    if visitor_kind == VisitorKind.DAIRININ and not has_ininjo:
        raise ProcedureRefused("代理人の届出には委任状が必要です。", field="has_ininjo")
    for code in kinds:
        kind = get_kind(code)  # unknown kinds fail before anything is written
        if not kind.is_offered():
            raise ProcedureRefused(
                f"{kind.label}はこの市区町村では受け付けない手続です。", field="kinds"
            )
        if str(kind.category) != counter_category.code:
            raise ProcedureRefused(
                f"{kind.label}は窓口区分「{counter_category.label}」の手続ではありません"
                f"（「{registry.category_label(str(kind.category))}」で受け付けてください）。",
                field="kinds",
            )
    now = timezone.now()
    day = timezone.localdate(now)
    reception = Reception.objects.create(
        ticket_date=day,
        category=counter_category.code,
        ticket_no=_next_ticket(day, _sequence_key(counter_category.code, str(channel))),
        channel=channel,
        visitor_kind=visitor_kind,
        visitor_name=visitor_name,
        id_documents=list(id_documents),
        has_ininjo=has_ininjo,
        note=note,
        received_by=acting_user,
        terminal_code=terminal.code if terminal else "",
        received_at=now,
    )
    procedures = Procedure.objects.bulk_create(
        [Procedure(reception=reception, kind=code, created_at=now) for code in kinds]
    )
    for procedure in procedures:
        kind = get_kind(procedure.kind)
        check_guards(Act.UKETSUKE, procedure, kind, None, acting_user, terminal)
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        terminal_code=terminal.code if terminal else "",
        target=audit.AuditTarget("reception", str(reception.pk), str(reception)),
        detail={"act": "受付", "kinds": list(kinds)},
    )
    return reception


def _move(
    procedure: Procedure,
    method: Callable[[], None],
    *,
    acting_user: StaffUser,
    terminal: Terminal | None,
    reason: str = "",
    update_fields: Sequence[str] = (),
    effect: Callable[[], None] | None = None,
) -> None:
    """Run one transition with its permission check, history row and optimistic lock.

    `effect` runs once the transition is allowed, before the procedure is saved, so that
    what it sets on the procedure goes out in the same UPDATE."""
    before = procedure.state
    if not has_transition_perm(method, acting_user):
        label = ProcedureState(before).label
        text, not_permitted = _refusal_text(procedure, method.__name__, acting_user, label)
        record = RefusalRecord(
            acting_user,
            terminal_code(terminal),
            target_of(procedure),
            {"act": method.__name__, "rule": "permission", "state": before},
        )
        raise ProcedureRefused(text, audit=record if not_permitted else None)
    try:
        method()
    except TransitionNotAllowed as exc:
        raise ProcedureRefused(
            f"状態が「{ProcedureState(before).label}」のため、この操作はできません。"
        ) from exc
    if effect is not None:
        effect()
    # No savepoint: a lost race raises no database error, and the refusal below rolls the
    # whole act back with its transaction.
    try:
        procedure.save(update_fields=["state", *update_fields])
    except ConcurrentTransition as exc:
        raise ProcedureRefused(
            "この手続は他の職員が先に処理しました。画面を開き直して状態を確認してください。"
        ) from exc
    ProcedureTransition.objects.create(
        procedure=procedure,
        from_state=before,
        to_state=procedure.state,
        by=acting_user,
        terminal_code=terminal.code if terminal else "",
        at=timezone.now(),
        reason=reason,
    )
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        terminal_code=terminal.code if terminal else "",
        target=target_of(procedure),
        detail={"from": before, "to": procedure.state, "reason": reason},
    )


def _refusal_text(
    procedure: Procedure, act: str, user: StaffUser, state_label: str
) -> tuple[str, bool]:
    """The refusal's text, and whether it is the user's (audited) rather than the state's."""
    if act == "shounin":
        if not user.has_perm("counter.approve_procedure"):
            return "承認入力は市の職員だけが行えます（受注者は承認できません）。", True
        if user.pk in (procedure.entered_by_id, procedure.checked_by_id):
            text = "この手続を仮登録または照合した人は承認できません（別の職員が承認します）。"
            return text, True
    if act == "sashimodoshi" and not user.has_perm("counter.approve_procedure"):
        return "差戻しは市の職員だけが行えます。", True
    if not user.has_perm("counter.view_resident"):
        return "この操作は窓口の職員等だけが行えます。", True
    return f"状態が「{state_label}」のため、この操作はできません。", False


def _guarded(
    act: Act,
    procedure: Procedure,
    method: Callable[[], None],
    entry: dict[str, Any] | None,
    user: StaffUser,
    terminal: Terminal | None,
) -> None:
    """The guards, when the state allows the act (a wrong state is refused by _move)."""
    if can_proceed(method, check_conditions=False):
        check_guards(act, procedure, get_kind(procedure.kind), entry, user, terminal)


def _reserve(procedure: Procedure, subjects: Sequence[Subject]) -> None:
    """Hold what the entry touches; refuse when another open procedure holds it."""
    wanted = {s.key: s for s in subjects}
    Reservation.objects.filter(procedure=procedure, is_open=True).exclude(
        subject__in=wanted
    ).update(is_open=False)
    held = set(
        Reservation.objects.filter(procedure=procedure, is_open=True).values_list(
            "subject", flat=True
        )
    )
    for key, subject in wanted.items():
        if key in held:
            continue
        other = (
            Reservation.objects.filter(subject=key, is_open=True)
            .select_related("procedure__reception")
            .first()
        )
        if other is not None:
            first = other.procedure
            raise ProcedureRefused(
                f"{subject.label}は、{first.reception.category_label}"
                f"{first.reception.ticket_no}番の{get_kind(first.kind).label}"
                f"（{first.get_state_display()}）で手続中です。先にその手続を完了するか取り下げてください。"
            )
        try:
            with transaction.atomic():
                Reservation.objects.create(procedure=procedure, subject=key, label=subject.label)
        except IntegrityError as exc:  # a concurrent procedure took it a moment ago
            raise ProcedureRefused(f"{subject.label}は、他の手続で手続中です。") from exc


def _release(procedure: Procedure) -> None:
    Reservation.objects.filter(procedure=procedure, is_open=True).update(is_open=False)


def _locked(procedure: Procedure) -> Procedure:
    """The procedure re-read under a row lock, so each act sees the committed state."""
    return Procedure.objects.select_for_update().select_related("reception").get(pk=procedure.pk)


@_audited
@transaction.atomic
def do_enter(
    procedure: Procedure,
    entry: dict[str, Any],
    *,
    acting_user: StaffUser,
    terminal: Terminal | None,
) -> Procedure:
    """仮登録: keep the entry, reserve what it touches; the register does not change."""
    procedure = _locked(procedure)
    kind = get_kind(procedure.kind)
    # the guards see the entry being entered: a kind's requester() reads it (支援措置)
    procedure.entry = entry
    _guarded(Act.KARI_TOUROKU, procedure, procedure.kari_touroku, entry, acting_user, terminal)
    procedure.flags = kind.flags(entry)
    procedure.entered_by = acting_user
    procedure.entered_at = timezone.now()
    if kind.reserves:
        _reserve(procedure, kind.subjects(entry))
    _move(
        procedure,
        procedure.kari_touroku,
        acting_user=acting_user,
        terminal=terminal,
        update_fields=["entry", "flags", "entered_by", "entered_at"],
    )
    return procedure


@_audited
@transaction.atomic
def do_check(
    procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None, all_ticked: bool
) -> Procedure:
    """照合: only when every block was ticked against the paper."""
    if not all_ticked:
        raise ProcedureRefused("すべての項目を届出書と照合し、チェックを付けてください。")
    procedure = _locked(procedure)
    _guarded(Act.SHOUGOU, procedure, procedure.shougou, procedure.entry, acting_user, terminal)
    procedure.checked_by = acting_user
    procedure.entry_at_check = procedure.entry
    _move(
        procedure,
        procedure.shougou,
        acting_user=acting_user,
        terminal=terminal,
        update_fields=["checked_by", "entry_at_check"],
    )
    return procedure


@_audited
@transaction.atomic
def do_approve(
    procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
) -> Procedure:
    """承認: the register changes now, in this transaction, through the kind's apply().

    Maker-checker reads the history: whoever entered or checked the procedure in any
    round (before a 差戻し too) is refused, with the reason."""
    procedure = _locked(procedure)
    # Another state, or a user who may not approve at all, is refused by the transition.
    if procedure.state == S.SHOUGOU and acting_user.has_perm("counter.approve_procedure"):
        refusal = approval_refusal(procedure, acting_user)
        if refusal is not None:
            raise ProcedureRefused(
                refusal,
                audit=RefusalRecord(
                    acting_user,
                    terminal_code(terminal),
                    target_of(procedure),
                    {"act": "shounin", "rule": "maker_checker"},
                ),
            )
    kind = get_kind(procedure.kind)
    _guarded(Act.SHOUNIN, procedure, procedure.shounin, procedure.entry, acting_user, terminal)
    procedure.approved_by = acting_user
    procedure.approved_at = timezone.now()

    def apply() -> None:
        with applying(procedure):
            procedure.result = kind.apply(procedure, acting_user=acting_user, terminal=terminal)

    _move(
        procedure,
        procedure.shounin,
        acting_user=acting_user,
        terminal=terminal,
        update_fields=["approved_by", "approved_at", "result"],
        effect=apply,
    )
    _release(procedure)
    return procedure


def _step(
    procedure: Procedure,
    transition: str,
    *,
    acting_user: StaffUser,
    terminal: Terminal | None,
    guard: Act | None = None,
    reason: str | None = None,
) -> Procedure:
    """A transition that only moves the re-read procedure: after its act's guards when
    given, keeping the reason (return_reason and the history row) when the act takes one."""
    procedure = _locked(procedure)
    method = getattr(procedure, transition)
    if guard is not None:
        _guarded(guard, procedure, method, procedure.entry, acting_user, terminal)
    update_fields: list[str] = []
    if reason is not None:
        procedure.return_reason = reason
        update_fields.append("return_reason")
    _move(
        procedure,
        method,
        acting_user=acting_user,
        terminal=terminal,
        reason=reason or "",
        update_fields=update_fields,
    )
    return procedure


def _required_reason(reason: str, act_label: str) -> str:
    if not reason.strip():
        raise ProcedureRefused(f"{act_label}の理由を入力してください。", field="reason")
    return reason.strip()


@_audited
@transaction.atomic
def do_return(
    procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None, reason: str
) -> Procedure:
    """差戻し: back to the window; a reason is required."""
    reason = _required_reason(reason, "差戻し")
    return _step(
        procedure, "sashimodoshi", acting_user=acting_user, terminal=terminal, reason=reason
    )


@_audited
@transaction.atomic
def do_withdraw(
    procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None, reason: str
) -> Procedure:
    """取下げ: before 承認 only; nothing changes, the reservations end."""
    reason = _required_reason(reason, "取下げ")
    procedure = _step(
        procedure, "torisage", acting_user=acting_user, terminal=terminal, reason=reason
    )
    _release(procedure)
    return procedure


@transaction.atomic
def do_call(reception: Reception, *, acting_user: StaffUser, window: str) -> Reception:
    """呼出: puts the 番号札 on the board; only when every procedure is approved."""
    reception = Reception.objects.select_for_update().get(pk=reception.pk)
    states = set(reception.procedures.values_list("state", flat=True))
    if not states <= {ProcedureState.SHOUNIN, ProcedureState.TORISAGE} or states == {
        ProcedureState.TORISAGE
    }:
        raise ProcedureRefused("承認されていない手続があるため、まだ呼び出せません。")
    reception.called_at = timezone.now()
    reception.called_window = window
    reception.save(update_fields=["called_at", "called_window"])
    return reception


@_audited
@transaction.atomic
def do_issue(
    procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
) -> Procedure:
    """交付: the documents are handed over; the kind produces what it issues now (a
    certificate's final copies and its 交付履歴: ``ProcedureKind.issue``), in this
    transaction, so a failure leaves the procedure 承認済."""
    procedure = _step(
        procedure, "koufu", acting_user=acting_user, terminal=terminal, guard=Act.KOUFU
    )
    get_kind(procedure.kind).issue(procedure, acting_user=acting_user, terminal=terminal)
    return procedure


@_audited
@transaction.atomic
def do_complete(
    procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
) -> Procedure:
    """完了: papers filed after 交付."""
    return _step(procedure, "kanryou", acting_user=acting_user, terminal=terminal)


@_audited
@transaction.atomic
def do_complete_many(
    procedures: Iterable[Procedure], *, acting_user: StaffUser, terminal: Terminal | None
) -> list[Procedure]:
    """完了 for several handed-over procedures at once (a day's, or a reception's): all
    or none (the first refusal stops the batch and nothing is completed)."""
    done = [do_complete(p, acting_user=acting_user, terminal=terminal) for p in procedures]
    if not done:
        raise ProcedureRefused("完了にする交付済みの手続がありません。")
    return done
