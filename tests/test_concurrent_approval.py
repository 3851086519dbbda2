"""Many approvers press 「承認」 on one procedure at once: one wins, every other gets the
refusal on the 審査 page (never a 500). PostgreSQL only: row locks and concurrent
transactions (make test-pg)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from counter.procedure_models import Procedure, ProcedureState, ProcedureTransition
from counter.roles import Role
from counter.templatetags.counter_tags import FORM_TOKEN_FIELD
from juki.demo import examples

from .conftest import login_as
from .contract import tally
from .factories import StaffUserFactory
from .procedures import enter_and_check

#: approvers racing on each procedure, and how many procedures (losers = rounds × (n - 1))
APPROVERS = 5
ROUNDS = 25
LOST = "この手続は他の職員が先に処理しました"
WRONG_STATE = "状態が「承認」のため、この操作はできません。"


def _race(url: str, clients: list[Client]) -> list[tuple[int, str]]:
    barrier = threading.Barrier(len(clients))
    outcomes: list[tuple[int, str]] = []

    def post(client: Client) -> None:
        try:
            barrier.wait()
            response = client.post(url, {"confirmed": "on", FORM_TOKEN_FIELD: uuid.uuid4().hex})
            outcomes.append((response.status_code, response.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_every_losing_approver_gets_the_refusal(backyard_terminal, contractor) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions are exercised on PostgreSQL")
    approvers = [
        StaffUserFactory(
            username=f"shonin{i}", default_terminal=backyard_terminal, roles=[Role.CLERK]
        )
        for i in range(APPROVERS)
    ]
    code = "shibou"
    losers: list[tuple[int, str]] = []
    for _ in range(ROUNDS):
        example = examples.for_kind(code)
        procedure = enter_and_check(code, example.entry, contractor)
        clients = [login_as(Client(raise_request_exception=False), u) for u in approvers]
        url = reverse("counter:review_approve", args=[procedure.pk])
        outcomes = _race(url, clients)
        assert len(outcomes) == APPROVERS
        won = [o for o in outcomes if o[0] == 302]
        assert len(won) == 1, [o[0] for o in outcomes]
        losers += [o for o in outcomes if o[0] != 302]
        assert Procedure.objects.get(pk=procedure.pk).state == ProcedureState.SHOUNIN
        assert (
            ProcedureTransition.objects.filter(
                procedure=procedure, to_state=ProcedureState.SHOUNIN
            ).count()
            == 1
        )
    tally.COUNTS["race_losers"] += len(losers)
    tally.COUNTS["race_5xx"] += sum(1 for status, _ in losers if status >= 500)
    tally.COUNTS["race_refused"] += sum(
        1 for status, html in losers if status == 200 and (LOST in html or WRONG_STATE in html)
    )
    statuses = [status for status, _ in losers]
    assert statuses == [200] * len(losers), statuses
    for _status, html in losers:
        assert LOST in html or WRONG_STATE in html, html[:2000]
