"""Contract: every kind on the machine: its review before and after 承認, a failing
apply() that leaves every table as it was, and each act from each state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import models, transaction
from django.db.models.query import QuerySet

from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState, ProcedureTransition
from counter.services import ProcedureRefused
from juki.demo import examples
from juki.models import JuminRireki

from ..procedures import (
    ACTS,
    S,
    approve,
    enter_and_check,
    machine_transitions,
    procedure_in,
    snapshot,
)
from .cases import cases, single_cases

pytestmark = pytest.mark.django_db

REFUSAL_TITLE = "承認できない理由"


def titles(blocks: list[Any]) -> list[str]:
    return [b.title for b in blocks]


@pytest.mark.parametrize(("code", "persons"), cases())
def test_review_before_and_after_approval(code: str, persons: int, contractor, clerk) -> None:
    example = examples.for_kind(code, persons=persons)
    kind = get_kind(code)
    procedure = enter_and_check(code, example.entry, contractor)
    before = kind.review(procedure)
    assert before and any(b.rows for b in before)
    assert REFUSAL_TITLE not in titles(before), before
    approved = Procedure.objects.get(pk=approve(procedure, clerk).pk)
    # after 承認 the register has moved on: the review reads what 承認 did (its result)
    after = kind.review(approved)
    assert after and any(b.rows for b in after)
    assert REFUSAL_TITLE not in titles(after), after


class WriteFailed(Exception):
    """A write that fails inside apply() (a full disk, a lost connection …)."""


@contextmanager
def failing_writes(monkeypatch: pytest.MonkeyPatch, model: type[models.Model]) -> Iterator[None]:
    """Every save() and bulk_create() of ``model`` raises WriteFailed."""
    original_bulk = QuerySet.bulk_create

    def bulk_create(self: QuerySet[Any], objs: Any, *args: Any, **kwargs: Any) -> Any:
        if issubclass(self.model, model):
            raise WriteFailed(model.__name__)
        return original_bulk(self, objs, *args, **kwargs)

    def save(self: models.Model, *args: Any, **kwargs: Any) -> None:
        raise WriteFailed(model.__name__)

    with monkeypatch.context() as patch:
        patch.setattr(QuerySet, "bulk_create", bulk_create)
        patch.setattr(model, "save", save)
        yield


@contextmanager
def failing_after_apply(monkeypatch: pytest.MonkeyPatch, code: str) -> Iterator[None]:
    """apply() does all its writes, then fails (the approval's last moment)."""
    kind = get_kind(code)
    real = kind.apply

    def apply(procedure: Procedure, **kwargs: Any) -> dict[str, Any]:
        real(procedure, **kwargs)
        raise WriteFailed("after apply()")

    with monkeypatch.context() as patch:
        patch.setattr(kind, "apply", apply)
        yield


WRITES = {"outbox": OutboxMessage, "rireki": JuminRireki}


def failure_cases() -> list[Any]:
    """apply() failing at its end for every example; a write inside it failing for the
    largest example of each kind (the one that writes the most)."""
    out = [pytest.param(*c.values, "after_apply", id=f"{c.id}-after_apply") for c in cases()]
    largest = {c.values[0]: c for c in cases()}
    for c in largest.values():
        out += [pytest.param(*c.values, w, id=f"{c.id}-{w}") for w in WRITES]
    return out


@pytest.mark.parametrize(("code", "persons", "where"), failure_cases())
def test_a_failing_apply_leaves_everything_as_it_was(
    code: str, persons: int, where: str, contractor, clerk, monkeypatch
) -> None:
    example = examples.for_kind(code, persons=persons)
    procedure = enter_and_check(code, example.entry, contractor)
    before = snapshot()
    failure = (
        failing_after_apply(monkeypatch, code)
        if where == "after_apply"
        else failing_writes(monkeypatch, WRITES[where])
    )
    with failure:
        try:
            approve(procedure, clerk)
        except WriteFailed:
            pass
        else:
            pytest.skip(f"{code} writes no {WRITES[where].__name__} at 承認")
    # the register, the procedure, its transitions, reservations, the outbox, the 操作ログ
    assert snapshot() == before
    assert Procedure.objects.get(pk=procedure.pk).state == ProcedureState.SHOUGOU


@contextmanager
def failing_after_issue(monkeypatch: pytest.MonkeyPatch, code: str) -> Iterator[None]:
    """The kind's issue() at 交付 does all its writes (a certificate's copies and its
    交付履歴), then fails."""
    kind = get_kind(code)
    real = kind.issue

    def issue(procedure: Procedure, **kwargs: Any) -> None:
        real(procedure, **kwargs)
        raise WriteFailed("after issue()")

    with monkeypatch.context() as patch:
        patch.setattr(kind, "issue", issue)
        yield


@pytest.mark.parametrize(("code", "persons"), cases())
def test_a_failing_issue_leaves_everything_as_it_was(
    code: str, persons: int, contractor, clerk, monkeypatch
) -> None:
    """交付 runs the kind's issue() inside do_issue's transaction: when it fails, nothing
    it wrote stays and the procedure is still 承認済 (ProcedureKind.issue)."""
    example = examples.for_kind(code, persons=persons)
    procedure = approve(enter_and_check(code, example.entry, contractor), clerk)
    before = snapshot()
    with failing_after_issue(monkeypatch, code), pytest.raises(WriteFailed):
        ACTS["koufu"](procedure, example.entry, contractor, clerk)
    assert snapshot() == before
    assert Procedure.objects.get(pk=procedure.pk).state == ProcedureState.SHOUNIN


def check_every_act(
    procedure: Procedure, entry: dict[str, Any], contractor: Any, clerk: Any
) -> None:
    """From the procedure's state, each act is done or refused as the machine says (each
    inside a savepoint rolled back afterwards, so the procedure stays where it is)."""
    start = Procedure.objects.get(pk=procedure.pk).state
    for name, (sources, target) in machine_transitions().items():
        assert name in ACTS, f"the machine has a transition {name!r}: add its service to ACTS"
        history = ProcedureTransition.objects.filter(procedure=procedure).count()
        savepoint = transaction.savepoint()
        try:
            current = Procedure.objects.get(pk=procedure.pk)
            if start in sources:
                moved = ACTS[name](current, entry, contractor, clerk)
                assert moved.state == target, (start, name)
                last = ProcedureTransition.objects.filter(procedure=procedure).last()
                assert last is not None and (last.from_state, last.to_state) == (start, target)
            else:
                with pytest.raises(ProcedureRefused, match="この操作はできません"):
                    ACTS[name](current, entry, contractor, clerk)
                assert Procedure.objects.get(pk=procedure.pk).state == start, (start, name)
                assert ProcedureTransition.objects.filter(procedure=procedure).count() == history
        finally:
            transaction.savepoint_rollback(savepoint)


#: the states a procedure passes on its way to 完了, and those it can branch off to
MAIN_PATH = (S.UKETSUKE, S.KARI_TOUROKU, S.SHOUGOU, S.SHOUNIN, S.KOUFU, S.KANRYOU)
BRANCHES = {S.UKETSUKE: "torisage", S.SHOUGOU: "sashimodoshi"}


@pytest.mark.parametrize("code", single_cases())
def test_each_act_from_each_state_as_the_machine_says(code: str, contractor, clerk) -> None:
    """One procedure walked along the main path; at each state (and in the 差戻し and
    取下げ branches) every act of the machine is tried."""
    example = examples.for_kind(code)
    procedure = procedure_in(S.UKETSUKE, code, example.entry, contractor, clerk)
    seen: set[str] = set()
    for state, step in zip(MAIN_PATH, (*MAIN_PATH[1:], None), strict=True):
        assert procedure.state == state
        check_every_act(procedure, example.entry, contractor, clerk)
        seen.add(state)
        if state in BRANCHES:
            savepoint = transaction.savepoint()
            branch = ACTS[BRANCHES[state]](procedure, example.entry, contractor, clerk)
            check_every_act(branch, example.entry, contractor, clerk)
            seen.add(branch.state)
            transaction.savepoint_rollback(savepoint)
            procedure = Procedure.objects.get(pk=procedure.pk)
        if step is not None:
            name = next(n for n, (src, tgt) in machine_transitions().items() if tgt == step)
            procedure = ACTS[name](procedure, example.entry, contractor, clerk)
    assert seen == set(ProcedureState.values), "a state of the machine was not visited"
