"""Guards: checks another app registers that can block an act on a procedure's subjects.

A guard is ``Guard(name, check)``; ``check(act, procedure, subjects, user)`` returns a
refusal reason in Japanese (shown to the clerk as it is, so it names its rule), or None
to let the act go on. 支援措置 will be one: an app declares it in its manifest
(``guards()``, see counter.registry), and every kind, present and future, is protected
without a line of its own. A kind may add guards of its own (``ProcedureKind.guards()``).

The services call the guards before each act (:class:`Act`), inside the act's
transaction, with the persons the procedure touches (its kind's ``subjects``; none yet
at 受付). The first refusal stops the act: ``ProcedureRefused`` carries the reason and
the refusal is written to the 操作ログ. A guard must only read.

取下げ and 完了 are never guarded: a withdrawal releases persons, it cannot harm them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import StaffUser
    from .procedure_kinds import ProcedureKind, Subject
    from .procedure_models import Procedure


class Act(StrEnum):
    """The acts a guard may block."""

    UKETSUKE = "uketsuke"
    KARI_TOUROKU = "kari_touroku"
    SHOUGOU = "shougou"
    SHOUNIN = "shounin"
    KOUFU = "koufu"

    @property
    def label(self) -> str:
        return ACT_LABELS[self]


ACT_LABELS = {
    Act.UKETSUKE: "受付",
    Act.KARI_TOUROKU: "仮登録",
    Act.SHOUGOU: "照合",
    Act.SHOUNIN: "承認",
    Act.KOUFU: "交付",
}

GuardCheck = Callable[[Act, "Procedure", Sequence["Subject"], "StaffUser"], "str | None"]


@dataclass(frozen=True)
class Guard:
    """A named check (the name is recorded in the 操作ログ with each refusal)."""

    name: str
    check: GuardCheck


@dataclass(frozen=True)
class GuardRefusal:
    guard: Guard
    reason: str


def first_refusal(
    act: Act,
    procedure: Procedure,
    kind: ProcedureKind,
    subjects: Sequence[Subject],
    user: StaffUser,
) -> GuardRefusal | None:
    """The first guard (registered ones, then the kind's own) that refuses the act."""
    from . import registry

    for guard in (*registry.guards(), *kind.guards()):
        reason = guard.check(act, procedure, subjects, user)
        if reason:
            return GuardRefusal(guard, str(reason))
    return None
