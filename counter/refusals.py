"""Refused acts: the exception the services raise, the 操作ログ of refusals, the guards
run before each act, and maker-checker read from the transition history.

A refusal by a guard (counter.guards), by maker-checker or by a missing permission is
written to the 操作ログ (action 拒否) after the act's own transaction has rolled back
(`audited` wraps every `do_*`). A caller that wraps the act in a transaction of its own
calls `record_refusal()` once that transaction has rolled back too (the views' run_once
does): the first row went with it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from django.db import transaction

from . import audit, registry
from .guards import Act, first_refusal
from .models import AuditAction, StaffUser, Terminal
from .procedure_kinds import ProcedureKind
from .procedure_models import Procedure, ProcedureState, ProcedureTransition

S = ProcedureState


@dataclass
class RefusalRecord:
    """What the 操作ログ keeps of a refused act."""

    user: StaffUser
    terminal_code: str
    target: audit.AuditTarget
    detail: dict[str, Any] = field(default_factory=dict)
    #: the last row was written inside a transaction that may still roll back
    pending: bool = False


class ProcedureRefused(Exception):
    """A rule blocks the act; the message says which, in Japanese.

    `audit` is set for the refusals the 操作ログ keeps (a guard, maker-checker, a
    missing permission); a wrong state or a missing field is only shown.
    """

    def __init__(
        self, message: str, *, field: str | None = None, audit: RefusalRecord | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.audit = audit


def write_refusal(refused: ProcedureRefused) -> None:
    record = refused.audit
    if record is None:
        return
    audit.record(
        AuditAction.REFUSED,
        user=record.user,
        terminal_code=record.terminal_code,
        target=record.target,
        detail={**record.detail, "reason": refused.message},
    )
    record.pending = transaction.get_connection().in_atomic_block


def record_refusal(refused: ProcedureRefused) -> None:
    """Write a refusal again after the caller's own transaction rolled back (idempotent
    otherwise): call it where the ProcedureRefused left that transaction."""
    if refused.audit is not None and refused.audit.pending:
        write_refusal(refused)


P = ParamSpec("P")
R = TypeVar("R")


def audited(func: Callable[P, R]) -> Callable[P, R]:
    """Write an audited refusal once the act's own transaction has rolled back."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ProcedureRefused as refused:
            write_refusal(refused)
            raise

    return wrapper


def terminal_code(terminal: Terminal | None) -> str:
    return terminal.code if terminal else ""


def target_of(procedure: Procedure) -> audit.AuditTarget:
    return audit.AuditTarget(
        "procedure", str(procedure.pk), f"{procedure.reception} {procedure.kind}"
    )


def check_guards(
    act: Act,
    procedure: Procedure,
    kind: ProcedureKind,
    entry: dict[str, Any] | None,
    user: StaffUser,
    terminal: Terminal | None,
) -> None:
    """Run the guards before an act; the subjects are computed only when a guard exists."""
    if not registry.guards() and not kind.guards():
        return
    subjects = list(kind.subjects(entry)) if entry else []
    refusal = first_refusal(act, procedure, kind, subjects, user)
    if refusal is None:
        return
    raise ProcedureRefused(
        refusal.reason,
        audit=RefusalRecord(
            user,
            terminal_code(terminal),
            target_of(procedure),
            {
                "act": act.value,
                "rule": "guard",
                "guard": refusal.guard.name,
                "subjects": [s.key for s in subjects],
            },
        ),
    )


@dataclass(frozen=True)
class MakerAct:
    """One 仮登録 or 照合 of a procedure; round 1 is before the first 差戻し."""

    user_id: int
    act: str
    round: int


def maker_acts(procedure: Procedure) -> list[MakerAct]:
    """Every 仮登録 and 照合 of the procedure, in every round, read from its transition
    history in one query (the entered_by/checked_by fields only know the last round)."""
    rows = (
        ProcedureTransition.objects.filter(
            procedure_id=procedure.pk,
            to_state__in=[S.KARI_TOUROKU, S.SHOUGOU, S.SASHIMODOSHI],
        )
        .order_by("id")
        .values_list("by_id", "to_state")
    )
    acts: list[MakerAct] = []
    round_no = 1
    for by_id, to_state in rows:
        if to_state == S.SASHIMODOSHI:
            round_no += 1
        else:
            acts.append(MakerAct(by_id, ProcedureState(to_state).label, round_no))
    return acts


def approval_refusal(procedure: Procedure, user: StaffUser) -> str | None:
    """Why this user may not approve this procedure (maker-checker), or None. One query.

    Nobody who entered or checked the procedure in any round may approve it. The
    screens use this to offer the 承認 button only to whoever may press it."""
    if not user.has_perm("counter.approve_procedure"):
        return "承認入力は市の職員だけが行えます（受注者は承認できません）。"
    acts = maker_acts(procedure)
    mine = [a for a in acts if a.user_id == user.pk]
    if not mine:
        return None
    last_round = max(a.round for a in acts)
    done = "、".join(
        dict.fromkeys(
            f"{a.act}（第{a.round}回・差戻し前）" if a.round < last_round else a.act for a in mine
        )
    )
    return (
        "この手続を仮登録または照合した人は承認できません"
        f"（あなたはこの手続の{done}をしています。別の職員が承認します）。"
    )
