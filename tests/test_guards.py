"""Guards: a check another app registers blocks an act on a subject, with its reason;
every kind is protected without a line of its own, and each refusal is in the 操作ログ."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from counter import registry, services
from counter.guards import Act, Guard
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import Subject
from counter.procedure_models import Procedure, ProcedureState, Reception

from .conftest import login_as
from .factories import receive
from .procedures import procedure_in
from .screen_stub import StubScreenKind

S = ProcedureState
KIND = StubScreenKind.code
#: the stand-in's name (juki's real 支援措置 guard is "shien_sochi": tests/test_shien_*.py)
STUB_GUARD = "shien_sochi_stub"


class ShienSochi:
    """A stand-in for 支援措置: blocks every act on the subject "stub:X" (and records calls)."""

    def __init__(self, acts: Sequence[Act] = tuple(Act)) -> None:
        self.acts = set(acts)
        self.calls: list[tuple[Act, list[str]]] = []

    def check(
        self, act: Act, procedure: Procedure, subjects: Sequence[Subject], user: Any
    ) -> str | None:
        self.calls.append((act, [s.key for s in subjects]))
        if act in self.acts and any(s.key == "stub:X" for s in subjects):
            return "対象 X は支援措置の対象者です（住基法第12条第6項）。係長に相談してください。"
        return None


@pytest.fixture
def shien() -> Iterator[ShienSochi]:
    guard = ShienSochi()
    with registry.temporarily(guards=[Guard(STUB_GUARD, guard.check)]):
        yield guard


def refusals() -> list[AuditLog]:
    return list(AuditLog.objects.filter(action=AuditAction.REFUSED).order_by("id"))


@pytest.mark.django_db
def test_a_guard_blocks_the_entry_of_its_subject_with_its_reason(shien, contractor) -> None:
    proc = receive(contractor, KIND).procedures.get()
    with pytest.raises(services.ProcedureRefused, match="支援措置の対象者です"):
        services.do_enter(proc, {"subject": "X"}, acting_user=contractor, terminal=None)
    fresh = Procedure.objects.get(pk=proc.pk)
    assert fresh.state == S.UKETSUKE and fresh.entry == {}
    assert not fresh.reservations.exists()
    (row,) = refusals()
    assert row.user_id == contractor.pk and row.target_id == str(proc.pk)
    assert row.detail["guard"] == STUB_GUARD and row.detail["act"] == "kari_touroku"
    assert row.detail["subjects"] == ["stub:X"]
    assert "支援措置の対象者です" in row.detail["reason"]
    # another subject passes
    ok = services.do_enter(proc, {"subject": "Y"}, acting_user=contractor, terminal=None)
    assert ok.state == S.KARI_TOUROKU
    assert (Act.KARI_TOUROKU, ["stub:Y"]) in shien.calls


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("act", "start"),
    [(Act.SHOUGOU, S.KARI_TOUROKU), (Act.SHOUNIN, S.SHOUGOU), (Act.KOUFU, S.SHOUNIN)],
)
def test_a_guard_blocks_each_later_act(act, start, contractor, clerk) -> None:
    proc = procedure_in(start, KIND, {"subject": "X"}, contractor, clerk)
    guard = ShienSochi(acts=[act])
    with (
        registry.temporarily(guards=[Guard(STUB_GUARD, guard.check)]),
        pytest.raises(services.ProcedureRefused, match="支援措置"),
    ):
        if act == Act.SHOUGOU:
            services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
        elif act == Act.SHOUNIN:
            services.do_approve(proc, acting_user=clerk, terminal=None)
        else:
            services.do_issue(proc, acting_user=contractor, terminal=None)
    assert Procedure.objects.get(pk=proc.pk).state == start
    assert [r.detail["act"] for r in refusals()] == [act.value]
    assert guard.calls == [(act, ["stub:X"])]


@pytest.mark.django_db
def test_a_guard_at_reception_leaves_no_reception(contractor) -> None:
    def closed(act: Act, procedure: Procedure, subjects: Any, user: Any) -> str | None:
        return "本日はこの手続を受け付けていません。" if act == Act.UKETSUKE else None

    with (
        registry.temporarily(guards=[Guard("closed", closed)]),
        pytest.raises(services.ProcedureRefused, match="受け付けていません"),
    ):
        receive(contractor, KIND)
    assert not Reception.objects.exists()
    assert [r.detail["guard"] for r in refusals()] == ["closed"]


@pytest.mark.django_db
def test_withdrawal_is_never_guarded(shien, contractor, clerk) -> None:
    proc = procedure_in(S.KARI_TOUROKU, KIND, {"subject": "Y"}, contractor, clerk)
    Procedure.objects.filter(pk=proc.pk).update(entry={"subject": "X"})
    withdrawn = services.do_withdraw(proc, acting_user=contractor, terminal=None, reason="申出")
    assert withdrawn.state == S.TORISAGE
    assert refusals() == []


@pytest.mark.django_db
def test_a_kind_may_bring_guards_of_its_own(contractor) -> None:
    def own(act: Act, procedure: Procedure, subjects: Any, user: Any) -> str | None:
        return "この種別の規則で止めます。" if act == Act.KARI_TOUROKU else None

    class GuardedKind(StubScreenKind):
        code = "stub_guarded"

        def guards(self) -> Sequence[Guard]:
            return (Guard("own", own),)

    with registry.temporarily(procedure_kinds=[GuardedKind()]):
        proc = receive(contractor, "stub_guarded").procedures.get()
        with pytest.raises(services.ProcedureRefused, match="この種別の規則"):
            services.do_enter(proc, {"subject": "Y"}, acting_user=contractor, terminal=None)
    assert [r.detail["guard"] for r in refusals()] == ["own"]


@pytest.mark.django_db
def test_without_guards_the_subjects_are_not_even_computed(contractor, clerk, monkeypatch) -> None:
    monkeypatch.setattr(registry, "guards", list)  # no app's guard (juki declares 支援措置)

    class CountingKind(StubScreenKind):
        code = "stub_counting"
        subject_calls = 0

        def subjects(self, entry: dict[str, Any]) -> list[Subject]:
            type(self).subject_calls += 1
            return super().subjects(entry)

    with registry.temporarily(procedure_kinds=[CountingKind()]):
        procedure_in(S.KOUFU, "stub_counting", {"subject": "Y"}, contractor, clerk)
    assert CountingKind.subject_calls == 1  # the reservation at 仮登録 only


@pytest.mark.django_db
def test_a_refusal_through_the_screen_is_logged_once(
    shien, client: Client, contractor, clerk
) -> None:
    """The view's own transaction rolls back the first 操作ログ row: it is written again."""
    proc = procedure_in(S.SHOUGOU, KIND, {"subject": "Y"}, contractor, clerk)
    Procedure.objects.filter(pk=proc.pk).update(entry={"subject": "X"})
    login_as(client, clerk)
    response = client.post(
        reverse("counter:review_approve", args=[proc.pk]),
        {"confirmed": "on", "form_token": "tok-guard-1"},
    )
    assert response.status_code == 200
    assert "支援措置の対象者です" in response.content.decode()
    assert [r.detail["guard"] for r in refusals()] == [STUB_GUARD]
    assert Procedure.objects.get(pk=proc.pk).state == S.SHOUGOU
