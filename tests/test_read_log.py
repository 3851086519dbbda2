"""Every read of personal data writes one 操作ログ row, whatever the screen (counter/reads.py).

The walk asks every URL as each persona. Whenever a page shows the person (their name or
宛名番号 in the body) or is a PDF, the request must have written exactly one read row
naming them; a request never writes two. A new screen is covered the day it is routed.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from counter import services
from counter.access import declared_roles, is_public
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import documents_of
from counter.roles import RESIDENT_READERS, roles_of
from juki.demo import examples
from juki.models import Jumin

from .conftest import login_as
from .procedures import receive
from .test_access import all_routes, concrete_path

pytestmark = pytest.mark.django_db

READS = {
    AuditAction.VIEW_RESIDENT,
    AuditAction.SEARCH,
    AuditAction.PRINT,
    AuditAction.SHOW_KOJIN_BANGO,
    AuditAction.VIEW_AUDIT,
}


def read_rows(since: int) -> list[AuditLog]:
    return list(AuditLog.objects.filter(id__gt=since, action__in=READS).order_by("id"))


def last_id() -> int:
    row = AuditLog.objects.order_by("-id").first()
    return row.id if row else 0


@pytest.fixture
def world(contractor: Any, clerk: Any) -> dict[str, Any]:
    """A person with a 転居 entered and checked (照合), ready for the 審査."""
    example = examples.for_kind("tenkyo", persons=1)
    person = Jumin.objects.get(atena_bango=example.entry["atena_bangos"][0])
    procedure = receive(contractor, "tenkyo", visitor_name=person.full_name)
    procedure = services.do_enter(
        procedure, example.entry, acting_user=contractor, terminal=contractor.default_terminal
    )
    procedure = services.do_check(
        procedure, acting_user=contractor, terminal=contractor.default_terminal, all_ticked=True
    )
    slugs = [d.slug for d in documents_of(procedure)]
    return {
        "person": person,
        "procedure": procedure,
        "values": {
            "<str:atena_bango>": person.atena_bango,
            "<int:reception_pk>": str(procedure.reception_id),
            "<int:procedure_pk>": str(procedure.pk),
            "<slug:slug>": slugs[0] if slugs else "none",
        },
    }


def shows(response: Any, person: Jumin) -> bool:
    if response.status_code != 200:
        return False
    if response.get("Content-Type", "").startswith("application/pdf"):
        return True
    body = response.content.decode()
    return person.full_name in body or person.atena_bango in body


def test_every_page_that_shows_a_person_writes_one_row_naming_them(
    client: Client, persona: Any, world: dict[str, Any]
) -> None:
    person, procedure = world["person"], world["procedure"]
    login_as(client, persona)
    mine = roles_of(persona)
    seen = 0
    for route, pattern in all_routes():
        if is_public(pattern.callback) or "logout" in route:
            continue
        if not (mine & (declared_roles(pattern.callback) or frozenset())):
            continue
        since = last_id()
        response = client.get(concrete_path(route, world["values"]))
        rows = read_rows(since)
        assert len(rows) <= 1, (route, [r.action for r in rows])
        if shows(response, person):
            seen += 1
            assert len(rows) == 1, (persona.username, route)
            (row,) = rows
            named = {f"{row.target_type}:{row.target_id}", *row.detail.get("whom", [])}
            assert named & {f"jumin:{person.atena_bango}", f"procedure:{procedure.pk}"}, (
                route,
                named,
            )
            assert row.username == persona.username and row.path
            assert row.terminal_code == persona.default_terminal.code
        elif response.status_code >= 300:
            assert rows == [], (route, response.status_code)
    if mine & RESIDENT_READERS:
        assert seen >= 3  # the resident page, its PDF, the 審査 or 照合 page at least


def test_setai_wo_hyouji_is_logged_each_time_with_every_member(
    client: Client, contractor: Any
) -> None:
    """「世帯を表示」 on an entry screen shows a household by 宛名番号: one row per look."""
    example = examples.for_kind("tenshutsu", persons=4)
    head = Jumin.objects.get(atena_bango=example.entry["atena_bangos"][0])
    members = list(Jumin.objects.filter(setai_id=head.setai_id))
    assert len(members) == 4
    procedure = receive(contractor, "tenshutsu")
    login_as(client, contractor)
    url = f"/procedures/{procedure.pk}/entry/"
    for look in range(1, 4):
        since = last_id()
        response = client.post(url, {"atena_bango": head.atena_bango, "search": "1"})
        assert response.status_code == 200
        assert all(m.full_name in response.content.decode() for m in members)
        (row,) = read_rows(since)
        assert row.action == AuditAction.VIEW_RESIDENT
        assert {f"jumin:{m.atena_bango}" for m in members} <= set(row.detail["whom"])
        assert AuditLog.objects.filter(action=AuditAction.VIEW_RESIDENT).count() >= look


def test_a_printed_tenshutsu_shomeisho_with_a_kojin_bango_is_flagged(
    client: Client, contractor: Any, clerk: Any
) -> None:
    example = examples.for_kind("tenshutsu", persons=1)
    head = Jumin.objects.get(atena_bango=example.entry["atena_bangos"][0])
    assert head.kojin_bango
    procedure = receive(contractor, "tenshutsu")
    procedure = services.do_enter(
        procedure, example.entry, acting_user=contractor, terminal=contractor.default_terminal
    )
    procedure = services.do_check(
        procedure, acting_user=contractor, terminal=contractor.default_terminal, all_ticked=True
    )
    procedure = services.do_approve(procedure, acting_user=clerk, terminal=clerk.default_terminal)
    slug = next(d.slug for d in documents_of(procedure) if "転出証明書" in d.name)
    login_as(client, contractor)
    since = last_id()
    response = client.get(f"/procedures/{procedure.pk}/documents/{slug}.pdf")
    assert response.status_code == 200
    (row,) = read_rows(since)
    assert row.action == AuditAction.PRINT and row.kojin_bango_shown


def test_a_change_row_carries_the_request_path(client: Client, contractor: Any) -> None:
    procedure = receive(contractor, "tenshutsu")
    login_as(client, contractor)
    since = last_id()
    client.post(
        f"/procedures/{procedure.pk}/withdraw/",
        {"reason": "来庁者が帰った", "form_token": uuid.uuid4().hex},
    )
    change = AuditLog.objects.filter(id__gt=since, action=AuditAction.CHANGE).get()
    assert change.path == f"/procedures/{procedure.pk}/withdraw/"
    assert change.ip_address == "127.0.0.1"


def test_the_audit_log_names_residents_only_to_roles_that_may_see_them(
    client: Client, contractor: Any, supervisor: Any, administrator: Any, world: dict[str, Any]
) -> None:
    person = world["person"]
    login_as(client, contractor)
    assert client.get(f"/juki/residents/{person.atena_bango}/").status_code == 200
    login_as(client, administrator)
    page = client.get("/stats/audit/").content.decode()
    assert "住民照会" in page  # who did what, and when
    assert person.full_name not in page and person.atena_bango not in page
    assert 'name="target_id"' not in page
    since = last_id()
    assert client.get("/stats/audit/", {"target_id": person.atena_bango}).status_code == 200
    (row,) = read_rows(since)
    assert row.action == AuditAction.VIEW_AUDIT and "target_id" not in row.detail
    login_as(client, supervisor)
    page = client.get("/stats/audit/").content.decode()
    assert person.full_name in page and 'name="target_id"' in page
