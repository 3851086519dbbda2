"""Contract: every page of every kind's procedure, in every state the machine reaches,
as every role that may see it, answers without a server error.

Registry-driven: a kind registered later is walked through every state too. One walk per
kind: 受付 → 仮登録 → 照合 → 差戻し → 仮登録 → 照合 → 承認 → 交付 → 完了, and a second
procedure 受付 → 取下げ; the pages are requested at each stop. The number of pages
requested is printed at the end of the run (tests/contract/tally.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from counter import services
from counter.procedure_kinds import documents_of
from counter.procedure_models import Procedure
from juki.demo import examples

from ..conftest import login_as
from ..procedures import S, approve, receive
from . import tally
from .cases import single_cases

pytestmark = pytest.mark.django_db

#: page → the roles (persona fixtures) that may see it
PAGES: dict[str, tuple[str, ...]] = {
    "counter:procedure_entry": ("contractor", "clerk"),
    "counter:procedure_check": ("contractor", "clerk"),
    "counter:review_detail": ("clerk", "supervisor"),
    "counter:procedure_withdraw": ("contractor", "clerk", "supervisor"),
    "counter:reception_ticket": ("contractor", "clerk"),
    "counter:handover": ("contractor", "clerk"),
}
RECEPTION_PAGES = {"counter:reception_ticket", "counter:handover"}


def walk(entry: dict[str, Any], code: str, contractor: Any, clerk: Any) -> Iterator[Procedure]:
    """The procedure at each stop of the walk (every state of the machine)."""
    done = receive(contractor, code)
    yield done
    acts: list[Callable[[Procedure], Procedure]] = [
        lambda p: services.do_enter(p, entry, acting_user=contractor, terminal=None),
        lambda p: services.do_check(p, acting_user=contractor, terminal=None, all_ticked=True),
        lambda p: services.do_return(p, acting_user=clerk, terminal=None, reason="続柄の誤り"),
        lambda p: services.do_enter(p, entry, acting_user=contractor, terminal=None),
        lambda p: services.do_check(p, acting_user=contractor, terminal=None, all_ticked=True),
        lambda p: approve(p, clerk),
        lambda p: services.do_issue(p, acting_user=contractor, terminal=None),
        lambda p: services.do_complete(p, acting_user=contractor, terminal=None),
    ]
    for act in acts:
        done = act(done)
        yield done
    withdrawn = receive(contractor, code)
    yield services.do_withdraw(withdrawn, acting_user=contractor, terminal=None, reason="本人申出")


def _urls(procedure: Procedure) -> list[tuple[str, str]]:
    out = []
    for name in PAGES:
        pk = procedure.reception_id if name in RECEPTION_PAGES else procedure.pk
        out.append((name, reverse(name, args=[pk])))
    return out


@pytest.mark.parametrize("code", single_cases())
def test_every_page_in_every_state_answers(
    code: str, request: pytest.FixtureRequest, contractor, clerk
) -> None:
    example = examples.for_kind(code, persons=examples.persons_of(code)[0])
    clients: dict[str, Client] = {}

    def client_of(persona: str) -> Client:
        if persona not in clients:
            clients[persona] = login_as(Client(), request.getfixturevalue(persona))
        return clients[persona]

    def get(url: str, persona: str, what: str) -> None:
        try:
            status = client_of(persona).get(url).status_code
        except Exception:  # the test client re-raises what would be a 500
            tally.page(500)
            raise
        tally.page(status)
        if status >= 500:
            failures.append((state, what, persona, status))

    failures: list[tuple[str, str, str, int]] = []
    seen = set()
    printed: set[str] = set()
    for procedure in walk(example.entry, code, contractor, clerk):
        state = S(procedure.state).label
        seen.add(procedure.state)
        for name, url in _urls(procedure):
            for persona in PAGES[name]:
                get(url, persona, name)
        # each document the procedure offers, once in the walk (PDFs are slow)
        for document in documents_of(Procedure.objects.get(pk=procedure.pk)):
            if document.slug in printed:
                continue
            printed.add(document.slug)
            url = reverse("counter:procedure_document_pdf", args=[procedure.pk, document.slug])
            get(url, "contractor", document.slug)
    assert seen == set(S.values), set(S.values) - seen
    assert not failures, (code, failures)
