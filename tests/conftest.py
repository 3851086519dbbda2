"""Personas: a contractor, two city clerks, a supervisor, an administrator, an outsider.

`login_as(client, user)` signs a persona in the way the login page does: with a terminal
and the login time the session lifetime check reads.
"""

from __future__ import annotations

import time

import pytest
from django.test import Client

from counter.middleware import SESSION_LOGIN_AT
from counter.models import StaffUser
from counter.roles import Role, ensure_roles

from .factories import StaffUserFactory, TerminalFactory


def login_as(client: Client, user: StaffUser) -> Client:
    client.force_login(user)
    session = client.session
    terminal = user.default_terminal
    session["terminal_code"] = terminal.code if terminal else ""
    session["terminal_id"] = terminal.pk if terminal else None
    session[SESSION_LOGIN_AT] = time.time()
    session.save()
    return client


@pytest.fixture
def roles(db: None) -> None:
    ensure_roles()


@pytest.fixture
def window_terminal(roles: None) -> object:
    return TerminalFactory(code="本庁1", name="窓口1", place="本庁", printer_name="プリンタ001")


@pytest.fixture
def backyard_terminal(roles: None) -> object:
    return TerminalFactory(
        code="本庁BY1", name="バックヤード1", place="本庁", printer_name="プリンタ011"
    )


@pytest.fixture
def contractor(window_terminal: object) -> StaffUser:
    return StaffUserFactory(
        username="juchu1",
        display_name="窓口　一郎",
        default_terminal=window_terminal,
        roles=[Role.CONTRACTOR],
    )


@pytest.fixture
def clerk(backyard_terminal: object) -> StaffUser:
    return StaffUserFactory(
        username="shokuin1",
        display_name="区役　花子",
        default_terminal=backyard_terminal,
        roles=[Role.CLERK],
    )


@pytest.fixture
def second_clerk(backyard_terminal: object) -> StaffUser:
    return StaffUserFactory(
        username="shokuin2",
        display_name="区役　次郎",
        default_terminal=backyard_terminal,
        roles=[Role.CLERK],
    )


@pytest.fixture
def supervisor(backyard_terminal: object) -> StaffUser:
    return StaffUserFactory(
        username="kantoku1",
        display_name="係長　三郎",
        default_terminal=backyard_terminal,
        roles=[Role.SUPERVISOR],
    )


@pytest.fixture
def administrator(backyard_terminal: object) -> StaffUser:
    return StaffUserFactory(
        username="kanri1",
        display_name="管理　四郎",
        default_terminal=backyard_terminal,
        roles=[Role.ADMINISTRATOR],
    )


@pytest.fixture
def outsider(window_terminal: object) -> StaffUser:
    """Signed in, but holding no role (e.g. an account not yet set up)."""
    return StaffUserFactory(
        username="outsider", display_name="部外　者", default_terminal=window_terminal
    )


PERSONAS = ("contractor", "clerk", "supervisor", "administrator", "outsider")


@pytest.fixture(params=PERSONAS)
def persona(request: pytest.FixtureRequest) -> StaffUser:
    return request.getfixturevalue(request.param)
