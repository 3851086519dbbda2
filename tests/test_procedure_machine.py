"""The procedure machine: every transition from every state, maker-checker, reservations,
one-time tokens, rollback of a failing apply(), and two concurrent approvals."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from django import forms
from django.db import connection, connections, transaction

from counter import form_tokens, registry, services
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import ProcedureKind, ReviewBlock, Subject
from counter.procedure_models import (
    Procedure,
    ProcedureState,
    ProcedureTransition,
    Reservation,
)

from . import factories, procedures

S = ProcedureState


class StubForm(forms.Form):
    subject = forms.CharField()


class StubKind(ProcedureKind):
    """A kind that touches one named subject and records that it was applied."""

    code: ClassVar[str] = "stub"
    label: ClassVar[str] = "試験手続"
    category: ClassVar[str] = "ido"
    #: a stub of the machine, not a procedure: the contract tests leave it out
    contract_exempt: ClassVar[str] = "test stub"
    applied: ClassVar[list[int]] = []
    fail_apply: ClassVar[bool] = False

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        return StubForm(data)

    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        return dict(form.cleaned_data)

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        return [Subject(f"jumin:{entry['subject']}", f"住民 {entry['subject']}")]

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        return []

    def apply(self, procedure: Procedure, *, acting_user: Any, terminal: Any) -> dict[str, Any]:
        if self.fail_apply:
            raise RuntimeError("register write failed")
        self.applied.append(procedure.pk)
        return {"applied": True}


class ShomeiStubKind(StubKind):
    """A kind of the 証明 category (reserves nothing, like a certificate)."""

    code: ClassVar[str] = "stub_shomei"
    label: ClassVar[str] = "試験証明"
    category: ClassVar[str] = "shomei"
    reserves: ClassVar[bool] = False


@pytest.fixture(autouse=True, scope="module")
def _stub_kinds() -> Iterator[None]:
    with registry.temporarily(procedure_kinds=[StubKind(), ShomeiStubKind()]):
        yield


@pytest.fixture(autouse=True)
def _reset_stub() -> None:
    StubKind.applied.clear()
    StubKind.fail_apply = False


def receive(user: Any, kinds: tuple[str, ...] = ("stub",)) -> Any:
    return factories.receive(user, *kinds)


def procedure_in(
    state: ProcedureState, contractor: Any, clerk: Any, subject: str = "A"
) -> Procedure:
    """A procedure walked to `state` the legal way."""
    return procedures.procedure_in(state, "stub", {"subject": subject}, contractor, clerk)


#: act → the states it may start from (everything else is refused)
ALLOWED = {
    "enter": {S.UKETSUKE, S.KARI_TOUROKU, S.SASHIMODOSHI},
    "check": {S.KARI_TOUROKU},
    "approve": {S.SHOUGOU},
    "return": {S.SHOUGOU},
    "issue": {S.SHOUNIN},
    "complete": {S.KOUFU},
    "withdraw": {S.UKETSUKE, S.KARI_TOUROKU, S.SHOUGOU, S.SASHIMODOSHI},
}
TARGET = {
    "enter": S.KARI_TOUROKU,
    "check": S.SHOUGOU,
    "approve": S.SHOUNIN,
    "return": S.SASHIMODOSHI,
    "issue": S.KOUFU,
    "complete": S.KANRYOU,
    "withdraw": S.TORISAGE,
}


def act(name: str, proc: Procedure, contractor: Any, clerk: Any) -> Procedure:
    if name == "enter":
        return services.do_enter(proc, {"subject": "A"}, acting_user=contractor, terminal=None)
    if name == "check":
        return services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    if name == "approve":
        return services.do_approve(proc, acting_user=clerk, terminal=None)
    if name == "return":
        return services.do_return(proc, acting_user=clerk, terminal=None, reason="理由")
    if name == "issue":
        return services.do_issue(proc, acting_user=contractor, terminal=None)
    if name == "complete":
        return services.do_complete(proc, acting_user=contractor, terminal=None)
    return services.do_withdraw(proc, acting_user=contractor, terminal=None, reason="理由")


@pytest.mark.django_db
@pytest.mark.parametrize("start", list(ProcedureState))
@pytest.mark.parametrize("name", list(ALLOWED))
def test_transition_matrix(start: ProcedureState, name: str, contractor, clerk) -> None:
    proc = procedure_in(start, contractor, clerk)
    history = ProcedureTransition.objects.filter(procedure=proc).count()
    if start in ALLOWED[name]:
        moved = act(name, proc, contractor, clerk)
        assert moved.state == TARGET[name]
        last = ProcedureTransition.objects.filter(procedure=proc).last()
        assert (last.from_state, last.to_state) == (start, TARGET[name])
    else:
        with pytest.raises(services.ProcedureRefused, match="この操作はできません"):
            act(name, proc, contractor, clerk)
        assert Procedure.objects.get(pk=proc.pk).state == start
        assert ProcedureTransition.objects.filter(procedure=proc).count() == history


@pytest.mark.django_db
def test_a_contractor_cannot_approve(contractor, clerk) -> None:
    proc = procedure_in(S.SHOUGOU, contractor, clerk)
    other = type(contractor).objects.create(username="juchu9")
    other.groups.add(*contractor.groups.all())
    with pytest.raises(services.ProcedureRefused, match="受注者は承認できません"):
        services.do_approve(proc, acting_user=other, terminal=None)


@pytest.mark.django_db
def test_the_enterer_or_checker_cannot_approve(clerk, second_clerk, contractor) -> None:
    proc = receive(clerk).procedures.get()
    proc = services.do_enter(proc, {"subject": "A"}, acting_user=clerk, terminal=None)
    proc = services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    with pytest.raises(services.ProcedureRefused, match="仮登録または照合した人は承認できません"):
        services.do_approve(proc, acting_user=clerk, terminal=None)
    proc = receive(contractor).procedures.get()
    proc = services.do_enter(proc, {"subject": "B"}, acting_user=contractor, terminal=None)
    proc = services.do_check(proc, acting_user=second_clerk, terminal=None, all_ticked=True)
    with pytest.raises(services.ProcedureRefused, match="仮登録または照合した人は承認できません"):
        services.do_approve(proc, acting_user=second_clerk, terminal=None)
    assert services.do_approve(proc, acting_user=clerk, terminal=None).state == S.SHOUNIN


@pytest.mark.django_db
def test_history_rows_say_who_where_when_and_why(contractor, clerk) -> None:
    proc = procedure_in(S.SASHIMODOSHI, contractor, clerk)
    rows = list(
        ProcedureTransition.objects.filter(procedure=proc).values_list(
            "from_state", "to_state", "by__username", "reason"
        )
    )
    assert rows == [
        (S.UKETSUKE, S.KARI_TOUROKU, "juchu1", ""),
        (S.KARI_TOUROKU, S.SHOUGOU, "juchu1", ""),
        (S.SHOUGOU, S.SASHIMODOSHI, "shokuin1", "続柄の誤り"),
    ]
    assert AuditLog.objects.filter(action=AuditAction.CHANGE, target_type="procedure").count() == 3


@pytest.mark.django_db
def test_the_state_cannot_be_set_directly(contractor, clerk) -> None:
    proc = procedure_in(S.UKETSUKE, contractor, clerk)
    with pytest.raises(AttributeError):
        proc.state = S.SHOUNIN


@pytest.mark.django_db
def test_an_open_procedure_reserves_its_persons(contractor, clerk) -> None:
    first = procedure_in(S.KARI_TOUROKU, contractor, clerk, subject="A")
    second = receive(contractor).procedures.get()
    with pytest.raises(services.ProcedureRefused) as refused:
        services.do_enter(second, {"subject": "A"}, acting_user=contractor, terminal=None)
    message = refused.value.message
    assert f"住民異動{first.reception.ticket_no}番の試験手続（仮登録）で手続中" in message
    services.do_withdraw(first, acting_user=contractor, terminal=None, reason="本人申出")
    assert (
        services.do_enter(second, {"subject": "A"}, acting_user=contractor, terminal=None).state
        == S.KARI_TOUROKU
    )


@pytest.mark.django_db
def test_approval_releases_the_reservation(contractor, clerk) -> None:
    procedure_in(S.SHOUNIN, contractor, clerk, subject="A")
    assert not Reservation.objects.filter(subject="jumin:A", is_open=True).exists()


@pytest.mark.django_db
def test_a_failure_inside_apply_leaves_everything_as_it_was(contractor, clerk) -> None:
    proc = procedure_in(S.SHOUGOU, contractor, clerk)
    StubKind.fail_apply = True
    rows = AuditLog.objects.count()
    with pytest.raises(RuntimeError):
        services.do_approve(proc, acting_user=clerk, terminal=None)
    fresh = Procedure.objects.get(pk=proc.pk)
    assert fresh.state == S.SHOUGOU and fresh.approved_by_id is None
    assert ProcedureTransition.objects.filter(procedure=proc, to_state=S.SHOUNIN).count() == 0
    assert Reservation.objects.filter(procedure=proc, is_open=True).count() == 1
    assert AuditLog.objects.count() == rows


@pytest.mark.django_db
def test_tickets_are_numbered_per_day_and_category(contractor) -> None:
    a = receive(contractor)
    b = receive(contractor)
    c = services.do_receive(
        acting_user=contractor,
        terminal=None,
        category="shomei",
        visitor_kind="honnin",
        visitor_name="x",
        id_documents=["passport"],
        has_ininjo=False,
        kinds=["stub_shomei"],
    )
    assert (a.ticket_no, b.ticket_no, c.ticket_no) == (1, 2, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("docs", "kind", "ininjo", "message"),
    [
        (["hokensho"], "honnin", False, "顔写真付きのもの1点か、それ以外のもの2点"),
        (["hokensho", "nenkin_techo"], "dairinin", False, "委任状が必要です"),
    ],
)
def test_reception_rules(contractor, docs, kind, ininjo, message) -> None:
    with pytest.raises(services.ProcedureRefused, match=message):
        services.do_receive(
            acting_user=contractor,
            terminal=None,
            category="ido",
            visitor_kind=kind,
            visitor_name="x",
            id_documents=docs,
            has_ininjo=ininjo,
            kinds=["stub"],
        )


@pytest.mark.django_db
def test_a_resent_form_token_does_nothing_twice(contractor) -> None:
    with transaction.atomic():
        claim = form_tokens.claim_token("tok-1", user=contractor)
        form_tokens.record_result(claim, "/reception/1/")
    with pytest.raises(form_tokens.AlreadySubmitted) as again:
        form_tokens.claim_token("tok-1", user=contractor)
    assert again.value.result_path == "/reception/1/"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_one_succeeds(contractor, clerk, second_clerk) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks and concurrent transactions are exercised on PostgreSQL (make test-pg)"
        )
    proc = procedure_in(S.SHOUGOU, contractor, clerk, subject="Z")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def approve(user: Any) -> None:
        try:
            barrier.wait()
            services.do_approve(Procedure.objects.get(pk=proc.pk), acting_user=user, terminal=None)
            outcomes.append("ok")
        except services.ProcedureRefused as refused:
            outcomes.append(refused.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (clerk, second_clerk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=len) == ["ok", "状態が「承認」のため、この操作はできません。"]
    assert StubKind.applied == [proc.pk]
    assert ProcedureTransition.objects.filter(procedure=proc, to_state=S.SHOUNIN).count() == 1


# --------------------------------------------------------------------------- maker-checker


def _round_two_after_a_return(
    round_one_enterer: Any, round_one_checker: Any, returner: Any, window: Any
) -> Procedure:
    """Round 1 entered and checked by the given users, 差戻し, round 2 by `window`."""
    proc = receive(window).procedures.get()
    proc = services.do_enter(proc, {"subject": "A"}, acting_user=round_one_enterer, terminal=None)
    proc = services.do_check(proc, acting_user=round_one_checker, terminal=None, all_ticked=True)
    proc = services.do_return(proc, acting_user=returner, terminal=None, reason="続柄の誤り")
    proc = services.do_enter(proc, {"subject": "A"}, acting_user=window, terminal=None)
    return services.do_check(proc, acting_user=window, terminal=None, all_ticked=True)


@pytest.mark.django_db
def test_the_clerk_who_entered_round_1_cannot_approve_round_2(
    clerk, second_clerk, contractor, supervisor
) -> None:
    proc = _round_two_after_a_return(clerk, contractor, second_clerk, contractor)
    assert (proc.entered_by_id, proc.checked_by_id) == (contractor.pk, contractor.pk)
    with pytest.raises(services.ProcedureRefused) as refused:
        services.do_approve(proc, acting_user=clerk, terminal=None)
    assert "仮登録または照合した人は承認できません" in refused.value.message
    assert "仮登録（第1回・差戻し前）" in refused.value.message
    assert Procedure.objects.get(pk=proc.pk).state == S.SHOUGOU
    row = AuditLog.objects.filter(action=AuditAction.REFUSED).get()
    assert row.user_id == clerk.pk
    assert row.detail["rule"] == "maker_checker" and row.target_id == str(proc.pk)
    # the one who sent it back neither entered nor checked: may approve
    assert services.do_approve(proc, acting_user=second_clerk, terminal=None).state == S.SHOUNIN


@pytest.mark.django_db
def test_the_clerk_who_checked_round_1_cannot_approve_round_2(
    clerk, second_clerk, contractor, supervisor
) -> None:
    proc = _round_two_after_a_return(contractor, clerk, second_clerk, contractor)
    with pytest.raises(services.ProcedureRefused, match=r"照合（第1回・差戻し前）"):
        services.do_approve(proc, acting_user=clerk, terminal=None)
    assert services.approval_refusal(proc, supervisor) is None
    assert "受注者は承認できません" in str(services.approval_refusal(proc, contractor))


@pytest.mark.django_db
def test_approval_reads_the_history_in_one_query(
    contractor, clerk, django_assert_num_queries
) -> None:
    proc = procedure_in(S.SHOUGOU, contractor, clerk)
    clerk.has_perm("counter.approve_procedure")  # the permission cache, as in a request
    with django_assert_num_queries(1):
        assert services.approval_refusal(proc, clerk) is None


@pytest.mark.django_db
def test_the_query_count_of_an_approval(contractor, clerk, django_assert_num_queries) -> None:
    proc = procedure_in(S.SHOUGOU, contractor, clerk)
    clerk = type(clerk).objects.get(pk=clerk.pk)
    clerk.has_perm("counter.approve_procedure")  # the permission cache, as in a request
    # savepoint, lock, the history (the one query maker-checker adds), save (state and
    # result together), transition row, audit (head, row, head), release of the
    # reservations, release, and the 支援措置 guard's one look at the persons (juki.shien)
    with django_assert_num_queries(11):
        services.do_approve(proc, acting_user=clerk, terminal=None)


# --------------------------------------------------------------------------- 完了


@pytest.mark.django_db
def test_completing_many_is_all_or_none(contractor, clerk) -> None:
    handed = procedure_in(S.KOUFU, contractor, clerk, subject="A")
    approved = procedure_in(S.SHOUNIN, contractor, clerk, subject="B")
    with pytest.raises(services.ProcedureRefused, match="この操作はできません"):
        services.do_complete_many([handed, approved], acting_user=contractor, terminal=None)
    assert Procedure.objects.get(pk=handed.pk).state == S.KOUFU
    done = services.do_complete_many([handed], acting_user=contractor, terminal=None)
    assert [p.state for p in done] == [S.KANRYOU]
    with pytest.raises(services.ProcedureRefused, match="交付済みの手続がありません"):
        services.do_complete_many([], acting_user=contractor, terminal=None)
