"""Lockout per account and origin, the slow-down before it, a 管理者's unlock, the alert."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.utils import timezone

from counter.lockout import current_locks, slowdown_seconds
from counter.models import AuditAction, AuditLog

from .conftest import login_as

ATTACKER = "203.0.113.7"
COUNTER = "10.1.2.3"


def let_the_slowdown_pass() -> None:
    """Move every recorded failure two minutes back: past any slow-down, inside the lock."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=2))


def attempt(client: Client, password: str, ip: str, terminal: object, **extra: str):
    return client.post(
        "/login/",
        {"username": "juchu1", "password": password, "terminal": terminal.pk},  # type: ignore[attr-defined]
        REMOTE_ADDR=ip,
        **extra,
    )


def fail(client: Client, times: int, ip: str, terminal: object) -> None:
    for _ in range(times):
        attempt(client, "nope", ip, terminal)
        let_the_slowdown_pass()


def test_each_further_failure_makes_the_next_attempt_wait_longer() -> None:
    assert [slowdown_seconds(n) for n in range(6)] == [0, 0, 5, 15, 45, 135]


@pytest.mark.django_db
def test_failures_elsewhere_do_not_lock_the_clerk_out_at_the_counter(
    contractor, window_terminal
) -> None:
    attacker = Client()
    fail(attacker, 5, ATTACKER, window_terminal)
    locked = attempt(attacker, "test-pass-2026", ATTACKER, window_terminal)
    assert locked.status_code == 429
    assert "ロックされています" in locked.content.decode()

    at_the_counter = Client()
    response = attempt(at_the_counter, "test-pass-2026", COUNTER, window_terminal)
    assert response.status_code == 302
    assert "_auth_user_id" in at_the_counter.session


@pytest.mark.django_db
def test_the_lock_page_says_when_to_try_again(contractor, window_terminal) -> None:
    client = Client()
    fail(client, 5, ATTACKER, window_terminal)
    body = attempt(client, "test-pass-2026", ATTACKER, window_terminal).content.decode()
    lock = current_locks()[0]
    until = timezone.localtime(lock.until)
    assert f"{until.month}月{until.day}日 {until:%H}時{until:%M}分以降に再度お試し" in body
    assert "管理者に解除を依頼" in body


@pytest.mark.django_db
def test_repeated_failures_are_refused_unheard_until_the_wait_is_over(
    contractor, window_terminal
) -> None:
    client = Client()
    for _ in range(2):
        attempt(client, "nope", COUNTER, window_terminal)
    failed_rows = AuditLog.objects.filter(action=AuditAction.LOGIN_FAILED).count()
    # Even the right password is not checked while the wait lasts.
    refused = attempt(client, "test-pass-2026", COUNTER, window_terminal)
    assert refused.status_code == 429
    body = refused.content.decode()
    assert (
        "ログインの失敗が続いたため" in body
        and "秒）までこの利用者IDではログインできません" in body
    )
    assert 'value="juchu1"' in body  # what was typed stays
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action=AuditAction.LOGIN_FAILED).count() == failed_rows
    row = AuditLog.objects.filter(action=AuditAction.REFUSED).get()
    assert row.username == "juchu1" and row.detail["reason"] == "login_slowdown"
    # The wait is per origin too.
    assert attempt(Client(), "test-pass-2026", ATTACKER, window_terminal).status_code == 302

    let_the_slowdown_pass()
    assert attempt(client, "test-pass-2026", COUNTER, window_terminal).status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_origin_is_the_forwarded_address(
    contractor, window_terminal, settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    attacker = Client()
    for _ in range(5):
        # What a client writes into X-Forwarded-For itself stays on the left, ignored.
        attempt(
            attacker,
            "nope",
            proxy,
            window_terminal,
            HTTP_X_FORWARDED_FOR=f"{COUNTER}, {ATTACKER}",
        )
        let_the_slowdown_pass()
    assert [(lock.username, lock.ip_address) for lock in current_locks()] == [("juchu1", ATTACKER)]
    ok = attempt(Client(), "test-pass-2026", proxy, window_terminal, HTTP_X_FORWARDED_FOR=COUNTER)
    assert ok.status_code == 302


@pytest.mark.django_db
def test_an_administrator_unlocks_with_a_reason_that_is_logged(
    client: Client, contractor, administrator, window_terminal
) -> None:
    fail(Client(), 5, COUNTER, window_terminal)
    login_as(client, administrator)
    page = client.get("/lockouts/").content.decode()
    assert "juchu1" in page and COUNTER in page and 'name="reason"' in page

    no_reason = client.post(
        "/lockouts/unlock/",
        {"username": "juchu1", "ip_address": COUNTER, "reason": " "},
        follow=True,
    )
    assert "解除の理由を入力してください" in no_reason.content.decode()
    assert len(current_locks()) == 1

    done = client.post(
        "/lockouts/unlock/",
        {"username": "juchu1", "ip_address": COUNTER, "reason": "本人確認のうえ解除（入力誤り）"},
        follow=True,
    )
    assert "ロックを解除しました" in done.content.decode()
    assert current_locks() == []
    row = AuditLog.objects.get(action=AuditAction.UNLOCK)
    assert row.username == "kanri1"
    assert row.target_id == "juchu1"
    assert row.detail["reason"] == "本人確認のうえ解除（入力誤り）"
    assert row.detail["ip_address"] == COUNTER
    assert attempt(Client(), "test-pass-2026", COUNTER, window_terminal).status_code == 302


@pytest.mark.django_db
def test_the_supervisor_is_alerted_on_the_home_page_but_cannot_unlock(
    client: Client, contractor, supervisor, window_terminal
) -> None:
    login_as(client, supervisor)
    assert 'id="lockout-alert"' not in client.get("/").content.decode()
    fail(Client(), 5, ATTACKER, window_terminal)
    home = client.get("/").content.decode()
    assert 'id="lockout-alert"' in home
    assert "注意：ログインのロック" in home and "juchu1" in home and ATTACKER in home
    page = client.get("/lockouts/").content.decode()
    assert "juchu1" in page and 'name="reason"' not in page
    refused = client.post(
        "/lockouts/unlock/", {"username": "juchu1", "ip_address": ATTACKER, "reason": "x"}
    )
    assert refused.status_code == 403
    assert len(current_locks()) == 1


@pytest.mark.django_db
def test_window_staff_see_no_lockout_alert(
    client: Client, contractor, clerk, window_terminal
) -> None:
    fail(Client(), 5, ATTACKER, window_terminal)
    login_as(client, clerk)
    assert 'id="lockout-alert"' not in client.get("/").content.decode()
