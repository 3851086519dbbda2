"""Personas: a contractor, two city clerks, a supervisor, an administrator, an outsider.

`login_as(client, user)` signs a persona in the way the login page does: with a terminal
and the login time the session lifetime check reads.
"""

from __future__ import annotations

import time

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from counter.middleware import SESSION_LOGIN_AT
from counter.models import StaffUser
from counter.roles import Role, ensure_roles

from .factories import StaffUserFactory, TerminalFactory, code_pool

# Speed is the benchmarks' business (bench/), never a test's: hypothesis's per-example
# deadline (200 ms) failed parser tests when the machine's two cores were busy.
hypothesis_settings.register_profile("juki", deadline=None)
hypothesis_settings.load_profile("juki")


@pytest.fixture(autouse=True)
def _yobi_code_pool(request: pytest.FixtureRequest) -> None:
    """Every test with a database has spare 住民票コード (j870), as a city's CS gives."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if not {"db", "transactional_db", "live_server"} & names and marker is None:
        return
    transactional = bool(
        {"transactional_db", "live_server"} & names or (marker and marker.kwargs.get("transaction"))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    code_pool()


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


def _persona(username: str, display_name: str, terminal: object, *roles: Role) -> StaffUser:
    return StaffUserFactory(
        username=username, display_name=display_name, default_terminal=terminal, roles=list(roles)
    )


@pytest.fixture
def contractor(window_terminal: object) -> StaffUser:
    return _persona("juchu1", "窓口　一郎", window_terminal, Role.CONTRACTOR)


@pytest.fixture
def clerk(backyard_terminal: object) -> StaffUser:
    return _persona("shokuin1", "区役　花子", backyard_terminal, Role.CLERK)


@pytest.fixture
def second_clerk(backyard_terminal: object) -> StaffUser:
    return _persona("shokuin2", "区役　次郎", backyard_terminal, Role.CLERK)


@pytest.fixture
def supervisor(backyard_terminal: object) -> StaffUser:
    return _persona("kantoku1", "係長　三郎", backyard_terminal, Role.SUPERVISOR)


@pytest.fixture
def administrator(backyard_terminal: object) -> StaffUser:
    return _persona("kanri1", "管理　四郎", backyard_terminal, Role.ADMINISTRATOR)


@pytest.fixture
def outsider(window_terminal: object) -> StaffUser:
    """Signed in, but holding no role (e.g. an account not yet set up)."""
    return _persona("outsider", "部外　者", window_terminal)


PERSONAS = ("contractor", "clerk", "supervisor", "administrator", "outsider")


@pytest.fixture(params=PERSONAS)
def persona(request: pytest.FixtureRequest) -> StaffUser:
    return request.getfixturevalue(request.param)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many pages the every-state test requested and how many fuzz cases ran."""
    from .contract import tally

    lines = tally.lines()
    if lines:
        terminalreporter.section("no server errors")
        for line in lines:
            terminalreporter.write_line(line)
