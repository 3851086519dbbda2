"""The 操作ログ: append-only, hash-chained, verified by manage.py verify_audit."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from counter import audit
from counter.models import AuditAction, AuditChainHead, AuditLog

from .conftest import login_as


def _three_rows() -> list[AuditLog]:
    return [
        audit.record(AuditAction.SEARCH, username="a", detail={"shimei": "ヤマダ"}),
        audit.record(
            AuditAction.VIEW_RESIDENT,
            username="a",
            target=audit.AuditTarget("jumin", "0000000019", "山田　太郎"),
        ),
        audit.record(AuditAction.PRINT, username="b"),
    ]


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_rows_chain_and_verify(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _three_rows()
    assert [r.id for r in rows] == [1, 2, 3]
    assert rows[1].prev_hash == rows[0].row_hash
    assert rows[0].at.tzinfo is not None
    call_command("verify_audit")
    assert "OK" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_application_cannot_change_or_delete_a_row() -> None:
    row = _three_rows()[0]
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.filter(pk=row.pk).update(username="x")
    with pytest.raises(PermissionError):
        AuditLog.objects.all().delete()


@pytest.mark.django_db
def test_verify_names_a_changed_row(capsys: pytest.CaptureFixture[str]) -> None:
    _three_rows()
    _raw("UPDATE counter_auditlog SET username = %s WHERE id = %s", ["mallory", 2])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert "行 2 の内容が変更されています" in capsys.readouterr().err


@pytest.mark.django_db
def test_verify_names_a_changed_row_even_with_its_hash_recomputed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _three_rows()
    row = AuditLog.objects.get(pk=2)
    row.username = "mallory"
    _raw(
        "UPDATE counter_auditlog SET username = %s, row_hash = %s WHERE id = %s",
        ["mallory", row.compute_hash(), 2],
    )
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert "行 3 の直前の行が変更または削除されています" in capsys.readouterr().err


@pytest.mark.django_db
def test_verify_names_a_removed_row(capsys: pytest.CaptureFixture[str]) -> None:
    _three_rows()
    _raw("DELETE FROM counter_auditlog WHERE id = %s", [2])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    err = capsys.readouterr().err
    assert "行 2〜2 がありません" in err


@pytest.mark.django_db
def test_verify_notices_a_cut_tail(capsys: pytest.CaptureFixture[str]) -> None:
    _three_rows()
    _raw("DELETE FROM counter_auditlog WHERE id = %s", [3])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert "末尾の行 3〜3 がありません" in capsys.readouterr().err
    assert AuditChainHead.objects.get().last_id == 3


@pytest.mark.django_db
def test_login_logout_and_failed_login_are_logged(
    client: Client, contractor, window_terminal
) -> None:
    bad = client.post(
        "/login/", {"username": "juchu1", "password": "wrong", "terminal": window_terminal.pk}
    )
    assert bad.status_code == 200
    assert "利用者IDまたはパスワードが違います" in bad.content.decode()
    ok = client.post(
        "/login/",
        {"username": "juchu1", "password": "test-pass-2026", "terminal": window_terminal.pk},
    )
    assert ok.status_code == 302
    client.post("/logout/")
    actions = list(
        AuditLog.objects.order_by("id").values_list("action", "username", "terminal_code")
    )
    assert actions == [
        (AuditAction.LOGIN_FAILED, "juchu1", ""),
        (AuditAction.LOGIN, "juchu1", "本庁1"),
        (AuditAction.LOGOUT, "juchu1", "本庁1"),
    ]


@pytest.mark.django_db
def test_supervisor_searches_the_log_by_user_resident_date_and_action(
    client: Client, supervisor
) -> None:
    _three_rows()
    login_as(client, supervisor)
    response = client.get(
        "/stats/audit/",
        {
            "username": "a",
            "action": "view_resident",
            "target_id": "0000000019",
            "date_from": "R1.5.1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "山田　太郎" in html
    assert "ヤマダ" not in html  # the search row is filtered out
    assert AuditLog.objects.filter(action=AuditAction.VIEW_AUDIT, username="kantoku1").exists()


@pytest.mark.django_db
def test_audit_search_keeps_bad_input_with_a_message(client: Client, supervisor) -> None:
    login_as(client, supervisor)
    response = client.get("/stats/audit/", {"date_from": "昭和64年1月8日", "username": "a"})
    html = response.content.decode()
    assert "昭和の期間外" in html
    assert 'value="昭和64年1月8日"' in html
    assert 'value="a"' in html


@pytest.mark.django_db
def test_audit_list_query_count_does_not_grow(
    client: Client, supervisor, django_assert_max_num_queries
) -> None:
    for _ in range(120):
        audit.record(AuditAction.SEARCH, username="a")
    login_as(client, supervisor)
    with django_assert_max_num_queries(12):
        response = client.get("/stats/audit/")
    assert response.status_code == 200
