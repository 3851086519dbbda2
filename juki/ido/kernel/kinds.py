"""Bases of the 異動 kinds: an entry form kind, and one whose document is the 確認用住民票."""

from __future__ import annotations

import datetime
from abc import abstractmethod
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast, get_args

from django import forms

from counter.kind_entry import Entry
from counter.kind_plan import Problem, forget_plans, planned
from counter.procedure_kinds import (
    HandoverDocument,
    ProcedureKind,
    ReviewBlock,
    ReviewRow,
    Subject,
)
from counter.procedure_models import Procedure
from counter.services import ProcedureRefused
from juki.gaiji import gaiji_alert
from juki.manifest import IDO

from .approval import Approval
from .dates import wareki_text
from .kakunin import KAKUNIN_NAME
from .register import is_approved

if TYPE_CHECKING:
    from counter.models import StaffUser, Terminal

E = TypeVar("E", bound=Entry)
P = TypeVar("P")


class FormEntryKind(ProcedureKind):
    """A kind whose entry form takes `(data, entry=…)` and leaves the entry on `form.entry`."""

    form_class: ClassVar[type[forms.BaseForm]]
    template: ClassVar[str]

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        form = self.form_class(data, entry=procedure.entry or None)  # type: ignore[call-arg]
        return cast(forms.Form, form)

    def entry_template(self) -> str:
        return self.template

    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        entry = getattr(form, "entry", None)
        if not entry:
            raise ValueError(f"clean_entry() needs a valid {self.form_class.__name__}")
        return dict(entry)


class KakuninKind(FormEntryKind):
    """A kind whose document before 承認 is the 確認用住民票 (its ``confirmation_pdf``)."""

    @abstractmethod
    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        """The household as it would be after 承認 (unsaved objects; no writes)."""

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not procedure.entry or procedure.result:
            return []
        entry = procedure.entry
        return [
            HandoverDocument(
                "kakunin_juminhyo", KAKUNIN_NAME, lambda: self.confirmation_pdf(procedure, entry)
            )
        ]


class PlannedKind(FormEntryKind, Generic[E, P]):
    """An 異動 kind on the kernel: a typed entry, one ``plan(entry, *, lock)``.

    A kind names its ``planner`` (or writes ``plan``), which collects every problem (see
    ``counter.kind_plan``), and writes ``subjects_of``, ``flags_of``, ``review_of``,
    ``apply_plan`` and ``summary_of``. Its ``entry_class`` is the ``E`` it is declared
    with (``PlannedKind[TenkyoEntry, TenkyoPlan]``), unless it names one.
    The procedure's JSON is read through ``entry_of`` (upgrading older versions), and
    the plan of one entry is made at most once per request (``planned``).
    """

    category = IDO
    #: the entry's type: the ``E`` of the kind's declaration (see ``__init_subclass__``)
    entry_class: ClassVar[type[Entry]]
    #: ``planner(entry, *, lock)``: the kind's plan, when a function makes it
    planner: ClassVar[Callable[..., Any]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "entry_class" in cls.__dict__:
            return
        for base in getattr(cls, "__orig_bases__", ()):
            declared = get_args(base)[:1]
            if declared and isinstance(declared[0], type) and issubclass(declared[0], Entry):
                cls.entry_class = declared[0]
                return

    # --- what a kind writes ----------------------------------------------------------

    def plan(self, entry: E, *, lock: bool = False) -> P:
        """The entry resolved against the register; PlanRefused lists every problem."""
        return cast(P, type(self).planner(entry, lock=lock))

    def subjects_of(self, entry: E) -> Sequence[Subject]:
        return ()

    def flags_of(self, plan: P) -> list[str]:
        return list(getattr(plan, "flags", []) or [])

    def refused_flags(self, entry: E, refusal: ProcedureRefused) -> list[str]:
        """The queue's flags when the entry would be refused at 承認 (dates still warn)."""
        return [f"承認できない内容があります：{refusal.message}"]

    def summary_of(self, entry: E) -> str:
        """One line about the entry (the machine's ``entry_summary``)."""
        return ""

    @abstractmethod
    def review_of(self, procedure: Procedure, plan: P) -> list[ReviewBlock]:
        """The before/after of an open procedure, from its plan."""

    @abstractmethod
    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        """What the 承認 did, from ``procedure.result`` (the register has moved on)."""

    @abstractmethod
    def apply_plan(self, plan: P, approval: Approval) -> dict[str, Any]:
        """Change the register at 承認 from the locked plan; return the result."""

    # --- the machine's side, in terms of the above -------------------------------------

    def entry_of(self, data: dict[str, Any] | Entry) -> E:
        if isinstance(data, Entry):
            return cast(E, data)
        return cast(E, self.entry_class.from_json(data))

    def planned(self, data: dict[str, Any] | Entry, *, lock: bool = False) -> P:
        entry = self.entry_of(data)
        return planned(self.code, entry, lambda: self.plan(entry, lock=lock), lock=lock)

    def entry_summary(self, entry: dict[str, Any]) -> str:
        return self.summary_of(self.entry_of(entry))

    def subjects(self, entry: dict[str, Any]) -> Sequence[Subject]:
        return self.subjects_of(self.entry_of(entry))

    def flags(self, entry: dict[str, Any]) -> list[str]:
        typed = self.entry_of(entry)
        # 外字 (j1070): the 審査 queue and page show it; the output is checked by hand
        gaiji = [alert] if (alert := gaiji_alert(entry_texts(entry))) else []
        try:
            return gaiji + self.flags_of(self.planned(typed))
        except ProcedureRefused as exc:
            return gaiji + self.refused_flags(typed, exc)

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if is_approved(procedure):
            return self.review_approved(procedure)
        try:
            plan = self.planned(procedure.entry)
        except ProcedureRefused as exc:
            return [refused_block(exc)]
        return self.review_of(procedure, plan)

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = self.planned(procedure.entry, lock=True)
        result = self.apply_plan(plan, Approval(procedure, acting_user, terminal))
        forget_plans()
        return result


def content_block(
    title: str, todoke_date: datetime.date | None, *rows: tuple[str, str]
) -> ReviewBlock:
    """The 審査's first block, what the 届出 says: its 届出年月日, then ``rows`` (label,
    value). Nothing stood there before, so no row has a before."""
    items = [("届出年月日", wareki_text(todoke_date)), *rows]
    return ReviewBlock(title, [ReviewRow(label, "", value) for label, value in items])


def entry_texts(value: Any) -> list[str]:
    """Every text of an entry's JSON (its names and addresses among them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [text for item in value for text in entry_texts(item)]
    return []


def refused_block(refusal: ProcedureRefused) -> ReviewBlock:
    """The 審査 view of an entry that cannot be approved: every reason, one per row."""
    problems = getattr(refusal, "problems", None) or [Problem(refusal.field, refusal.message)]
    return ReviewBlock("承認できない理由", [ReviewRow("エラー", "", p.message) for p in problems])
