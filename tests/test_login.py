"""Login with a terminal, lockout after 5 failures, idle and absolute session limits."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from counter.middleware import SESSION_LAST_SEEN, SESSION_LOGIN_AT, end_expired_sessions
from counter.models import AuditAction, AuditLog

from .conftest import login_as
from .factories import StaffUserFactory
from .test_lockout import let_the_slowdown_pass


@pytest.mark.django_db
def test_the_terminal_chosen_at_login_is_recorded(
    client: Client, contractor, backyard_terminal
) -> None:
    client.post(
        "/login/",
        {"username": "juchu1", "password": "test-pass-2026", "terminal": backyard_terminal.pk},
    )
    assert client.session["terminal_code"] == "本庁BY1"
    assert AuditLog.objects.get(action=AuditAction.LOGIN).terminal_code == "本庁BY1"


@pytest.mark.django_db
def test_the_assigned_terminal_is_used_when_none_is_chosen(client: Client, contractor) -> None:
    client.post("/login/", {"username": "juchu1", "password": "test-pass-2026", "terminal": ""})
    assert client.session["terminal_code"] == "本庁1"


@pytest.mark.django_db
def test_a_user_without_a_terminal_must_choose_one(client: Client, roles) -> None:
    StaffUserFactory(username="noterm", default_terminal=None, roles=["受注者"])
    response = client.post(
        "/login/", {"username": "noterm", "password": "test-pass-2026", "terminal": ""}
    )
    assert response.status_code == 200
    assert "端末を選んでください" in response.content.decode()
    assert 'value="noterm"' in response.content.decode()


@pytest.mark.django_db
def test_five_failures_lock_the_account(client: Client, contractor, window_terminal) -> None:
    for _ in range(5):
        client.post(
            "/login/", {"username": "juchu1", "password": "nope", "terminal": window_terminal.pk}
        )
        let_the_slowdown_pass()
    response = client.post(
        "/login/",
        {"username": "juchu1", "password": "test-pass-2026", "terminal": window_terminal.pk},
    )
    assert response.status_code == 429
    assert "ロックされています" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action=AuditAction.LOCKED_OUT).exists()


@pytest.mark.django_db
def test_thirty_idle_minutes_end_the_session_logged_and_activity_renews_it(
    client: Client, contractor
) -> None:
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    login_as(client, contractor)
    assert client.get("/").status_code == 200
    session = client.session
    session[SESSION_LAST_SEEN] = time.time() - 29 * 60
    session.save()
    assert client.get("/").status_code == 200  # 29 minutes: still signed in, and renewed
    assert time.time() - client.session[SESSION_LAST_SEEN] < 60
    session = client.session
    session[SESSION_LAST_SEEN] = time.time() - 30 * 60 - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]
    assert client.get("/").status_code == 302  # signed out
    row = AuditLog.objects.get(action=AuditAction.SESSION_EXPIRED)
    assert row.username == "juchu1" and row.detail == {"reason": "idle"}
    assert row.path == "/"


@pytest.mark.django_db
def test_an_idle_session_nobody_comes_back_to_is_ended_and_logged(
    client: Client, contractor
) -> None:
    login_as(client, contractor)
    assert client.get("/").status_code == 200
    key = client.session.session_key
    assert end_expired_sessions(now=time.time() + 29 * 60) == 0
    assert end_expired_sessions(now=time.time() + 31 * 60) == 1
    assert not Session.objects.filter(session_key=key).exists()
    row = AuditLog.objects.get(action=AuditAction.SESSION_EXPIRED)
    assert row.username == "juchu1"
    assert row.detail == {"reason": "idle", "noticed": "sweep"}
    assert client.get("/").status_code == 302  # the browser's session is gone


@pytest.mark.django_db
def test_a_session_ends_twelve_hours_after_login(client: Client, contractor) -> None:
    login_as(client, contractor)
    assert client.get("/").status_code == 200
    session = client.session
    session[SESSION_LOGIN_AT] = time.time() - 12 * 3600 - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]
    assert client.get("/").status_code == 302  # signed out
    assert AuditLog.objects.filter(action=AuditAction.SESSION_EXPIRED, username="juchu1").exists()


@pytest.mark.django_db
def test_next_is_followed_only_inside_the_site(client: Client, contractor, window_terminal) -> None:
    data = {"username": "juchu1", "password": "test-pass-2026", "terminal": window_terminal.pk}
    response = client.post("/login/?next=https://evil.example/", data)
    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["contractor", "clerk", "supervisor", "administrator"])
def test_each_role_has_a_home(client: Client, request: pytest.FixtureRequest, name: str) -> None:
    user = request.getfixturevalue(name)
    login_as(client, user)
    html = client.get("/").content.decode()
    heading = {
        "contractor": "窓口（受注者）",
        "clerk": "バックヤード（職員）",
        "supervisor": "監督者",
        "administrator": "管理者",
    }[name]
    assert heading in html
